/**
 * The mirror as an operator gets it: the fixture archive (test/e2e/fixture.ts) built by
 * the real build, packaged by `npm run mirror`'s packager, unpacked from the .tar.gz,
 * served by Debian's nginx (started here on a free loopback port, with the package's
 * CSP header and 404 page, under a sub-path) and opened from disk, in headless Chromium.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractTarGz } from '../../scripts/mirror/archive.ts';
import { packageMirror, type PackageResult } from '../../scripts/mirror/package.ts';
import { main as verifyMain } from '../../scripts/mirror/verify.ts';
import type { MirrorManifest } from '../../src/lib/mirror/package.ts';
import { nginxStandalone } from '../../src/lib/mirror/server-config.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { buildSite, PROJECT_ROOT } from '../helpers/build.ts';
import { runCli } from '../helpers/cli.ts';
import { fixtureContent } from './fixture.ts';

const BASE = '/mirror/sub/';
let work: string;
let content: string;
let built: { outDir: string; reportDir: string };
let pkg: PackageResult;
let unpacked: string;
let nginx: ChildProcess | undefined;
let serverUrl: string;
let browser: Browser;

function build(outName: string) {
  const site = buildSite({ content, workDir: work, outDir: path.join(work, outName), cacheDir: path.join(work, 'cache', 'pdf'), args: ['--thumbs', 'first'] });
  if (site.status !== 0) throw new Error(`build failed (${site.status}):\n${site.stderr}`);
  return site;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function startNginx(siteRoot: string, policy: string): Promise<string> {
  const port = await freePort();
  const prefix = path.join(work, 'nginx');
  mkdirSync(prefix, { recursive: true });
  writeFileSync(path.join(prefix, 'nginx.conf'), nginxStandalone({ base: BASE, root: `${siteRoot}/`, policy, listen: `127.0.0.1:${port}`, prefix }));
  nginx = spawn('/usr/sbin/nginx', ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', path.join(prefix, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  nginx.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}${BASE}`;
  // Wait until nginx answers (or has exited with an error).
  for (;;) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited ${nginx.exitCode}: ${stderr}`);
    try {
      await fetch(url);
      return url;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** A page that records CSP violations and every request leaving the loopback (aborted: the network is unplugged). */
async function recordingPage(): Promise<{ page: Page; violations: string[]; outside: string[] }> {
  const page = await browser.newPage();
  const violations: string[] = [];
  const outside: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/iu.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction('__reportViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportViolation: (text: string) => void }).__reportViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'file:' || url.hostname === '127.0.0.1') await route.continue();
    else {
      outside.push(url.href);
      await route.abort();
    }
  });
  return { page, violations, outside };
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** `npm run verify` as a child process: the exit code and stderr are the real process's. */
function verifyCli(target: string) {
  return spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/mirror/verify.ts'), target], { encoding: 'utf8' });
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'iw-mirror-'));
  // nginx's workers run as an unprivileged user when started by root: they must be able to read the mirror.
  chmodSync(work, 0o755);
  content = await fixtureContent();
  // A catalog video whose title names its program (IW2019 K1), so the program page has a player.
  mkdirSync(path.join(content, 'videos', 'catalog'), { recursive: true });
  writeFileSync(
    path.join(content, 'videos', 'catalog', 'mirrorK1vid.yaml'),
    'id: mirrorK1vid\nplatform: youtube\nurl: https://www.youtube.com/watch?v=mirrorK1vid\ntitle: IW2019 K1 サイバー攻撃の最新動向\npublished: 2019-11-26\n',
  );
  built = build('dist');
  pkg = await packageMirror({ siteDir: built.outDir, reportDir: built.reportDir, outDir: path.join(work, 'package'), base: BASE });
  const into = path.join(work, 'unpacked');
  const top = await extractTarGz(pkg.archive, into);
  unpacked = path.join(into, top[0] ?? '');
  serverUrl = await startNginx(path.join(unpacked, 'site'), readFileSync(path.join(unpacked, 'server', 'csp.txt'), 'utf8').trim());
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  nginx?.kill('SIGTERM');
});

