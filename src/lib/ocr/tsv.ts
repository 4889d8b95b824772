/**
 * Tesseract's TSV output (`tesseract IMAGE stdout tsv`) into lines with their
 * position and confidence. Columns: level page_num block_num par_num line_num
 * word_num left top width height conf text; level 5 rows are words, the others
 * frame them (conf -1).
 */

export interface OcrWord {
  text: string;
  /** Tesseract's confidence, 0–100. */
  conf: number;
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface OcrLine {
  /** Words joined by single spaces, as Tesseract separates them (Japanese included: see clean.ts). */
  text: string;
  words: OcrWord[];
  /** Confidence of the line, 0–100: the mean over its words, weighted by their characters. */
  conf: number;
  /** Bottom of the line's box, 0 (top of the page) … 1 (bottom). */
  y: number;
  /** Left edge, 0 … 1. */
  x: number;
  /** Height of the line's box as a share of the page height. */
  height: number;
}

export interface OcrPage {
  lines: OcrLine[];
  width: number;
  height: number;
}

const HEADER = ['level', 'page_num', 'block_num', 'par_num', 'line_num', 'word_num', 'left', 'top', 'width', 'height', 'conf', 'text'];

/** Parses TSV text; throws with the row number when the output is not Tesseract TSV. */
export function parseTsv(tsv: string): OcrPage {
  const rows = tsv.split('\n').filter((row) => row !== '');
  const head = rows.shift()?.split('\t') ?? [];
  if (HEADER.some((name, i) => head[i] !== name)) throw new Error(`tesseract TSV: expected the header "${HEADER.join(' ')}"; found "${head.join(' ')}"`);
  let width = 0;
  let height = 0;
  const lines = new Map<string, OcrWord[]>();
  rows.forEach((row, index) => {
    const cells = row.split('\t');
    if (cells.length < 11) throw new Error(`tesseract TSV row ${index + 2}: expected 12 columns; found ${cells.length}`);
    const [level, , block, par, line, , left, top, w, h, conf] = cells.slice(0, 11).map(Number);
    const text = cells.slice(11).join('\t');
    if (level === 1) {
      width = w ?? 0;
      height = h ?? 0;
      return;
    }
    if (level !== 5 || text.trim() === '') return;
    const key = `${block}.${par}.${line}`;
    const word: OcrWord = { text: text.trim(), conf: conf ?? 0, left: left ?? 0, top: top ?? 0, width: w ?? 0, height: h ?? 0 };
    const list = lines.get(key);
    if (list) list.push(word);
    else lines.set(key, [word]);
  });
  // Tesseract's own reading order (blocks, then paragraphs, then lines).
  const out: OcrLine[] = [];
  for (const words of lines.values()) {
    const chars = words.reduce((sum, word) => sum + [...word.text].length, 0);
    const conf = chars === 0 ? 0 : words.reduce((sum, word) => sum + word.conf * [...word.text].length, 0) / chars;
    const top = Math.min(...words.map((word) => word.top));
    const bottom = Math.max(...words.map((word) => word.top + word.height));
    const left = Math.min(...words.map((word) => word.left));
    out.push({
      text: words.map((word) => word.text).join(' '),
      words,
      conf,
      y: height > 0 ? bottom / height : 0.5,
      x: width > 0 ? left / width : 0,
      height: height > 0 ? (bottom - top) / height : 0,
    });
  }
  return { lines: out, width, height };
}
