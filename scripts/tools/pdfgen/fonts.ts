/**
 * The fonts pdfgen can write, each as real producers write them:
 *  - standard: Helvetica, WinAnsiEncoding, not embedded (English only);
 *  - cmap: non-embedded Japanese, Type0 + UniJIS-UCS2-H (or 90ms-RKSJ-H with
 *    Shift_JIS bytes), CIDFontType0 descendant, Adobe-Japan1, no FontFile;
 *  - embedded: a subset of Noto Sans JP as CIDFontType2, Identity-H, with a
 *    ToUnicode CMap written here (correct, Kangxi-mapped, garbage or absent).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { garbageCodePoint, KANGXI } from './defects.ts';
import { zlibSync } from 'fflate';
import { latin1, name, num, PdfStream, PdfString, toHex, type PdfRef, type PdfValue } from './objects.ts';
import { sjisCode, encodeSjis } from './sjis.ts';
import type { PdfWriter } from './writer.ts';

export interface PdfFont {
  /** Char codes for one text-showing operator. Throws on text the font cannot show. */
  encode(text: string): Uint8Array;
  /** Advance width of `text` in points at `size`. */
  measure(text: string, size: number): number;
  /** Whether every character of `text` can be shown. */
  supports(text: string): boolean;
  /** Writes the font's objects (called once, after all pages are drawn). */
  write(w: PdfWriter): PdfRef;
}

// ---------------------------------------------------------------- standard

/** Helvetica advance widths (AFM) for WinAnsi codes 0x20–0x7E. */
const HELVETICA_ASCII = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
  556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
/** The WinAnsi codes above 0x7F that differ from Latin-1, with Helvetica widths. */
const WINANSI_EXTRA: ReadonlyMap<string, [code: number, width: number]> = new Map([
  ['\u2026', [0x85, 1000]],
  ['\u2018', [0x91, 222]],
  ['\u2019', [0x92, 222]],
  ['\u201C', [0x93, 333]],
  ['\u201D', [0x94, 333]],
  ['\u2022', [0x95, 350]],
  ['\u2013', [0x96, 556]],
  ['\u2014', [0x97, 1000]],
  ['\u2122', [0x99, 1000]],
  ['\u20AC', [0x80, 556]],
]);
const LATIN1_WIDTHS: ReadonlyMap<number, number> = new Map([
  [0xa0, 278],
  [0xa9, 737],
  [0xae, 737],
  [0xb0, 400],
  [0xb7, 278],
  [0xd7, 584],
]);

function winAnsi(ch: string): [code: number, width: number] | undefined {
  const c = ch.codePointAt(0)!;
  if (c >= 0x20 && c <= 0x7e) return [c, HELVETICA_ASCII[c - 0x20]!];
  const extra = WINANSI_EXTRA.get(ch);
  if (extra) return extra;
  if (c >= 0xa0 && c <= 0xff) return [c, LATIN1_WIDTHS.get(c) ?? 556];
  return undefined;
}

export class StandardFont implements PdfFont {
  readonly baseFont: string;
  constructor(baseFont = 'Helvetica') {
    this.baseFont = baseFont;
  }
  supports(text: string): boolean {
    for (const ch of text) if (!winAnsi(ch)) return false;
    return true;
  }
  encode(text: string): Uint8Array {
    const out: number[] = [];
    for (const ch of text) {
      const e = winAnsi(ch);
      if (!e) throw new Error(`${this.baseFont}: cannot show ${JSON.stringify(ch)} (WinAnsi only; use a Japanese font)`);
      out.push(e[0]);
    }
    return Uint8Array.from(out);
  }
  measure(text: string, size: number): number {
    let w = 0;
    for (const ch of text) w += winAnsi(ch)?.[1] ?? 556;
    return (w * size) / 1000;
  }
  write(w: PdfWriter): PdfRef {
    return w.add({
      Type: name('Font'),
      Subtype: name('Type1'),
      BaseFont: name(this.baseFont),
      Encoding: name('WinAnsiEncoding'),
    });
  }
}

