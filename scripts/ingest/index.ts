/**
 * PDF ingest for the site build: hash every deck, answer unchanged ones from the cache, parse the
 * rest in a worker pool (text + thumbnails), store results atomically, report progress.
 *
 *   const { decks, stats } = await ingestDecks(inputs, { cacheDir: '.cache/pdf' });
 *
 * Guarantees:
 * - An unchanged PDF (same sha256, same EXTRACTOR_VERSION, password, limits and thumbnail settings)
 *   is never parsed twice; `force` re-parses everything. Identical content under several ids is
 *   parsed once per run.
 * - Bad files never throw: each gets an outcome and a message. A file that crashes or hangs its
 *   worker gets `corrupt` (not cached, so it is retried on the next run); the others go on.
 * - Cache entries are written to a temporary directory and renamed into place.
 * - Memory stays bounded: at most a few files' bytes are held at once (read-ahead is limited to
 *   about twice the worker count), and each worker handles one document at a time.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import { EXTRACTOR_VERSION } from '../../src/lib/pdf/process.ts';
import type { PageBitmap, RenderRequest } from '../../src/lib/pdf/process.ts';
import { OUTCOMES, type DeckText, type Outcome } from '../../src/lib/pdf/types.ts';
import { lookup, lookupSummary, PdfHashes, readDeckText, store, sweep, textKey, thumbnailsOf, wantsThumbnails } from './cache.ts';
import { stampOf, type FileStamp } from '../../src/lib/file-stamp.ts';
import type { CacheEntry, PendingThumb, ThumbSpec } from './cache.ts';
import { WorkerPool } from './pool.ts';
import { findOcrEngine } from '../ocr/engine.ts';
import { Progress } from './progress.ts';
import type { Source } from './progress.ts';
import type { DeckInput, IngestedDeck, IngestedSummary, IngestOptions, IngestResult, IngestStats } from './types.ts';
import { summariseDeck } from '../../src/lib/decks.ts';
import { formatBytes } from '../../src/lib/bytes.ts';
import { eachConcurrently, limiter } from '../../src/lib/concurrency.ts';

export type { DeckInput, IngestedDeck, IngestedSummary, IngestOptions, IngestResult, IngestStats, Thumbnail } from './types.ts';
export { summary } from './progress.ts';

export const DEFAULT_THUMBNAILS: ThumbSpec = { first: 480, pages: false };
/** Cache lookups of unchanged files in flight at once: each is a stat and a summary read, holding no PDF. */
const UNCHANGED_LOOKUPS = 32;

interface Resolved<D> {
  deck: D;
  source: Source;
}

/** What a deck of a run is: the whole deck (ingestDecks) or its summary with its text on demand (ingestSummaries). */
interface DeckShape<D> {
  /** The cached deck for these keys, or undefined (then the PDF is parsed). */
  cached(cacheDir: string, sha: string, tKey: string, thumbs: ThumbSpec, bytes: number, onDamaged: (message: string) => void): Promise<D | undefined>;
  /** A deck of this run (parsed, failed or unreadable), with its cache entry when one was written. */
  made(deck: IngestedDeck, stored?: { entry: CacheEntry; dir: string }): D;
}

const WHOLE_DECKS: DeckShape<IngestedDeck> = {
  cached: async (cacheDir, sha, tKey, thumbs, bytes, onDamaged) => {
    const found = await lookup(cacheDir, sha, tKey, thumbs, onDamaged);
    return found ? { ...found.entry.deck, sha256: sha, bytes, thumbnails: thumbnailsOf(found, wantsThumbnails(thumbs)), fromCache: true } : undefined;
  },
  made: (deck) => deck,
};

