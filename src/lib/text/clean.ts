/**
 * The cleaning pipeline, page lines in, cleaned page text out. Each step is
 * its own module with its own tests:
 *   1. radicals.ts   Kangxi / CJK radicals and compatibility ideographs → unified ideographs
 *   2. overprint.ts  text-level fallback for doubled ("fake bold") lines
 *   3. repeated.ts   page numbers glued to a header/footer split off; headers/footers repeated across pages
 *   4. outline-tail.ts  "スライド N: …" bookmark lists at the end of the deck
 *   5. whitespace: runs of spaces collapsed, blank lines dropped
 */
import { mapRadicals } from './radicals.ts';
import { undoubleLine } from './overprint.ts';
import { findRepeatedLines, splitGluedNumbers, type PositionedLine } from './repeated.ts';
import { stripOutlineTail } from './outline-tail.ts';

export function tidyLine(line: string): string {
  return line.replace(/[ \t\u00A0]+/gu, ' ').trim();
}

/** Clean the pages of one deck. `pages[i]` are the lines of page i+1. */
export function cleanPages(pages: ReadonlyArray<ReadonlyArray<PositionedLine>>): string[] {
  const fixed = splitGluedNumbers(pages).map((lines) =>
    lines.map((l) => {
      const text = tidyLine(undoubleLine(mapRadicals(l.text)));
      return l.y === undefined ? { text } : { text, y: l.y };
    }),
  );
  const drop = findRepeatedLines(fixed);
  const texts = fixed.map((lines, i) =>
    lines
      .filter((l, j) => l.text !== '' && !drop[i]?.has(j))
      .map((l) => l.text)
      .join('\n'),
  );
  const last = texts.length - 1;
  if (last >= 0) texts[last] = stripOutlineTail(texts[last] ?? '');
  return texts;
}

/** Same pipeline for text without positions: pages as strings, lines split on \n. */
export function cleanTextPages(pages: readonly string[]): string[] {
  return cleanPages(pages.map((p) => p.split('\n').map((text) => ({ text }))));
}
