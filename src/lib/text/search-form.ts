/**
 * The normalised form used for indexing and for queries, so both sides meet:
 * NFKC (full-width ＢＧＰ → BGP, half-width ｻｰﾊﾞ → サーバ, ① → 1, Kangxi ⽤ → 用),
 * lower case, every run of whitespace collapsed to one space, trimmed.
 *
 * The search UI must call this on the query too.
 */
export function searchForm(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u200B\u3000]+/gu, ' ')
    .trim();
}
