/**
 * Faithful excerpts: Pagefind indexes the normalised form of a text (indexForm:
 * ＢＧＰ → BGP, プレイヤー（事業者） → プレイヤ(事業者)), so the content it stores and
 * its excerpts are normalised too. A researcher quoting a result must see the
 * speaker's own words, so each indexed region of a page (a title, an abstract, a
 * slide's text) carries, besides its normalised text, the few places where the
 * original differs (`RegionMap`, stored as Pagefind meta). The search page puts
 * the original back (restoreRegion) and builds its excerpt from it (excerptHtml).
 *
 * Where a region starts in Pagefind's content is exact: the hidden element that
 * holds its normalised text has an id, and Pagefind lists every element with an
 * id among a fragment's `anchors` with the index of its first word. Inside a
 * region Pagefind only inserts word separators (U+200B) and collapses
 * whitespace, so a difference is placed by counting the region's non-space
 * characters ("skeleton" offsets), which neither changes.
 *
 * Used at build time (the page templates) and in the browser (src/search/).
 */
import { foldLongVowels } from './normalise.ts';

/** [skeleton offset in the normalised text, normalised run, original run]. */
export type RegionDiff = [number, string, string];

export interface RegionMap {
  /** Non-space characters of the region's normalised text. */
  n: number;
  /** Differences in order; whitespace-only differences are not kept (whitespace is shown collapsed). */
  d: RegionDiff[];
}

const SPACE = /[\s\u200B\u3000]/u;
/** One user-perceived unit: a base character with its combining or half-width voicing marks (ｶﾞ, か゛). */
const UNIT = /[^\p{M}\uFF9E\uFF9F][\p{M}\uFF9E\uFF9F]*|[\p{M}\uFF9E\uFF9F]+/gsu;

interface Unit {
  original: string;
  normalised: string;
}

/**
 * The text split into units, each with its part of `normalise(text)`. `perUnit` is
 * the unit-local part (NFKC and what else is applied per character); whitespace
 * collapsing and word-final long vowels are applied over the whole text.
 * Returns undefined when unit-wise NFKC would not give the whole text's NFKC.
 */
function alignUnits(text: string, perUnit: (unit: string) => string): Unit[] | undefined {
  const units = (text.match(UNIT) ?? []).map((original) => ({ original, normalised: perUnit(original) }));
  // Characters of the unit-wise form, with the unit each came from.
  const chars: { char: string; unit: number }[] = [];
  units.forEach((unit, index) => {
    for (const char of unit.normalised) chars.push({ char, unit: index });
  });
  // Whitespace runs become one space (as indexForm does).
  const collapsed: { char: string; unit: number }[] = [];
  for (const entry of chars) {
    if (SPACE.test(entry.char)) {
      if (collapsed.at(-1)?.char === ' ') continue;
      collapsed.push({ char: ' ', unit: entry.unit });
    } else collapsed.push(entry);
  }
  // Word-final long vowels: foldLongVowels decides which ー go; the kept characters are matched back in order.
  const joined = collapsed.map((entry) => entry.char).join('');
  const folded = foldLongVowels(joined);
  const kept: { char: string; unit: number }[] = [];
  let at = 0;
  for (const entry of collapsed) {
    if (folded.startsWith(entry.char, at)) {
      kept.push(entry);
      at += entry.char.length;
    }
  }
  if (at !== folded.length) return undefined;
  for (const unit of units) unit.normalised = '';
  for (const entry of kept) {
    const unit = units[entry.unit];
    if (unit) unit.normalised += entry.char;
  }
  return units;
}

function skeletonLength(text: string): number {
  let count = 0;
  for (const char of text) if (!SPACE.test(char)) count += 1;
  return count;
}

function isSpace(text: string): boolean {
  return text.length > 0 && [...text].every((char) => SPACE.test(char));
}

/**
 * The map of a region whose indexed text is `indexed` (what `normalise(original)`
 * gave) back to `original`. `perUnit` must be the per-character part of that
 * normalisation (NFKC, radicals). When the two cannot be aligned unit by unit, the
 * whole region is one difference: still exact, only larger.
 */
export function regionMap(original: string, indexed: string, perUnit: (unit: string) => string): RegionMap {
  const units = alignUnits(original, perUnit);
  const n = skeletonLength(indexed);
  if (!units || units.map((unit) => unit.normalised).join('') !== indexed) {
    return { n, d: indexed === original ? [] : [[0, indexed.trim(), original.trim()]] };
  }
  const diffs: RegionDiff[] = [];
  let skeleton = 0;
  let run: RegionDiff | undefined;
  for (const unit of units) {
    const differs = unit.original !== unit.normalised && !(isSpace(unit.original) && (unit.normalised === '' || isSpace(unit.normalised)));
    if (differs) {
      if (!run) {
        run = [skeleton, '', ''];
        diffs.push(run);
      }
      run[1] += unit.normalised;
      run[2] += unit.original;
    } else run = undefined;
    skeleton += skeletonLength(unit.normalised);
  }
  return { n, d: diffs };
}

/** Pagefind's content words from `start` on, joined as text (word separators removed). */
/**
 * Pagefind's raw_content with its escapes undone, only where they are escapes: Pagefind 1.6
 * escapes `<` and `>` as `&lt;` and `&gt;` but leaves `&` alone, so a slide that reads `&lt;`
 * literally would turn into `<`. Each character is read against the plain `content` (no word
 * separators, nothing escaped); where the two stop lining up, the rest is unescaped as before.
 */
