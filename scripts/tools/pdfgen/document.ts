/**
 * The drawing layer: pages with text runs, rectangles, images and paths, in
 * PDF coordinates (origin bottom-left, points). Fonts and images are written
 * once at the end, so embedded fonts are subset to exactly what was drawn.
 */
import type { EncryptOptions } from './crypto.ts';
import { zlibSync } from 'fflate';
import { latin1, name, num, PdfStream, PdfString, raw, toHex, type PdfDict, type PdfRef, type PdfValue } from './objects.ts';
import type { EmbeddedFont, PdfFont } from './fonts.ts';
import { PdfWriter, type PdfInfo } from './writer.ts';

export type Rgb = readonly [r: number, g: number, b: number];

export interface RgbImage {
  width: number;
  height: number;
  /** width × height × 3 bytes (× 1 with `grey`), rows top to bottom. */
  data: Uint8Array;
  /** One byte per pixel, DeviceGray (a greyscale scan). */
  grey?: boolean;
}

export interface TextOptions {
  color?: Rgb;
  /** Text render mode (Tr): 0 fill, 3 invisible (as OCR layers do). */
  render?: number;
}

/** How a page is deliberately damaged. */
export type PageDamage =
  /** The page tree points at an object that is not a page dictionary: pdf.js fails getPage for this page only. */
  'not-a-dict';

const color = (c: Rgb): string => c.map((v) => num(Math.round(v * 1000) / 1000)).join(' ');

export class Page {
  readonly width: number;
  readonly height: number;
  readonly damage: PageDamage | undefined;
  private readonly doc: PdfBuilder;
  private readonly ops: string[] = [];
  /** Resource names used on this page. */
  readonly fonts = new Set<string>();
  readonly images = new Set<string>();

  constructor(doc: PdfBuilder, width: number, height: number, damage?: PageDamage) {
    this.doc = doc;
    this.width = width;
    this.height = height;
    this.damage = damage;
  }

  /** One text run, baseline starting at (x, y). */
  text(font: PdfFont, text: string, x: number, y: number, size: number, options: TextOptions = {}): this {
    if (text === '') return this;
    const id = this.doc.fontId(font);
    this.fonts.add(id);
    const bytes = font.encode(text);
    const parts = ['BT'];
    if (options.color) parts.push(`${color(options.color)} rg`);
    if (options.render !== undefined) parts.push(`${options.render} Tr`);
    parts.push(`/${id} ${num(size)} Tf`, `1 0 0 1 ${num(x)} ${num(y)} Tm`, `<${toHex(bytes)}> Tj`, 'ET');
    this.ops.push(parts.join('\n'));
    return this;
  }

  rect(x: number, y: number, w: number, h: number, fill: Rgb): this {
    this.ops.push(`q ${color(fill)} rg ${num(x)} ${num(y)} ${num(w)} ${num(h)} re f Q`);
    return this;
  }

  /** Draws `text` as filled glyph outlines: it looks like text but has no text layer. */
  outlineText(font: EmbeddedFont, text: string, x: number, y: number, size: number, fill: Rgb = [0, 0, 0]): this {
    this.ops.push(`q ${color(fill)} rg\n${font.outline(text, x, y, size)}Q`);
    return this;
  }

  image(img: RgbImage, x: number, y: number, w: number, h: number): this {
    const id = this.doc.imageId(img);
    this.images.add(id);
    this.ops.push(`q ${num(w)} 0 0 ${num(h)} ${num(x)} ${num(y)} cm /${id} Do Q`);
    return this;
  }

  /** Appends content-stream operators verbatim. */
  raw(ops: string): this {
    this.ops.push(ops);
    return this;
  }

  content(): string {
    return this.ops.join('\n') + '\n';
  }
}

export interface BuilderOptions {
  /** Page size in points; default 960 × 540 (16:9 slides). */
  width?: number;
  height?: number;
  info?: PdfInfo;
}

export interface SaveOptions {
  encrypt?: EncryptOptions;
  /** Compress content streams (default true). */
  compress?: boolean;
}

export class PdfBuilder {
  readonly width: number;
  readonly height: number;
  readonly info: PdfInfo;
  private readonly pages: Page[] = [];
  private readonly fontIds = new Map<PdfFont, string>();
  private readonly imageIds = new Map<RgbImage, string>();

