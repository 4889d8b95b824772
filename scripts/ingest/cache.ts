/**
 * The on-disk cache of extracted decks.
 *
 * Layout (everything under `cacheDir`, never inside the build output):
 *
 *   <cacheDir>/<sha[0..2]>/<sha>/<textKey>.<thumbKey>/deck.json
 *   <cacheDir>/<sha[0..2]>/<sha>/<textKey>.<thumbKey>/summary.json   the deck without its pages' text
 *   <cacheDir>/<sha[0..2]>/<sha>/<textKey>.<thumbKey>/p1-w480.webp …
 *   <cacheDir>/.tmp/…                      entries being written
 *   <cacheDir>/pdf-hashes.json             each PDF's path and stamp (size, mtime, inode) → its sha256
 *
 * `sha` is the sha256 of the PDF's bytes. `textKey` hashes EXTRACTOR_VERSION, the password and the
 * limits (everything that can change the DeckText); `thumbKey` spells the thumbnail widths and the
 * WebP settings. An entry is a directory written under `.tmp/` and renamed into place in one step,
 * so a reader sees either a whole entry or none, and an interrupted run leaves only `.tmp/` debris
 * (swept on the next run). A run that only needs text (the extract CLI) accepts an entry with any
 * thumbnails for its textKey.
 *
 * `summary.json` (the deck's DeckSummary, the thumbnails, and the size and SHA-256 of what deck.json
 * holds) lets a build answer an unchanged deck without reading its text; the text is read from
 * deck.json by key when a page needs it (readDeckText), and checked against the SHA-256 then.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { findJapaneseFonts } from '../../src/lib/pdf/render.ts';
import { summariseDeck, type Deck, type DeckText, type DeckTextSummary } from '../../src/lib/decks.ts';
import { sameStamp, type FileStamp } from '../../src/lib/file-stamp.ts';
import type { Thumbnail } from './types.ts';

/** Bump when the WebP settings or the entry format change. */
export const THUMB_FORMAT = 'webp q78 effort4 flatten-white v1';
const ENTRY_FORMAT = 1;

/**
 * sharp (libvips), loaded on the first thumbnail: a text-only run (extract) never pays its start-up
 * (about 0.1 s of CPU per thread).
 */
let sharpModule: Promise<typeof import('sharp').default> | undefined;
function loadSharp(): Promise<typeof import('sharp').default> {
  sharpModule ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false);
    sharp.concurrency(1);
    return sharp;
  });
  return sharpModule;
}

export interface ThumbSpec {
  first: number;
  pages: number | false;
  /** Every page also at this larger width (the deck page's larger view); the smaller sizes are resized from it. */
  large?: number;
}

export interface CacheKeyInput {
  extractorVersion: string;
  password: string | undefined;
  maxPages: number | undefined;
  maxBytes: number | undefined;
  /** The OCR engine's key (scripts/ocr/engine.ts), or 'off' when pages are only flagged. */
  ocr?: string;
}

/**
 * deck.json: the deck (src/lib/decks.ts) as the parser gave it, beside the file's hash and size
 * (the deck's other two fields), validated with the deck's zod schema when read.
 */
export interface CacheEntry extends Pick<Deck, 'sha256' | 'bytes'> {
  format: number;
  extractorVersion: string;
  deck: DeckText;
  /** SHA-256 of JSON.stringify(deck): a damaged deck.json that still parses is caught. Absent in entries written before it. */
  deckSha256?: string;
  /** File names relative to the entry directory; `sha256` of the WebP bytes (absent in older entries, which are decoded instead). */
  thumbnails: { page: number; width: number; height: number; name: string; sha256?: string }[];
}

export interface PendingThumb {
  page: number;
  /** Requested width; the bitmap is resized to it if the renderer gave another width. */
  width: number;
  bitmap: { width: number; height: number; rgba: Uint8Array };
}