export function unescapeRawContent(raw: string, content: string): string {
  let out = '';
  let i = 0;
  let j = 0;
  while (i < raw.length) {
    const char = raw[i] ?? '';
    const entity = raw.startsWith('&lt;', i) ? '<' : raw.startsWith('&gt;', i) ? '>' : '';
    if (entity && content[j] === entity) {
      out += entity;
      i += 4;
      j += 1;
    } else if (char === content[j]) {
      out += char;
      i += 1;
      j += 1;
    } else if (char === '\u200B' || /\s/u.test(char)) {
      out += char;
      i += 1;
    } else if (/\s/u.test(content[j] ?? '')) {
      j += 1;
    } else {
      return out + raw.slice(i).replaceAll('&lt;', '<').replaceAll('&gt;', '>');
    }
  }
  return out;
}

export function contentFrom(content: string | readonly string[], start: number): string {
  return (typeof content === 'string' ? contentWords(content) : content).slice(start).join('');
}

/** Pagefind's content as its words (what anchor locations count), for contentFrom on many regions of one page. */
export function contentWords(content: string): string[] {
  return content.includes('\u200B') ? content.split('\u200B') : content.split(/(?<=\s)/u);
}

/**
 * The original text of a region, given Pagefind's content from the region's
 * first word on (contentFrom) and its map; whitespace collapsed. Undefined when
 * the content does not fit the map (then the caller shows the indexed text).
 */
export function restoreRegion(content: string, map: RegionMap): string | undefined {
  let out = '';
  let skeleton = 0;
  let at = 0;
  let next = 0;
  const insertions = () => {
    // Differences whose normalised run is empty (a folded ー) sit right after the skeleton character before them.
    while (map.d[next] && map.d[next]?.[0] === skeleton && map.d[next]?.[1] === '') {
      out += map.d[next]?.[2] ?? '';
      next += 1;
    }
  };
  insertions();
  while (skeleton < map.n) {
    const char = content[at];
    if (char === undefined) return undefined;
    if (SPACE.test(char)) {
      if (out.length > 0 && !out.endsWith(' ')) out += ' ';
      at += 1;
      continue;
    }
    const diff = map.d[next];
    if (diff && diff[0] === skeleton) {
      if (!content.startsWith(diff[1], at)) return undefined;
      out += diff[2];
      at += diff[1].length;
      skeleton += skeletonLength(diff[1]);
      next += 1;
    } else {
      const codePoint = String.fromCodePoint(content.codePointAt(at) ?? 0);
      out += codePoint;
      at += codePoint.length;
      skeleton += 1;
    }
    insertions();
  }
  if (skeleton !== map.n || next !== map.d.length) return undefined;
  return out.replace(/\s+/gu, ' ').trim();
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** Where the (query-normalised) terms occur in `text`, as [start, end) ranges of the original text, in order. */
export function matchRanges(text: string, terms: readonly string[], perUnit: (unit: string) => string): [number, number][] {
  const units = alignUnits(text, (unit) => perUnit(unit).toLowerCase());
  if (!units) return [];
  // Character offsets of each unit's normalised part in the normalised text, and of its original part in the text.
  let normalised = '';
  const starts: { norm: number; orig: number; normEnd: number; origEnd: number }[] = [];
  let orig = 0;
  for (const unit of units) {
    starts.push({ norm: normalised.length, orig, normEnd: normalised.length + unit.normalised.length, origEnd: orig + unit.original.length });
    normalised += unit.normalised;
    orig += unit.original.length;
  }
  const ranges: [number, number][] = [];
  for (const term of terms) {
    if (!term) continue;
    for (let from = normalised.indexOf(term); from !== -1; from = normalised.indexOf(term, from + term.length)) {
      const to = from + term.length;
      const first = starts.find((unit) => unit.normEnd > from);
      let lastIndex = starts.findLastIndex((unit) => unit.norm < to);
      // A folded long vowel right after the match belongs to the word: サーバ matches サーバー whole.
      while (lastIndex + 1 < starts.length && starts[lastIndex + 1]?.norm === starts[lastIndex + 1]?.normEnd && !SPACE.test(units[lastIndex + 1]?.original ?? ' ')) lastIndex += 1;
      const last = starts[lastIndex];
      if (first && last) ranges.push([first.orig, last.origEnd]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const previous = merged.at(-1);
    if (previous && range[0] <= previous[1]) previous[1] = Math.max(previous[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/**
 * An excerpt of `text` (original words) around its first match, about `length`
 * characters, HTML-escaped, with every match in <mark>. Without a match, the
 * text's start.
 */
export function excerptHtml(text: string, terms: readonly string[], perUnit: (unit: string) => string, length = 90): string {
  const ranges = matchRanges(text, terms, perUnit);
  const first = ranges[0];
  let start = first ? Math.max(0, first[0] - Math.floor(length / 3)) : 0;
  let end = Math.min(text.length, start + length);
  start = Math.max(0, Math.min(start, end - length));
  // Do not cut a surrogate pair or a word of Latin text in half.
  while (start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1] ?? '') && /[A-Za-z0-9]/u.test(text[start] ?? '')) start -= 1;
  while (end < text.length && /[A-Za-z0-9]/u.test(text[end - 1] ?? '') && /[A-Za-z0-9]/u.test(text[end] ?? '')) end += 1;
  if (/[\uDC00-\uDFFF]/u.test(text[start] ?? '')) start -= 1;
  if (/[\uD800-\uDBFF]/u.test(text[end - 1] ?? '')) end += 1;
  let html = start > 0 ? '…' : '';
  let at = start;
  for (const [from, to] of ranges) {
    if (to <= start || from >= end) continue;
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    html += `${escapeHtml(text.slice(at, a))}<mark>${escapeHtml(text.slice(a, b))}</mark>`;
    at = b;
  }
  html += escapeHtml(text.slice(at, end));
  if (end < text.length) html += '…';
  return html;
}
