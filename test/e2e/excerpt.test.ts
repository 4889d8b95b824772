/**
 * Search excerpts show text as written, in headless Chromium with the real
 * Pagefind web bundle: a page whose text reads `&lt;` literally (a slide about
 * HTML escaping) keeps `&lt;` in its excerpt, a real `<script>` stays text, and
 * hits are still marked. Pagefind's own excerpt turns `&lt;` into `<`.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as pagefind from 'pagefind';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBrowserNormaliser } from '../../scripts/search/index.ts';
import { serve, type RunningServer } from '../../scripts/serve.ts';
import { launchBrowser } from '../helpers/browser.ts';

// As the page's HTML carries it: the text reads "Write &lt; to get <", "<script>" and "&amp;".
const TEXT = 'エスケープ escaping: write &amp;lt; to get &lt; and &lt;script&gt; stays text, &amp;amp; too';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  const site = mkdtempSync(path.join(tmpdir(), 'iw-excerpt-'));
  const { index } = await pagefind.createIndex({ forceLanguage: 'ja' });
  if (!index) throw new Error('pagefind: no index');
  await index.addHTMLFile({ url: '/slide/', content: `<html lang="ja"><body><main data-pagefind-body><h1>HTML</h1><p>${TEXT}</p></main></body></html>` });
  await index.writeFiles({ outputPath: path.join(site, 'pagefind') });
  await pagefind.close();
  writeBrowserNormaliser(site);
  mkdirSync(path.join(site, 'assets'), { recursive: true });
  writeFileSync(
    path.join(site, 'index.html'),
    `<!doctype html><meta charset="utf-8"><p id="ours"></p><p id="theirs"></p><script type="module">
import { faithfulExcerpt } from './assets/search-excerpt.js';
const pagefind = await import('./pagefind/pagefind.js');
await pagefind.options({ excerptLength: 24, noWorker: true });
const search = await pagefind.search('escaping');
const data = await search.results[0].data();
document.getElementById('ours').innerHTML = faithfulExcerpt(data, data);
document.getElementById('theirs').innerHTML = data.excerpt;
document.body.dataset.done = '1';
</script>`,
  );
  server = await serve(site);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('search excerpts', () => {
  it('show a literal &lt; as written, markup as text, and mark the hit', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => document.body.dataset.done === '1', null, { timeout: 30_000 });
    const ours = await page.evaluate(() => ({ text: document.getElementById('ours')?.textContent ?? '', marks: [...document.querySelectorAll('#ours mark')].map((mark) => mark.textContent), scripts: document.querySelectorAll('#ours script').length }));
    const theirs = await page.evaluate(() => ({ text: document.getElementById('theirs')?.textContent ?? '', marks: [...document.querySelectorAll('#theirs mark')].map((mark) => mark.textContent) }));
    expect(ours.text).toContain('write &lt; to get < and <script> stays text, &amp; too');
    // The same words marked as Pagefind marks them.
    expect(ours.marks).toEqual(theirs.marks);
    expect(ours.marks.join('')).toContain('escaping');
    expect(ours.scripts).toBe(0);
    // What Pagefind alone shows: the literal entity is lost.
    expect(theirs.text).toContain('write < to get <');
  });
});