function hash(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

export function textKey(input: CacheKeyInput): string {
  return hash(
    JSON.stringify([
      input.extractorVersion,
      input.password === undefined ? null : hash(`pw:${input.password}`),
      input.maxPages ?? null,
      input.maxBytes ?? null,
      input.ocr ?? 'off',
    ]),
  ).slice(0, 16);
}

let fontFingerprint: string | undefined;

/**
 * The Japanese fonts rendering can use: part of the thumbnail key, so thumbnails drawn
 * while a font was missing (Japanese left out) are drawn again once it is installed.
 */
function fonts(): string {
  fontFingerprint ??= Object.values(findJapaneseFonts().files)
    .map((file) => path.basename(file))
    .sort()
    .join(',');
  return fontFingerprint;
}

export function thumbKey(spec: ThumbSpec): string {
  return `t${spec.first}-${spec.pages === false ? 0 : spec.pages}${spec.large ? `-L${spec.large}` : ''}-${hash(`${THUMB_FORMAT}|${fonts()}`).slice(0, 6)}`;
}

export function wantsThumbnails(spec: ThumbSpec): boolean {
  return spec.first > 0 || spec.pages !== false;
}

function shaDir(cacheDir: string, sha: string): string {
  return path.join(cacheDir, sha.slice(0, 2), sha);
}

/** The deck schema, loaded on first use (a run without the cache never loads zod). */
let schemas: Promise<typeof import('../../src/lib/decks.ts')> | undefined;

/** What makes `deck` not a deck (src/lib/decks.ts), or undefined when it is one. */
async function deckProblem(deck: unknown): Promise<string | undefined> {
  schemas ??= import('../../src/lib/decks.ts');
  const checked = (await schemas).deckTextSchema.safeParse(deck);
  if (checked.success) return undefined;
  const issue = checked.error.issues[0];
  return issue ? `${issue.path.join('.') || 'deck'}: ${issue.message}` : 'invalid';
}

function isEntry(value: unknown, sha: string): value is CacheEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<CacheEntry>;
  return (
    v.format === ENTRY_FORMAT &&
    v.sha256 === sha &&
    typeof v.deck === 'object' &&
    v.deck !== null &&
    Array.isArray(v.deck.pages) &&
    Array.isArray(v.thumbnails)
  );
}

/** Why a thumbnail cannot be served as it is, or undefined when it is whole. */
async function thumbDamage(file: string, expected: string | undefined): Promise<string | undefined> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    return 'missing';
  }
  if (expected !== undefined) return hash(data) === expected ? undefined : `${data.length} bytes that do not match the SHA-256 recorded when it was written`;
  try {
    // An entry from before hashes were recorded: decoding every pixel is the check.
    await (await loadSharp())(data).raw().toBuffer();
    return undefined;
  } catch (error) {
    return `not a decodable WebP (${(error as Error).message.split('\n')[0]})`;
  }
}

/**
 * The entry in `dir` when it is whole; undefined when absent or damaged (then `onDamaged` is told why,
 * and the caller parses the PDF again, which replaces the entry).
 */
async function readEntry(dir: string, sha: string, checkThumbs: boolean, onDamaged?: (reason: string) => void): Promise<{ entry: CacheEntry; dir: string } | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(dir, 'deck.json'), 'utf8');
  } catch {
    return undefined;
  }
  const damaged = (reason: string) => {
    onDamaged?.(`cache entry ${path.basename(path.dirname(dir)).slice(0, 12)}…/${path.basename(dir)}: ${reason}; parsed again`);
    return undefined;
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return damaged('deck.json is not valid JSON');
  }
  if (!isEntry(parsed, sha)) return damaged('deck.json is not an entry of this format for this file');
  if (parsed.deckSha256 !== undefined) {
    // Checked against the deck schema when written: matching its SHA-256 proves it still is what was written.
    if (hash(JSON.stringify(parsed.deck)) !== parsed.deckSha256) return damaged('deck.json does not match its recorded SHA-256');
  } else {
    const problem = await deckProblem(parsed.deck);
    if (problem) return damaged(`deck.json does not hold a deck (${problem})`);
  }
  if (checkThumbs) {
    for (const t of parsed.thumbnails) {
      const damage = await thumbDamage(path.join(dir, t.name), t.sha256);
      if (damage) return damaged(`thumbnail ${t.name}: ${damage}`);
    }
  }
  return { entry: parsed, dir };
}

