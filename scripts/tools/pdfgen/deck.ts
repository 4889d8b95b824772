/**
 * Slide decks from a plain description: a title and bullet lines per slide,
 * footers, page numbers and the text-layer defects of real conference decks.
 * Used by the test fixtures and by scripts/tools/sample/generate.ts.
 */
import type { EncryptOptions } from './crypto.ts';
import { Page, PdfBuilder, type PageDamage, type Rgb, type RgbImage } from './document.ts';
import { CMapFont, EmbeddedFont, StandardFont, type PdfFont, type ToUnicodeMode } from './fonts.ts';
import { wrapText } from './layout.ts';
import { GreyRaster } from './raster.ts';
import type { PdfInfo } from './writer.ts';

export type DeckFont = 'embedded' | 'cmap' | 'sjis' | 'standard';
export const DECK_FONTS: readonly DeckFont[] = ['embedded', 'cmap', 'sjis', 'standard'];

export interface SlideSpec {
  title: string;
  lines?: readonly string[];
  /**
   * text (default): a text layer; image: the slide as grey blocks in an image,
   * no text; scan: the slide's text rasterised from the font's outlines into a
   * greyscale image (a scanned page: readable, no text layer); outlines: every
   * string drawn as filled glyph paths, no text; outlines-mixed: Japanese drawn
   * as outlines while Latin-only strings (footer, copyright) and the bullets `•`
   * stay in the text layer (PowerPoint 2016 exports of real decks).
   */
  kind?: 'text' | 'image' | 'scan' | 'outlines' | 'outlines-mixed';
  /** Damage this page so that pdf.js fails on it (and only on it). */
  damage?: PageDamage;
}

export interface DeckSpec {
  slides: readonly SlideSpec[];
  /** Default embedded (Noto Sans JP subset). */
  font?: DeckFont;
  /** Drawn on every page after the first, like the "21 3" of real decks. */
  footer?: string;
  /** Drawn at the bottom of every page. */
  copyright?: string;
  /** Page numbers at the bottom right of every page after the first. */
  pageNumbers?: boolean;
  /** Draw every title twice, 0.4 pt apart (fake bold): extraction doubles it. */
  overprint?: boolean;
  /** ToUnicode maps some kanji to Kangxi radicals (Japanese fonts; non-embedded ones get a ToUnicode for it). */
  kangxi?: boolean;
  /** ToUnicode maps every glyph to control/private-use code points (Japanese fonts). */
  garbage?: boolean;
  info?: PdfInfo;
  encrypt?: EncryptOptions;
  /** Resolution of `scan` slides (default 100 dpi, as old scanned proceedings). */
  scanDpi?: number;
  width?: number;
  height?: number;
}

const INK: Rgb = [0.1, 0.1, 0.15];
const ACCENT: Rgb = [0.05, 0.3, 0.6];
const MUTED: Rgb = [0.4, 0.4, 0.45];
const BAND: Rgb = [0.9, 0.93, 0.97];

const TITLE_SIZE = 30;
const BODY_SIZE = 22;
const MARGIN = 56;

function deckFont(spec: DeckSpec): PdfFont {
  const font = spec.font ?? 'embedded';
  if ((spec.kangxi || spec.garbage) && font === 'standard') {
    throw new Error('deck: kangxi and garbage need a Japanese font (embedded, cmap or sjis), not "standard"');
  }
  const rewrite: ToUnicodeMode | undefined = spec.garbage ? 'garbage' : spec.kangxi ? 'kangxi' : undefined;
  switch (font) {
    case 'embedded':
      return new EmbeddedFont({ toUnicode: rewrite ?? 'correct' });
    case 'cmap':
      return new CMapFont('UniJIS-UCS2-H', 'HeiseiKakuGo-W5', rewrite ?? 'none');
    case 'sjis':
      return new CMapFont('90ms-RKSJ-H', 'KozMinPr6N-Regular', rewrite ?? 'none');
    case 'standard':
      return new StandardFont('Helvetica');
  }
}

/** A deterministic "scan": the slide's layout as grey blocks on white, with a little noise. */
export function scanImage(lines: number, width = 320, height = 180): RgbImage {
  const data = new Uint8Array(width * height * 3);
  let seed = 0x2545f491 ^ lines;
  const noise = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    // Sparse speckles, as on a scanned page (and cheap to compress).
    return (seed >>> 0) % 16 === 0 ? 12 : 0;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let v = 250 - noise();
      const titleBand = y >= height * 0.07 && y < height * 0.16 && x > width * 0.06 && x < width * 0.7;
      const row = Math.floor((y - height * 0.28) / (height * 0.1));
      const inRow = row >= 0 && row < lines && (y - height * 0.28) % (height * 0.1) < height * 0.045;
      const rowEnd = width * (0.55 + 0.35 * (((row * 7) % 5) / 5));
      if (titleBand) v = 40 + noise();
      else if (inRow && x > width * 0.1 && x < rowEnd) v = 90 + noise();
      const i = (y * width + x) * 3;
      data[i] = v;
      data[i + 1] = v;
      data[i + 2] = Math.min(255, v + 4);
    }
  }
  return { width, height, data };
}

