/**
 * What OCR adds to cleaning, before the shared steps (src/lib/text/clean.ts):
 *
 * 1. spaces between Japanese characters removed: Tesseract separates its
 *    "words" with spaces even inside Japanese (`スライ ドで説明した通   り`);
 *    a space between Latin words, or between Latin and Japanese, is kept;
 * 2. bullet marks Tesseract reads as `=`, `"`, `°` … at the start of a line removed;
 * 3. stray marks from logos, diagrams and speckles dropped: lines with no letter
 *    or digit, lines of low confidence, lines that are mostly symbols;
 * 4. the page's confidence: the mean over the kept lines, weighted by characters.
 *
 * Repeated headers and footers are then removed with the extracted text's own
 * step (positions come from the OCR boxes), plus a fuzzy pass for footers that
 * OCR reads slightly differently from page to page (dropRepeatedOcrLines).
 */
import type { OcrLine } from './tsv.ts';

/** Japanese script and the punctuation and full-width forms that sit between its characters. */
const JA = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}ー々〆〇、。・「」『』（）【】〜！？：；，．\\u3000-\\u303F\\uFF01-\\uFF60';
const JA_SPACE_JA = new RegExp(`([${JA}])[ \\t\\u3000]+(?=[${JA}])`, 'gu');

/** `スライ ドで説明した通   り` → `スライドで説明した通り`; `StackStorm による` stays. */
export function joinJapanese(text: string): string {
  return text.replace(JA_SPACE_JA, '$1');
}

/** What Tesseract makes of bullet glyphs at the start of a line (`•` `■` `▪` `◆` read as = " ° e m …, a lone Latin letter before Japanese). */
const LEADING_BULLET = /^(?:[=＝"'“”‘’°*・•■□▪◆◇●○◦‣›>»\-–—~〜]|[a-zA-Z](?= [^\p{Script=Latin}\p{N}\s]))\s*/u;

export function stripBullet(text: string): string {
  const stripped = text.replace(LEADING_BULLET, '');
  return /[\p{L}\p{N}]/u.test(stripped) ? stripped : text;
}

/** Share of a line's visible characters that are letters or digits. */
function letterShare(text: string): number {
  let all = 0;
  let letters = 0;
  for (const ch of text) {
    if (/\s/u.test(ch)) continue;
    all++;
    if (/[\p{L}\p{N}]/u.test(ch)) letters++;
  }
  return all === 0 ? 0 : letters / all;
}

export interface OcrCleanOptions {
  /** Lines below this confidence (0–100) are dropped (default 45). */
  minConf?: number;
  /** Lines mostly of symbols are dropped below this confidence (default 80). */
  symbolConf?: number;
}

/** Why a line is dropped as a stray mark, or undefined to keep it. */
export function strayReason(line: Pick<OcrLine, 'text' | 'conf'>, options: OcrCleanOptions = {}): string | undefined {
  const minConf = options.minConf ?? 45;
  const symbolConf = options.symbolConf ?? 80;
  const text = line.text.trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return 'no letter or digit';
  if (line.conf < minConf) return `confidence ${Math.round(line.conf)} below ${minConf}`;
  if (letterShare(text) < 0.6 && line.conf < symbolConf) return 'mostly symbols';
  // A lone Latin letter or two (a logo's corner, a speckle): Japanese single characters are kept.
  if (/^[\p{Script=Latin}\p{N}\p{P}\p{S}]{1,2}$/u.test(text.replace(/\s/gu, '')) && line.conf < symbolConf) return 'a stray letter';
  return undefined;
}

export interface CleanOcrLine {
  text: string;
  y: number;
  conf: number;
}

export interface CleanOcrPage {
  lines: CleanOcrLine[];
  /** Mean confidence of the kept lines, 0–1 (weighted by characters); 0 when nothing was kept. */
  confidence: number;
  /** The text as Tesseract gave it, lines joined with \n (before any cleaning). */
  raw: string;
}

/** Cleans one page of OCR lines. */
export function cleanOcrLines(lines: readonly OcrLine[], options: OcrCleanOptions = {}): CleanOcrPage {
  const kept: CleanOcrLine[] = [];
  let weighted = 0;
  let chars = 0;
  for (const line of lines) {
    if (strayReason(line, options) !== undefined) continue;
    const text = stripBullet(joinJapanese(line.text.replace(/\s+/gu, ' ').trim()));
    if (text === '') continue;
    const n = [...text].length;
    weighted += line.conf * n;
    chars += n;
    kept.push({ text, y: line.y, conf: line.conf });
  }
  return {
    lines: kept,
    confidence: chars === 0 ? 0 : Math.round((weighted / chars) * 10) / 1000,
    raw: lines.map((line) => line.text).join('\n'),
  };
}

/** Character bigrams, for comparing lines OCR read slightly differently. */
function bigrams(text: string): Map<string, number> {
  const chars = [...text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '').replace(/\d+/gu, '#')];
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const key = `${chars[i]}${chars[i + 1]}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** Dice similarity of two lines' bigrams, 0–1. */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let both = 0;
  let total = 0;
  for (const [key, n] of x) {
    both += Math.min(n, y.get(key) ?? 0);
    total += n;
  }
  for (const n of y.values()) total += n;
  return total === 0 ? (a === b ? 1 : 0) : (2 * both) / total;
}

/**
 * Drops lines near the top or bottom edge that recur, nearly alike, on at least half of
 * the given pages (and at least 3): the copyright footer OCR reads as `Copyright© 2017 Exarnple`
 * on one page and `Copyright© 2017 Example` on the next. Pages are lists of lines; returns the
 * indexes to drop per page.
 */
export function repeatedOcrLines(pages: ReadonlyArray<ReadonlyArray<CleanOcrLine>>, edge = 0.15, minSimilarity = 0.75): Array<Set<number>> {
  const drop = pages.map(() => new Set<number>());
  const withText = pages.filter((lines) => lines.length > 0).length;
  const need = Math.max(3, Math.ceil(withText / 2));
  if (withText < need) return drop;
  const atEdge = (line: CleanOcrLine): boolean => line.y >= 1 - edge || line.y <= edge;
  pages.forEach((lines, p) => {
    lines.forEach((line, i) => {
      if (!atEdge(line) || drop[p]?.has(i)) return;
      const hits: [number, number][] = [[p, i]];
      pages.forEach((other, q) => {
        if (q === p) return;
        const j = other.findIndex((candidate) => atEdge(candidate) && Math.abs(candidate.y - line.y) <= 0.05 && similarity(candidate.text, line.text) >= minSimilarity);
        if (j >= 0) hits.push([q, j]);
      });
      if (hits.length >= need) for (const [q, j] of hits) drop[q]?.add(j);
    });
  });
  return drop;
}
