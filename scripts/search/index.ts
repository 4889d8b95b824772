/**
 * The search index: Pagefind (Node API) over the built site's program, deck and
 * speaker pages, after Astro has written them.
 *
 * Each page's HTML is prepared before Pagefind sees it (prepareHtml): the text of
 * <main data-pagefind-body> is normalised with indexForm() (NFKC, width folding,
 * Kangxi radicals, word-final long vowels), slide text is capped and weighted
 * below titles and abstracts, and a hidden block of empty elements carries the
 * filters, meta and sort date from src/lib/search/describe.ts (plus video titles
 * as text). Weights are attributes of the pages themselves: program title and code
 * 10, speakers 5, deck title 3, abstract 1, a slide's first line (its heading) 2, the rest of its text 0.5.
 * The pages on disk are not changed.
 *
 * Scale: Pagefind holds the whole index of a run in memory (about 350 bytes per
 * Japanese character). Pages are therefore split by year into shards of at most
 * `shardChars` indexed characters; each shard is one Pagefind run (the service
 * process is closed in between, so peak memory is that of the largest shard) and
 * its own bundle. The first shard is written to pagefind/, the others to
 * pagefind-<first year>-<last year>/, all listed with their years in
 * pagefind/iw-shards.json; the search page merges them at query time with
 * mergeIndex(), and for date sorts searches year range by range (Pagefind orders
 * merged results by score, not by the sort key).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import ts from 'typescript';
import path from 'node:path';
import * as pagefind from 'pagefind';
import type { Problem } from '../../src/lib/problems.ts';
import { pageDigest, pagefindVersions, SearchCache, shardKey } from './cache.ts';
import type { SearchPage } from '../../src/lib/search/describe.ts';
import { indexForm } from '../../src/lib/search/normalise.ts';
import { mapRadicals } from '../../src/lib/text/radicals.ts';

export interface SearchIndexOptions {
  outDir: string;
  pages: readonly SearchPage[];
  /** Most indexed characters per shard (default: IW_SEARCH_SHARD_CHARS or 7,000,000). */
  shardChars?: number;
  /** Most characters of one slide's text that are indexed (default 1,200). */
  slideChars?: number;
  /**
   * Folder of the incremental cache (scripts/search/cache.ts): shards whose input is
   * unchanged are copied from it instead of indexed again. No cache when omitted.
   */
  cacheDir?: string;
  log?: (line: string) => void;
}

export interface ShardStats {
  dir: string;
  years: [number, number];
  pages: number;
  chars: number;
  ms: number;
  /** Peak resident memory of the Pagefind process for this shard (bytes; 0 where /proc is missing or the shard was reused). */
  peakRss: number;
  /** True when the bundle was copied from the cache instead of indexed. */
  reused: boolean;
}

export interface SearchIndexResult {
  problems: Problem[];
  stats: {
    pages: number;
    chars: number;
    ms: number;
    shards: ShardStats[];
    bundleBytes: number;
    peakRss: number;
    /** Shards copied from the cache, and shards indexed by Pagefind. */
    reused: number;
    indexed: number;
  };
}

/**
 * 7M characters: about 1.6 GB of Pagefind memory on the generated full-size archive
 * (2.5 GB at the 350 bytes a character measured on real Japanese text), and 3 shards
 * for its 20M characters. Every shard adds its own index chunk (about 25 KB) and
 * metadata to a first search, so fewer, larger shards keep that under 300 KB
 * (3 MB shards: 8 shards, 476 KB with the same page; see BENCHMARKS.md).
 */
export const DEFAULT_SHARD_CHARS = 7_000_000;
export const DEFAULT_SLIDE_CHARS = 1_200;
const SHARD_LIST = 'iw-shards.json';

const MAIN_OPEN = /<main\b[^>]*\bdata-pagefind-body\b[^>]*>/u;
const SLIDE_TEXT = /<p class="slide-text"([^>]*)>([^<]*)<\/p>/gu;
const TEXT_NODE = />([^<]+)</gu;

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function escapeText(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Cuts escaped HTML text to about `limit` characters without splitting an entity. */
function capText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return text.slice(0, limit).replace(/&[^;\s]*$/u, '');
}

/** A slide's first line is its heading: indexed at weight 2, so rankSubResults() puts the slide titled by the query first. */
export const SLIDE_HEADING_WEIGHT = 2;

function slideHtml(attributes: string, text: string): string {
  const cut = text.trimStart().indexOf('\n');
  if (cut < 0) return `<p class="slide-text"${attributes}>${text}</p>`;
  const body = text.trimStart();
  return `<p class="slide-text" data-pagefind-weight="${SLIDE_HEADING_WEIGHT}">${body.slice(0, cut)}</p><p class="slide-text"${attributes}>${body.slice(cut + 1)}</p>`;
}