// ---------------------------------------------------------------- cmap (non-embedded)

export type CMapEncoding = 'UniJIS-UCS2-H' | '90ms-RKSJ-H';

const isHalfWidthKana = (c: number): boolean => c >= 0xff61 && c <= 0xff9f;

export class CMapFont implements PdfFont {
  readonly encoding: CMapEncoding;
  readonly baseFont: string;
  /**
   * 'none' (default): no ToUnicode, text comes from the CMap and Adobe-Japan1-UCS2
   * as with real non-embedded fonts. 'kangxi' / 'garbage': a ToUnicode that
   * rewrites the used codes (pdf.js then ignores the CMap route entirely).
   */
  readonly toUnicode: ToUnicodeMode;
  /** Char code (hex) → character, in first-use order. */
  private readonly used = new Map<string, string>();
  constructor(encoding: CMapEncoding = 'UniJIS-UCS2-H', baseFont = 'HeiseiKakuGo-W5', toUnicode: ToUnicodeMode = 'none') {
    this.encoding = encoding;
    this.baseFont = baseFont;
    this.toUnicode = toUnicode;
  }
  private track(text: string, bytes: Uint8Array): Uint8Array {
    if (this.toUnicode === 'none' || this.toUnicode === 'correct') return bytes;
    let at = 0;
    for (const ch of text) {
      const lead = bytes[at]!;
      const width = this.encoding === 'UniJIS-UCS2-H' || (lead >= 0x80 && !(lead >= 0xa0 && lead <= 0xdf)) ? 2 : 1;
      const code = toHex(bytes.subarray(at, at + width)).toUpperCase();
      if (!this.used.has(code)) this.used.set(code, ch);
      at += width;
    }
    return bytes;
  }
  supports(text: string): boolean {
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      if (this.encoding === '90ms-RKSJ-H' ? sjisCode(ch) === undefined : c > 0xffff || c < 0x20) return false;
    }
    return true;
  }
  encode(text: string): Uint8Array {
    if (this.encoding === '90ms-RKSJ-H') return this.track(text, encodeSjis(text));
    const out: number[] = [];
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      if (c > 0xffff || c < 0x20) {
        throw new Error(`UniJIS-UCS2-H: cannot show U+${c.toString(16).toUpperCase()} (BMP only)`);
      }
      out.push(c >> 8, c & 0xff);
    }
    return this.track(text, Uint8Array.from(out));
  }
  measure(text: string, size: number): number {
    let w = 0;
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      // Single-byte (RKSJ) and ASCII/half-width (UCS2) codes map to half-width CIDs.
      w += c < 0x80 || isHalfWidthKana(c) ? 500 : 1000;
    }
    return (w * size) / 1000;
  }
  write(w: PdfWriter): PdfRef {
    const descriptor = w.add({
      Type: name('FontDescriptor'),
      FontName: name(this.baseFont),
      Flags: 4,
      FontBBox: [-92, -250, 1010, 922],
      ItalicAngle: 0,
      Ascent: 880,
      Descent: -120,
      CapHeight: 740,
      StemV: 80,
    });
    // UniJIS-UCS2-H maps ASCII to proportional CIDs 1–95, 90ms-RKSJ-H single
    // bytes to half-width CIDs 231–389; both drawn 500 wide here.
    const widths: PdfValue[] = this.encoding === '90ms-RKSJ-H' ? [231, 389, 500] : [1, 95, 500, 231, 389, 500];
    const cidFont = w.add({
      Type: name('Font'),
      Subtype: name('CIDFontType0'),
      BaseFont: name(this.baseFont),
      CIDSystemInfo: { Registry: new PdfString(latin1('Adobe')), Ordering: new PdfString(latin1('Japan1')), Supplement: 2 },
      FontDescriptor: descriptor,
      DW: 1000,
      W: widths,
    });
    let toUnicode: PdfRef | undefined;
    if (this.used.size > 0) {
      const codespace =
        this.encoding === 'UniJIS-UCS2-H' ? ['<0000> <FFFF>'] : ['<00> <80>', '<8140> <9FFC>', '<A0> <DF>', '<E040> <FCFC>'];
      const entries = [...this.used].map(([code, ch], i): [string, string] => [code, rewrite(this.toUnicode, i + 1, ch)]);
      toUnicode = w.add(new PdfStream({ Filter: name('FlateDecode') }, zlibSync(latin1(toUnicodeCMap(codespace, entries)))));
    }
    return w.add({
      Type: name('Font'),
      Subtype: name('Type0'),
      BaseFont: name(this.encoding === 'UniJIS-UCS2-H' ? this.baseFont : `${this.baseFont}-90ms-RKSJ-H`),
      Encoding: name(this.encoding),
      DescendantFonts: [cidFont],
      ToUnicode: toUnicode,
    });
  }
}

