/**
 * Joins the lines of a slide where the PDF broke a Japanese sentence only because the text box
 * was full (「グローバルビジネス部に所属し」/「ております」), and keeps every other line break:
 * the title, bullets, short lines and lines that end a sentence stay as they were.
 *
 * A line was wrapped, not ended, when it is about as wide as the widest line of the slide (Japanese
 * wraps between any two characters, so a wrapped line is full), that width is a real text-box width
 * (not just the slide's longest bullet), it does not end a sentence, and the next line continues it
 * with kana, kanji or closing punctuation rather than starting a bullet, a number or a Latin word.
 */

/** Below this display width (in half-width cells) a line is a bullet or a label, never a wrapped body line. */
const MIN_WRAP_WIDTH = 36;
/** How much narrower than the widest line a wrapped line may be: kinsoku moves a character or two. */
const WRAP_TOLERANCE = 4;

const SENTENCE_END = /[。．.！？!?：:…]["'」』）)】〕]*$/u;
const BULLET_START = /^(?:[・•●○◆◇■□▪▫►▶▷➢➤✓✔※→⇒＊*\-–—－]|\d+[.)．）]|[（(]\d+[)）]|[①-⑳]|[a-zA-Z][.)]\s)/u;
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー々〆]/u;
/** Characters a continued sentence may start with: Japanese letters and closing or middle punctuation. */
const CONTINUATION_START = /^[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー々〆、。，．」』）】〕]/u;

/** Display width in half-width cells: East Asian wide and full-width characters count 2. */
export function displayWidth(line: string): number {
  let width = 0;
  for (const char of line) {
    const code = char.codePointAt(0) ?? 0;
    width += code >= 0x1100 && (code <= 0x115f || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || code >= 0x20000) ? 2 : 1;
  }
  return width;
}

function endsJapanese(line: string): boolean {
  const last = [...line].at(-1) ?? '';
  return JAPANESE.test(last) || /[」』）)、，]/u.test(last);
}

/** The slide's text with wrapped Japanese lines joined; everything else unchanged. */
export function joinWrappedLines(text: string): string {
  const lines = text.split('\n');
  const widths = lines.map((line) => displayWidth(line.trim()));
  const widest = Math.max(0, ...widths);
  if (widest < MIN_WRAP_WIDTH) return text;
  const out: string[] = [];
  lines.forEach((line, index) => {
    const previous = index > 0 ? lines[index - 1] : undefined;
    const previousWidth = widths[index - 1] ?? 0;
    const wrapped =
      previous !== undefined &&
      index - 1 > 0 && // the first line is the slide's title
      previousWidth >= MIN_WRAP_WIDTH &&
      previousWidth >= widest - WRAP_TOLERANCE &&
      !SENTENCE_END.test(previous.trim()) &&
      endsJapanese(previous.trim()) &&
      CONTINUATION_START.test(line.trim()) &&
      !BULLET_START.test(line.trim());
    if (wrapped && out.length > 0) out[out.length - 1] = `${out[out.length - 1]?.trimEnd() ?? ''}${line.trim()}`;
    else out.push(line);
  });
  return out.join('\n');
}
