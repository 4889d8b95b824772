/**
 * The contract between PDF extraction (src/lib/pdf), the ingest pipeline
 * (scripts/ingest) and the pages that show decks. Documented JSON: the
 * `npm run extract -- --json` output is an array of DeckText plus `file`.
 */

/** What happened to one file, as a whole. */
export type Outcome =
  | 'ok' // every page has usable text
  | 'partial' // some pages failed to parse; the others are kept
  | 'encrypted' // a user password is needed and none (or a wrong one) was given
  | 'empty' // zero bytes
  | 'not-pdf' // no %PDF header: an HTML error page saved as .pdf, say
  | 'corrupt' // truncated or damaged beyond what pdf.js can repair
  | 'no-text-layer' // pages parse but carry no text: scans, or Japanese drawn as outlines (needs OCR)
  | 'garbage' // the text layer is control or private-use characters (fonts without Unicode maps)
  | 'too-large'; // over the configured page or byte limit

/**
 * What is wrong with one page, or where its text comes from: `needs-ocr` the page lacks its
 * text (a scan, text drawn as outlines, an unreadable text layer; `ocrReason` says which) and
 * was not OCR'd; `ocr` its text was read by OCR (`confidence`, `ocrRaw`).
 */
export type PageFlag = 'no-text' | 'garbage' | 'failed' | 'needs-ocr' | 'ocr';

export interface PageText {
  /** 1-based. */
  page: number;
  /** Text as pdf.js gave it, lines joined with \n. */
  raw: string;
  /** Cleaned text: Kangxi mapped, overprint and repeated headers/footers removed. */
  text: string;
  /** Normalised form for indexing: NFKC, width folded. */
  search: string;
  flags: PageFlag[];
  /** Why the page failed, when it did. */
  error?: string;
  /** Why the page lacks its text (with `needs-ocr` or `ocr`): "no text layer; an image covers 100 % of the page (a scan)". */
  ocrReason?: string;
  /** OCR confidence of the page's text, 0–1 (with `ocr`). */
  confidence?: number;
  /** The text as Tesseract read it, before cleaning (with `ocr`). */
  ocrRaw?: string;
}

export interface DeckText {
  outcome: Outcome;
  /** One sentence a person can act on: "needs the user password (none given)". */
  message: string;
  pageCount: number;
  pages: PageText[];
  metadata: { title?: string; author?: string; producer?: string; creator?: string };
}

export interface ExtractOptions {
  password?: string;
  /** Refuse files with more pages than this (outcome too-large). */
  maxPages?: number;
  /** Refuse files larger than this many bytes (outcome too-large). */
  maxBytes?: number;
}