// ---------------------------------------------------------------- embedded

/** How the embedded font's ToUnicode CMap maps glyphs back to text. */
export type ToUnicodeMode = 'correct' | 'kangxi' | 'garbage' | 'none';
export type NotoWeight = 400 | 700;

const require = createRequire(import.meta.url);
const fontCache = new Map<NotoWeight, fontkit.Font>();

/** Noto Sans JP from @expo-google-fonts/noto-sans-jp, parsed once per process. */
export function notoSansJP(weight: NotoWeight = 400): fontkit.Font {
  let font = fontCache.get(weight);
  if (!font) {
    const file = weight === 700 ? '700Bold/NotoSansJP_700Bold.ttf' : '400Regular/NotoSansJP_400Regular.ttf';
    font = fontkit.openSync(require.resolve(`@expo-google-fonts/noto-sans-jp/${file}`));
    fontCache.set(weight, font);
  }
  return font;
}

export class EmbeddedFont implements PdfFont {
  readonly font: fontkit.Font;
  readonly toUnicode: ToUnicodeMode;
  private readonly subset: fontkit.Subset;
  /** Subset glyph id (= CID) → [text it came from, advance width in 1/1000 em]. */
  private readonly glyphs = new Map<number, { text: string; width: number }>();
  constructor(options: { weight?: NotoWeight; toUnicode?: ToUnicodeMode } = {}) {
    this.font = notoSansJP(options.weight ?? 400);
    this.toUnicode = options.toUnicode ?? 'correct';
    this.subset = this.font.createSubset();
  }
  private glyphFor(ch: string): fontkit.Glyph {
    const cp = ch.codePointAt(0)!;
    if (!this.font.hasGlyphForCodePoint(cp)) {
      throw new Error(`${this.font.postscriptName}: no glyph for ${JSON.stringify(ch)} (U+${cp.toString(16).toUpperCase()})`);
    }
    return this.font.glyphForCodePoint(cp);
  }
  supports(text: string): boolean {
    for (const ch of text) if (!this.font.hasGlyphForCodePoint(ch.codePointAt(0)!)) return false;
    return true;
  }
  encode(text: string): Uint8Array {
    const out: number[] = [];
    for (const ch of text) {
      const glyph = this.glyphFor(ch);
      const cid = this.subset.includeGlyph(glyph.id);
      if (!this.glyphs.has(cid)) {
        this.glyphs.set(cid, { text: ch, width: Math.round((glyph.advanceWidth * 1000) / this.font.unitsPerEm) });
      }
      out.push(cid >> 8, cid & 0xff);
    }
    return Uint8Array.from(out);
  }
  measure(text: string, size: number): number {
    let w = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      w += this.font.hasGlyphForCodePoint(cp) ? this.font.glyphForCodePoint(cp).advanceWidth : this.font.unitsPerEm;
    }
    return (w * size) / this.font.unitsPerEm;
  }

  /** PDF path operators drawing `text` as filled outlines (no text layer), baseline at (x, y). */
  outline(text: string, x: number, y: number, size: number): string {
    const scale = size / this.font.unitsPerEm;
    const ops: string[] = [];
    let pen = x;
    for (const ch of text) {
      const glyph = this.glyphFor(ch);
      let cx = 0;
      let cy = 0;
      const px = (gx: number): string => num(Math.round((pen + gx * scale) * 100) / 100);
      const py = (gy: number): string => num(Math.round((y + gy * scale) * 100) / 100);
      for (const { command, args } of glyph.path.commands) {
        const a = (i: number): number => args[i] ?? 0;
        if (command === 'moveTo') {
          ops.push(`${px(a(0))} ${py(a(1))} m`);
          [cx, cy] = [a(0), a(1)];
        } else if (command === 'lineTo') {
          ops.push(`${px(a(0))} ${py(a(1))} l`);
          [cx, cy] = [a(0), a(1)];
        } else if (command === 'quadraticCurveTo') {
          const [qx, qy, ex, ey] = [a(0), a(1), a(2), a(3)];
          const c1x = cx + ((qx - cx) * 2) / 3;
          const c1y = cy + ((qy - cy) * 2) / 3;
          const c2x = ex + ((qx - ex) * 2) / 3;
          const c2y = ey + ((qy - ey) * 2) / 3;
          ops.push(`${px(c1x)} ${py(c1y)} ${px(c2x)} ${py(c2y)} ${px(ex)} ${py(ey)} c`);
          [cx, cy] = [ex, ey];
        } else if (command === 'bezierCurveTo') {
          ops.push(`${px(a(0))} ${py(a(1))} ${px(a(2))} ${py(a(3))} ${px(a(4))} ${py(a(5))} c`);
          [cx, cy] = [a(4), a(5)];
        } else {
          ops.push('h');
        }
      }
      pen += glyph.advanceWidth * scale;
    }
    return ops.length > 0 ? `${ops.join('\n')}\nf\n` : '';
  }

  /**
   * The outlines of `text` as closed polygons in points (baseline at x, y; y up),
   * curves flattened into `steps` segments: what the scan rasteriser fills.
   */
  contours(text: string, x: number, y: number, size: number, steps = 6): [number, number][][] {
    const scale = size / this.font.unitsPerEm;
    const out: [number, number][][] = [];
    let pen = x;
    for (const ch of text) {
      const glyph = this.glyphFor(ch);
      const pt = (gx: number, gy: number): [number, number] => [pen + gx * scale, y + gy * scale];
      let current: [number, number][] = [];
      let cx = 0;
      let cy = 0;
      const close = (): void => {
        if (current.length > 2) out.push(current);
        current = [];
      };
      for (const { command, args } of glyph.path.commands) {
        const a = (i: number): number => args[i] ?? 0;
        if (command === 'moveTo') {
          close();
          [cx, cy] = [a(0), a(1)];
          current.push(pt(cx, cy));
        } else if (command === 'lineTo') {
          [cx, cy] = [a(0), a(1)];
          current.push(pt(cx, cy));
        } else if (command === 'quadraticCurveTo' || command === 'bezierCurveTo') {
          const cubic = command === 'bezierCurveTo';
          const [ex, ey] = cubic ? [a(4), a(5)] : [a(2), a(3)];
          for (let i = 1; i <= steps; i++) {
            const t = i / steps;
            const u = 1 - t;
            const [px, py] = cubic
              ? [u * u * u * cx + 3 * u * u * t * a(0) + 3 * u * t * t * a(2) + t * t * t * ex, u * u * u * cy + 3 * u * u * t * a(1) + 3 * u * t * t * a(3) + t * t * t * ey]
              : [u * u * cx + 2 * u * t * a(0) + t * t * ex, u * u * cy + 2 * u * t * a(1) + t * t * ey];
            current.push(pt(px, py));
          }
          [cx, cy] = [ex, ey];
        } else {
          close();
        }
      }
      close();
      pen += glyph.advanceWidth * scale;
    }
    return out;
  }

  write(w: PdfWriter): PdfRef {
    const upm = this.font.unitsPerEm;
    const fontData = this.subset.encode();
    const cids = [...this.glyphs.keys()].sort((a, b) => a - b);
    // Subset tag: six letters derived from the glyph set, as producers do (but deterministic).
    const digest = createHash('md5').update(fontData).digest();
    let tag = '';
    for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (digest[i]! % 26));
    const baseFont = `${tag}+${this.font.postscriptName}`;
    const fontFile = w.add(
      new PdfStream({ Length1: fontData.length, Filter: name('FlateDecode') }, zlibSync(fontData)),
    );
    const s = (v: number): number => Math.round((v * 1000) / upm);
    const descriptor = w.add({
      Type: name('FontDescriptor'),
      FontName: name(baseFont),
      Flags: 4,
      FontBBox: [s(this.font.bbox.minX), s(this.font.bbox.minY), s(this.font.bbox.maxX), s(this.font.bbox.maxY)],
      ItalicAngle: 0,
      Ascent: s(this.font.ascent),
      Descent: s(this.font.descent),
      CapHeight: s(this.font.capHeight || 733),
      StemV: 80,
      FontFile2: fontFile,
    });
    const widths: PdfValue[] = [];
    for (let i = 0; i < cids.length; ) {
      const start = cids[i]!;
      const run: number[] = [];
      while (i < cids.length && cids[i] === start + run.length) run.push(this.glyphs.get(cids[i++]!)!.width);
      widths.push(start, run);
    }
    const cidFont = w.add({
      Type: name('Font'),
      Subtype: name('CIDFontType2'),
      BaseFont: name(baseFont),
      CIDSystemInfo: { Registry: new PdfString(latin1('Adobe')), Ordering: new PdfString(latin1('Identity')), Supplement: 0 },
      FontDescriptor: descriptor,
      DW: 1000,
      W: widths,
      CIDToGIDMap: name('Identity'),
    });
    const toUnicode =
      this.toUnicode === 'none'
        ? undefined
        : w.add(new PdfStream({ Filter: name('FlateDecode') }, zlibSync(latin1(this.toUnicodeCMap(cids)))));
    return w.add({
      Type: name('Font'),
      Subtype: name('Type0'),
      BaseFont: name(baseFont),
      Encoding: name('Identity-H'),
      DescendantFonts: [cidFont],
      ToUnicode: toUnicode,
    });
  }

  private mapped(cid: number, text: string): string {
    return rewrite(this.toUnicode, cid, text);
  }

  private toUnicodeCMap(cids: number[]): string {
    const cidHex = (c: number): string => c.toString(16).padStart(4, '0').toUpperCase();
    return toUnicodeCMap(
      ['<0000> <FFFF>'],
      cids.map((cid) => [cidHex(cid), this.mapped(cid, this.glyphs.get(cid)!.text)]),
    );
  }
}

/** A ToUnicode CMap (bfchar entries only, 100 a block). `entries`: [hex code, text]. */
export function toUnicodeCMap(codespace: readonly string[], entries: readonly [code: string, text: string][]): string {
  const utf16hex = (text: string): string => {
    let h = '';
    for (let i = 0; i < text.length; i++) h += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
    return h;
  };
  const lines = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    `${codespace.length} begincodespacerange`,
    ...codespace,
    'endcodespacerange',
  ];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    lines.push(`${chunk.length} beginbfchar`);
    for (const [code, text] of chunk) lines.push(`<${code}> <${utf16hex(text)}>`);
    lines.push('endbfchar');
  }
  lines.push('endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end', '');
  return lines.join('\n');
}

/** What a rewriting ToUnicode makes of one character (glyph/code index `index`). */
function rewrite(mode: ToUnicodeMode, index: number, text: string): string {
  if (mode === 'kangxi') return KANGXI.get(text) ?? text;
  if (mode === 'garbage') return String.fromCodePoint(garbageCodePoint(index));
  return text;
}
