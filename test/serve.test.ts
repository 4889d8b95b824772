/**
 * scripts/mirror/serve.ts against hostile requests, over real HTTP: nothing outside the
 * served folder comes back, whether asked with "..", its percent-encoded forms,
 * an encoded slash or a symlink; odd file names are served at their encoded URLs.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../scripts/mirror/serve.ts';
import { writeTree } from './helpers/tree.ts';

const SECRET = 'secret-key-material';
const LONG_PAGE = `<p>${'インターネットの経路制御 '.repeat(300)}</p>`;
let root: string;
let server: RunningServer;
let based: RunningServer;

/** GET with the path exactly as written (fetch and URL would normalise the dots away). */
function get(running: RunningServer, rawPath: string): Promise<{ status: number; body: string; location: string | undefined }> {
  const { hostname, port } = new URL(running.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, location: response.headers.location }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  root = writeTree({
    'site/index.html': '<p>home</p>',
    'site/404.html': '<p>not here</p>',
    'site/2024/o1/index.html': '<p>o1</p>',
    'site/2024/long/index.html': LONG_PAGE,
    'site/pagefind/pagefind.ja_1.pf_meta': 'already gzip'.repeat(200),
    'site/materials/2024/a#b?c%20d.pdf': 'pdf-odd',
    'site/materials/2024/発表 資料.pdf': 'pdf-ja',
    'site-secret/key.txt': SECRET,
    'outside/key.txt': SECRET,
  });
  const site = path.join(root, 'site');
  symlinkSync(path.join(root, 'outside'), path.join(site, 'folder-link'));
  symlinkSync(path.join(root, 'outside/key.txt'), path.join(site, 'file-link.txt'));
  symlinkSync(path.join(site, 'file-link.txt'), path.join(site, 'chain-link.txt'));
  mkdirSync(path.join(site, 'inside'), { recursive: true });
  symlinkSync(path.join(site, 'materials'), path.join(site, 'inside/materials-link'));
  writeFileSync(path.join(site, '.hidden'), SECRET);
  server = await serve(site);
  based = await serve(site, { base: '/archive/iw/' });
});

afterAll(async () => {
  await server.close();
  await based.close();
});

describe('the static server', () => {
  it('serves the site, odd file names at their percent-encoded URLs, and redirects folders to their slash', async () => {
    expect((await get(server, '/')).body).toBe('<p>home</p>');
    expect((await get(server, '/2024/o1/')).body).toBe('<p>o1</p>');
    expect(await get(server, '/2024/o1')).toMatchObject({ status: 301, location: '/2024/o1/' });
    expect(await get(server, `/materials/2024/${encodeURIComponent('a#b?c%20d.pdf')}`)).toMatchObject({ status: 200, body: 'pdf-odd' });
    expect(await get(server, `/materials/2024/${encodeURIComponent('発表 資料.pdf')}`)).toMatchObject({ status: 200, body: 'pdf-ja' });
    expect(await get(server, '/nothing/')).toMatchObject({ status: 404, body: '<p>not here</p>' });
  });

  it("compresses pages for browsers that accept it, and leaves Pagefind's gzipped index files alone", async () => {
    const page = await fetch(new URL('2024/long/', server.url), { headers: { 'accept-encoding': 'gzip' } });
    expect(page.headers.get('content-encoding')).toBe('gzip');
    expect(await page.text()).toBe(LONG_PAGE);
    const plain = await get(server, '/2024/long/');
    expect(plain.body).toBe(LONG_PAGE);
    const index = await fetch(new URL('pagefind/pagefind.ja_1.pf_meta', server.url), { headers: { 'accept-encoding': 'gzip, br' } });
    expect(index.headers.get('content-encoding')).toBeNull();
    expect(index.headers.get('content-type')).toBe('application/octet-stream');
  });

  it('keeps the base path in redirects and sends other paths to the base', async () => {
    expect((await get(based, '/archive/iw/2024/o1/')).body).toBe('<p>o1</p>');
    expect(await get(based, '/archive/iw/2024/o1')).toMatchObject({ status: 301, location: '/archive/iw/2024/o1/' });
    expect(await get(based, '/elsewhere/')).toMatchObject({ status: 302, location: '/archive/iw/' });
  });

  const escapes = [
    '/../site-secret/key.txt',
    '/..%2Fsite-secret/key.txt',
    '/%2e%2e/site-secret/key.txt',
    '/%2e%2e%2fsite-secret%2fkey.txt',
    '/%2E%2E%2Foutside%2Fkey.txt',
    '/2024/%2e%2e/%2e%2e/%2e%2e/outside/key.txt',
    '/..%5coutside%5ckey.txt',
    '/folder-link/key.txt',
    '/file-link.txt',
    '/chain-link.txt',
    '/.hidden',
    '/%00/../outside/key.txt',
  ];
  for (const rawPath of escapes) {
    it(`gives nothing from outside the site for ${rawPath}`, async () => {
      for (const [running, prefix] of [[server, ''], [based, '/archive/iw']] as const) {
        const answer = await get(running, `${prefix}${rawPath}`);
        expect(answer.body).not.toContain(SECRET);
        expect(answer.status).toBeGreaterThanOrEqual(300);
      }
    });
  }

  it('follows a symlink that stays inside the site', async () => {
    expect(await get(server, `/inside/materials-link/2024/${encodeURIComponent('発表 資料.pdf')}`)).toMatchObject({ status: 200, body: 'pdf-ja' });
  });
});
