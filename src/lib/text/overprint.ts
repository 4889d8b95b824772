/**
 * Text-level fallback for overprinted ("fake bold") text, for lines where
 * positions were not available or the duplicate was drawn as one run:
 * - "タイトルタイトル" (a line that is one string twice) → "タイトル";
 * - "タタイイトトルル" (every character doubled, interleaved) → "タイトル".
 * The item-level pass in src/lib/pdf/layout.ts handles the common case.
 */
export function undoubleLine(line: string): string {
  const t = line.trim();
  const cps = Array.from(t);
  const n = cps.length;
  if (n >= 6 && n % 2 === 0) {
    const half = cps.slice(0, n / 2).join('');
    // Require something beyond digits or a single repeated symbol ("1212", "----"),
    // and keep Japanese reduplications (いろいろ, ちょこちょこ): a short kana half stays.
    if (half === cps.slice(n / 2).join('') && isWordy(half) && new Set(Array.from(half)).size > 1 && !shortKana(half)) {
      return half;
    }
  }
  // Also "タイトル タイトル" with a separating space.
  const m = /^(.{3,}?)[ \u3000]\1$/u.exec(t);
  if (m?.[1] !== undefined && isWordy(m[1]) && /[^\x00-\x7F]/u.test(m[1]) && !shortKana(m[1])) return m[1];
  if (n >= 6 && n % 2 === 0) {
    let pairs = true;
    for (let i = 0; i < n; i += 2) {
      if (cps[i] !== cps[i + 1]) {
        pairs = false;
        break;
      }
    }
    if (pairs) {
      const single = cps.filter((_, i) => i % 2 === 0).join('');
      // Only when the result is text with more than one distinct letter.
      if (isWordy(single) && new Set(Array.from(single)).size >= 3) return single;
    }
  }
  return line;
}

/** Up to three kana: likely a reduplicated word (いろいろ), not a doubled title. */
function shortKana(s: string): boolean {
  return Array.from(s).length <= 3 && /^[\u3040-\u30FF]+$/u.test(s);
}

function isWordy(s: string): boolean {
  return /[\p{L}]/u.test(s) && !/^[\p{N}\s.,:/-]+$/u.test(s);
}

/** Apply undoubleLine to every line of a text. */
export function undoubleText(text: string): string {
  return text
    .split('\n')
    .map((l) => undoubleLine(l))
    .join('\n');
}
