/**
 * Line wrapping: Japanese breaks between any two characters (except before
 * closing punctuation and after opening brackets), English between words.
 */

const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/u;
/** Characters a line must not start with (kinsoku). */
const NO_START = new Set([...'、。，．,.)]）」』】〕〉》’”！？!?:;：；ー・ぁぃぅぇぉっゃゅょァィゥェォッャュョ々〜…']);
/** Characters a line must not end with. */
const NO_END = new Set([...'(（「『【〔〈《‘“[']);

/** Splits text into unbreakable pieces; spaces are their own pieces. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  let word = '';
  const flush = (): void => {
    if (word) out.push(word);
    word = '';
  };
  for (const ch of text) {
    if (ch === ' ' || ch === '\u3000') {
      flush();
      out.push(ch);
    } else if (CJK.test(ch)) {
      flush();
      out.push(ch);
    } else {
      word += ch;
    }
  }
  flush();
  // Glue kinsoku characters to their neighbours.
  const glued: string[] = [];
  for (const t of out) {
    const prev = glued[glued.length - 1];
    if (prev !== undefined && prev !== ' ' && (NO_START.has([...t][0]!) || NO_END.has([...prev].at(-1)!))) {
      glued[glued.length - 1] = prev + t;
    } else {
      glued.push(t);
    }
  }
  return glued;
}

/** Greedy wrap of one paragraph to `maxWidth` (same unit as `measure`). */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const t of tokens(text)) {
    const candidate = line + t;
    if (line === '' || measure(candidate.trimEnd()) <= maxWidth) {
      if (!(line === '' && (t === ' ' || t === '\u3000'))) line = candidate;
      // An over-long single token (a URL, say) is cut per character.
      while (measure(line.trimEnd()) > maxWidth && [...line].length > 1) {
        const chars = [...line];
        let cut = chars.length - 1;
        while (cut > 1 && measure(chars.slice(0, cut).join('')) > maxWidth) cut--;
        lines.push(chars.slice(0, cut).join(''));
        line = chars.slice(cut).join('');
      }
      continue;
    }
    lines.push(line.trimEnd());
    line = t === ' ' || t === '\u3000' ? '' : t;
  }
  if (line.trimEnd() !== '' || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}
