/**
 * Turns pdf.js text items into lines in reading order. Pure: no pdf.js import,
 * so it can be unit-tested with hand-made items.
 *
 * Rules:
 * - an item whose `hasEOL` is set ends the line;
 * - a change of baseline (y for horizontal text, x for vertical text) larger
 *   than half the font size starts a new line;
 * - between two items on one line a space is inserted only when the gap is
 *   wide and at least one side is not CJK (pdf.js also emits whitespace-only
 *   items for gaps; those between two CJK characters are dropped, spaces
 *   inside an item's own string are kept);
 * - overprinted items (the same string drawn again within a fraction of its
 *   font size, "fake bold") are dropped at item level.
 */

export interface TextItemLike {
  str: string;
  /** [a, b, c, d, e, f]: e, f are the origin in PDF user space. */
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
  fontName?: string;
}

export interface Line {
  text: string;
  /** Top-down position of the line's baseline in the page, 0 (top) … 1 (bottom). */
  y: number;
  /** Left position, 0 … 1. */
  x: number;
  /** Font size in PDF units. */
  size: number;
}

export interface LayoutOptions {
  /** Page width and height in PDF units (from the unscaled viewport). */
  pageWidth: number;
  pageHeight: number;
  /** Fonts (by pdf.js fontName) that are vertical. */
  verticalFonts?: ReadonlySet<string>;
  /** Drop overprinted duplicates (default true). */
  dedupeOverprint?: boolean;
}

/** Hiragana, katakana, CJK ideographs, CJK punctuation, full-width forms, radicals. */
const CJK =
  /[\u2E80-\u2FDF\u3000-\u303F\u3040-\u30FF\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]|[\u{20000}-\u{3FFFF}]/u;

export function isCjk(ch: string | undefined): boolean {
  return ch !== undefined && ch !== '' && CJK.test(ch);
}

function fontSize(item: TextItemLike): number {
  const [a = 0, b = 0, c = 0, d = 0] = item.transform;
  const s = Math.max(Math.hypot(a, b), Math.hypot(c, d), item.height);
  return s > 0 ? s : 1;
}

function lastChar(s: string): string | undefined {
  const cps = Array.from(s);
  return cps[cps.length - 1];
}

function firstChar(s: string): string | undefined {
  return Array.from(s)[0];
}

/**
 * Drop overprinted text ("fake bold", shadows): first whole items that repeat
 * an earlier item's string within a quarter of the font size, then single
 * glyphs that repeat the same character within 0.12 em of an earlier one
 * (producers that draw each glyph two or three times, which pdf.js then
 * groups into items like "s", "s", "st"). Glyph positions inside an item are
 * estimated by splitting its width evenly, which is exact for CJK and within
 * about 0.1 em for Latin; identical Latin glyphs side by side ("ll") are at
 * least 0.2 em apart, so they survive.
 */
export function dropOverprinted<T extends TextItemLike>(items: readonly T[], verticalFonts?: ReadonlySet<string>): T[] {
  const seen = new Map<string, Array<[number, number]>>();
  const whole: T[] = [];
  for (const item of items) {
    const key = item.str.trim();
    if (key === '') {
      whole.push(item);
      continue;
    }
    const x = item.transform[4] ?? 0;
    const y = item.transform[5] ?? 0;
    // A quarter of the font size, but less than half a glyph's advance, so "l" "l" side by side stay two.
    const vertical = item.fontName !== undefined && (verticalFonts?.has(item.fontName) ?? false);
    const advance = (vertical ? item.height : item.width) / Math.max(1, Array.from(item.str).length);
    const tol = Math.min(fontSize(item) * 0.25, Math.max(0.6, advance * 0.5));
    const prev = seen.get(key);
    if (prev?.some(([px, py]) => Math.abs(px - x) <= tol && Math.abs(py - y) <= tol)) continue;
    if (prev) prev.push([x, y]);
    else seen.set(key, [[x, y]]);
    whole.push(item);
  }

  // Glyph positions seen so far, per character, bucketed by rows of ROW units in y.
  const ROW = 2;
  const glyphs = new Map<string, Map<number, number[]>>();
  const near = (ch: string, gx: number, gy: number, tol: number): boolean => {
    const rows = glyphs.get(ch);
    if (!rows) return false;
    const r0 = Math.floor((gy - tol) / ROW);
    const r1 = Math.floor((gy + tol) / ROW);
    for (let r = r0; r <= r1; r++) {
      const xy = rows.get(r);
      if (!xy) continue;
      for (let k = 0; k < xy.length; k += 2) {
        if (Math.abs((xy[k] ?? 0) - gx) <= tol && Math.abs((xy[k + 1] ?? 0) - gy) <= tol) return true;
      }
    }
    return false;
  };
  const remember = (ch: string, gx: number, gy: number): void => {
    let rows = glyphs.get(ch);
    if (!rows) glyphs.set(ch, (rows = new Map()));
    const r = Math.floor(gy / ROW);
    const xy = rows.get(r);
    if (xy) xy.push(gx, gy);
    else rows.set(r, [gx, gy]);
  };
  const out: T[] = [];
  for (const item of whole) {
    const chars = Array.from(item.str);
    if (item.str.trim() === '') {
      out.push(item);
      continue;
    }
    const vertical = item.fontName !== undefined && (verticalFonts?.has(item.fontName) ?? false);
    const size = fontSize(item);
    const tol = size * 0.12;
    const x0 = item.transform[4] ?? 0;
    const y0 = item.transform[5] ?? 0;
    const step = (vertical ? item.height : item.width) / Math.max(1, chars.length);
    const kept: string[] = [];
    let firstKept = -1;
    chars.forEach((ch, i) => {
      const gx = vertical ? x0 : x0 + step * i;
      const gy = vertical ? y0 - step * i : y0;
      if (ch === ' ' || ch === '\u3000' || ch === '\t' || ch === '\u00A0') {
        if (kept.length > 0) kept.push(ch);
        return;
      }
      if (near(ch, gx, gy, tol)) return;
      remember(ch, gx, gy);
      if (firstKept < 0) firstKept = i;
      kept.push(ch);
    });
    if (kept.length === chars.length) {
      out.push(item);
      continue;
    }
    const str = kept.join('');
    if (str.trim() === '') {
      // Everything was a duplicate; keep the line break it carried.
      if (item.hasEOL) out.push({ ...item, str: '', width: 0 });
      continue;
    }
    const t = [...item.transform];
    if (vertical) t[5] = y0 - step * firstKept;
    else t[4] = x0 + step * firstKept;
    out.push({ ...item, str, transform: t, width: vertical ? item.width : step * (chars.length - firstKept) });
  }
  return out;
}