/** Finds a usable entry, or undefined; a damaged entry is reported to `onDamaged` and treated as absent. */
export async function lookup(
  cacheDir: string,
  sha: string,
  tKey: string,
  spec: ThumbSpec,
  onDamaged?: (reason: string) => void,
): Promise<{ entry: CacheEntry; dir: string } | undefined> {
  const base = shaDir(cacheDir, sha);
  const exact = await readEntry(path.join(base, `${tKey}.${thumbKey(spec)}`), sha, true, onDamaged);
  if (exact || wantsThumbnails(spec)) return exact;
  // Text only: any thumbnail variant of the same text key will do.
  let names: string[];
  try {
    names = await readdir(base);
  } catch {
    return undefined;
  }
  for (const name of names.sort()) {
    if (!name.startsWith(`${tKey}.`)) continue;
    const found = await readEntry(path.join(base, name), sha, false, onDamaged);
    if (found) return found;
  }
  return undefined;
}

export function thumbnailsOf(found: { entry: Pick<CacheEntry, 'thumbnails'>; dir: string }, includeThumbs: boolean): Thumbnail[] {
  if (!includeThumbs) return [];
  return found.entry.thumbnails.map((t) => ({ page: t.page, width: t.width, height: t.height, file: path.join(found.dir, t.name) }));
}

