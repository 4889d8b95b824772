/**
 * One slide PDF in, per-page text (raw, cleaned, search form), quality flags,
 * a deck outcome, and rendered page bitmaps out — from a single parse.
 *
 * Never throws for bad input: every failure is an outcome with a message.
 * The loading task is destroyed in a finally and every page cleaned up, so
 * memory stays flat over thousands of files.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DeckText, ExtractOptions, PageFlag, PageText } from './types.ts';
import { layoutLines, rawText, type Line, type TextItemLike } from './layout.ts';
import { deckVerdict, hasPdfHeader, isGarbage, sniffKind, stripBadChars } from './quality.ts';
import { cleanPages } from '../text/clean.ts';
import { renderPage } from './render.ts';
import { searchForm } from '../text/search-form.ts';
import { formatBytes } from '../bytes.ts';
import { countTextChars, drawingDecides, drawingStats, ocrNeed, type OcrNeed } from '../ocr/classify.ts';
import { cleanOcrLines, repeatedOcrLines, type CleanOcrPage } from '../ocr/clean.ts';
import { ocrMessage } from '../ocr/report.ts';
import type { OcrLine } from '../ocr/tsv.ts';

/** Bump when the output for the same input changes: the ingest cache key uses it. */
export const EXTRACTOR_VERSION = 'pdf-4';

export interface RenderRequest {
  pages: 'first' | 'all';
  /** CSS px width of the bitmap. */
  width: number;
}

export interface PageBitmap {
  page: number;
  width: number;
  height: number;
  /** Raw RGBA, width × height × 4 bytes, for sharp({ raw: { width, height, channels: 4 } }). */
  rgba: Uint8Array;
}

/**
 * OCR of the pages that lack their text. processPdf renders each such page and hands the
 * bitmap to `recognise` (the caller's OCR engine: scripts/ocr/ runs Tesseract), one page at a time.
 */
export interface OcrHook {
  /** OCR every page, also those whose text layer looks complete. */
  force: boolean;
  /** Render resolution in dots per inch (72 PDF units = 1 inch). */
  dpi: number;
  /** Lines read from the bitmap; throws when the engine fails (the page then keeps `needs-ocr`). */
  recognise(bitmap: PageBitmap): Promise<OcrLine[]>;
}

export interface ProcessOptions extends ExtractOptions {
  render?: RenderRequest[];
  /** Without it, pages that lack their text are only flagged `needs-ocr`. */
  ocr?: OcrHook;
}

/** Widest OCR bitmap in px, whatever the page size (a poster-sized page stays affordable). */
const MAX_OCR_WIDTH = 4000;

export interface ProcessResult {
  deck: DeckText;
  bitmaps: PageBitmap[];
}

const require = createRequire(import.meta.url);
const PDFJS_DIR = dirname(require.resolve('pdfjs-dist/package.json'));
/** Plain filesystem paths ending with '/': file:// URLs are silently ignored by pdf.js in Node. */
const ASSETS = {
  cMapUrl: join(PDFJS_DIR, 'cmaps') + '/',
  cMapPacked: true,
  standardFontDataUrl: join(PDFJS_DIR, 'standard_fonts') + '/',
  wasmUrl: join(PDFJS_DIR, 'wasm') + '/',
  iccUrl: join(PDFJS_DIR, 'iccs') + '/',
};

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | undefined;
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
}

/** Silence pdf.js console warnings (font fallbacks etc.); errors still surface as outcomes. */
const VERBOSITY_ERRORS = 0;

