/**
 * Text-layer defects seen in real slide PDFs, expressed as ToUnicode rewrites.
 */

/**
 * Kanji that some producers' fonts map to Kangxi radical (U+2F00–U+2FDF) or
 * CJK Radicals Supplement (U+2E80–U+2EFF) code points. NFKC folds the first
 * block back to the unified ideograph, not the second (長 → U+2ED1 stays).
 */
export const KANGXI: ReadonlyMap<string, string> = new Map([
  ['用', '\u2F64'],
  ['自', '\u2F83'],
  ['長', '\u2ED1'],
  ['見', '\u2F92'],
  ['生', '\u2F63'],
  ['人', '\u2F08'],
  ['入', '\u2F0A'],
  ['力', '\u2F12'],
  ['口', '\u2F1D'],
  ['大', '\u2F24'],
  ['子', '\u2F26'],
  ['小', '\u2F29'],
  ['方', '\u2F45'],
  ['日', '\u2F47'],
  ['月', '\u2F49'],
  ['行', '\u2F8F'],
  ['言', '\u2F94'],
  ['金', '\u2FA6'],
  ['門', '\u2FA8'],
  ['高', '\u2FBC'],
]);

/** Rewrites text the way a Kangxi-mapping font's ToUnicode would make it extract. */
export function kangxiText(text: string): string {
  let out = '';
  for (const ch of text) out += KANGXI.get(ch) ?? ch;
  return out;
}

/**
 * What a font without a usable Unicode map extracts as: control characters for
 * low codes and private-use code points for the rest (deterministic per glyph).
 */
export function garbageCodePoint(cid: number): number {
  if (cid < 0x20 && cid !== 0x09 && cid !== 0x0a && cid !== 0x0d) return cid;
  return 0xe000 + (cid % 0x1900);
}
