/**
 * Removes the outline/bookmark list some extractors (and some producers,
 * drawing it as text on the last page) append at the end of a deck:
 *
 *     スライド 1
 *     スライド 2: 自己紹介
 *     Slide 3: Agenda
 *
 * Only a trailing run of at least `minRun` such lines is removed, so a slide
 * that mentions "スライド 3" once is kept.
 */
const OUTLINE_LINE = /^\s*(?:スライド|Slide|ｽﾗｲﾄﾞ|ページ|Page)\s*\d{1,4}(?:\s*[:：].*)?\s*$/iu;

export function isOutlineLine(line: string): boolean {
  return OUTLINE_LINE.test(line);
}

export function stripOutlineTail(text: string, minRun = 2): string {
  const lines = text.split('\n');
  let end = lines.length;
  while (end > 0 && (lines[end - 1] ?? '').trim() === '') end--;
  let start = end;
  let run = 0;
  while (start > 0) {
    const l = lines[start - 1] ?? '';
    if (l.trim() === '') {
      start--;
      continue;
    }
    if (!isOutlineLine(l)) break;
    start--;
    run++;
  }
  if (run < minRun) return text;
  return lines.slice(0, start).join('\n').replace(/\s+$/u, '');
}