function emptyDeck(outcome: DeckText['outcome'], message: string, pageCount = 0): DeckText {
  return { outcome, message, pageCount, pages: [], metadata: {} };
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

function errorName(e: unknown): string {
  if (e && typeof e === 'object' && 'name' in e && typeof e.name === 'string') return e.name;
  return '';
}

function errorCode(e: unknown): number | undefined {
  if (e && typeof e === 'object' && 'code' in e && typeof e.code === 'number') return e.code;
  return undefined;
}


function pagesToRender(reqs: readonly RenderRequest[] | undefined, numPages: number): Map<number, number[]> {
  const byPage = new Map<number, number[]>();
  for (const r of reqs ?? []) {
    if (!(r.width > 0)) continue;
    const last = r.pages === 'all' ? numPages : Math.min(1, numPages);
    for (let p = 1; p <= last; p++) {
      const widths = byPage.get(p) ?? [];
      if (!widths.includes(Math.round(r.width))) widths.push(Math.round(r.width));
      byPage.set(p, widths);
    }
  }
  return byPage;
}

export async function processPdf(data: Uint8Array, options: ProcessOptions = {}): Promise<ProcessResult> {
  const bitmaps: PageBitmap[] = [];
  if (data.length === 0) return { deck: emptyDeck('empty', 'The file is empty (0 bytes): download it again.'), bitmaps };
  if (options.maxBytes !== undefined && data.length > options.maxBytes) {
    return {
      deck: emptyDeck('too-large', `The file is ${formatBytes(data.length)}, over the limit of ${formatBytes(options.maxBytes)}: raise maxBytes to process it.`),
      bitmaps,
    };
  }
  if (!hasPdfHeader(data)) {
    return {
      deck: emptyDeck('not-pdf', `The file is not a PDF (no %PDF- header; it looks like ${sniffKind(data)}): check the download URL.`),
      bitmaps,
    };
  }

  const pdfjs = await loadPdfJs();
  // pdf.js transfers or detaches the buffer it is given: pass a copy so the caller's bytes stay usable.
  const task = pdfjs.getDocument({
    data: data.slice(),
    ...ASSETS,
    verbosity: VERBOSITY_ERRORS,
    useSystemFonts: false,
    ...(options.password !== undefined ? { password: options.password } : {}),
  });
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (e) {
      const name = errorName(e);
      if (name === 'PasswordException') {
        const wrong = errorCode(e) === 2 || options.password !== undefined;
        return {
          deck: emptyDeck(
            'encrypted',
            wrong
              ? 'The PDF is encrypted and the password given is wrong: supply the right user password.'
              : 'The PDF is encrypted and needs the user password (none given): supply it with the password option.',
          ),
          bitmaps,
        };
      }
      if (name === 'InvalidPDFException') {
        return { deck: emptyDeck('corrupt', `The PDF is damaged beyond repair (${errorText(e)}): get a fresh copy of the file.`), bitmaps };
      }
      return { deck: emptyDeck('corrupt', `The PDF could not be opened (${errorText(e)}): get a fresh copy of the file.`), bitmaps };
    }

    const numPages = doc.numPages;
    const metadata = await readMetadata(doc);
    if (options.maxPages !== undefined && numPages > options.maxPages) {
      return {
        deck: {
          ...emptyDeck('too-large', `The PDF has ${numPages} pages, over the limit of ${options.maxPages}: raise maxPages to process it.`, numPages),
          metadata,
        },
        bitmaps,
      };
    }

    const renders = pagesToRender(options.render, numPages);
    const lines: Line[][] = [];
    const raws: string[] = [];
    const errors: Array<string | undefined> = [];
    const needs: Array<OcrNeed | undefined> = [];
    const ocrPages: Array<CleanOcrPage | undefined> = [];
    const ocrErrors: Array<string | undefined> = [];
    for (let p = 1; p <= numPages; p++) {
      let page;
      try {
        page = await doc.getPage(p);
        const vp = page.getViewport({ scale: 1 });
        const content = await page.getTextContent();
        const items: TextItemLike[] = [];
        for (const it of content.items) if ('str' in it) items.push(it);
        const vertical = new Set<string>();
        for (const [name, style] of Object.entries(content.styles)) if (style.vertical) vertical.add(name);
        // Text positions come in PDF user space; map through the viewport so rotation and crop boxes are honoured.
        const mapped = items.map((it) => mapItem(it, vp.transform, vp.height));
        lines.push(layoutLines(mapped, { pageWidth: vp.width, pageHeight: vp.height, verticalFonts: vertical }));
        const raw = rawText(items);
        raws.push(raw);
        errors.push(undefined);
        // Does the page lack its text? The drawing is read only when the text layer cannot tell (classify.ts).
        const garbage = isGarbage(raw);
        const textChars = countTextChars(raw);
        let need: OcrNeed | undefined;
        if (garbage) need = ocrNeed({ textChars, glyphShapes: 0, imageCoverage: 0 }, true);
        else if (drawingDecides(raw, garbage)) {
          try {
            const ops = await page.getOperatorList();
            need = ocrNeed(drawingStats(ops.fnArray, ops.argsArray, pdfjs.OPS, vp.width, vp.height, textChars));
          } catch {
            // A page whose drawing pdf.js cannot read keeps its text.
          }
        }
        if (!need && options.ocr?.force) need = { reason: 'OCR forced (--ocr force)' };
        needs.push(need);
        if (need && options.ocr) {
          try {
            const bitmap = await renderPage(page, Math.min(MAX_OCR_WIDTH, (vp.width * options.ocr.dpi) / 72));
            ocrPages[p - 1] = cleanOcrLines(await options.ocr.recognise(bitmap));
          } catch (e) {
            ocrErrors[p - 1] = errorText(e);
          }
        }
        const widths = renders.get(p);
        if (widths) {
          for (const w of widths) {
            try {
              bitmaps.push(await renderPage(page, w));
            } catch {
              // A page that cannot be drawn keeps its text; the caller sees the missing bitmap.
            }
          }
        }
      } catch (e) {
        lines.length = p - 1;
        raws.length = p - 1;
        errors.length = p - 1;
        needs.length = p - 1;
        lines.push([]);
        raws.push('');
        errors.push(errorText(e));
        needs.push(undefined);
      } finally {
        page?.cleanup();
      }
    }

    // OCR'd pages take their lines from OCR (the thin text layer's footer and bullets are in it too);
    // footers OCR reads a little differently on each page go first, then the shared cleaning.
    const ocrDrop = repeatedOcrLines(ocrPages.map((o) => o?.lines ?? []));
    ocrPages.forEach((ocr, i) => {
      if (!ocr) return;
      lines[i] = ocr.lines.filter((_, j) => !ocrDrop[i]?.has(j)).map((l) => ({ text: l.text, y: l.y, x: 0, size: 0 }));
    });
    const cleaned = cleanPages(lines);
    const pages: PageText[] = [];
    for (let i = 0; i < numPages; i++) {
      const error = errors[i];
      const raw = raws[i] ?? '';
      const need = needs[i];
      const ocr = ocrPages[i];
      const flags: PageFlag[] = [];
      let text = cleaned[i] ?? '';
      if (error !== undefined) flags.push('failed');
      else if (isGarbage(raw) && !ocr) flags.push('garbage');
      if (error === undefined) {
        text = stripBadChars(text).replace(/\n{2,}/gu, '\n').trim();
        if (text === '' && !flags.includes('garbage')) flags.push('no-text');
        if (need && !ocr) flags.push('needs-ocr');
        if (ocr) flags.push('ocr');
      }
      const pt: PageText = { page: i + 1, raw, text, search: searchForm(text), flags };
      if (error !== undefined) pt.error = error;
      else if (ocrErrors[i] !== undefined) pt.error = `OCR failed: ${ocrErrors[i]}`;
      if (need && error === undefined) pt.ocrReason = need.reason;
      if (ocr) {
        pt.confidence = ocr.confidence;
        pt.ocrRaw = ocr.raw;
      }
      pages.push(pt);
    }
    const verdict = deckVerdict(pages);
    const note = ocrMessage(pages);
    return { deck: { ...verdict, message: note ? `${verdict.message} ${note}` : verdict.message, pageCount: numPages, pages, metadata }, bitmaps };
  } catch (e) {
    return { deck: emptyDeck('corrupt', `The PDF could not be processed (${errorText(e)}): get a fresh copy of the file.`), bitmaps };
  } finally {
    try {
      await task.destroy();
    } catch {
      // already torn down
    }
  }
}

