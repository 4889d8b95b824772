/**
 * Search excerpts that show text as written. Pagefind 1.6 builds an excerpt from
 * `raw_content`, which escapes `<` and `>` but not `&`: a slide that reads
 * `&lt;` literally would show `<`. Each word is read back against the plain
 * `content` (where a `<` is a `<` and `&lt;` is four characters), escaped fully,
 * and the same words are marked. Runs in the browser too (generated into
 * assets/search-excerpt.js by scripts/search/index.ts), so no imports.
 */

export interface PagefindFragmentText {
  /** The page text, zero-width spaces removed. */
  content: string;
  /** The page text as Pagefind's words: `<` and `>` escaped, words split by zero-width spaces (Japanese) or whitespace. */
  raw_content?: string;
}

export interface PagefindExcerptPart {
  /** Pagefind's excerpt HTML, used when the words cannot be read back. */
  excerpt: string;
  plain_excerpt?: string;
  /** Word indices of the hits, into the words of the whole page. */
  locations?: number[];
}

const ZWS = '\u200B';
const SEPARATORS = /[^\S\uFEFF]+/u;

export function escapeHtml(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
}

/** Pagefind's words and the same words as written; null when they do not line up with the content. */
export function fragmentWords(fragment: PagefindFragmentText): { escaped: string[]; written: string[]; joiner: string } | null {
  const raw = fragment.raw_content;
  if (raw === undefined) return null;
  const byZws = raw.includes(ZWS);
  const escaped = byZws ? raw.split(ZWS) : raw.split(SEPARATORS);
  const content = fragment.content;
  const written: string[] = [];
  let at = 0;
  for (const word of escaped) {
    if (!byZws) while (at < content.length && /\s/u.test(content[at] ?? '') && !/^\s/u.test(word)) at += 1;
    let plain = '';
    let i = 0;
    while (i < word.length) {
      const entity = word.startsWith('&lt;', i) ? '<' : word.startsWith('&gt;', i) ? '>' : '';
      if (entity && content[at] === entity) {
        plain += entity;
        at += 1;
        i += 4;
        continue;
      }
      if (content[at] !== word[i]) return null;
      plain += word[i];
      at += 1;
      i += 1;
    }
    written.push(plain);
  }
  return { escaped, written, joiner: byZws ? '' : ' ' };
}

/** The excerpt HTML with every character as written (`&lt;` stays `&lt;`), hits in <mark>; Pagefind's own when the words cannot be matched. */
export function faithfulExcerpt(fragment: PagefindFragmentText, part: PagefindExcerptPart): string {
  const plain = part.plain_excerpt;
  const words = fragmentWords(fragment);
  if (plain === undefined || !words) return part.excerpt;
  const { escaped, written, joiner } = words;
  for (let start = 0; start < escaped.length; start += 1) {
    if (!plain.startsWith((escaped[start] ?? '').trimStart())) continue;
    let joined = '';
    for (let end = start; end < escaped.length && joined.trim().length < plain.length; end += 1) {
      joined = escaped.slice(start, end + 1).join(joiner);
      if (joined.trim() !== plain) continue;
      const hits = new Set(part.locations ?? []);
      return written
        .slice(start, end + 1)
        .map((word, offset) => (hits.has(start + offset) ? `<mark>${escapeHtml(word)}</mark>` : escapeHtml(word)))
        .join(joiner)
        .trim();
    }
  }
  return part.excerpt;
}