/** Encodes one bitmap as WebP with fixed settings (same pixels in, same bytes out). */
export async function encodeWebp(thumb: PendingThumb): Promise<{ data: Buffer; width: number; height: number }> {
  const { bitmap } = thumb;
  const sharp = await loadSharp();
  let image = sharp(bitmap.rgba, { raw: { width: bitmap.width, height: bitmap.height, channels: 4 } });
  if (bitmap.width !== thumb.width) image = image.resize({ width: thumb.width });
  const { data, info } = await image
    .flatten({ background: '#ffffff' })
    .webp({ quality: 78, effort: 4, smartSubsample: false })
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * Writes an entry atomically and returns its final directory. When the entry already exists
 * (force, or a concurrent run), the new one replaces it; readers never see a partial directory.
 */
export async function store(
  cacheDir: string,
  sha: string,
  tKey: string,
  spec: ThumbSpec,
  entry: Omit<CacheEntry, 'format' | 'thumbnails' | 'deckSha256'>,
  thumbs: PendingThumb[],
): Promise<{ entry: CacheEntry; dir: string }> {
  // Never cache what is not a deck: a reader trusts an entry whose SHA-256 matches.
  const problem = await deckProblem(entry.deck);
  if (problem) throw new Error(`the parser's result is not a deck (${problem})`);
  const tmpRoot = path.join(cacheDir, '.tmp');
  await mkdir(tmpRoot, { recursive: true });
  const tmp = path.join(tmpRoot, `${sha.slice(0, 16)}-${tKey}-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(tmp);
  try {
    const written: CacheEntry['thumbnails'] = [];
    for (const t of thumbs) {
      const webp = await encodeWebp(t);
      const name = `p${t.page}-w${t.width}.webp`;
      await writeFile(path.join(tmp, name), webp.data);
      written.push({ page: t.page, width: webp.width, height: webp.height, name, sha256: hash(webp.data) });
    }
    const full: CacheEntry = { format: ENTRY_FORMAT, ...entry, deckSha256: hash(JSON.stringify(entry.deck)), thumbnails: written };
    const deckJson = JSON.stringify(full);
    await writeFile(path.join(tmp, 'deck.json'), deckJson);
    await writeFile(path.join(tmp, SUMMARY_FILE), JSON.stringify(summaryOf(full, Buffer.byteLength(deckJson))));
    const parent = shaDir(cacheDir, sha);
    await mkdir(parent, { recursive: true });
    const final = path.join(parent, `${tKey}.${thumbKey(spec)}`);
    try {
      await rename(tmp, final);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
      const trash = `${tmp}.old`;
      await rename(final, trash);
      await rename(tmp, final);
      await rm(trash, { recursive: true, force: true });
    }
    return { entry: full, dir: final };
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}

/** Removes `.tmp/` debris older than an hour (left by interrupted runs). */
export async function sweep(cacheDir: string): Promise<void> {
  const tmpRoot = path.join(cacheDir, '.tmp');
  let names: string[];
  try {
    names = await readdir(tmpRoot);
  } catch {
    return;
  }
  const cutoff = Date.now() - 3600_000;
  for (const name of names) {
    const p = path.join(tmpRoot, name);
    try {
      if ((await stat(p)).mtimeMs < cutoff) await rm(p, { recursive: true, force: true });
    } catch {
      // raced with another run: fine
    }
  }
}

const HASHES_FILE = 'pdf-hashes.json';
const HASHES_FORMAT = 'iw-pdf-hashes/1';

/**
 * The SHA-256 of each PDF of the last run by its path and stamp, so that an unchanged file is answered
 * from the cache without being read (at the real archive's size, reading every PDF again is most of a
 * rebuild). A file whose size, modification time or inode differ is read and hashed again, as is every
 * file with `force`; only the files of the latest run are kept.
 */
export class PdfHashes {
  private readonly before: Map<string, FileStamp & { sha256: string }>;
  private readonly now = new Map<string, FileStamp & { sha256: string }>();

  private constructor(before: Map<string, FileStamp & { sha256: string }>) {
    this.before = before;
  }

  static async open(cacheDir: string | undefined): Promise<PdfHashes> {
    const before = new Map<string, FileStamp & { sha256: string }>();
    if (cacheDir === undefined) return new PdfHashes(before);
    try {
      const stored = JSON.parse(await readFile(path.join(cacheDir, HASHES_FILE), 'utf8')) as { format?: string; files?: Record<string, FileStamp & { sha256: string }> };
      if (stored.format === HASHES_FORMAT) {
        for (const [file, entry] of Object.entries(stored.files ?? {})) if (/^[0-9a-f]{64}$/u.test(entry.sha256)) before.set(file, entry);
      }
    } catch {
      // None yet, or unreadable: every file is read and hashed.
    }
    return new PdfHashes(before);
  }

  known(file: string, stamp: FileStamp): string | undefined {
    const entry = this.before.get(file);
    return sameStamp(entry, stamp) ? entry?.sha256 : undefined;
  }

  remember(file: string, stamp: FileStamp, sha256: string): void {
    this.now.set(file, { ...stamp, sha256 });
  }

  /** Writes this run's files (under .tmp/, swept if a kill leaves it, then renamed); a failure only costs the next run its reads. */
  async save(cacheDir: string): Promise<void> {
    const files = Object.fromEntries([...this.now].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const temp = path.join(cacheDir, '.tmp', `${HASHES_FILE}-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      await mkdir(path.dirname(temp), { recursive: true });
      await writeFile(temp, `${JSON.stringify({ format: HASHES_FORMAT, files })}\n`);
      await rename(temp, path.join(cacheDir, HASHES_FILE));
    } catch {
      await rm(temp, { force: true });
    }
  }
}

const SUMMARY_FILE = 'summary.json';
const SUMMARY_FORMAT = 1;

/** summary.json: what a build needs of a cached deck without its text (see the layout above). */
interface SummaryFile extends Pick<CacheEntry, 'format' | 'extractorVersion' | 'sha256' | 'bytes' | 'thumbnails'> {
  summaryFormat: number;
  deck: DeckTextSummary;
  /** SHA-256 of JSON.stringify(deck): a damaged summary.json that still parses is caught. */
  summarySha256: string;
  /** What deck.json holds: its size in bytes and the SHA-256 of its deck (CacheEntry.deckSha256). */
  deckJsonBytes: number;
  deckSha256: string;
}

/** A cached deck as a build needs it: its summary, thumbnails and where its text is. */
export interface SummaryEntry {
  entry: Omit<SummaryFile, 'summaryFormat' | 'summarySha256' | 'deckJsonBytes'>;
  dir: string;
}

