/**
 * Kangxi radicals (U+2F00–2FDF) and CJK Radicals Supplement (U+2E80–2EFF)
 * to unified ideographs (⽤ → 用, ⾃ → 自, ⻑ → 長), from Unicode's
 * EquivalentUnifiedIdeograph.txt (radicals-table.ts). Some PDF fonts map
 * kanji to these code points; NFKC alone misses the U+2E80 block.
 * Also CJK compatibility ideographs (U+F900–FAFF, U+2F800–2FA1F) to their
 * canonical unified ideograph (NFC does that; the twelve unified ones in the
 * compatibility block, like 﨑, are left alone).
 */
import { EQUIVALENT_UNIFIED_IDEOGRAPH } from './radicals-table.ts';

const MAP = new Map<number, string>();
for (const pair of EQUIVALENT_UNIFIED_IDEOGRAPH.split(',')) {
  const [a, b] = pair.split(':');
  const from = parseInt(a ?? '', 16);
  const to = parseInt(b ?? '', 16);
  if (from >= 0x2e80 && from <= 0x2fdf && Number.isFinite(to)) MAP.set(from, String.fromCodePoint(to));
}

const RADICAL_RE = /[\u2E80-\u2FDF]/gu;
const COMPAT_RE = /[\uF900-\uFAFF\u{2F800}-\u{2FA1F}]/gu;

export function mapRadicals(text: string): string {
  let out = text.replace(RADICAL_RE, (ch) => MAP.get(ch.codePointAt(0) ?? 0) ?? ch);
  out = out.replace(COMPAT_RE, (ch) => ch.normalize('NFC'));
  return out;
}

/** Number of radical code points in a text (for diagnostics). */
export function countRadicals(text: string): number {
  return (text.match(RADICAL_RE) ?? []).length;
}