  constructor(options: BuilderOptions = {}) {
    this.width = options.width ?? 960;
    this.height = options.height ?? 540;
    this.info = { producer: 'iw-archive pdfgen', ...options.info };
  }

  addPage(options: { width?: number; height?: number; damage?: PageDamage } = {}): Page {
    const page = new Page(this, options.width ?? this.width, options.height ?? this.height, options.damage);
    this.pages.push(page);
    return page;
  }

  get pageCount(): number {
    return this.pages.length;
  }

  fontId(font: PdfFont): string {
    let id = this.fontIds.get(font);
    if (!id) {
      id = `F${this.fontIds.size + 1}`;
      this.fontIds.set(font, id);
    }
    return id;
  }

  imageId(img: RgbImage): string {
    let id = this.imageIds.get(img);
    if (!id) {
      const channels = img.grey ? 1 : 3;
      if (img.data.length !== img.width * img.height * channels) throw new Error(`image: data must be width × height × ${channels} bytes`);
      id = `Im${this.imageIds.size + 1}`;
      this.imageIds.set(img, id);
    }
    return id;
  }

  toBytes(options: SaveOptions = {}): Uint8Array {
    if (this.pages.length === 0) throw new Error('pdf: a document needs at least one page');
    const compress = options.compress ?? true;
    const w = new PdfWriter();
    // Page content first, document structure last (as many producers do; it
    // also makes a truncated file lose its catalog, like real cut downloads).
    const contents = this.pages.map((p) => {
      const data = latin1(p.content());
      return w.add(compress ? new PdfStream({ Filter: name('FlateDecode') }, zlibSync(data)) : new PdfStream({}, data));
    });
    const fontRefs = new Map<string, PdfRef>();
    for (const [font, id] of this.fontIds) fontRefs.set(id, font.write(w));
    const imageRefs = new Map<string, PdfRef>();
    for (const [img, id] of this.imageIds) {
      imageRefs.set(
        id,
        w.add(
          new PdfStream(
            {
              Type: name('XObject'),
              Subtype: name('Image'),
              Width: img.width,
              Height: img.height,
              ColorSpace: name(img.grey ? 'DeviceGray' : 'DeviceRGB'),
              BitsPerComponent: 8,
              Filter: name('FlateDecode'),
            },
            zlibSync(img.data),
          ),
        ),
      );
    }
    const pagesRef = w.alloc();
    const damaged = this.pages.some((p) => p.damage);
    const kids: PdfRef[] = [];
    this.pages.forEach((page, i) => {
      // With a damaged page, every page sits under its own /Pages node with
      // /Count 1, so pdf.js can skip the damaged subtree when looking up others.
      const parent = damaged ? w.alloc() : pagesRef;
      let pageRef: PdfRef;
      if (page.damage === 'not-a-dict') {
        pageRef = w.add(new PdfString(latin1('page dictionary lost')));
      } else {
        const resources: Record<string, PdfValue> = { ProcSet: [name('PDF'), name('Text'), name('ImageC')] };
        if (page.fonts.size > 0) {
          const fonts: Record<string, PdfValue> = {};
          for (const id of [...page.fonts].sort()) fonts[id] = fontRefs.get(id)!;
          resources['Font'] = fonts;
        }
        if (page.images.size > 0) {
          const images: Record<string, PdfValue> = {};
          for (const id of [...page.images].sort()) images[id] = imageRefs.get(id)!;
          resources['XObject'] = images;
        }
        pageRef = w.add({
          Type: name('Page'),
          Parent: parent,
          MediaBox: [0, 0, page.width, page.height],
          Resources: resources,
          Contents: contents[i]!,
        });
      }
      if (damaged) {
        w.set(parent, { Type: name('Pages'), Parent: pagesRef, Count: 1, Kids: [pageRef] });
        kids.push(parent);
      } else {
        kids.push(pageRef);
      }
    });
    w.set(pagesRef, { Type: name('Pages'), Count: this.pages.length, Kids: kids });
    const catalog: PdfDict = { Type: name('Catalog'), Pages: pagesRef, PageLayout: raw('/SinglePage') };
    const root = w.add(catalog);
    return w.toBytes({ root, info: this.info, ...(options.encrypt ? { encrypt: options.encrypt } : {}) });
  }
}
