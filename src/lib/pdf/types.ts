/**
 * The PDF stage's names for the one deck type of src/lib/decks.ts (declared there once, with its
 * zod schema), the closed lists it is made of (here, so that code needing only them does not load
 * zod), and the options of one extraction.
 */
export type { DeckText, DeckPage as PageText } from '../decks.ts';

/** What happened to one file, as a whole. */
export const OUTCOMES = [
  'ok', // every page has usable text
  'partial', // some pages failed to parse; the others are kept
  'encrypted', // a user password is needed and none (or a wrong one) was given
  'empty', // zero bytes
  'not-pdf', // no %PDF header: an HTML error page saved as .pdf, say
  'corrupt', // truncated or damaged beyond what pdf.js can repair
  'no-text-layer', // pages parse but carry no text: scans, or Japanese drawn as outlines (needs OCR)
  'garbage', // the text layer is control or private-use characters (fonts without Unicode maps)
  'too-large', // over the configured page or byte limit
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * What is wrong with one page, or where its text comes from: `needs-ocr` the page lacks its
 * text (a scan, text drawn as outlines, an unreadable text layer; `ocrReason` says which) and
 * was not OCR'd; `ocr` its text was read by OCR (`confidence`, `ocrRaw`).
 */
export const PAGE_FLAGS = ['no-text', 'garbage', 'failed', 'needs-ocr', 'ocr'] as const;
export type PageFlag = (typeof PAGE_FLAGS)[number];

export interface ExtractOptions {
  password?: string;
  /** Refuse files with more pages than this (outcome too-large). */
  maxPages?: number;
  /** Refuse files larger than this many bytes (outcome too-large). */
  maxBytes?: number;
}