const SUMMARIES: DeckShape<IngestedSummary> = {
  cached: async (cacheDir, sha, tKey, thumbs, bytes, onDamaged) => {
    const found = await lookupSummary(cacheDir, sha, tKey, thumbs, onDamaged);
    if (!found) return undefined;
    return { ...found.entry.deck, sha256: sha, bytes, thumbnails: thumbnailsOf(found, wantsThumbnails(thumbs)), fromCache: true, textSha256: found.entry.deckSha256, text: async () => (await readDeckText(found.dir, found.entry.deckSha256)).pages };
  },
  made: (deck, stored) => {
    const { thumbnails, fromCache, sha256, bytes } = deck;
    // A deck with a cache entry is read back from it when asked: this run does not hold its text.
    const pages = stored?.entry.deckSha256 ? undefined : deck.pages;
    const entry = stored?.entry.deckSha256 ? { dir: stored.dir, deckSha256: stored.entry.deckSha256 } : undefined;
    return {
      ...summariseDeck(deck),
      sha256,
      bytes,
      thumbnails,
      fromCache,
      textSha256: entry?.deckSha256 ?? createHash('sha256').update(JSON.stringify(deck.pages)).digest('hex'),
      text: async () => (entry ? (await readDeckText(entry.dir, entry.deckSha256)).pages : (pages ?? [])),
    };
  },
};

export function ingestDecks(decks: DeckInput[], options: IngestOptions): Promise<IngestResult<IngestedDeck>> {
  return ingest(decks, options, WHOLE_DECKS);
}

/**
 * ingestDecks() for a build: each deck's summary (outcome, message, page flags, thumbnails) without
 * its pages' text, which `text()` reads from the cache when a page needs it. An unchanged deck's
 * text is never read to answer it (the cache's summary.json).
 */
export function ingestSummaries(decks: DeckInput[], options: IngestOptions): Promise<IngestResult<IngestedSummary>> {
  return ingest(decks, options, SUMMARIES);
}

/** A regular file's stamp, or undefined (missing, unreadable or not a file: resolveInput says which). */
async function fileStamp(file: string): Promise<FileStamp | undefined> {
  try {
    const info = await stat(file, { bigint: true });
    return info.isFile() ? stampOf(info) : undefined;
  } catch {
    return undefined;
  }
}