/** The hidden block of filters, meta, sort and extra text injected at the top of <main>. */
export function searchBlock(page: SearchPage): string {
  const parts: string[] = [];
  for (const [key, values] of Object.entries(page.filters)) {
    for (const value of values ?? []) parts.push(`<span data-pagefind-filter="${escapeAttribute(`${key}:${value}`)}"></span>`);
  }
  for (const [key, value] of Object.entries(page.meta)) {
    parts.push(`<span data-pagefind-meta="${escapeAttribute(`${key}:${value}`)}"></span>`);
  }
  parts.push(`<span data-pagefind-sort="${escapeAttribute(`date:${page.date}`)}"></span>`);
  for (const text of page.extraText) parts.push(`<p data-pagefind-weight="3">${escapeText(indexForm(mapRadicals(text)))}</p>`);
  return `<div hidden>${parts.join('')}</div>`;
}

/**
 * The HTML Pagefind indexes for one page, and how many characters of text it holds;
 * undefined when the page has no <main data-pagefind-body>.
 */
export function prepareHtml(html: string, page: SearchPage, slideChars = DEFAULT_SLIDE_CHARS): { html: string; chars: number } | undefined {
  const open = MAIN_OPEN.exec(html);
  if (!open) return undefined;
  const start = open.index + open[0].length;
  const end = html.indexOf('</main>', start);
  if (end === -1) return undefined;
  let chars = 0;
  const body = html
    .slice(start, end)
    .replace(SLIDE_TEXT, (_match, attributes: string, text: string) => slideHtml(attributes, capText(text, slideChars)))
    .replace(TEXT_NODE, (_match, text: string) => {
      const normalised = indexForm(mapRadicals(text));
      chars += normalised.trim().length;
      return `>${normalised}<`;
    });
  return { html: `${html.slice(0, start)}${searchBlock(page)}${body}${html.slice(end)}`, chars };
}

function htmlFileOf(outDir: string, sitePath: string): string {
  return path.join(outDir, ...sitePath.split('/').filter(Boolean), 'index.html');
}

/** Contiguous year ranges whose pages hold at most `limit` characters each (a single year may exceed it). */
export function planShards(charsByYear: ReadonlyMap<number, number>, limit: number): [number, number][] {
  const years = [...charsByYear.keys()].sort((a, b) => b - a);
  const shards: [number, number][] = [];
  let current: { from: number; to: number; chars: number } | undefined;
  for (const year of years) {
    const chars = charsByYear.get(year) ?? 0;
    if (current && current.chars + chars <= limit) {
      current.from = year;
      current.chars += chars;
      continue;
    }
    if (current) shards.push([current.from, current.to]);
    current = { from: year, to: year, chars };
  }
  if (current) shards.push([current.from, current.to]);
  return shards;
}

