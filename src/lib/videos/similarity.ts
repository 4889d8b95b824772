/** Title similarity for Japanese and English alike: Dice coefficient over character bigrams of a normalised title. */

const BOILERPLATE = [
  /internet\s*week\s*basic\s*(?:オンデマンド|on\s*-?\s*demand)?/giu,
  /internet\s*week\s*(?:(?:19|20)\d{2})?/giu,
  /\biw\s*(?:(?:19|20)\d{2}|\d{2})\b/giu,
  /オンデマンド|on\s*-?\s*demand/giu,
  /[【[(（「〔][A-Za-z]\d{1,3}(?:-\d{1,2})*[】\])）」〕]/gu,
  /jpnic/giu,
];

export function normaliseTitle(title: string): string {
  let text = title.normalize('NFKC').toLowerCase();
  for (const pattern of BOILERPLATE) text = text.replace(pattern, ' ');
  return text.replace(/[\s\p{P}\p{S}]+/gu, '');
}

export function bigrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const chars = [...text];
  if (chars.length === 1) counts.set(text, 1);
  for (let index = 0; index + 1 < chars.length; index += 1) {
    const gram = `${chars[index]}${chars[index + 1]}`;
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** 0 (nothing shared) … 1 (same bigrams), over normalised titles. */
export function titleSimilarity(a: string, b: string): number {
  const left = bigrams(normaliseTitle(a));
  const right = bigrams(normaliseTitle(b));
  let total = 0;
  let shared = 0;
  for (const count of left.values()) total += count;
  for (const [gram, count] of right) {
    total += count;
    shared += Math.min(count, left.get(gram) ?? 0);
  }
  return total === 0 ? 0 : (2 * shared) / total;
}

/** Whole days from a to b (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
