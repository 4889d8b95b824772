/**
 * Person names as written over three decades: with or without a space between
 * family and given name (馬渡 将隆 / 馬渡将隆), full-width or half-width, romaji
 * in either order (Masataka Mawatari / MAWATARI Masataka).
 */

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}ー々〆';
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}])`, 'gu');

/** The form two spellings of one name share: NFKC, no space between CJK characters, single spaces, lower case. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(SPACE_BETWEEN_CJK, '')
    .toLowerCase();
}

/** Romaji keys are order-insensitive: "Masataka Mawatari" and "MAWATARI Masataka" are one key. */
export function nameKeys(name: string): string[] {
  const key = nameKey(name);
  if (/^[a-z .'-]+$/u.test(key) && key.includes(' ')) {
    const sorted = key.split(' ').sort().join(' ');
    return sorted === key ? [key] : [key, sorted];
  }
  return [key];
}

/** Display form: NFKC with one ASCII space between family and given name when one was written. */
export function displayName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}