/** Child process ids of this process (Linux /proc; empty elsewhere). */
function childPids(): number[] {
  try {
    return readdirSync('/proc/self/task').flatMap((task) =>
      readFileSync(`/proc/self/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

function pagefindPids(): number[] {
  return childPids().filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('pagefind');
    } catch {
      return false;
    }
  });
}

/** Peak resident set (VmHWM) of a process in bytes, 0 when unknown. */
export function peakRssOf(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/u.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function directoryBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** The browser copy of the query normaliser: the same module with its types erased (TypeScript's stable transpiler; Node's stripTypeScriptTypes still warns as experimental). */
export function writeBrowserNormaliser(outDir: string): void {
  const source = readFileSync(path.resolve(import.meta.dirname, '../../src/lib/search/normalise.ts'), 'utf8');
  const target = path.join(outDir, 'assets', 'search-normalise.js');
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, `// Generated from src/lib/search/normalise.ts by scripts/search/index.ts: do not edit.\n${ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText}`);
}

export async function buildSearchIndex(options: SearchIndexOptions): Promise<SearchIndexResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const slideChars = options.slideChars ?? DEFAULT_SLIDE_CHARS;
  const envShard = Number(process.env.IW_SEARCH_SHARD_CHARS);
  const shardChars = options.shardChars ?? (Number.isFinite(envShard) && envShard > 0 ? envShard : DEFAULT_SHARD_CHARS);
  const problems: Problem[] = [];
  const problem = (file: string, message: string) => problems.push({ file, kind: 'build', message: `search index: ${message}` });

  // Pass 1: which pages exist, and how much text each year holds (the HTML is read again per shard, to keep memory flat).
  const charsByYear = new Map<number, number>();
  const present: { page: SearchPage; chars: number; digest: string }[] = [];
  for (const page of options.pages) {
    const file = htmlFileOf(options.outDir, page.path);
    if (!existsSync(file)) {
      problem(path.relative(options.outDir, file), 'page missing from the built site');
      continue;
    }
    const prepared = prepareHtml(readFileSync(file, 'utf8'), page, slideChars);
    if (!prepared) {
      problem(path.relative(options.outDir, file), 'no <main data-pagefind-body>: not indexed');
      continue;
    }
    present.push({ page, chars: prepared.chars, digest: pageDigest(page.path, prepared.html) });
    charsByYear.set(page.year, (charsByYear.get(page.year) ?? 0) + prepared.chars);
  }

  const plan = planShards(charsByYear, shardChars);
  for (const old of readdirSync(options.outDir).filter((name) => name === 'pagefind' || /^pagefind-\d{4}-\d{4}$/u.test(name))) {
    rmSync(path.join(options.outDir, old), { recursive: true, force: true });
  }
  let cache = options.cacheDir ? new SearchCache(options.cacheDir) : undefined;
  let versions = '';
  try {
    if (cache) versions = pagefindVersions();
  } catch (error) {
    log(`search: no cache (Pagefind version unknown: ${(error as Error).message})`);
    cache = undefined;
  }
  const shards: ShardStats[] = [];
  for (const [index, [from, to]] of plan.entries()) {
    const shardStarted = performance.now();
    const dir = index === 0 ? 'pagefind' : `pagefind-${from}-${to}`;
    const members = present.filter(({ page }) => page.year >= from && page.year <= to);
    const key = cache ? shardKey({ versions, dir, years: [from, to], pageDigests: members.map((member) => member.digest) }) : '';
    if (cache?.restore(key, path.join(options.outDir, dir))) {
      const chars = members.reduce((sum, member) => sum + member.chars, 0);
      const stats: ShardStats = { dir, years: [from, to], pages: members.length, chars, ms: Math.round(performance.now() - shardStarted), peakRss: 0, reused: true };
      shards.push(stats);
      log(`search: ${dir} ${from}–${to}: ${members.length} pages, ${chars} characters, reused from the cache, ${(stats.ms / 1000).toFixed(1)} s`);
      continue;
    }
    const problemsBefore = problems.length;
    const created = await pagefind.createIndex({ forceLanguage: 'ja' });
    for (const error of created.errors) problem(dir, error);
    const { index: shardIndex } = created;
    if (!shardIndex) {
      await pagefind.close();
      continue;
    }
    let pages = 0;
    let chars = 0;
    for (const { page } of members) {
      const file = htmlFileOf(options.outDir, page.path);
      const prepared = prepareHtml(readFileSync(file, 'utf8'), page, slideChars);
      if (!prepared) continue;
      const added = await shardIndex.addHTMLFile({ url: page.path, content: prepared.html });
      for (const error of added.errors) problem(path.relative(options.outDir, file), error);
      pages += 1;
      chars += prepared.chars;
    }
    const written = await shardIndex.writeFiles({ outputPath: path.join(options.outDir, dir) });
    for (const error of written.errors) problem(dir, error);
    const peakRss = Math.max(0, ...pagefindPids().map(peakRssOf));
    await pagefind.close();
    // A shard with Pagefind errors is not cached: a reuse would not report them again.
    if (cache && problems.length === problemsBefore) cache.store(key, path.join(options.outDir, dir));
    const stats: ShardStats = { dir, years: [from, to], pages, chars, ms: Math.round(performance.now() - shardStarted), peakRss, reused: false };
    shards.push(stats);
    log(`search: ${dir} ${from}–${to}: ${pages} pages, ${chars} characters, ${(stats.ms / 1000).toFixed(1)} s${peakRss ? `, peak ${(peakRss / 2 ** 20).toFixed(0)} MB` : ''}`);
  }

  const mainDir = path.join(options.outDir, 'pagefind');
  mkdirSync(mainDir, { recursive: true });
  writeFileSync(path.join(mainDir, SHARD_LIST), `${JSON.stringify({ shards: shards.map((shard) => ({ dir: shard.dir, from: shard.years[0], to: shard.years[1] })) })}\n`);
  writeBrowserNormaliser(options.outDir);
  cache?.prune();
  const bundleBytes = shards.reduce((sum, shard) => sum + directoryBytes(path.join(options.outDir, shard.dir)), 0);
  const reused = shards.filter((shard) => shard.reused).length;
  const ms = Math.round(performance.now() - started);
  log(`search: ${shards.length} shard${shards.length === 1 ? '' : 's'} (${reused} reused, ${shards.length - reused} indexed${cache ? '' : ', no cache'}), ${(ms / 1000).toFixed(1)} s`);
  return {
    problems,
    stats: {
      pages: shards.reduce((sum, shard) => sum + shard.pages, 0),
      chars: shards.reduce((sum, shard) => sum + shard.chars, 0),
      ms,
      shards,
      bundleBytes,
      peakRss: Math.max(0, ...shards.map((shard) => shard.peakRss)),
      reused,
      indexed: shards.length - reused,
    },
  };
}