describe('the mirror package', () => {
  it('is a dated archive with the site, server configs, manifest.json and SHA256SUMS', () => {
    expect(path.basename(pkg.archive)).toBe('iw-archive-20241122.tar.gz'); // the fixture's newest event ends 2024-11-22
    for (const name of ['README.txt', 'manifest.json', 'SHA256SUMS', 'site/index.html', 'server/nginx.conf', 'server/apache.htaccess', 'server/redirects-nginx.conf', 'server/redirects-apache.conf']) {
      expect(existsSync(path.join(unpacked, name)), name).toBe(true);
    }
    const check = spawnSync('sha256sum', ['--quiet', '-c', 'SHA256SUMS'], { cwd: unpacked, encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
  });

  it('lists every file with size and hash, and every material with its program, original URL and outcome', () => {
    const manifest = JSON.parse(readFileSync(path.join(unpacked, 'manifest.json'), 'utf8')) as MirrorManifest;
    const pdf = manifest.files.find((file) => file.path === 'site/materials/2024/t1-yamada.pdf');
    expect(pdf).toEqual({ path: 'site/materials/2024/t1-yamada.pdf', bytes: readFileSync(path.join(unpacked, pdf?.path ?? '')).length, sha256: sha256(path.join(unpacked, 'site/materials/2024/t1-yamada.pdf')) });
    expect(manifest.materials).toContainEqual(expect.objectContaining({ program: 'iw2024-t1', file: '/materials/2024/t1-yamada.pdf', page: '/2024/t1/t1-yamada/', outcome: 'ok' }));
    expect(manifest.materials).toHaveLength(3);
  });

  it('packs the same bytes again from the same build', async () => {
    const again = await packageMirror({ siteDir: built.outDir, reportDir: built.reportDir, outDir: path.join(work, 'package-again'), base: BASE });
    expect(sha256(again.archive)).toBe(sha256(pkg.archive));
  });

  it('verifies as archive and as folder, and names missing, changed and extra files with exit 1', async () => {
    // In-process (its main) for the two clean copies, a child process for the damaged one.
    expect(await runCli(verifyMain, [pkg.archive])).toMatchObject({ status: 0, stderr: '' });
    const copy = path.join(work, 'copy');
    cpSync(unpacked, copy, { recursive: true });
    expect(await runCli(verifyMain, [copy])).toMatchObject({ status: 0, stderr: '' });
    appendFileSync(path.join(copy, 'site/2024/t1/index.html'), '<!-- edited -->');
    rmSync(path.join(copy, 'site/materials/2012/h3-dns.pdf'));
    writeFileSync(path.join(copy, 'site/extra.txt'), 'not from the build');
    const result = verifyCli(copy);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('changed: site/2024/t1/index.html');
    expect(result.stderr).toContain('missing: site/materials/2012/h3-dns.pdf');
    expect(result.stderr).toContain('extra (not in the manifest): site/extra.txt');
  });
});

describe('served by nginx under a sub-path', () => {
  it('sends the CSP header with pages and the 404 page', async () => {
    const home = await fetch(serverUrl);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-security-policy')).toContain("'wasm-unsafe-eval'");
    // Text goes compressed (fetch asks for gzip and undoes it); Pagefind's own files are gzip already.
    expect(home.headers.get('content-encoding')).toBe('gzip');
    expect(await home.text()).toContain('</html>');
    const entry = JSON.parse(await (await fetch(new URL('pagefind/pagefind-entry.json', serverUrl))).text()) as { languages: Record<string, { hash: string }> };
    const meta = await fetch(new URL(`pagefind/pagefind.${Object.values(entry.languages)[0]?.hash ?? ''}.pf_meta`, serverUrl));
    expect(meta.status).toBe(200);
    expect(meta.headers.get('content-encoding')).toBeNull();
    const missing = await fetch(new URL('no/such/page/', serverUrl));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
  });

  it('shows pages, thumbnails and PDFs by clicking, searches, plays a video, with no CSP violation and nothing fetched elsewhere before play', async () => {
    const { page, violations, outside } = await recordingPage();
    await page.goto(serverUrl);
    await page.click('a[href="2024/index.html"]');
    await page.click('a[href="t1/index.html"]');
    expect(page.url()).toBe(`${serverUrl}2024/t1/index.html`);
    const thumb = page.locator('img[src$=".webp"]').first();
    await thumb.waitFor();
    expect(await thumb.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    const pdfHref = await page.locator('a[href$=".pdf"]').first().getAttribute('href');
    const pdf = await page.request.get(new URL(pdfHref ?? '', page.url()).href);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    await page.goto(`${serverUrl}search/index.html?q=BGP`);
    await page.waitForFunction(() => ['done', 'empty', 'error'].includes(document.getElementById('search')?.dataset.state ?? ''), null, { timeout: 30_000 });
    expect(await page.getAttribute('#search', 'data-state')).toBe('done');
    expect(await page.locator('.search-result').count()).toBeGreaterThan(0);
    expect(await page.locator('#disk-finder').isHidden()).toBe(true);
    expect(outside).toEqual([]);

    await page.goto(`${serverUrl}2019/k1/index.html`);
    await page.locator('.video-play').first().click();
    await page.locator('iframe').first().waitFor({ state: 'attached' });
    expect(await page.locator('iframe').first().getAttribute('src')).toMatch(/^https:\/\/www\.youtube-nocookie\.com\/embed\//u);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('offers the finder when the full-text search cannot load', async () => {
    const { page } = await recordingPage();
    await page.route('**/pagefind/**', (route) => route.abort());
    await page.goto(`${serverUrl}search/index.html?q=${encodeURIComponent('鈴木')}`);
    await page.locator('#disk-finder').waitFor({ state: 'visible' });
    expect(await page.locator('#disk-finder-results li a').allTextContents()).toEqual(['2012 H3 DNSサーバ構築ハンズオン']);
    await page.close();
  });

  it('serves the 404 page with links that lead back into the mirror from any depth', async () => {
    const { page, violations } = await recordingPage();
    await page.goto(`${serverUrl}2024/no/such/page/`);
    await page.waitForFunction(() => document.documentElement.dataset.root !== undefined);
    expect(await page.locator('html').getAttribute('data-root')).toBe(serverUrl);
    await page.getByRole('link', { name: '講演者' }).first().click();
    expect(page.url()).toBe(`${serverUrl}speakers/index.html`);
    expect(await page.locator('h1').textContent()).toContain('講演者');
    expect(violations).toEqual([]);
    await page.close();
  });
});

describe('opened from disk', () => {
  it('reaches every level by clicking, down to the PDF file', async () => {
    const { page, violations, outside } = await recordingPage();
    const root = pathToFileURL(path.join(unpacked, 'site')).href;
    await page.goto(`${root}/index.html`);
    await page.click('a[href="2012/index.html"]');
    await page.click('a[href="h3/index.html"]');
    await page.click('a[href="h3-dns/index.html"]');
    expect(page.url()).toBe(`${root}/2012/h3/h3-dns/index.html`);
    const pdfHref = await page.locator('a[href$=".pdf"]').first().getAttribute('href');
    const pdfFile = new URL(pdfHref ?? '', page.url());
    expect(existsSync(pdfFile)).toBe(true);
    // Every link of the page names a file, never a folder (a folder opens as a listing from disk).
    const hrefs = await page.$$eval('a[href]', (links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(hrefs.filter((href) => !/^(https?:|mailto:|#)/u.test(href) && /\/$|^\.?\.?$/u.test(href.split('#')[0] ?? ''))).toEqual([]);
    expect(violations).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  });

  it('explains that full-text search needs a web server and finds programs by code, title, speaker and year', async () => {
    const { page, violations } = await recordingPage();
    const root = pathToFileURL(path.join(unpacked, 'site')).href;
    // The header's search box sends ?q= to the search page; from disk the finder takes it.
    await page.goto(`${root}/2019/e1/index.html`);
    await page.fill('#site-search', '2024 t1');
    await page.press('#site-search', 'Enter');
    await page.waitForURL(`${root}/search/index.html?q=2024+t1`);
    await page.locator('#disk-finder').waitFor({ state: 'visible' });
    expect(await page.textContent('#disk-finder-why')).toContain('ウェブサーバ');
    await page.locator('#disk-finder-results li').first().waitFor();
    expect(await page.locator('#disk-finder-results li').count()).toBe(1);
    await page.fill('#disk-finder-q', '鈴木一郎');
    expect(await page.locator('#disk-finder-results li a').allTextContents()).toEqual(['2012 H3 DNSサーバ構築ハンズオン']);
    await page.fill('#disk-finder-q', 'サイバー');
    await page.locator('#disk-finder-results li a').first().click();
    expect(page.url()).toBe(`${root}/2019/k1/index.html`);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('finds the archive page of a pasted old URL', async () => {
    const { page } = await recordingPage();
    const root = pathToFileURL(path.join(unpacked, 'site')).href;
    await page.goto(`${root}/old-links/index.html`);
    await page.fill('#old-link-url', 'http://nic.ad.jp/ja/materials/iw/2024/T1-YAMADA.pdf');
    await page.click('#old-link-form button');
    await page.locator('#old-link-result a').click();
    expect(page.url()).toBe(`${root}/2024/t1/t1-yamada/index.html`);
    await page.close();
  });
});

describe('an update', () => {
  it('changes only the files whose content changed: the program, pages listing it, search and data files', () => {
    const program = path.join(content, 'programs/2019/e1.md');
    writeFileSync(program, readFileSync(program, 'utf8').replace('title: Routing Security with RPKI', 'title: Routing Security with RPKI and ASPA'));
    const rebuilt = build('dist-updated');
    const sums = (dir: string) => new Map(readFileSync(path.join(dir, 'MANIFEST.sha256'), 'utf8').trim().split('\n').map((line) => [line.slice(66), line.slice(0, 64)] as const));
    const before = sums(built.outDir);
    const after = sums(rebuilt.outDir);
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((name) => before.get(name) !== after.get(name)).sort();
    expect(changed).toContain('2019/e1/index.html');
    for (const name of changed) {
      if (name.endsWith('.html')) expect(readFileSync(path.join(rebuilt.outDir, name), 'utf8'), name).toContain('RPKI and ASPA');
      // Besides pages: the search index, the data, and the files that carry the title (the year's calendar, the feed).
      else expect(name).toMatch(/^(pagefind[^/]*\/|data\/|\d{4}\/timetable\.ics$|feed\.xml$)/u);
    }
    expect(changed.filter((name) => /^(materials|thumbs|assets)\//u.test(name))).toEqual([]);
    // Pagefind names fragments by content: a changed page's fragment goes under one name and comes under another.
    const changedPages = changed.filter((name) => name.endsWith('.html'));
    const changedFragments = changed.filter((name) => name.startsWith('pagefind/fragment/'));
    expect(changedFragments.length).toBeLessThanOrEqual(2 * changedPages.length);
    expect(changedPages.length).toBeLessThan([...before.keys()].filter((name) => name.endsWith('.html')).length / 4);
  });
});
