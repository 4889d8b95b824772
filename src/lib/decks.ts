/**
 * A deck: one PDF of the archive as ingest reads it. Declared once, here, as a zod schema (the
 * ingest cache validates its entries with it); every other shape is a view of it:
 *
 * - `Deck`: what ingest knows of a file (src/lib/pdf extracts it, scripts/ingest hashes, caches and
 *   answers it); `npm run extract -- --json` prints it with the `file` it came from (ExtractRecord).
 * - `DeckText`: what the parser alone knows (no file hash or size): `Omit<Deck, 'sha256' | 'bytes'>`.
 * - `DeckSummary`: a deck without its pages' text (`DeckPageSummary`: flags, errors, OCR reason and
 *   confidence, whether the page has text): what a build needs of an unchanged deck; the ingest cache
 *   keeps it beside each entry so a rebuild reads the text only of the decks whose pages it renders.
 * - `SiteDeck`: what lists, charts, data exports and the feed show of a deck (scripts/content/load.ts
 *   makes it, the `decks` collection holds it): a `Pick<>` of the deck with its cover thumbnail and
 *   how many pages have text — no slide text, so Astro's content store stays small.
 * - `SiteSlides`: what the deck's own page shows (its pages' text, flags and thumbnails): read by key
 *   through the `slides` live collection (src/live.config.ts), never held in the content store.
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

/** A page without its text: what the build report, counts and charts need of it. */
export type DeckPageSummary = Pick<DeckPage, 'page' | 'flags' | 'error' | 'ocrReason' | 'confidence'> & {
  /** True when the cleaned text is blank. */
  blank: boolean;
};

/** A deck without its pages' text (the ingest cache's summary.json beside deck.json). */
export type DeckSummary = Omit<Deck, 'pages'> & { pages: DeckPageSummary[] };
export type DeckTextSummary = Omit<DeckSummary, 'sha256' | 'bytes'>;

/** The summary of a parsed deck. */
export function summariseDeck(deck: DeckText): DeckTextSummary {
  return {
    outcome: deck.outcome,
    message: deck.message,
    pageCount: deck.pageCount,
    metadata: deck.metadata,
    pages: deck.pages.map((page) => ({
      page: page.page,
      flags: page.flags,
      ...(page.error !== undefined ? { error: page.error } : {}),
      ...(page.ocrReason !== undefined ? { ocrReason: page.ocrReason } : {}),
      ...(page.confidence !== undefined ? { confidence: page.confidence } : {}),
      blank: page.text.trim() === '',
    })),
  };
}

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

/** A deck as lists, charts and data show it (the decks collection), keyed by deckKey(programId, deckSlug). */
export type SiteDeck = Pick<Deck, 'sha256' | 'bytes' | 'outcome' | 'message' | 'pageCount'> & {
  cover?: SiteThumb;
  /** Pages whose cleaned text is not blank. */
  pagesWithText: number;
};

/** A deck's slides as its page shows them (the slides live collection), keyed like SiteDeck. */
export type SiteSlides = {
  pages: SiteDeckPage[];
};

export type SiteDecks = Record<string, SiteDeck>;

/** Pages whose cleaned text is not blank (the count every summary of a deck shows). */
export function pagesWithText(pages: readonly Pick<DeckPageSummary, 'blank'>[]): number {
  return pages.filter((page) => !page.blank).length;
}

export function deckKey(programId: string, deckSlug: string): string {
  return `${programId}/${deckSlug}`;
}


