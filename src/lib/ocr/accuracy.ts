/**
 * Character accuracy of OCR against known text: 1 − (edit distance ÷ length of the
 * known text), whitespace ignored (OCR's spacing is not what is measured), NFKC on both.
 */
function chars(text: string): string[] {
  return [...text.normalize('NFKC').replace(/\s+/gu, '')];
}

/** Levenshtein distance over code points. */
export function editDistance(a: readonly string[], b: readonly string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

export function characterAccuracy(expected: string, actual: string): number {
  const want = chars(expected);
  if (want.length === 0) return actual.trim() === '' ? 1 : 0;
  return Math.max(0, 1 - editDistance(want, chars(actual)) / want.length);
}
