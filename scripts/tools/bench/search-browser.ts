/**
 * First searches in headless Chromium, our search page beside the engine's floor on the same
 * bundle: a bare page (bare/, written here) that only imports pagefind.js, merges the same
 * shards the site uses, searches, loads the first result and puts its title on screen; and our
 * page's shell (shell/, written here): the search page's own HTML, styles and header with the bare
 * page's script in place of ours, which tells the cost of the page from the cost of its script.
 *
 * For each round and query, each page is opened in a fresh browser context (empty cache), the three
 * taking turns at going first. Recorded per load, on the page's own clock: the time from
 * navigation start until the first result is on screen (a MutationObserver installed before any
 * script runs sees the first `.search-result`), the bytes transferred until then (resource timing:
 * the document and every response finished by that moment; the server sends no compression), the
 * bytes of the whole first search once the network is idle, and when each stage of the load chain
 * (page, pagefind.js, shard list, entry, metadata, wasm, index chunk, fragment) finished.
 *
 *   node scripts/tools/bench/search-browser.ts SITE_DIR [--runs 3] [--json FILE] [query...]   (npm run bench:search -- SITE_DIR; prints Markdown, --json keeps every load)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../chromium.ts';
import { serve } from '../../mirror/serve.ts';

export const DEFAULT_QUERIES = ['RPKI', 'DNSSEC', '経路制御', 'ルーティング', 'IPv6 移行技術', 'インシデント', 'QUIC'];

/** Stages of the load chain, by the URL of the response that completes them. */
export const STAGES = ['page', 'pagefind.js', 'shard list', 'entry', 'metadata', 'wasm', 'index chunk', 'fragment', 'first result'] as const;
export type Stage = (typeof STAGES)[number];

function stageOf(pathname: string, document: string): Stage | undefined {
  if (pathname === document) return 'page';
  if (pathname.endsWith('/pagefind.js')) return 'pagefind.js';
  if (pathname.endsWith('/iw-shards.json')) return 'shard list';
  if (pathname.endsWith('/pagefind-entry.json')) return 'entry';
  if (pathname.endsWith('.pf_meta')) return 'metadata';
  if (/\/wasm\.[^/]*\.pagefind$/u.test(pathname)) return 'wasm';
  if (pathname.includes('/index/')) return 'index chunk';
  if (pathname.includes('/fragment/')) return 'fragment';
  return undefined;
}

export interface Load {
  /** ms from navigation start to the first result on screen (or the end state when none), page clock. */
  ms: number;
  /** Bytes transferred until the first result was on screen (document + responses finished by then). */
  firstBytes: number;
  /** Bytes of every response of the first search once the network is idle (headers + bodies). */
  totalBytes: number;
  requests: number;
  results: number;
  /** When each stage's first response finished, ms from navigation start (page clock). */
  stages: Partial<Record<Stage, number>>;
}

export interface QueryComparison {
  query: string;
  ours: Load[];
  bare: Load[];
  /** Our page's shell with the bare page's script (absent from results recorded before it was measured). */
  shell?: Load[];
}

export interface SearchComparison {
  /** Which site: as built, or unsharded. */
  label: string;
  shards: number;
  rounds: number;
  queries: QueryComparison[];
}

/**
 * The engine's floor: a page that only imports pagefind.js (merging the same shards as the site,
 * as the search page does: noWorker), searches, loads the first result and puts its title on screen.
 * It marks 'iw-search-results' and data-state like the search page.
 */
/** The bare page's script: import the runtime, merge the shards, search, draw the first result's title into `listId`. */
function bareScript(listId: string): string {
  return `
const q = new URLSearchParams(location.search).get('q') ?? '';
const pagefind = await import('../pagefind/pagefind.js');
await pagefind.options({ baseUrl: '/', noWorker: true });
const list = await (await fetch('../pagefind/iw-shards.json')).json();
await Promise.all(list.shards.filter((s) => s.dir !== 'pagefind').map((s) => pagefind.mergeIndex('../' + s.dir + '/', { baseUrl: '/' })));
const search = await pagefind.search(q);
const first = search.results[0] ? await search.results[0].data() : undefined;
if (first) { const li = document.createElement('li'); li.className = 'search-result'; li.textContent = first.meta.title; document.getElementById('${listId}').append(li); }
performance.mark('iw-search-results');
document.getElementById('search').dataset.state = first ? 'done' : 'empty';
`;
}

export function writeBarePage(outDir: string): void {
  mkdirSync(path.join(outDir, 'bare'), { recursive: true });
  writeFileSync(
    path.join(outDir, 'bare', 'index.html'),
    `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>bare</title></head><body><div id="search"><ol id="out"></ol></div><script type="module">${bareScript('out')}</script></body></html>\n`,
  );
}

/**
 * The search page as built with the bare page's script in place of its own (shell/): the same
 * document, styles, header and form. Its Content-Security-Policy meta tag goes too, since it lists
 * the hash of the script replaced.
 */
