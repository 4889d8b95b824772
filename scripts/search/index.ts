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
import { limiter } from '../../src/lib/concurrency.ts';
import type { Problem } from '../../src/lib/problems.ts';
import { pageDigest, pagefindVersions, SearchCache, sha256, shardKey } from './cache.ts';
import type { SearchPage } from '../../src/lib/search/describe.ts';

/** A page the search indexes: where it is built, and the year that places it in a shard. */
export type IndexedPage = Pick<SearchPage, 'path' | 'year'>;

export interface SearchIndexOptions {
  outDir: string;
  pages: readonly IndexedPage[];
  /**
   * The SHA-256 of a built file (path relative to outDir, `/`-separated) when the build already knows
   * it (its record of the files it did not change): such a page is read only if its shard is indexed.
   */
  knownDigest?: (file: string) => string | undefined;
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
 * At most 2.5M indexed characters a shard, split evenly (planShards): the trade between what one
 * changed deck costs to re-index (and how much memory Pagefind takes) and what each shard adds to a
 * first search. Measured on the generated full-size archive (full-s1 built with --ocr off: 4,746
 * indexed pages, 7.7M characters), same site, 2 cores shared with other jobs (load 9–17 for the
 * first three rows, so times are several times those of an idle machine):
 *
 * | budget | shards | largest Pagefind | re-index of the shard of one changed deck | first search (median of 7 queries, whole page) |
 * |---|---|---|---|---|
 * | 7M | 2 | 1,225 MB | 6.85M chars, 162–355 s | 277 KB (Pagefind 246 KB), 24 requests |
 * | 3M | 3 | 567 MB | 2.88M chars, 34 s | — |
 * | 2M, filled up | 5 (the last 0.23M) | 418 MB | 1.97M chars, 41 s (9–11 s at load 2) | 363 KB (Pagefind 332 KB), 36 requests; ours 338 KB until the first result (bare page 305 KB) |
 * | 3M, even | 3 (2.47M–2.72M) | 571 MB | 2.72M chars, 35–38 s at load 8–10 | ours 275 KB until the first result (bare page 242 KB) |
 * | 2.5M, even | 4 (1.84M–2.05M) | 431 MB | 2.05M chars, 9–11 s at load 7–9 | ours 299 KB until the first result (bare page 264 KB) |
 *
 * Pagefind's time grows faster than its input (the 7M shard took 8.7× the 2M one for 3.5× the text)
 * and its memory about 200 bytes a character; the build's process tree peaks at Node (~1.1 GB after
 * Astro) plus the largest Pagefind, so a shard stays near 2M characters (~430 MB). What a shard costs
 * a first search hardly depends on its size: its metadata (~13 bytes a page) and, per query word, one
 * index chunk of ~25 KB (Pagefind cuts chunks at a fixed count of word positions), so an even split
 * into four costs a shard less than five filled up to 2M with a remainder of 127 pages. Three shards
 * would save another ~25 KB a query word, but index 1.3× the text per shard in about 4× the time and
 * take 571 MB; the "until the first result" figures are medians of 7 queries, 2–3 rounds, 2026-11-26.
 */
export const DEFAULT_SHARD_CHARS = 2_500_000;
const SHARD_LIST = 'iw-shards.json';
/** Pages sent to Pagefind ahead of its answers: enough to keep it busy, few enough that a shard's HTML is not all held at once. */
const ADDS_IN_FLIGHT = 8;
/** The folders of the output the search step writes: the first shard's bundle and the others'. */
export const SEARCH_BUNDLE_DIR = /^pagefind(-\d{4}-\d{4})?$/u;

const MAIN_BODY = /<main\b[^>]*\bdata-pagefind-body\b[^>]*>([\s\S]*?)<\/main>/u;
/** A region as src/lib/search/markup.ts writes it: its indexed text escaped, no markup inside. */
const INDEXED_REGION = /<div hidden id="ix-[^"]*"[^>]*>([^<]*)<\/div>/gu;

function unescapedLength(text: string): number {
  return text.replace(/&(?:amp|lt|gt|quot);/gu, '&').length;
}

/**
 * How many characters of text a page gives Pagefind, for planning shards: the regions the template
 * indexes (src/lib/search/markup.ts: already normalised and capped), or, for a page without regions,
 * the text of its <main data-pagefind-body>. Undefined when the page has no such <main> (it would not
 * be indexed). Read from the HTML alone, so a page's count is cached by its digest.
 */
export function indexedChars(html: string): number | undefined {
  const main = MAIN_BODY.exec(html);
  if (!main) return undefined;
  const body = main[1] ?? '';
  let regions: number | undefined;
  for (const region of body.matchAll(INDEXED_REGION)) regions = (regions ?? 0) + unescapedLength((region[1] ?? '').trim());
  return regions ?? unescapedLength(body.replace(/<[^>]*>/gu, ' ').replace(/\s+/gu, ' ').trim());
}

function htmlFileOf(sitePath: string): string {
  return [...sitePath.split('/').filter(Boolean), 'index.html'].join('/');
}

/**
 * Contiguous year ranges, newest first, each holding at most `limit` characters (a single year may
 * exceed it): as few shards as the limit allows, and among those the most even split (the largest
 * shard as small as it can be, then the smallest sum of squares). Filling each shard up to the limit
 * instead left a small remainder (1997 alone, 127 pages, at full size), which costs a first search as
 * much as a full shard: an index chunk of ~25 KB per query word, whatever the shard's size.
 */
