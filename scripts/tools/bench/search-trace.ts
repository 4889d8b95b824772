/**
 * The load chain of one first search, request by request: our search page and the bare Pagefind
 * page (search-browser.ts) on a hard-linked copy of a built site, each in a fresh browser context.
 * For every response: when it was asked for, when its first byte and its last byte arrived (page
 * clock, ms from navigation start) and its size; then the page's own marks and the main thread's
 * long tasks (over 50 ms). What profiles the chain in BENCHMARKS.md and issue 15.
 *
 *   node scripts/tools/bench/search-trace.ts SITE_DIR [--query RPKI] [--runs 1]   (prints plain text)
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { serve } from '../../mirror/serve.ts';
import { launchChromium } from '../chromium.ts';
import { writeBarePage } from './search-browser.ts';

export interface TracedRequest {
  path: string;
  start: number;
  firstByte: number;
  end: number;
  bytes: number;
}

export interface Trace {
  first: number;
  requests: TracedRequest[];
  marks: { name: string; at: number }[];
  longTasks: { start: number; ms: number }[];
}

export async function traceLoad(browser: Browser, url: string): Promise<Trace> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __iwFirst?: number; __iwLong: { start: number; ms: number }[] };
      w.__iwLong = [];
      try {
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.__iwLong.push({ start: Math.round(entry.startTime), ms: Math.round(entry.duration) });
        }).observe({ type: 'longtask', buffered: true });
      } catch {
        // No long-task timing in this browser.
      }
      const check = (): void => {
        if (w.__iwFirst !== undefined) return;
        const state = document.getElementById('search')?.dataset.state ?? '';
        if (document.querySelector('.search-result') !== null || ['done', 'empty', 'error'].includes(state)) w.__iwFirst = performance.now();
      };
      new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
    });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => (window as unknown as { __iwFirst?: number }).__iwFirst !== undefined, undefined, { timeout: 120_000, polling: 20 });
    await page.waitForLoadState('networkidle').catch(() => {});
    const origin = new URL(url).origin;
    const seen = await page.evaluate(() => {
      const w = window as unknown as { __iwFirst: number; __iwLong: { start: number; ms: number }[] };
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const all = navigation ? [navigation, ...resources] : resources;
      return {
        first: w.__iwFirst,
        requests: all.map((entry) => ({ url: entry.name, start: entry.startTime, firstByte: entry.responseStart, end: entry.responseEnd, bytes: entry.transferSize })),
        marks: performance.getEntriesByType('mark').map((mark) => ({ name: mark.name, at: Math.round(mark.startTime) })),
        longTasks: w.__iwLong,
      };
    });
    return {
      first: Math.round(seen.first),
      requests: seen.requests
        .map((request) => ({
          path: request.url.replace(origin, ''),
          start: Math.round(request.start),
          firstByte: Math.round(request.firstByte),
          end: Math.round(request.end),
          bytes: request.bytes,
        }))
        .sort((a, b) => a.start - b.start || a.end - b.end),
      marks: seen.marks,
      longTasks: seen.longTasks,
    };
  } finally {
    await context.close();
  }
}

/** A trace as plain text: one line per response, those finished after the first result marked '+'. */
export function formatTrace(label: string, trace: Trace): string {
  const before = trace.requests.filter((request) => request.end <= trace.first);
  const lines = [
    `${label}: first result at ${trace.first} ms, ${(before.reduce((sum, request) => sum + request.bytes, 0) / 1024).toFixed(0)} KB in ${before.length} responses until then, ${trace.requests.length} in all`,
    '  start  1st-byte    end     bytes  path',
    ...trace.requests.map(
      (request) =>
        `${request.end > trace.first ? '+' : ' '}${String(request.start).padStart(6)} ${String(request.firstByte).padStart(9)} ${String(request.end).padStart(6)} ${String(request.bytes).padStart(9)}  ${request.path.length > 90 ? `${request.path.slice(0, 87)}...` : request.path}`,
    ),
    `  marks: ${trace.marks.map((mark) => `${mark.name} ${mark.at}`).join(', ') || '–'}`,
    `  long tasks: ${trace.longTasks.map((task) => `${task.start}+${task.ms}`).join(', ') || '–'}`,
  ];
  return lines.join('\n');
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { query: { type: 'string', default: 'RPKI' }, runs: { type: 'string', default: '1' } } });
  const site = positionals[0];
  if (!site) {
    console.error('usage: node scripts/tools/bench/search-trace.ts SITE_DIR [--query RPKI] [--runs 1]');
    process.exit(2);
  }
  const scratch = path.join(path.dirname(path.resolve(site)), `${path.basename(path.resolve(site))}-search-trace`);
  rmSync(scratch, { recursive: true, force: true });
  execFileSync('cp', ['-al', site, scratch]);
  writeBarePage(scratch);
  const server = await serve(scratch, { port: 0 });
  const browser = await launchChromium();
  try {
    const q = encodeURIComponent(values.query);
    for (let run = 0; run < Number(values.runs); run++) {
      const pages: [string, string][] = [
        ['ours', `search/?q=${q}`],
        ['bare', `bare/?q=${q}`],
      ];
      if (run % 2 === 1) pages.reverse();
      for (const [label, pagePath] of pages) console.log(`${formatTrace(`${label} (run ${run + 1}, 「${values.query}」)`, await traceLoad(browser, new URL(pagePath, server.url).href))}\n`);
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