export function writeShellPage(outDir: string): void {
  const page = readFileSync(path.join(outDir, 'search', 'index.html'), 'utf8');
  const script = /<script type="module">[\s\S]*?<\/script>/u.exec(page);
  if (!script) throw new Error('search/index.html: no inline module script to replace');
  mkdirSync(path.join(outDir, 'shell'), { recursive: true });
  writeFileSync(
    path.join(outDir, 'shell', 'index.html'),
    page.replace(script[0], () => `<script type="module">${bareScript('search-results')}</script>`).replace(/<meta http-equiv="content-security-policy"[^>]*>/iu, ''),
  );
}

async function measureLoad(browser: Browser, url: string): Promise<Load> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __iwFirst?: number };
      const check = (): void => {
        if (w.__iwFirst !== undefined) return;
        const state = document.getElementById('search')?.dataset.state ?? '';
        if (document.querySelector('.search-result') !== null || ['done', 'empty', 'error'].includes(state)) w.__iwFirst = performance.now();
      };
      new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
    });
    const sizes: Promise<number>[] = [];
    page.on('requestfinished', (request) => {
      // Chromium reports no body size for some responses (a worker's script): take Content-Length then.
      sizes.push(
        Promise.all([request.sizes(), request.response()])
          .then(([size, response]) => (size.responseBodySize || Number(response?.headers()['content-length'] ?? 0)) + size.responseHeadersSize)
          .catch(() => 0),
      );
    });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => (window as unknown as { __iwFirst?: number }).__iwFirst !== undefined, undefined, { timeout: 120_000, polling: 20 });
    await page.waitForLoadState('networkidle').catch(() => {});
    const documentPath = new URL(url).pathname;
    const seen = await page.evaluate(() => {
      const first = (window as unknown as { __iwFirst: number }).__iwFirst;
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      return {
        first,
        results: document.querySelectorAll('.search-result').length,
        documentEnd: navigation?.responseEnd ?? 0,
        documentBytes: navigation?.transferSize ?? 0,
        resources: resources.map((entry) => ({ url: entry.name, end: entry.responseEnd, bytes: entry.transferSize })),
      };
    });
    const stages: Partial<Record<Stage, number>> = { page: Math.round(seen.documentEnd), 'first result': Math.round(seen.first) };
    for (const entry of seen.resources) {
      const stage = stageOf(new URL(entry.url).pathname, documentPath);
      if (stage && stage !== 'page' && (stages[stage] === undefined || entry.end < (stages[stage] as number))) stages[stage] = Math.round(entry.end);
    }
    const firstBytes = seen.documentBytes + seen.resources.filter((entry) => entry.end <= seen.first).reduce((sum, entry) => sum + entry.bytes, 0);
    const all = await Promise.all(sizes);
    return { ms: Math.round(seen.first), firstBytes, totalBytes: all.reduce((sum, n) => sum + n, 0), requests: all.length, results: seen.results, stages };
  } finally {
    await context.close();
  }
}

/**
 * Our search page and the bare page on a hard-linked copy of `siteDir` (with bare/ added),
 * `rounds` rounds over `queries`, alternating which of the two goes first.
 */
export async function compareSearch(siteDir: string, label: string, queries: readonly string[], rounds: number, scratch: string): Promise<SearchComparison> {
  rmSync(scratch, { recursive: true, force: true });
  execFileSync('cp', ['-al', siteDir, scratch]);
  writeBarePage(scratch);
  writeShellPage(scratch);
  let shards = 1;
  try {
    shards = (JSON.parse(readFileSync(path.join(scratch, 'pagefind', 'iw-shards.json'), 'utf8')) as { shards: unknown[] }).shards.length;
  } catch {
    // A bundle without our shard list: one index.
  }
  const server = await serve(scratch, { port: 0 });
  const browser = await launchChromium();
  const out: QueryComparison[] = queries.map((query) => ({ query, ours: [], bare: [], shell: [] }));
  try {
    for (let round = 0; round < rounds; round++) {
      for (const [index, item] of out.entries()) {
        const q = encodeURIComponent(item.query);
        const pages: [Load[], string][] = [
          [item.ours, 'search'],
          [item.bare, 'bare'],
          [item.shell ?? [], 'shell'],
        ];
        // Each page goes first, second and third in turn.
        const turn = (round + index) % pages.length;
        for (const [loads, dir] of [...pages.slice(turn), ...pages.slice(0, turn)]) loads.push(await measureLoad(browser, new URL(`${dir}/?q=${q}`, server.url).href));
      }
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  return { label, shards, rounds, queries: out };
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '3' }, json: { type: 'string' } } });
  const [site, ...queries] = positionals;
  if (!site) {
    console.error('usage: node scripts/tools/bench/search-browser.ts SITE_DIR [--runs 3] [--json FILE] [query...]');
    process.exit(2);
  }
  const scratch = path.join(path.dirname(path.resolve(site)), `${path.basename(path.resolve(site))}-search-bench`);
  // Not awaited at the top level: report.ts imports this module, and a top-level await here would wait on itself.
  void compareSearch(site, site, queries.length > 0 ? queries : DEFAULT_QUERIES, Number(values.runs), scratch).then(async (comparison) => {
    if (values.json) writeFileSync(values.json, `${JSON.stringify(comparison)}\n`);
    const { searchSection } = await import('./report.ts');
    console.log(searchSection([comparison]).join('\n'));
  });
}