function summaryOf(entry: CacheEntry, deckJsonBytes: number): SummaryFile {
  const deck = summariseDeck(entry.deck);
  return {
    format: entry.format,
    summaryFormat: SUMMARY_FORMAT,
    extractorVersion: entry.extractorVersion,
    sha256: entry.sha256,
    bytes: entry.bytes,
    deck,
    summarySha256: hash(JSON.stringify(deck)),
    deckJsonBytes,
    deckSha256: entry.deckSha256 ?? hash(JSON.stringify(entry.deck)),
    thumbnails: entry.thumbnails,
  };
}

/**
 * The summary of the entry for these keys, without reading the deck's text: from summary.json when
 * it is whole and deck.json is still the size it names (its content is checked when the text is
 * read); else from the whole entry (lookup(): damage is reported and the entry treated as missing),
 * whose summary.json is then written for the next build.
 */
export async function lookupSummary(cacheDir: string, sha: string, tKey: string, spec: ThumbSpec, onDamaged?: (reason: string) => void): Promise<SummaryEntry | undefined> {
  const dir = path.join(shaDir(cacheDir, sha), `${tKey}.${thumbKey(spec)}`);
  const summary = await readSummary(dir, sha, wantsThumbnails(spec));
  if (summary) return summary;
  const found = await lookup(cacheDir, sha, tKey, spec, onDamaged);
  if (!found) return undefined;
  const deckJson = path.join(found.dir, 'deck.json');
  const file = summaryOf(found.entry, (await stat(deckJson)).size);
  // Written under .tmp/ (swept if interrupted) and renamed into place: a reader sees the whole file or none.
  const tmp = path.join(cacheDir, '.tmp', `${sha.slice(0, 16)}-${SUMMARY_FILE}-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(path.dirname(tmp), { recursive: true });
    await writeFile(tmp, JSON.stringify(file));
    await rename(tmp, path.join(found.dir, SUMMARY_FILE));
  } catch {
    // A read-only cache: the next build reads deck.json again.
    await rm(tmp, { force: true });
  }
  return { entry: file, dir: found.dir };
}

async function readSummary(dir: string, sha: string, checkThumbs: boolean): Promise<SummaryEntry | undefined> {
  let parsed: SummaryFile;
  try {
    parsed = JSON.parse(await readFile(path.join(dir, SUMMARY_FILE), 'utf8')) as SummaryFile;
  } catch {
    return undefined;
  }
  if (
    parsed.summaryFormat !== SUMMARY_FORMAT ||
    parsed.format !== ENTRY_FORMAT ||
    parsed.sha256 !== sha ||
    !Array.isArray(parsed.thumbnails) ||
    typeof parsed.deck !== 'object' ||
    !Array.isArray(parsed.deck?.pages) ||
    hash(JSON.stringify(parsed.deck)) !== parsed.summarySha256
  ) {
    return undefined;
  }
  try {
    if ((await stat(path.join(dir, 'deck.json'))).size !== parsed.deckJsonBytes) return undefined;
  } catch {
    return undefined;
  }
  if (checkThumbs) {
    for (const t of parsed.thumbnails) if (await thumbDamage(path.join(dir, t.name), t.sha256)) return undefined;
  }
  return { entry: parsed, dir };
}

/**
 * The text of a cached deck whose summary a build used (lookupSummary), read when its page renders.
 * An entry changed since the summary was read (same size, other bytes) is an error naming it.
 */
export async function readDeckText(dir: string, deckSha256: string): Promise<DeckText> {
  const file = path.join(dir, 'deck.json');
  let entry: CacheEntry | undefined;
  try {
    entry = JSON.parse(await readFile(file, 'utf8')) as CacheEntry;
  } catch {
    // Reported below.
  }
  if (!entry || typeof entry.deck !== 'object' || hash(JSON.stringify(entry.deck)) !== deckSha256) {
    // Without its summary the next build reads the whole entry, finds the damage and parses the PDF again.
    await rm(path.join(dir, SUMMARY_FILE), { force: true });
    throw new Error(`ingest cache ${file}: changed since its summary was read (it no longer holds the deck summary.json describes); its summary is removed, so the next build parses the PDF again`);
  }
  return entry.deck;
}