export function planShards(charsByYear: ReadonlyMap<number, number>, limit: number): [number, number][] {
  const years = [...charsByYear.keys()].sort((a, b) => b - a);
  const chars = years.map((year) => charsByYear.get(year) ?? 0);
  if (years.length === 0) return [];
  // The fewest shards: filling each up to the limit, newest first, is optimal for the count.
  let count = 0;
  let filled: number | undefined;
  for (const size of chars) {
    if (filled !== undefined && filled + size <= limit) filled += size;
    else {
      count += 1;
      filled = size;
    }
  }
  const sum = (from: number, to: number): number => chars.slice(from, to).reduce((total, size) => total + size, 0);
  const fits = (from: number, to: number): boolean => to - from === 1 || sum(from, to) <= limit;
  // best[k][i]: the best split of the first i years into k shards ([largest, sum of squares, start of the last shard]).
  type Split = [number, number, number];
  const better = (a: Split, b: Split | undefined): boolean => !b || a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  const best: (Split | undefined)[][] = Array.from({ length: count + 1 }, () => new Array<Split | undefined>(years.length + 1).fill(undefined));
  (best[0] as (Split | undefined)[])[0] = [0, 0, 0];
  for (let k = 1; k <= count; k++) {
    for (let i = 1; i <= years.length; i++) {
      for (let j = k - 1; j < i; j++) {
        const before = best[k - 1]?.[j];
        if (!before || !fits(j, i)) continue;
        const size = sum(j, i);
        const split: Split = [Math.max(before[0], size), before[1] + size * size, j];
        if (better(split, best[k]?.[i])) (best[k] as (Split | undefined)[])[i] = split;
      }
    }
  }
  const shards: [number, number][] = [];
  let end = years.length;
  for (let k = count; k > 0; k--) {
    const start = best[k]?.[end]?.[2] ?? 0;
    shards.unshift([years[end - 1] as number, years[start] as number]);
    end = start;
  }
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

/**
 * The metadata file of each language index of a shard (`ja` → `ja_1a96647d16`, the name in
 * pagefind.<hash>.pf_meta), from its pagefind-entry.json: with them in the shard list the search page
 * asks for every shard's metadata at once, instead of each after its own entry.
 */
function indexHashes(bundleDir: string): Record<string, string> {
  try {
    const entry = JSON.parse(readFileSync(path.join(bundleDir, 'pagefind-entry.json'), 'utf8')) as { languages?: Record<string, { hash?: string }> };
    return Object.fromEntries(Object.entries(entry.languages ?? {}).flatMap(([language, index]) => (index.hash ? [[language, index.hash]] : [])));
  } catch {
    return {};
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

  let cache = options.cacheDir ? new SearchCache(options.cacheDir, options.onCacheDamaged) : undefined;
  let versions = '';
  try {
    if (cache) versions = pagefindVersions();
  } catch (error) {
    log(`search: no cache (Pagefind version unknown: ${(error as Error).message})`);
    cache = undefined;
  }

  // Pass 1: which pages exist, and how much text each year holds. A page the build did not change is
  // known by its digest and its count cached by it: nothing is read (the HTML is read again per shard,
  // only for a shard that is indexed, to keep memory flat).
  const charsByYear = new Map<number, number>();
  const present: { page: IndexedPage; file: string; chars: number; digest: string }[] = [];
  for (const page of options.pages) {
    const file = htmlFileOf(page.path);
    let sha = options.knownDigest?.(file);
    let html: string | undefined;
    if (sha === undefined) {
      const full = path.join(options.outDir, file);
      if (!existsSync(full)) {
        problem(file, 'page missing from the built site');
        continue;
      }
      const bytes = readFileSync(full);
      sha = sha256(bytes);
      html = bytes.toString('utf8');
    }
    const digest = pageDigest(page.path, sha);
    let chars = cache?.pageChars(digest);
    if (chars === undefined) {
      chars = indexedChars(html ?? readFileSync(path.join(options.outDir, file), 'utf8')) ?? null;
      cache?.rememberPageChars(digest, chars);
    }
    if (chars === null) {
      problem(file, 'no <main data-pagefind-body>: not indexed');
      continue;
    }
    present.push({ page, file, chars, digest });
    charsByYear.set(page.year, (charsByYear.get(page.year) ?? 0) + chars);
  }

  const plan = planShards(charsByYear, shardChars);
  for (const old of readdirSync(options.outDir).filter((name) => SEARCH_BUNDLE_DIR.test(name))) {
    rmSync(path.join(options.outDir, old), { recursive: true, force: true });
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
    // Pagefind's service handles its messages one at a time, in the order they arrive: a few are kept in
    // flight (the limiter starts them in the order given) so that it never waits for the next file to be
    // read and sent, and the pages keep their order.
    const send = limiter(ADDS_IN_FLIGHT);
    await Promise.all(
      members.map((member) =>
        send(async () => {
          const { errors } = await shardIndex.addHTMLFile({ url: member.page.path, content: readFileSync(path.join(options.outDir, member.file), 'utf8') });
          for (const error of errors) problem(member.file, error);
        }),
      ),
    );
    const pages = members.length;
    const chars = members.reduce((sum, member) => sum + member.chars, 0);
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
  writeFileSync(
    path.join(mainDir, SHARD_LIST),
    `${JSON.stringify({ shards: shards.map((shard) => ({ dir: shard.dir, from: shard.years[0], to: shard.years[1], indexes: indexHashes(path.join(options.outDir, shard.dir)) })) })}\n`,
  );
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
