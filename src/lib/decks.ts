/**
 * A deck: one PDF of the archive as ingest reads it. Declared once, here, as a zod schema (the
 * ingest cache validates its entries with it); every other shape is a view of it:
 *
 * - `Deck`: what ingest knows of a file (src/lib/pdf extracts it, scripts/ingest hashes, caches and
 *   answers it); `npm run extract -- --json` prints it with the `file` it came from (ExtractRecord).
 * - `DeckText`: what the parser alone knows (no file hash or size): `Omit<Deck, 'sha256' | 'bytes'>`.
 * - `SiteDeck`: what the pages show (scripts/content/load.ts makes it, the decks collection holds it):
 *   a `Pick<>` of the deck and its pages, with the thumbnails' site paths added.
 *
 * Pure: no file or process I/O.
 */
import { z } from 'astro/zod';

import { OUTCOMES, PAGE_FLAGS } from './pdf/types.ts';
export { OUTCOMES, PAGE_FLAGS, type Outcome, type PageFlag } from './pdf/types.ts';

export const deckPageSchema = z.strictObject({
  /** 1-based. */
  page: z.number().int().positive(),
  /** Text as pdf.js gave it, lines joined with \n. */
  raw: z.string(),
  /** Cleaned text: Kangxi mapped, overprint and repeated headers/footers removed. */
  text: z.string(),
  /** Normalised form for indexing: NFKC, width folded. */
  search: z.string(),
  flags: z.array(z.enum(PAGE_FLAGS)),
  /** Why the page failed, when it did. */
  error: z.string().exactOptional(),
  /** Why the page lacks its text (with `needs-ocr` or `ocr`): "no text layer; an image covers 100 % of the page (a scan)". */
  ocrReason: z.string().exactOptional(),
  /** OCR confidence of the page's text, 0–1 (with `ocr`). */
  confidence: z.number().min(0).max(1).exactOptional(),
  /** The text as Tesseract read it, before cleaning (with `ocr`). */
  ocrRaw: z.string().exactOptional(),
});

export const deckSchema = z.strictObject({
  /** sha256 of the file's bytes, lowercase hex; '' when the file could not be read. */
  sha256: z.string().regex(/^(?:[0-9a-f]{64})?$/u),
  /** File size in bytes. */
  bytes: z.number().int().nonnegative(),
  outcome: z.enum(OUTCOMES),
  /** One sentence a person can act on: "needs the user password (none given)". */
  message: z.string(),
  /** Pages in the PDF (0 when it could not be opened). */
  pageCount: z.number().int().nonnegative(),
  metadata: z.strictObject({ title: z.string().exactOptional(), author: z.string().exactOptional(), producer: z.string().exactOptional(), creator: z.string().exactOptional() }),
  /** One per page, 1-based; empty when the file could not be opened. */
  pages: z.array(deckPageSchema),
});

export type DeckPage = z.output<typeof deckPageSchema>;
export type Deck = z.output<typeof deckSchema>;

/** What the parser knows of a deck: everything but the file's hash and size. */
export const deckTextSchema = deckSchema.omit({ sha256: true, bytes: true });
export type DeckText = Omit<Deck, 'sha256' | 'bytes'>;

/** `npm run extract -- --json`: one deck per file given, with the path as given (the documented format). */
export type ExtractRecord = { file: string } & Deck;

export interface SiteThumb {
  /** Site path of the WebP, e.g. /thumbs/3fa2…-p1-w480.webp */
  src: string;
  width: number;
  height: number;
}

/** A page as the site shows it: its text, flags and thumbnails (raw and OCR details stay in the cache). */
export type SiteDeckPage = Pick<DeckPage, 'page' | 'text' | 'search' | 'flags' | 'confidence' | 'error'> & {
  thumb?: SiteThumb;
  /** The same slide larger (960 px), for the deck page's larger view. */
  large?: SiteThumb;
};

/** A deck as the site shows it (the decks collection), keyed by deckKey(programId, deckSlug). */
export type SiteDeck = Pick<Deck, 'sha256' | 'bytes' | 'outcome' | 'message' | 'pageCount'> & {
  cover?: SiteThumb;
  pages: SiteDeckPage[];
};

export type SiteDecks = Record<string, SiteDeck>;

export function deckKey(programId: string, deckSlug: string): string {
  return `${programId}/${deckSlug}`;
}


