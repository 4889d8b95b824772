/**
 * Where a reader's search terms are on a slide, for the deck page's highlight: the terms come
 * from the URL a search result opened (`?q=…` or Pagefind's `pagefind-highlight`), and match
 * across the differences search already ignores (full/half width, letter case, a word-final
 * long vowel: サーバー finds サーバ), while the ranges point into the slide's own text.
 */

/** Fewer than this many characters is no term to highlight (a stray particle would light up everywhere). */
const MIN_TERM_LENGTH = 2;

/** Width- and case-folded form of a term or text, one piece per character of the original. */
function foldedPieces(text: string): { folded: string; starts: number[]; ends: number[] } {
  let folded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let index = 0;
  for (const char of text) {
    const piece = char.normalize('NFKC').toLowerCase();
    for (let i = 0; i < piece.length; i += 1) {
      starts.push(index);
      ends.push(index + char.length);
    }
    folded += piece;
    index += char.length;
  }
  return { folded, starts, ends };
}

function foldTerm(term: string): string {
  return term.normalize('NFKC').toLowerCase().replace(/ー+$/u, '');
}

/** The terms to highlight from a page URL's query string, longest first, without duplicates. */
export function highlightTerms(search: string): string[] {
  const params = new URLSearchParams(search);
  const raw = [...params.getAll('q'), ...params.getAll('pagefind-highlight')];
  const terms = raw
    .flatMap((value) => value.normalize('NFKC').split(/[\s\u3000]+/u))
    .map((term) => term.replace(/^["'「『]+|["'」』]+$/gu, ''))
    .filter((term) => [...foldTerm(term)].length >= MIN_TERM_LENGTH);
  return [...new Set(terms)].sort((a, b) => b.length - a.length);
}

/** Ranges [start, end) of the terms in the text (UTF-16 offsets into the original), merged and in order. */
export function findMatches(text: string, terms: string[]): [number, number][] {
  const { folded, starts, ends } = foldedPieces(text);
  const ranges: [number, number][] = [];
  for (const term of terms) {
    const needle = foldTerm(term);
    if (!needle) continue;
    for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + needle.length)) {
      const start = starts[at];
      const end = ends[at + needle.length - 1];
      if (start !== undefined && end !== undefined) ranges.push([start, end]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}
