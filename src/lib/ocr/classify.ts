/**
 * Which pages lack their text, and why: the pages OCR must read.
 *
 * "Has a text layer" is not "has its text". PowerPoint 2016 exports draw the
 * Japanese of some decks as glyph outlines while the text layer keeps a Latin
 * copyright line and the bullets `•`; scans carry no text at all. So a page is
 * judged by what it draws (pdf.js's operator list) against what its text layer
 * holds:
 *
 * - glyph-like shapes: small filled subpaths with curves or more than four
 *   segments (a bullet square or a table rule is not one), measured in page
 *   space through the current transform;
 * - image coverage: the share of the page painted by images (a scan);
 * - text characters: letters and digits of the text layer (bullets, dashes
 *   and spaces do not count).
 *
 * Reading the drawing costs a second pass over the page (pdf.js's operator
 * list: the content stream parsed again, every glyph shown mapped, its path
 * built and copied, images decoded), about 30 % of a text-only ingest when
 * every slide paid it, and slides nearly always have a thin text layer. So the
 * text layer is asked first, and the drawing only when the text layer cannot
 * settle the verdict (`drawingDecides`):
 *
 * - an unreadable text layer needs OCR whatever is drawn;
 * - a text layer of THIN_TEXT letters and digits or more holds its text;
 * - a text layer of SCAN_TEXT letters and digits or more, JAPANESE_TEXT of them
 *   Japanese, holds its text too. Images only count below SCAN_TEXT, and the
 *   outline exports we know (PowerPoint 2016) outline the strings set in a
 *   Japanese font, all of them, leaving Latin furniture (copyright line, page
 *   numbers, bullets) in the text layer: Japanese in the text layer means the
 *   Japanese font was embedded. In the benchmark archive (87,719 pages) and the
 *   real-PDF corpus no page flagged by the drawing has a single Japanese
 *   character in its text layer, no page with one draws a glyph-like shape,
 *   and this skips the drawing on 76 % of the thin pages (the flags are the
 *   same, page for page: scripts/tools/ocr-verdicts.ts). The ten-character
 *   margin keeps a short Japanese company name in a footer from vouching for
 *   an outlined body. English slides, short pages and empty ones are still
 *   examined.
 */

/** pdf.js OPS codes this module reads (pdfjs-dist 6, src/shared/util.js). */
export interface OpCodes {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  paintImageXObject: number;
  paintInlineImageXObject: number;
  paintImageMaskXObject: number;
  paintImageXObjectRepeat: number;
}

/** pdf.js DrawOPS inside a constructPath buffer. */
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const QUAD = 3;
const CLOSE = 4;

/** A text layer with fewer letters and digits than this may lack its text (outlines, a scan). */
export const THIN_TEXT = 200;

/** A text layer with fewer letters and digits than this, over an image covering the page, is a scan's label. */
export const SCAN_TEXT = 20;

/** Japanese characters in a text layer that show its Japanese font was embedded, not outlined. */
export const JAPANESE_TEXT = 10;

export interface PageDrawing {
  /** Letters and digits in the text layer. */
  textChars: number;
  /** Small filled subpaths shaped like glyphs. */
  glyphShapes: number;
  /** Share of the page area painted by images, 0–1 (overlaps counted twice, capped at 1). */
  imageCoverage: number;
}

type Matrix = [number, number, number, number, number, number];

function multiply(m: Matrix, n: readonly number[]): Matrix {
  const [a, b, c, d, e, f] = m;
  const [a2 = 1, b2 = 0, c2 = 0, d2 = 1, e2 = 0, f2 = 0] = n;
  return [a2 * a + b2 * c, a2 * b + b2 * d, c2 * a + d2 * c, c2 * b + d2 * d, e2 * a + f2 * c + e, e2 * b + f2 * d + f];
}

/** Letters and digits: what a reader would call text (bullets, rules and spaces are not). */
export function countTextChars(text: string): number {
  let n = 0;
  for (const ch of text) if (/[\p{L}\p{N}]/u.test(ch)) n++;
  return n;
}