async function ingest<D extends Pick<IngestedDeck, 'outcome' | 'message' | 'pageCount'>>(decks: DeckInput[], options: IngestOptions, shape: DeckShape<D>): Promise<IngestResult<D>> {
  const started = performance.now();
  const ids = new Set<string>();
  for (const d of decks) {
    if (ids.has(d.id)) throw new Error(`ingestDecks: duplicate id ${JSON.stringify(d.id)}`);
    ids.add(d.id);
  }
  const cacheDir = options.cacheDir;
  const thumbs: ThumbSpec = cacheDir === false ? { first: 0, pages: false } : (options.thumbnails ?? DEFAULT_THUMBNAILS);
  const render = renderRequests(thumbs);
  const limits = options.limits ?? {};
  const ocrMode = options.ocr ?? 'auto';
  const engine = findOcrEngine(ocrMode);
  const ocr = engine.available ? engine.settings : undefined;
  const size = Math.max(1, Math.min(options.workers ?? os.availableParallelism(), decks.length || 1));
  const pool = new WorkerPool({
    size,
    // OCR takes about 1.5 s a page on one core: a 200-page scan needs minutes, not seconds.
    timeoutMs: options.timeoutMs ?? (ocr ? 900_000 : 120_000),
    heapMB: options.workerHeapMB ?? 1024,
    recycleAfter: options.recycleAfter ?? 250,
  });
  const progress = new Progress(options.progress ?? 'auto');

  let peakRss = process.memoryUsage.rss();
  const sampleRss = () => {
    const rss = process.memoryUsage.rss();
    if (rss > peakRss) peakRss = rss;
  };
  const sampler = setInterval(sampleRss, 200);
  sampler.unref();

  let parsed = 0;
  let pagesParsed = 0;
  const damaged: IngestResult['damaged'] = [];
  const inflight = new Map<string, Promise<{ deck: D; fromCache: boolean }>>();

  const textKeyOf = (input: DeckInput): string =>
    textKey({ extractorVersion: EXTRACTOR_VERSION, password: input.password, maxPages: limits.maxPages, maxBytes: limits.maxBytes, ocr: ocr?.key ?? 'off' });

  function cachedDeck(dir: string, input: DeckInput, sha: string, bytes: number): Promise<D | undefined> {
    return shape.cached(dir, sha, textKeyOf(input), thumbs, bytes, (message) => damaged.push({ id: input.id, absolutePath: input.absolutePath, message }));
  }

  /**
   * Cache lookups of the contents of files whose stamp is that of the last run (so their SHA-256 is
   * known unread), registered as each stamp is taken: the first file of a content looks it up (nothing
   * read but the entry's summary) and counts as cached, any other file of that content is its duplicate.
   */
  const lookups = new Map<string, Promise<D | undefined>>();
  /** Settled once every file's stamp is taken, and so every unchanged file's lookup is registered. */
  const everyStampTaken = Promise.withResolvers<void>();
  async function answerUnchanged(input: DeckInput, stamp: FileStamp, sha: string, first: boolean): Promise<Resolved<D> | undefined> {
    const key = `${sha}\0${input.password ?? ''}`;
    const deck = await lookups.get(key);
    if (!deck) return undefined;
    hashes.remember(input.absolutePath, stamp, sha);
    if (!first) return { deck: { ...deck }, source: 'duplicate' };
    inflight.set(key, Promise.resolve({ deck, fromCache: true }));
    return { deck, source: 'cached' };
  }

  /** Parses (or fetches from the cache) one distinct content; shared by identical inputs. */
  async function resolveContent(input: DeckInput, bytes: number, read: () => Promise<Uint8Array>, sha: string): Promise<{ deck: D; fromCache: boolean }> {
    if (cacheDir !== false && !options.force) {
      const found = await cachedDeck(cacheDir, input, sha, bytes);
      if (found) return { deck: found, fromCache: true };
    }
    const data = await read();
    const extract = {
      ...(input.password !== undefined ? { password: input.password } : {}),
      ...(limits.maxPages !== undefined ? { maxPages: limits.maxPages } : {}),
      ...(limits.maxBytes !== undefined ? { maxBytes: limits.maxBytes } : {}),
    };
    parsed++;
    const result = await pool.run({ data, options: extract, render, ...(ocr ? { ocr } : {}) });
    sampleRss();
    if (!result.ok) {
      // Not cached: a crash or a timeout may depend on the machine; the next run tries again.
      return { deck: shape.made({ ...failedDeck('corrupt', result.reason), sha256: sha, bytes, thumbnails: [], fromCache: false }), fromCache: false };
    }
    pagesParsed += result.deck.pageCount;
    if (cacheDir === false) {
      return { deck: shape.made({ ...result.deck, sha256: sha, bytes, thumbnails: [], fromCache: false }), fromCache: false };
    }
    let stored;
    try {
      stored = await store(
        cacheDir,
        sha,
        textKeyOf(input),
        thumbs,
        { extractorVersion: EXTRACTOR_VERSION, sha256: sha, bytes, deck: result.deck },
        matchBitmaps(render, result.bitmaps, thumbs),
      );
    } catch (error) {
      // The text is kept for this build; only the cache entry (and so the thumbnails) is missing.
      damaged.push({ id: input.id, absolutePath: input.absolutePath, message: `not cached: ${(error as Error).message}` });
      return { deck: shape.made({ ...result.deck, sha256: sha, bytes, thumbnails: [], fromCache: false }), fromCache: false };
    }
    return { deck: shape.made({ ...result.deck, sha256: sha, bytes, thumbnails: thumbnailsOf(stored, true), fromCache: false }, stored), fromCache: false };
  }

  async function resolveInput(input: DeckInput): Promise<Resolved<D>> {
    let stamp: FileStamp;
    try {
      const info = await stat(input.absolutePath, { bigint: true });
      if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
      stamp = stampOf(info);
    } catch (error) {
      return { deck: shape.made(unreadable(error)), source: 'parsed' };
    }
    const size = stamp.size;
    if (limits.maxBytes !== undefined && size > limits.maxBytes) {
      // Hash without holding the bytes; there is nothing to parse.
      let sha: string;
      try {
        sha = await hashStream(input.absolutePath);
      } catch (error) {
        return { deck: shape.made(unreadable(error)), source: 'parsed' };
      }
      const deck = failedDeck('too-large', `The file is ${formatBytes(size)}, over the limit of ${formatBytes(limits.maxBytes)}: raise maxBytes to process it.`);
      return { deck: shape.made({ ...deck, sha256: sha, bytes: size, thumbnails: [], fromCache: false }), source: 'parsed' };
    }
    // A file whose stamp is that of the last run keeps its SHA-256 unread: a rebuild does not read every PDF of the archive again.
    let sha = hashes.known(input.absolutePath, stamp);
    let data: Uint8Array | undefined;
    if (sha === undefined) {
      try {
        data = await readFile(input.absolutePath);
      } catch (error) {
        return { deck: shape.made(unreadable(error)), source: 'parsed' };
      }
      sha = createHash('sha256').update(data).digest('hex');
    }
    hashes.remember(input.absolutePath, stamp, sha);
    const read = async () => data ?? readFile(input.absolutePath);
    const key = `${sha}\0${input.password ?? ''}`;
    // The same content answered from the cache for an unchanged file (or being answered), or being parsed.
    // An unchanged file of this content, wherever it is listed, counts as cached and this one as its duplicate.
    await everyStampTaken.promise;
    const answered = await lookups.get(key);
    if (answered) return { deck: { ...answered }, source: 'duplicate' };
    const shared = inflight.get(key);
    if (shared) return { deck: { ...(await shared).deck }, source: 'duplicate' };
    const promise = resolveContent(input, size, read, sha);
    inflight.set(key, promise);
    let resolved: { deck: D; fromCache: boolean };
    try {
      resolved = await promise;
    } catch (error) {
      // The file went away (or became unreadable) between its stamp and its parse.
      return { deck: shape.made(unreadable(error)), source: 'parsed' };
    }
    return { deck: resolved.deck, source: resolved.fromCache ? 'cached' : 'parsed' };
  }

  const hashes = await PdfHashes.open(cacheDir === false || options.force ? undefined : cacheDir);
  if (cacheDir !== false) await sweep(cacheDir);
  progress.start(decks.length);
  const results = new Array<Resolved<D> | undefined>(decks.length);
  try {
    const done = (index: number, input: DeckInput, resolved: Resolved<D>) => {
      results[index] = resolved;
      progress.deck(input.id, resolved.deck.outcome, resolved.deck.message, resolved.deck.pageCount, resolved.source);
      options.onDeck?.(input.id, resolved.deck);
    };
    // Each file's stamp first of all (a stat each, many at a time): a file whose stamp is that of the
    // last run is answered from its small summary (many at a time), any other is read and parsed at
    // once, a few at a time (each held in memory until parsed). A rebuild's changed decks are parsed
    // while the unchanged ones are answered, wherever they are listed, not once the lookups reach them.
    const readOne = limiter(size * 2 + 2);
    const lookUp = limiter(UNCHANGED_LOOKUPS);
    const parse = (input: DeckInput, index: number) => readOne(async () => done(index, input, await resolveInput(input)));
    const work: Promise<void>[] = [];
    await eachConcurrently(decks, UNCHANGED_LOOKUPS, async (input, index) => {
      const stamp = cacheDir === false || options.force ? undefined : await fileStamp(input.absolutePath);
      const sha = stamp && hashes.known(input.absolutePath, stamp);
      if (cacheDir === false || !stamp || !sha || (limits.maxBytes !== undefined && stamp.size > limits.maxBytes)) {
        work.push(parse(input, index));
        return;
      }
      const key = `${sha}\0${input.password ?? ''}`;
      const first = !lookups.has(key);
      if (first) lookups.set(key, lookUp(() => cachedDeck(cacheDir, input, sha, stamp.size)));
      work.push(answerUnchanged(input, stamp, sha, first).then((resolved) => (resolved ? done(index, input, resolved) : parse(input, index))));
    });
    everyStampTaken.resolve();
    await Promise.all(work);
  } finally {
    clearInterval(sampler);
    await pool.close();
  }
  if (cacheDir !== false) await hashes.save(cacheDir);
  sampleRss();

  const out = new Map<string, D>();
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  let pages = 0;
  let cached = 0;
  let duplicates = 0;
  decks.forEach((input, index) => {
    const r = results[index];
    if (!r) return;
    out.set(input.id, r.deck);
    outcomes[r.deck.outcome]++;
    pages += r.deck.pageCount;
    if (r.source === 'cached') cached++;
    if (r.source === 'duplicate') duplicates++;
  });
  const stats: IngestStats = {
    files: decks.length,
    parsed,
    cached,
    duplicates,
    pages,
    pagesParsed,
    ms: Math.round(performance.now() - started),
    peakRssMB: Math.round(peakRss / 2 ** 20),
    outcomes,
    workerFailures: pool.failures,
    ocr: { mode: ocrMode, engine: engine.available ? engine.description : null, ...(engine.available ? {} : { unavailable: engine.reason }) },
  };
  progress.finish(stats);
  return { decks: out, stats, damaged };
}