/** Map an item's origin to viewport space (top-down), then back to bottom-up y for layout. */
function mapItem(it: TextItemLike, vt: number[], height: number): TextItemLike {
  const x = it.transform[4] ?? 0;
  const y = it.transform[5] ?? 0;
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = vt;
  const vx = a * x + c * y + e;
  const vy = b * x + d * y + f;
  const t = [...it.transform];
  t[4] = vx;
  t[5] = height - vy; // layout expects y growing upwards from the page bottom
  return { ...it, transform: t };
}

interface MetaDoc {
  getMetadata(): Promise<{ info: unknown }>;
}

async function readMetadata(doc: MetaDoc): Promise<DeckText['metadata']> {
  const out: DeckText['metadata'] = {};
  try {
    const { info } = await doc.getMetadata();
    if (info && typeof info === 'object') {
      const rec = info as Record<string, unknown>;
      const pick = (k: string): string | undefined => {
        const v = rec[k];
        return typeof v === 'string' && v.trim() !== '' ? stripBadChars(v).trim() : undefined;
      };
      const title = pick('Title');
      const author = pick('Author');
      const producer = pick('Producer');
      const creator = pick('Creator');
      if (title) out.title = title;
      if (author) out.author = author;
      if (producer) out.producer = producer;
      if (creator) out.creator = creator;
    }
  } catch {
    // metadata is optional
  }
  return out;
}
