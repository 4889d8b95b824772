/**
 * The build under careless and hostile input, run like `npm run build` on a temporary copy of
 * the bad-content fixture (test/fixtures/bad-content), with hostile files the test writes
 * itself: symlinks out of content/, odd file names, huge fields, duplicate codes, bad bytes,
 * and a damaged cache. Each asserts the named problem and that the rest of the archive is intact.
 * Builds that collide or are killed: test/build-locks.test.ts.
 */
import { cpSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLinks } from '../scripts/mirror/links.ts';
import { listFiles } from '../scripts/mirror/manifest.ts';
import { serve, type RunningServer } from '../scripts/mirror/serve.ts';
import { BUILDS_TIMEOUT, expectWholeSite, fixtureCopy, program } from './helpers/bad-content.ts';
import { buildSite } from './helpers/build.ts';

const SECRET = 'root:x:0:0:hostile-test-secret';
const ODD_NAMES = ['a#b.pdf', 'q?x=1.pdf', 'talk%20v2.pdf', 'with space.pdf', '発表資料.pdf'];

describe('an archive with hostile files', () => {
  let outDir = '';
  let cacheDir = '';
  let content = '';
  let problems: [string, string | null, string, string][] = [];
  let server: RunningServer;

  beforeAll(async () => {
    const copy = fixtureCopy();
    ({ content, cacheDir } = copy);
    const materials = path.join(content, 'materials/2024');
    for (const name of ODD_NAMES) cpSync(path.join(materials, 'ok.pdf'), path.join(materials, name));
    writeFileSync(path.join(content, 'programs/2024/o20.md'), program('O20', `materials:\n${ODD_NAMES.map((name) => `  - file: ${JSON.stringify(name)}`).join('\n')}`));
    // Links out of content/: a folder (etclink → outside/), a PDF elsewhere, a chain ending outside.
    writeFileSync(path.join(copy.root, 'passwd'), SECRET);
    cpSync(path.join(materials, 'ok.pdf'), path.join(copy.root, 'elsewhere.pdf'));
    symlinkSync(copy.root, path.join(materials, 'etclink'));
    symlinkSync(path.join(copy.root, 'elsewhere.pdf'), path.join(materials, 'elsewhere.pdf'));
    symlinkSync('elsewhere.pdf', path.join(materials, 'chain.pdf'));
    writeFileSync(path.join(content, 'programs/2024/o21.md'), program('O21', 'materials:\n  - file: etclink/passwd\n  - file: elsewhere.pdf\n  - file: chain.pdf'));
    // Huge fields: a 5 MB title, a 3,000-character title.
    writeFileSync(path.join(content, 'programs/2024/o22.md'), program('O22').replace('O22 のプログラム', 'x'.repeat(5 * 1024 * 1024)));
    writeFileSync(path.join(content, 'programs/2024/o23.md'), program('O23').replace('O23 のプログラム', 'y'.repeat(3000)));
    // Duplicates of O1 that sort before and after o1.md, and a code disagreeing with its file name.
    writeFileSync(path.join(content, 'programs/2024/O1.md'), program('O1').replace('O1 のプログラム', '偽物'));
    writeFileSync(path.join(content, 'programs/2024/o01.md'), program('O1').replace('O1 のプログラム', '偽物'));
    writeFileSync(path.join(content, 'programs/2024/x9.md'), program('X10'));
    // Shift_JIS bytes in a UTF-8 archive.
    writeFileSync(path.join(content, 'programs/2024/o24.md'), Buffer.concat([Buffer.from(program('O24').slice(0, 20)), Buffer.from([0x93, 0xfa, 0x96, 0x7b]), Buffer.from('\n')]));
    const site = buildSite({ content, cacheDir });
    expect(site.status).toBe(0);
    outDir = site.outDir;
    problems = site.report.problems.map(({ file, field, kind, message }) => [file, field ?? null, kind, message]);
    server = await serve(outDir);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('names every hostile file with its problem', () => {
    const named = problems.map(([file, field, kind]) => [file, field, kind]);
    expect(named).toEqual(
      expect.arrayContaining([
        ['content/programs/2024/o21.md', 'materials.0.file', 'path'],
        ['content/programs/2024/o21.md', 'materials.1.file', 'path'],
        ['content/programs/2024/o21.md', 'materials.2.file', 'path'],
        ['content/programs/2024/o22.md', null, 'schema'],
        ['content/programs/2024/o23.md', 'title', 'schema'],
        ['content/programs/2024/O1.md', 'code', 'duplicate'],
        ['content/programs/2024/o01.md', 'code', 'duplicate'],
        ['content/programs/2024/x9.md', 'code', 'schema'],
        ['content/programs/2024/o24.md', null, 'front-matter'],
      ]),
    );
    // The fixture's own thirteen problems (test/bad-input.test.ts), and one per hostile input above.
    expect(problems).toHaveLength(13 + 9);
    const message = (file: string, field: string | null) => problems.find(([f, d]) => f === file && d === field)?.[3] ?? '';
    expect(message('content/programs/2024/o21.md', 'materials.0.file')).toContain('found a symbolic link content/materials/2024/etclink →');
    expect(message('content/programs/2024/o21.md', 'materials.2.file')).toContain('found a symbolic link content/materials/2024/chain.pdf → elsewhere.pdf');
    expect(message('content/programs/2024/o22.md', null)).toMatch(/^expected a content file of at most 1,000,000 bytes; found 5,24\d,\d{3} bytes \(skipped unread\)$/u);
    expect(message('content/programs/2024/o24.md', null)).toBe('expected UTF-8 text; found bytes that are not UTF-8 (0x93 0xFA 0x96 0x7B) at byte offset 20 (the file was skipped; save it as UTF-8)');
    expect(message('content/programs/2024/x9.md', 'code')).toContain('the file x9.md names X9, the front matter says code "X10"');
  });

  it('publishes nothing from outside content/', () => {
    for (const file of listFiles(outDir)) expect(readFileSync(path.join(outDir, file), 'latin1')).not.toContain('hostile-test-secret');
    expect(existsSync(path.join(outDir, 'materials/2024/etclink'))).toBe(false);
    expect(existsSync(path.join(outDir, 'materials/2024/elsewhere.pdf'))).toBe(false);
    expect(existsSync(path.join(outDir, '2024/x10'))).toBe(false);
  });

  it('keeps the real O1 with its deck, and builds the rest whole', () => {
    const o1 = readFileSync(path.join(outDir, '2024/o1/index.html'), 'utf8');
    expect(o1).toContain('正しいプログラム');
    expect(o1).not.toContain('偽物');
    expect(existsSync(path.join(outDir, 'materials/2024/ok.pdf'))).toBe(true);
    expect(existsSync(path.join(outDir, '2024/o21/index.html'))).toBe(true);
    expect(checkLinks(outDir).broken).toEqual([]);
    expectWholeSite(outDir);
  });

  it('publishes files with # ? % spaces and Japanese in their names, and every link to them answers 200 from a real server', async () => {
    for (const name of ODD_NAMES) expect(readFileSync(path.join(outDir, 'materials/2024', name), 'latin1')).toMatch(/^%PDF/u);
    const decks = readdirSync(path.join(outDir, '2024/o20'), { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(decks).toHaveLength(ODD_NAMES.length);
    const pages = ['2024/o20/', ...decks.map((deck) => `2024/o20/${deck.name}/`)];
    const wanted = new Set<string>();
    for (const page of pages) {
      const pageUrl = new URL(page, server.url);
      const html = await (await fetch(pageUrl)).text();
      for (const [, href = ''] of html.matchAll(/\s(?:href|src)="([^"]+)"/gu)) {
        const url = new URL(href.replaceAll('&amp;', '&'), pageUrl);
        if (url.origin !== pageUrl.origin) continue;
        if (/materials|thumbs/u.test(url.pathname)) wanted.add(`${url.pathname}${url.hash}`);
      }
    }
    const pdfs = [...wanted].filter((url) => url.includes('/materials/'));
    // Each PDF is linked as a whole file and at #page=1.
    for (const name of ODD_NAMES) {
      expect(pdfs).toContain(`/materials/2024/${encodeURIComponent(name)}`);
      expect(pdfs).toContain(`/materials/2024/${encodeURIComponent(name)}#page=1`);
    }
    expect([...wanted].some((url) => url.includes('/thumbs/'))).toBe(true);
    for (const url of wanted) {
      const answer = await fetch(new URL(url.replace(/#.*$/u, ''), server.url));
      expect([url, answer.status]).toEqual([url, 200]);
      await answer.arrayBuffer();
    }
  });

  it('rebuilds a damaged thumbnail and search bundle from their sources, with a notice', async () => {
    const thumbs = listFiles(path.dirname(cacheDir)).filter((name) => name.startsWith('pdf/') && name.endsWith('.webp'));
    const searchFiles = listFiles(path.dirname(cacheDir)).filter((name) => name.startsWith('search/') && name.includes('pf_fragment'));
    expect(thumbs.length).toBeGreaterThan(0);
    expect(searchFiles.length).toBeGreaterThan(0);
    const thumb = path.join(path.dirname(cacheDir), thumbs[0] ?? '');
    writeFileSync(thumb, readFileSync(thumb).subarray(0, 40));
    const fragment = path.join(path.dirname(cacheDir), searchFiles[0] ?? '');
    const bytes = readFileSync(fragment);
    bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 0xff;
    writeFileSync(fragment, bytes);

    const again = buildSite({ content, cacheDir, outDir });
    expect(again.status).toBe(0);
    const notices = again.report.notices.map(({ file, message }) => `${file}: ${message}`);
    expect(notices).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^content\/materials\/2024\/.+: cache entry .+ thumbnail p\d+-w\d+\.webp: 40 bytes that do not match the SHA-256 recorded when it was written; parsed again$/u),
        expect.stringMatching(/^cache\/search: search cache entry .+ does not match; indexed again$/u),
      ]),
    );
    // What is published decodes, and the cache holds whole files again.
    for (const file of listFiles(outDir).filter((name) => name.endsWith('.webp'))) {
      await expect(sharp(path.join(outDir, file)).raw().toBuffer()).resolves.toBeInstanceOf(Buffer);
    }
    expect(statSync(thumb).size).toBeGreaterThan(40);
    expectWholeSite(outDir);
  }, BUILDS_TIMEOUT);
});