interface Building {
  parts: string[];
  x0: number;
  y0: number;
  size: number;
  /** End of the last item along the writing direction. */
  end: number;
  base: number;
  vertical: boolean;
  last: string;
}

export function layoutLines(items: readonly TextItemLike[], opts: LayoutOptions): Line[] {
  const source = opts.dedupeOverprint === false ? items : dropOverprinted(items, opts.verticalFonts);
  const lines: Line[] = [];
  const state: { cur: Building | null; pendingSpace: boolean } = { cur: null, pendingSpace: false };
  const W = opts.pageWidth > 0 ? opts.pageWidth : 1;
  const H = opts.pageHeight > 0 ? opts.pageHeight : 1;

  const flush = () => {
    const cur = state.cur;
    if (cur) {
      const text = cur.parts.join('').replace(/[ \t\u00A0]+$/u, '').replace(/^[ \t\u00A0]+/u, '');
      if (text !== '') {
        lines.push({
          text,
          x: clamp01(cur.x0 / W),
          y: clamp01(1 - cur.y0 / H),
          size: cur.size,
        });
      }
    }
    state.cur = null;
    state.pendingSpace = false;
  };

  for (const item of source) {
    const vertical = item.fontName !== undefined && (opts.verticalFonts?.has(item.fontName) ?? false);
    const size = fontSize(item);
    const x = item.transform[4] ?? 0;
    const y = item.transform[5] ?? 0;
    const str = item.str.replace(/[\r\n]+/gu, ' ');
    const base = vertical ? x : y;
    const along = vertical ? -y : x;
    const extent = vertical ? item.height : item.width;

    if (str.trim() === '') {
      // A whitespace item: pdf.js marks gaps with these. Decide at the next item.
      if (state.cur && str !== '') state.pendingSpace = true;
      if (item.hasEOL) flush();
      continue;
    }

    const c = state.cur;
    if (c !== null && (c.vertical !== vertical || Math.abs(base - c.base) > Math.max(c.size, size) * 0.5)) {
      flush();
    }
    const b = state.cur;
    if (b === null) {
      state.cur = { parts: [str], x0: x, y0: y, size, end: along + extent, base, vertical, last: lastChar(str) ?? '' };
    } else {
      const gap = along - b.end;
      const prevCh = b.last;
      const nextCh = firstChar(str);
      const bothCjk = isCjk(prevCh) && isCjk(nextCh);
      const alreadySpaced = /\s$/u.test(b.parts[b.parts.length - 1] ?? '') || /^\s/u.test(str);
      let space = false;
      if (!alreadySpaced) {
        if (bothCjk) space = gap > size * 1.5; // only a wide gap between Japanese characters
        else space = state.pendingSpace || gap > size * 0.25;
      }
      if (space) b.parts.push(' ');
      b.parts.push(str);
      b.end = Math.max(b.end, along + extent);
      b.last = lastChar(str) ?? b.last;
      b.size = Math.max(b.size, size);
      state.pendingSpace = false;
    }
    if (item.hasEOL) flush();
  }
  flush();
  return lines;
}

/** Raw text: item strings as pdf.js gave them, a newline wherever pdf.js set hasEOL. */
export function rawText(items: readonly TextItemLike[]): string {
  let s = '';
  for (const item of items) {
    s += item.str;
    if (item.hasEOL) s += '\n';
  }
  return s.replace(/\n+$/u, '');
}

function clamp01(v: number): number {
  if (!Number.isFinite(v)) return 0;
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
