/**
 * Public types of the PDF ingest pipeline (scripts/ingest). The site build calls
 * `ingestDecks()`; `scripts/ingest/extract.ts` is the same pipeline behind a CLI.
 */
import type { Deck, DeckPage, DeckSummary, Outcome } from '../../src/lib/decks.ts';
import type { ThumbSpec } from './cache.ts';
import type { OcrMode } from '../ocr/engine.ts';

export interface DeckInput {
  /** Stable id, e.g. "iw2024-o1/o1-mawatari". Two inputs may share a file's content, never an id. */
  id: string;
  absolutePath: string;
  password?: string;
}

export interface Thumbnail {
  /** 1-based page number. */
  page: number;
  /** Pixel size of the WebP file (read back from the encoder, not guessed). */
  width: number;
  height: number;
  /** Absolute path of the .webp inside the cache directory. Copy it; never link the build output to the cache. */
  file: string;
}

/** A deck (src/lib/decks.ts) with where this run found its thumbnails and whether it came from the cache. */
export interface IngestedDeck extends Deck {
  /** Page-1 thumbnail first (width `thumbnails.first`), then every page at `thumbnails.pages` when enabled. */
  thumbnails: Thumbnail[];
  /** True when the result came from the cache without parsing the PDF in this run. */
  fromCache: boolean;
}

/** An ingested deck without its pages' text (ingestSummaries): `text()` reads it (from the cache) when a page needs it. */
export interface IngestedSummary extends DeckSummary {
  thumbnails: Thumbnail[];
  fromCache: boolean;
  /** What the text was made from: the SHA-256 of the cached deck (CacheEntry.deckSha256), or of the pages a run holds itself. */
  textSha256: string;
  text(): Promise<DeckPage[]>;
}

export type ProgressMode = 'auto' | 'tty' | 'plain' | 'silent';

export interface IngestOptions {
  /**
   * Cache directory, outside the build output (e.g. `.cache/pdf/`). `false` disables the cache:
   * every file is parsed and no thumbnails are produced (there is nowhere to keep them).
   */
  cacheDir: string | false;
  /** Re-extract every file, ignoring (and then overwriting) cache entries. */
  force?: boolean;
  /**
   * Worker threads; default `os.availableParallelism()`, always capped by the number of files to parse.
   * Measured on 2 cores (200 decks, text only): a third worker was no faster (0.97× the wall time,
   * within noise) and took 23 % more memory, so one worker per core stays the default.
   */
  workers?: number;
  limits?: { maxPages?: number; maxBytes?: number };
  /**
   * Thumbnail widths in px: `first` for page 1 (0 = none), `pages` for every page (false = none).
   * Default `{ first: 480, pages: false }`.
   */
  thumbnails?: ThumbSpec;
  /** 'auto' (default): a bar on a TTY stderr, plain lines otherwise. Everything goes to stderr. */
  progress?: ProgressMode;
  /** Per-file time limit in ms; a worker over it is terminated and the file is `corrupt`. Default 120 000. */
  timeoutMs?: number;
  /** V8 heap limit of each worker in MB (decoded images live outside it); a worker over it dies and the file is `corrupt`. Default 1024. */
  workerHeapMB?: number;
  /** Replace a worker after this many files, as a guard against slow leaks. Default 250. */
  recycleAfter?: number;
  /**
   * OCR of pages that lack their text (scans, Japanese drawn as outlines): 'auto' (default) when
   * Tesseract is installed, 'off' only flags them `needs-ocr`, 'force' OCRs every page.
   */
  ocr?: OcrMode;
  /** Called once per input as soon as its result is known (in completion order). */
  onDeck?: (id: string, deck: Pick<IngestedDeck, 'outcome' | 'message' | 'pageCount'>) => void;
}

export interface IngestStats {
  /** Inputs given. */
  files: number;
  /** PDFs actually parsed in this run (each distinct content once). */
  parsed: number;
  /** Inputs answered from the cache without parsing. */
  cached: number;
  /** Inputs whose content was identical to another input of this run (answered from that one parse). */
  duplicates: number;
  /** Sum of pageCount over all inputs. */
  pages: number;
  /** Pages of the PDFs actually parsed in this run. */
  pagesParsed: number;
  ms: number;
  /** Highest resident set size of the whole process (main thread + workers) sampled during the run. */
  peakRssMB: number;
  outcomes: Record<Outcome, number>;
  /** Workers that crashed, hung or ran out of memory and were replaced. */
  workerFailures: number;
  /** The OCR engine used (version, language data, settings), or why none was. */
  ocr?: { mode: OcrMode; engine: string | null; unavailable?: string };
}

export interface IngestResult<D = IngestedDeck> {
  decks: Map<string, D>;
  stats: IngestStats;
  /** Cache entries found damaged (a truncated thumbnail, an edited deck.json) and made again from the PDF, or that could not be written. */
  damaged: { id: string; absolutePath: string; message: string }[];
}
