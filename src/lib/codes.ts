/**
 * Program codes. A code is only meaningful inside its year (the letters changed
 * meaning across eras), so identity is always (year, normalised code).
 */

/** A letter then a number (every era so far uses one letter), optionally followed by `-N` parts: O1, T13-2, D2-1, C03. */
const CODE_PATTERN = /^([A-Za-z])0*(\d+)((?:-0*\d+)*)$/;

/** `c03` → `C3`, `t04` → `T4`, `d2-01` → `D2-1`; null when the text is not a program code. */
export function normaliseCode(displayed: string): string | null {
  const match = CODE_PATTERN.exec(displayed.normalize('NFKC').trim());
  if (!match) return null;
  const [, letters = '', number = '', parts = ''] = match;
  const normalisedParts = parts
    .split('-')
    .filter(Boolean)
    .map((part) => String(Number(part)))
    .map((part) => `-${part}`)
    .join('');
  return `${letters.toUpperCase()}${String(Number(number))}${normalisedParts}`;
}

/** The URL segment for a normalised code: lower case, as cited (`/2024/o1/`). */
export function codeSlug(normalisedCode: string): string {
  return normalisedCode.toLowerCase();
}

/** Stable, citable id of a program: `iw2024-o1`, or `iw2004-bof-3` for a program without code. */
export function programId(year: number, slug: string): string {
  return `iw${year}-${slug}`;
}

/** Sort key so that O1 < O2 < O10 and D2 < D2-1 within a year. */
export function codeSortKey(normalisedCode: string): string {
  const match = /^([A-Z]+)(\d+)((?:-\d+)*)$/.exec(normalisedCode);
  if (!match) return `~${normalisedCode}`;
  const [, letters = '', number = '', parts = ''] = match;
  const paddedParts = parts
    .split('-')
    .filter(Boolean)
    .map((part) => part.padStart(4, '0'))
    .join('-');
  return `${letters}${number.padStart(4, '0')}${paddedParts ? `-${paddedParts}` : ''}`;
}
