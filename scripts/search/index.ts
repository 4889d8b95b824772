/**
 * The search index: Pagefind (Node API) over the built site's program, deck and
 * speaker pages, after Astro has written them. The pages are given to Pagefind as
 * they are: each template writes what is indexed (src/components/SearchMeta.astro:
 * filters, meta, sort date and the normalised text region by region, with weights;
 * see src/lib/search/describe.ts), and nothing here reads or rewrites their HTML
 * beyond measuring it.
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
import path from 'node:path';
import * as pagefind from 'pagefind';
import type { Problem } from '../../src/lib/problems.ts';
import { pageDigest, pagefindVersions, SearchCache, shardKey } from './cache.ts';
import type { SearchPage } from '../../src/lib/search/describe.ts';

export interface SearchIndexOptions {
  outDir: string;
  pages: readonly SearchPage[];
  /** Most indexed characters per shard (default: IW_SEARCH_SHARD_CHARS or DEFAULT_SHARD_CHARS). */
  shardChars?: number;
  /**
   * Folder of the incremental cache (scripts/search/cache.ts): shards whose input is
   * unchanged are copied from it instead of indexed again. No cache when omitted.
   */
  cacheDir?: string;
  /** Told when a cached shard bundle is damaged (its files do not match their SHA-256); the shard is indexed again. */
  onCacheDamaged?: (message: string) => void;

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
  /** The shard's cache key (scripts/search/cache.ts): what the bundle was made from. */
  key: string;
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
 * 2M indexed characters a shard: the trade between what one changed deck costs to re-index (and how
 * much memory Pagefind takes) and what each shard adds to a first search. Measured on the generated
 * full-size archive (full-s1 built with --ocr off: 4,746 indexed pages, 7.7M characters), same site,
 * 2 cores shared with other jobs (load 9–17, so times are several times those of an idle machine):
 *
 * | budget | shards | largest Pagefind | re-index of the shard of one changed deck | first search (median of 7 queries, whole page) |
 * |---|---|---|---|---|
 * | 7M | 2 | 1,225 MB | 6.85M chars, 162–355 s | 277 KB (Pagefind 246 KB), 24 requests |
 * | 3M | 3 | 567 MB | 2.88M chars, 34 s | — |
 * | 2M | 5 | 402 MB | 1.97M chars, 41 s | 363 KB (Pagefind 332 KB), 36 requests |
 *
 * Pagefind's time grows faster than its input (the 7M shard took 8.7× the 2M one for 3.5× the text)
 * and its memory about 200 bytes a character; the build's process tree peaks at Node (~1.1 GB after
 * Astro) plus the largest Pagefind: 1.58–1.65 GB with 3M shards, 1.43–1.61 GB with 2M (so the 2M budget alone does not bring it under 1.5 GB: Node's own ~1.1 GB is the rest). Each extra shard
 * adds its pf_meta (~13 KB), one index chunk and about 4 requests to a first search (~29 KB a shard):
 * the price of rebuilds in proportion to the change and of a smaller Pagefind, until the search page
 * loads shards lazily (issue 15).
 */
export const DEFAULT_SHARD_CHARS = 2_000_000;
const SHARD_LIST = 'iw-shards.json';

const MAIN_BODY = /<main\b[^>]*\bdata-pagefind-body\b[^>]*>([\s\S]*?)<\/main>/u;

/**
 * How many characters of text a page gives Pagefind, for planning shards: the
 * regions the template indexes (their characters as capped), or, for a page
 * without regions, the text of its <main data-pagefind-body>. Undefined when the
 * page has no such <main> (it would not be indexed).
 */
export function indexedChars(html: string, page: SearchPage): number | undefined {
  const main = MAIN_BODY.exec(html);
  if (!main) return undefined;
  const regions = page.regions ?? [];
  if (regions.length > 0) return regions.reduce((sum, region) => sum + Math.min(region.text.trim().length, region.limit ?? Number.POSITIVE_INFINITY), 0);
  return (main[1] ?? '').replace(/<[^>]*>/gu, ' ').replace(/\s+/gu, ' ').trim().length;
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

export async function buildSearchIndex(options: SearchIndexOptions): Promise<SearchIndexResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
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
    const html = readFileSync(file, 'utf8');
    const chars = indexedChars(html, page);
    if (chars === undefined) {
      problem(path.relative(options.outDir, file), 'no <main data-pagefind-body>: not indexed');
      continue;
    }
    present.push({ page, chars, digest: pageDigest(page.path, html) });
    charsByYear.set(page.year, (charsByYear.get(page.year) ?? 0) + chars);
  }

  const plan = planShards(charsByYear, shardChars);
  for (const old of readdirSync(options.outDir).filter((name) => name === 'pagefind' || /^pagefind-\d{4}-\d{4}$/u.test(name))) {
    rmSync(path.join(options.outDir, old), { recursive: true, force: true });
  }
  let cache = options.cacheDir ? new SearchCache(options.cacheDir, options.onCacheDamaged) : undefined;
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
      const stats: ShardStats = { dir, years: [from, to], pages: members.length, chars, ms: Math.round(performance.now() - shardStarted), peakRss: 0, reused: true, key };
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
    for (const member of members) {
      const file = htmlFileOf(options.outDir, member.page.path);
      const added = await shardIndex.addHTMLFile({ url: member.page.path, content: readFileSync(file, 'utf8') });
      for (const error of added.errors) problem(path.relative(options.outDir, file), error);
      pages += 1;
      chars += member.chars;
    }
    const written = await shardIndex.writeFiles({ outputPath: path.join(options.outDir, dir) });
    for (const error of written.errors) problem(dir, error);
    const peakRss = Math.max(0, ...pagefindPids().map(peakRssOf));
    await pagefind.close();
    // A shard with Pagefind errors is not cached: a reuse would not report them again.
    if (cache && problems.length === problemsBefore) cache.store(key, path.join(options.outDir, dir));
    const stats: ShardStats = { dir, years: [from, to], pages, chars, ms: Math.round(performance.now() - shardStarted), peakRss, reused: false, key };
    shards.push(stats);
    log(`search: ${dir} ${from}–${to}: ${pages} pages, ${chars} characters, ${(stats.ms / 1000).toFixed(1)} s${peakRss ? `, peak ${(peakRss / 2 ** 20).toFixed(0)} MB` : ''}`);
  }

  const mainDir = path.join(options.outDir, 'pagefind');
  mkdirSync(mainDir, { recursive: true });
  writeFileSync(path.join(mainDir, SHARD_LIST), `${JSON.stringify({ shards: shards.map((shard) => ({ dir: shard.dir, from: shard.years[0], to: shard.years[1] })) })}\n`);
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