function renderRequests(spec: ThumbSpec): RenderRequest[] {
  const requests: RenderRequest[] = [];
  // One render of every page at the large width; page 1 and the small sizes are resized from it (matchBitmaps).
  if (spec.large && spec.pages !== false) return [{ pages: 'all', width: spec.large }];
  if (spec.pages !== false && spec.pages > 0) {
    // One pass over all pages; page 1 at the same width needs no second render.
    if (spec.first > 0 && spec.first !== spec.pages) requests.push({ pages: 'first', width: spec.first });
    requests.push({ pages: 'all', width: spec.pages });
  } else if (spec.first > 0) {
    requests.push({ pages: 'first', width: spec.first });
  }
  return requests;
}

/** Pairs bitmaps with the requests that asked for them: page 1 at the `first` width, then the rest. */
function matchBitmaps(requests: RenderRequest[], bitmaps: PageBitmap[], spec: ThumbSpec): PendingThumb[] {
  const remaining = [...bitmaps];
  const out: PendingThumb[] = [];
  if (spec.large && spec.pages !== false) {
    const small = spec.pages;
    return remaining
      .sort((x, y) => x.page - y.page)
      .flatMap((bitmap) => [
        ...(bitmap.page === 1 && spec.first > 0 && spec.first !== spec.large && spec.first !== small ? [{ page: 1, width: spec.first, bitmap }] : []),
        { page: bitmap.page, width: small, bitmap },
        { page: bitmap.page, width: spec.large ?? small, bitmap },
      ]);
  }
  for (const request of requests) {
    if (request.pages === 'first') {
      let best = -1;
      remaining.forEach((b, i) => {
        if (b.page !== 1) return;
        const current = remaining[best];
        if (best < 0 || (current && Math.abs(b.width - request.width) < Math.abs(current.width - request.width))) best = i;
      });
      const [b] = best >= 0 ? remaining.splice(best, 1) : [];
      if (b) out.push({ page: 1, width: request.width, bitmap: b });
    } else {
      for (const b of remaining.splice(0).sort((x, y) => x.page - y.page)) out.push({ page: b.page, width: request.width, bitmap: b });
    }
  }
  return out;
}

function failedDeck(outcome: Outcome, message: string): DeckText {
  return { outcome, message, pageCount: 0, pages: [], metadata: {} };
}

function unreadable(error: unknown): IngestedDeck {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'the file does not exist' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'not a regular file' : String(error);
  return { ...failedDeck('corrupt', `cannot read the file: ${reason}`), sha256: '', bytes: 0, thumbnails: [], fromCache: false };
}

function hashStream(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => h.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

