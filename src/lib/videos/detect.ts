/**
 * Program codes written in a video's title or description. Every era's codes are
 * one letter and a number (C14, T13-2, H3, S10, D2-1, O1, zero-padded t04), so
 * detection looks for one letter and 1–3 digits with optional `-N` parts, next to
 * a year (「IW2024 O1」, "Internet Week 2019 S10", iw2019-s10) or in brackets
 * (「【D2】」, "[S10]") or at the start of a title ("O1 インターネット…").
 * Full-width text (ＩＷ２０２４ Ｏ１) is folded with NFKC first.
 */
import { normaliseCode } from '../codes.ts';

export interface DetectedCode {
  /** The year written next to the code, or the only year written elsewhere in the same text. */
  year?: number;
  /** Normalised code (D2-1, T4). */
  code: string;
  /** As written, for messages. */
  written: string;
}

const YEAR = String.raw`((?:19|20)\d{2}|\d{2})`;
const CODE = String.raw`([A-Za-z]\d{1,3}(?:-\d{1,2})*)(?![\dA-Za-z])`;
const PREFIX = String.raw`(?<![A-Za-z])(?:IW|Internet\s*Week)\s*`;
const YEAR_AND_CODE = new RegExp(`${PREFIX}${YEAR}(?!\\d)\\s*[-_/:・ ]?\\s*${CODE}`, 'giu');
/** Links to the proceedings name the program: nic.ad.jp/ja/materials/iw/2024/proceedings/o1/ */
const MATERIALS_URL = new RegExp(`materials/iw/((?:19|20)\\d{2})/proceedings/${CODE}`, 'giu');
const YEAR_ONLY = new RegExp(`${PREFIX}${YEAR}(?!\\d)`, 'giu');
const BRACKETED = new RegExp(`[【\\[［(（「〔]\\s*${CODE}\\s*[】\\]］)）」〕]`, 'giu');
const LEADING = new RegExp(`^\\s*${CODE}(?=[\\s:：.．、]|$)`, 'iu');
const PROGRAM_WORD = new RegExp(`(?:プログラム|program)\\s*[:：]?\\s*${CODE}`, 'giu');

function toYear(written: string): number | null {
  const value = Number(written);
  const year = written.length === 2 ? (value >= 90 ? 1900 + value : 2000 + value) : value;
  return year >= 1997 && year <= 2100 ? year : null;
}

/** Years written as IW2024, IW97 or Internet Week 2019 in the text. */
export function detectYears(text: string): number[] {
  const folded = text.normalize('NFKC');
  const years = new Set<number>();
  for (const match of folded.matchAll(YEAR_ONLY)) {
    const year = toYear(match[1] ?? '');
    if (year !== null) years.add(year);
  }
  return [...years];
}

/**
 * Codes in one text, in order of appearance, each once. A code without a year
 * next to it takes the year when the text names exactly one year.
 */
export function detectCodes(text: string, options: { leading?: boolean } = {}): DetectedCode[] {
  const folded = text.normalize('NFKC');
  const found: { index: number; detected: DetectedCode }[] = [];
  const taken: [number, number][] = [];

  for (const match of [...folded.matchAll(YEAR_AND_CODE), ...folded.matchAll(MATERIALS_URL)]) {
    const year = toYear(match[1] ?? '');
    const code = normaliseCode(match[2] ?? '');
    if (year === null || code === null) continue;
    found.push({ index: match.index, detected: { year, code, written: match[0].trim() } });
    taken.push([match.index, match.index + match[0].length]);
  }

  const years = detectYears(folded);
  const onlyYear = years.length === 1 ? years[0] : undefined;
  const loose: RegExpMatchArray[] = [...folded.matchAll(BRACKETED), ...folded.matchAll(PROGRAM_WORD)];
  if (options.leading) {
    const leading = LEADING.exec(folded);
    if (leading) loose.push(leading);
  }
  for (const match of loose) {
    const index = match.index ?? 0;
    if (taken.some(([from, to]) => index < to && index + match[0].length > from)) continue;
    const code = normaliseCode(match[1] ?? '');
    if (code === null) continue;
    found.push({ index, detected: { ...(onlyYear === undefined ? {} : { year: onlyYear }), code, written: match[0].trim() } });
  }

  const seen = new Set<string>();
  return found
    .sort((a, b) => a.index - b.index)
    .map((entry) => entry.detected)
    .filter((detected) => {
      const key = `${detected.year ?? ''}/${detected.code}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** D2-1 → D2; O1 → O1. */
export function baseCode(code: string): string {
  return code.replace(/-.*$/u, '');
}