/** Kana and kanji: the characters an outline export drops from the text layer of a Japanese deck. */
export function countJapaneseChars(text: string): number {
  return text.match(/[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/gu)?.length ?? 0;
}

/**
 * Whether a page's verdict depends on its drawing (and so its operator list must be read):
 * false when the text layer settles it (see the header). `garbage`: the text layer is unreadable.
 */
export function drawingDecides(text: string, garbage: boolean): boolean {
  if (garbage) return false;
  const textChars = countTextChars(text);
  if (textChars >= THIN_TEXT) return false;
  return textChars < SCAN_TEXT || countJapaneseChars(text) < JAPANESE_TEXT;
}

function isFill(op: number, codes: OpCodes): boolean {
  return op === codes.fill || op === codes.eoFill || op === codes.fillStroke || op === codes.eoFillStroke;
}

/**
 * Counts glyph-like shapes and image coverage in a page's operator list.
 * `width` × `height` is the page size in user space units (points).
 */
export function drawingStats(
  fnArray: ArrayLike<number>,
  argsArray: ArrayLike<unknown>,
  codes: OpCodes,
  width: number,
  height: number,
  textChars: number,
): PageDrawing {
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let glyphShapes = 0;
  let imageArea = 0;
  const pageArea = Math.max(1, width * height);
  // A glyph is smaller than a tenth of the page's shorter side (a 54 pt character on a 540 pt slide).
  const maxGlyph = Math.min(width, height) * 0.1;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i];
    if (fn === codes.save) stack.push(ctm);
    else if (fn === codes.restore) ctm = stack.pop() ?? ctm;
    else if (fn === codes.transform && Array.isArray(args)) ctm = multiply(ctm, args as number[]);
    else if (
      fn === codes.paintImageXObject ||
      fn === codes.paintInlineImageXObject ||
      fn === codes.paintImageMaskXObject ||
      fn === codes.paintImageXObjectRepeat
    ) {
      // An image fills the unit square of the current transform.
      imageArea += Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]);
    } else if (fn === codes.constructPath && Array.isArray(args) && isFill(args[0] as number, codes)) {
      const buffers = args[1];
      const data = Array.isArray(buffers) ? (buffers[0] as ArrayLike<number> | undefined) : undefined;
      if (data) glyphShapes += countGlyphShapes(data, ctm, maxGlyph);
    }
  }
  return { textChars, glyphShapes, imageCoverage: Math.min(1, imageArea / pageArea) };
}

/** Subpaths of one path buffer that are small (in page space) and curved or many-sided. */
function countGlyphShapes(data: ArrayLike<number>, ctm: Matrix, maxGlyph: number): number {
  let count = 0;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let segments = 0;
  let curves = 0;
  let open = false;
  const point = (x: number, y: number): void => {
    const px = ctm[0] * x + ctm[2] * y + ctm[4];
    const py = ctm[1] * x + ctm[3] * y + ctm[5];
    minX = Math.min(minX, px);
    maxX = Math.max(maxX, px);
    minY = Math.min(minY, py);
    maxY = Math.max(maxY, py);
  };
  const finish = (): void => {
    if (open && (curves > 0 || segments > 4) && maxX - minX <= maxGlyph && maxY - minY <= maxGlyph && maxX - minX + (maxY - minY) > 0) count++;
    minX = minY = Infinity;
    maxX = maxY = -Infinity;
    segments = curves = 0;
    open = false;
  };
  let i = 0;
  while (i < data.length) {
    const op = data[i++];
    if (op === MOVE) {
      finish();
      open = true;
      point(data[i] ?? 0, data[i + 1] ?? 0);
      i += 2;
    } else if (op === LINE) {
      point(data[i] ?? 0, data[i + 1] ?? 0);
      segments++;
      i += 2;
    } else if (op === CURVE) {
      point(data[i + 4] ?? 0, data[i + 5] ?? 0);
      segments++;
      curves++;
      i += 6;
    } else if (op === QUAD) {
      point(data[i + 2] ?? 0, data[i + 3] ?? 0);
      segments++;
      curves++;
      i += 4;
    } else if (op === CLOSE) {
      // The subpath ends at the next moveTo (glyphs close each contour, then move).
    } else {
      break; // unknown op: stop rather than misread the buffer
    }
  }
  finish();
  return count;
}

export interface OcrNeed {
  /** Why the page lacks its text, for the data and the build report. */
  reason: string;
}

/**
 * Whether a page needs OCR, from its drawing and whether its text layer is
 * unreadable; undefined for pages whose text layer holds their text (and blank pages).
 */
export function ocrNeed(drawing: PageDrawing, garbage = false): OcrNeed | undefined {
  const { textChars, glyphShapes, imageCoverage } = drawing;
  const cover = `${Math.round(imageCoverage * 100)} %`;
  if (garbage) return { reason: 'the text layer is unreadable characters (a font without a Unicode map)' };
  if (textChars === 0) {
    if (glyphShapes >= 8) return { reason: `no text layer; ${glyphShapes} glyph-like shapes are drawn as outlines` };
    if (imageCoverage >= 0.25) return { reason: `no text layer; an image covers ${cover} of the page (a scan)` };
    return undefined;
  }
  if (glyphShapes >= Math.max(20, textChars)) {
    return { reason: `the text layer has only ${textChars} letters and digits, but ${glyphShapes} glyph-like shapes are drawn as outlines` };
  }
  if (imageCoverage >= 0.5 && textChars < SCAN_TEXT) {
    return { reason: `the text layer has only ${textChars} letters and digits, and an image covers ${cover} of the page (a scan)` };
  }
  return undefined;
}