/** Renders a deck to PDF bytes. Same spec, same bytes. */
export function renderDeck(spec: DeckSpec): Uint8Array {
  if (spec.slides.length === 0) throw new Error('deck: needs at least one slide');
  const doc = new PdfBuilder({
    ...(spec.width !== undefined ? { width: spec.width } : {}),
    ...(spec.height !== undefined ? { height: spec.height } : {}),
    ...(spec.info ? { info: spec.info } : {}),
  });
  const main = deckFont(spec);
  let latin: StandardFont | undefined;
  let outlines: EmbeddedFont | undefined;
  /** The deck font, or Helvetica for Latin text the deck font cannot show (© in Shift_JIS, say). */
  const fontFor = (text: string, where: string): PdfFont => {
    if (main.supports(text)) return main;
    latin ??= new StandardFont('Helvetica');
    if (latin.supports(text)) return latin;
    throw new Error(`deck: ${where}: font "${spec.font ?? 'embedded'}" cannot show ${JSON.stringify(text)}`);
  };
  const W = doc.width;
  const H = doc.height;

  spec.slides.forEach((slide, index) => {
    const where = `slide ${index + 1}`;
    const page = doc.addPage(slide.damage ? { damage: slide.damage } : {});
    const lines = slide.lines ?? [];
    const kind = slide.kind ?? 'text';
    if (kind === 'image') {
      page.image(scanImage(lines.length), 0, 0, W, H);
      return;
    }
    const raster = kind === 'scan' ? new GreyRaster(W, H, spec.scanDpi ?? 100) : undefined;
    /** Darkness of a colour on the grey scan (0 paper … 1 black). */
    const darkness = (c: Rgb): number => 1 - (c[0] * 0.3 + c[1] * 0.59 + c[2] * 0.11);
    const asOutlines = (text: string): boolean => kind === 'outlines' || (kind === 'outlines-mixed' && !new StandardFont().supports(text));
    const draw = (p: Page, text: string, x: number, y: number, size: number, color: Rgb): void => {
      if (raster) {
        raster.text((outlines ??= new EmbeddedFont()), text, x, y, size, darkness(color));
      } else if (asOutlines(text)) {
        outlines ??= new EmbeddedFont();
        p.outlineText(outlines, text, x, y, size, color);
      } else {
        p.text(fontFor(text, where), text, x, y, size, { color });
      }
    };
    const box = (x: number, y: number, w: number, h: number, color: Rgb): void => {
      if (raster) raster.rect(x, y, w, h, darkness(color));
      else page.rect(x, y, w, h, color);
    };
    const titlePage = index === 0;
    const maxWidth = W - 2 * MARGIN;
    const measureWith = (size: number) => (s: string) =>
      (kind === 'scan' || asOutlines(s || ' ') ? (outlines ??= new EmbeddedFont()) : fontFor(s || ' ', where)).measure(s, size);
    // Titles shrink (to 3/4 at most) to stay on one line before they wrap.
    const baseTitle = titlePage ? TITLE_SIZE + 6 : TITLE_SIZE;
    const titleSize = Math.max(baseTitle * 0.75, Math.min(baseTitle, Math.floor((baseTitle * maxWidth) / measureWith(baseTitle)(slide.title))));

    // Title (wrapped), overprinted when asked.
    let y = titlePage ? H * 0.62 : H - 70;
    if (!titlePage) box(0, H - 100, W, 100, BAND);
    for (const line of wrapText(slide.title, maxWidth, measureWith(titleSize))) {
      draw(page, line, MARGIN, y, titleSize, titlePage ? ACCENT : INK);
      if (spec.overprint && kind === 'text') draw(page, line, MARGIN + 0.4, y, titleSize, titlePage ? ACCENT : INK);
      y -= titleSize * 1.3;
    }
    // Body lines: bullets are drawn as squares, so they add no characters.
    y = titlePage ? Math.min(y - 20, H * 0.4) : H - 150;
    const bodySize = titlePage ? BODY_SIZE - 2 : BODY_SIZE;
    for (const text of lines) {
      const indent = titlePage ? MARGIN : MARGIN + 24;
      if (!titlePage && kind === 'outlines-mixed') draw(page, '\u2022', MARGIN + 2, y, bodySize, ACCENT);
      else if (!titlePage) box(MARGIN + 4, y + bodySize * 0.3, 7, 7, ACCENT);
      for (const line of wrapText(text, W - indent - MARGIN, measureWith(bodySize))) {
        draw(page, line, indent, y, bodySize, INK);
        y -= bodySize * 1.45;
      }
      y -= bodySize * 0.3;
    }
    // Furniture: footer, copyright, page number (outlines too on outline pages).
    if (spec.footer !== undefined && !titlePage) draw(page, spec.footer, MARGIN, 22, 10, MUTED);
    if (spec.copyright !== undefined) {
      draw(page, spec.copyright, (W - measureWith(9)(spec.copyright)) / 2, 10, 9, MUTED);
    }
    if (spec.pageNumbers && !titlePage) {
      const n = String(index + 1);
      draw(page, n, W - MARGIN - measureWith(12)(n), 20, 12, MUTED);
    }
    if (raster) page.image({ width: raster.width, height: raster.height, data: raster.toGrey(index + 1), grey: true }, 0, 0, W, H);
  });
  return doc.toBytes(spec.encrypt ? { encrypt: spec.encrypt } : {});
}
