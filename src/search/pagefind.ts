/**
 * The parts of Pagefind's browser API (pagefind.js, loaded at run time from the
 * built bundle) the search page uses. Pagefind ships no types for its bundle.
 */
export interface PagefindAnchor {
  element: string;
  id: string;
  text?: string;
  location: number;
}

export interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  locations?: number[];
}

export interface PagefindData {
  url: string;
  /** The indexed text, word separators (U+200B) removed. */
  content: string;
  /** The indexed text as stored, words separated by U+200B, with < and > written as &lt; and &gt;. */
  raw_content?: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[]>;
  anchors?: PagefindAnchor[];
  locations?: number[];
  sub_results?: PagefindSubResult[];
}

export interface PagefindResult {
  id: string;
  score: number;
  matchedMetaFields?: string[];
  data: () => Promise<PagefindData>;
}

export type PagefindFilters = Record<string, { any: string[] }>;

export interface PagefindSearch {
  results: PagefindResult[];
  unfilteredResultCount: number;
}

export interface Pagefind {
  options: (options: Record<string, unknown>) => Promise<void>;
  mergeIndex: (url: string, options?: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  search: (query: string, options?: { filters?: PagefindFilters; sort?: Record<string, 'asc' | 'desc'> }) => Promise<PagefindSearch | null>;
}

/** Loads the Pagefind runtime from a URL known only at run time (the bundle sits beside the built pages). */
export function importPagefind(url: string): Promise<Pagefind> {
  return import(/* @vite-ignore */ url) as Promise<Pagefind>;
}
