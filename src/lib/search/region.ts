/**
 * One indexed region of a page at build time: its normalised text (what Pagefind
 * indexes) and the map back to the words as written (src/lib/search/faithful.ts).
 * Used by src/components/IndexedText.astro.
 */
import { mapRadicals } from '../text/radicals.ts';
import { regionMap, type RegionMap } from './faithful.ts';
import { indexForm } from './normalise.ts';

/** Most characters of one slide's text that are indexed: a wall of text (a table of figures) should not outweigh its title. */
export const SLIDE_INDEX_CHARS = 1_200;

/** The per-character part of indexForm as the indexer applies it: radicals first (NFKC misses U+2E80–2EFF), then NFKC. */
export function indexUnit(unit: string): string {
  return mapRadicals(unit).normalize('NFKC');
}

function cap(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const end = /[\uD800-\uDBFF]/u.test(text[limit - 1] ?? '') ? limit - 1 : limit;
  return text.slice(0, end);
}

export interface IndexedRegion {
  /** The text Pagefind indexes. */
  indexed: string;
  map: RegionMap;
}

export function indexedRegion(original: string, limit = Number.POSITIVE_INFINITY): IndexedRegion {
  const text = cap(original, limit);
  const indexed = indexForm(mapRadicals(text));
  return { indexed, map: regionMap(text, indexed, indexUnit) };
}
