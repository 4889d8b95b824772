/**
 * First searches in headless Chromium against a built site: for each query a fresh
 * browser context (empty cache) opens search/?q=…, and we record the bytes
 * downloaded (all responses, and those of the Pagefind bundles alone, from the
 * DevTools protocol) and the time from navigation to the first result shown.
 */
import { chromium, type Browser } from 'playwright-core';
import { serve } from '../../mirror/serve.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const DEFAULT_QUERIES = ['RPKI', 'DNSSEC', '経路制御', 'ルーティング', 'IPv6 移行技術', 'インシデント', 'QUIC'];

export interface QueryResult {
  query: string;
  /** ms from navigation start to the first result on screen (or the end of the search when none), page clock. */
  ms: number;
  /** Of which the search itself: from DOMContentLoaded of the search page to the first result. */
  searchMs: number;
  /** Bytes of the responses (headers + bodies, no HTTP compression) for the whole first search: page, script, Pagefind runtime, index, fragments. */
  bytes: number;
  /** Of which Pagefind bundles (the pagefind folders). */
  pagefindBytes: number;
  requests: number;
  results: number;
}

async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function measureSearch(siteDir: string, queries: readonly string[] = DEFAULT_QUERIES): Promise<QueryResult[]> {
  const server = await serve(siteDir, { port: 0 });
  const browser = await launch();
  const out: QueryResult[] = [];
  try {
    for (const query of queries) {
      const context = await browser.newContext();
      const page = await context.newPage();
      // Page clock: when the first result (or the end state) appears, seen by a MutationObserver from the start.
      await page.addInitScript(() => {
        const w = window as unknown as { __iwFirst?: number };
        const check = (): void => {
          if (w.__iwFirst !== undefined) return;
          const state = document.getElementById('search')?.dataset.state ?? '';
          if (document.querySelector('.search-result') !== null || ['done', 'empty', 'error'].includes(state)) w.__iwFirst = performance.now();
        };
        new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
      });
      // Playwright's request events include the requests of Pagefind's web worker (a page CDP session does not).
      const sizes: Promise<{ url: string; bytes: number }>[] = [];
      page.on('requestfinished', (request) => {
        sizes.push(request.sizes().then((size) => ({ url: request.url(), bytes: size.responseBodySize + size.responseHeadersSize })).catch(() => ({ url: request.url(), bytes: 0 })));
      });
      const url = new URL(`search/?q=${encodeURIComponent(query)}`, server.url).href;
      const started = performance.now();
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      let results = 0;
      try {
        // The search page's own end state (src/search/search-page.ts sets data-state), as scripts/tools/bench/search.ts waits for it;
        // the first result on screen ends the timing earlier when it comes before the end state.
        await page.waitForFunction(
          () => document.querySelector('.search-result') !== null || ['done', 'empty', 'error'].includes(document.getElementById('search')?.dataset.state ?? ''),
          undefined,
          { timeout: 60_000, polling: 10 },
        );
        results = await page.evaluate(() => document.querySelectorAll('.search-result').length);
      } catch {
        results = -1;
      }
      const wallMs = performance.now() - started;
      const clock = await page
        .evaluate(() => ({
          first: (window as unknown as { __iwFirst?: number }).__iwFirst,
          ready: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domContentLoadedEventEnd,
        }))
        .catch(() => ({ first: undefined, ready: undefined }));
      const ms = clock.first ?? wallMs;
      const searchMs = clock.first !== undefined && clock.ready !== undefined ? clock.first - clock.ready : Number.NaN;
      // Let the fragments of the first page of results finish loading before counting bytes.
      await page.waitForLoadState('networkidle').catch(() => {});
      const all = await Promise.all(sizes);
      const bytes = all.reduce((sum, item) => sum + item.bytes, 0);
      const pagefindBytes = all.filter((item) => /\/pagefind[^/]*\//u.test(new URL(item.url).pathname)).reduce((sum, item) => sum + item.bytes, 0);
      const requests = all.length;
      results = await page.evaluate(() => document.querySelectorAll('.search-result').length).catch(() => results);
      out.push({ query, ms: Math.round(ms), searchMs: Math.round(searchMs), bytes, pagefindBytes, requests, results });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}

if (import.meta.main) {
  const [site, ...queries] = process.argv.slice(2);
  if (!site) {
    console.error('usage: node scripts/tools/bench/search-browser.ts SITE_DIR [query...]');
    process.exit(2);
  }
  console.log(JSON.stringify(await measureSearch(site, queries.length > 0 ? queries : DEFAULT_QUERIES), null, 2));
}
