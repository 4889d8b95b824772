/**
 * What the site knows about each local deck after ingestion: text per page,
 * quality, thumbnails. The content stage makes it (scripts/content/load.ts); pages read it from the decks collection.
 */
import type { Outcome, PageFlag } from './pdf/types.ts';

export interface SiteThumb {
  /** Site path of the WebP, e.g. /thumbs/3fa2…-p1-w480.webp */
  src: string;
  width: number;
  height: number;
}

export interface SiteDeckPage {
  page: number;
  text: string;
  /** Normalised text for the index (NFKC, width folded). */
  search: string;
  flags: PageFlag[];
  /** OCR confidence, 0–1, when the text was read by OCR (flag `ocr`). */
  confidence?: number;
  thumb?: SiteThumb;
  /** The same slide larger (960 px), for the deck page's larger view. */
  large?: SiteThumb;
  error?: string;
}

export interface SiteDeck {
  sha256: string;
  bytes: number;
  outcome: Outcome;
  message: string;
  pageCount: number;
  cover?: SiteThumb;
  pages: SiteDeckPage[];
}

/** Keyed by deckKey(programId, deckSlug). */
export type SiteDecks = Record<string, SiteDeck>;

export function deckKey(programId: string, deckSlug: string): string {
  return `${programId}/${deckSlug}`;
}


