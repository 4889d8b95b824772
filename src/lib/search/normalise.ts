/**
 * Search normalisation shared by the indexer (build time) and the search page
 * (query time). This module has no imports and only erasable TypeScript, so the
 * indexer serves it to browsers as plain JavaScript (assets/search-normalise.js,
 * made with TypeScript's transpileModule): both sides run the same code.
 *
 * Index side, indexForm(): NFKC (ＢＧＰ → BGP, ｻｰﾊﾞ → サーバ, Kangxi ⽤ → 用;
 * the indexer maps the U+2E80 radicals block first), word-final katakana long
 * vowels dropped (サーバー → サーバ, ユーザー → ユーザ, the JIS Z 8301 variant
 * pair), whitespace collapsed. Case is kept: Pagefind lower-cases by itself and
 * excerpts keep their look.
 *
 * Query side, queryForm(): the same plus lower case: searchForm() of
 * src/lib/text/search-form.ts followed by foldLongVowels().
 */

/** Katakana letters (ァ–ヺ) and the iteration marks ヽヾヿ: a long vowel after one of these belongs to the word. */
const LONG_VOWEL_END = /([\u30A1-\u30FA\u30FD-\u30FF])\u30FC+(?![\u30A1-\u30FA\u30FC-\u30FF])/gu;

/** Drops a run of ー that ends a katakana word: サーバー → サーバ, コンピューター → コンピュータ; サーバーセキュリティ is left alone. */
export function foldLongVowels(text: string): string {
  return text.replace(LONG_VOWEL_END, '$1');
}

/** Text as it is indexed: NFKC, long vowels folded, whitespace collapsed; case kept. */
export function indexForm(text: string): string {
  return foldLongVowels(text.normalize('NFKC').replace(/[\s\u200B\u3000]+/gu, ' '));
}

/** A query as it is searched: indexForm, lower case, trimmed. */
export function queryForm(text: string): string {
  return foldLongVowels(
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\s\u200B\u3000]+/gu, ' ')
      .trim(),
  );
}

/** The words of a query that a matching result must contain, normalised, longest first. */
export function queryTerms(query: string): string[] {
  const terms = queryForm(query)
    .replace(/["“”「」『』]/gu, ' ')
    .split(' ')
    .filter((term) => term.length > 0);
  return [...new Set(terms)].sort((a, b) => b.length - a.length);
}

/**
 * Whether a result's text really contains every query term (after the same
 * normalisation). Pagefind also returns weak partial hits, such as サイドバー for
 * サイバー; the search page demotes or hides results for which this is false.
 */
export function containsTerms(text: string, terms: readonly string[]): boolean {
  if (terms.length === 0) return false;
  const haystack = queryForm(text);
  return terms.every((term) => haystack.includes(term));
}

