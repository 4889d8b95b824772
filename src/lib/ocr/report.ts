/**
 * What OCR did, in words and numbers: a sentence for a deck's message, and the
 * totals of the build report (pages OCR'd, their mean confidence, pages still
 * without their text).
 */
import { listPages } from '../pdf/quality.ts';

interface PageLike {
  page: number;
  flags: readonly string[];
  confidence?: number;
  ocrReason?: string;
}

export function percent(confidence: number): string {
  return `${Math.round(confidence * 100)} %`;
}

/** Mean of the pages' confidences (0–1), null when there are none. */
export function meanConfidence(pages: readonly PageLike[]): number | null {
  const read = pages.filter((page) => page.flags.includes('ocr') && !page.flags.includes('no-text') && page.confidence !== undefined);
  if (read.length === 0) return null;
  return Math.round((read.reduce((sum, page) => sum + (page.confidence ?? 0), 0) / read.length) * 1000) / 1000;
}

/** The sentence a deck's message gains from OCR, or '' when no page needed it. */
export function ocrMessage(pages: readonly PageLike[]): string {
  const read = pages.filter((page) => page.flags.includes('ocr') && !page.flags.includes('no-text'));
  const empty = pages.filter((page) => page.flags.includes('ocr') && page.flags.includes('no-text'));
  const waiting = pages.filter((page) => page.flags.includes('needs-ocr'));
  const parts: string[] = [];
  const word = (n: number) => (n === 1 ? 'page' : 'pages');
  const mean = meanConfidence(pages);
  if (read.length > 0) parts.push(`Text of ${word(read.length)} ${listPages(read.map((p) => p.page))} read by OCR (mean confidence ${percent(mean ?? 0)}; it may contain errors).`);
  if (empty.length > 0) parts.push(`OCR found no text on ${word(empty.length)} ${listPages(empty.map((p) => p.page))}.`);
  if (waiting.length > 0) {
    const reason = waiting[0]?.ocrReason;
    parts.push(`${waiting.length === 1 ? 'Page' : 'Pages'} ${listPages(waiting.map((p) => p.page))} ${waiting.length === 1 ? 'lacks its' : 'lack their'} text${reason ? ` (page ${waiting[0]?.page}: ${reason})` : ''} and need${waiting.length === 1 ? 's' : ''} OCR.`);
  }
  return parts.join(' ');
}

export interface OcrTotals {
  /** Pages whose text was read by OCR. */
  pagesRead: number;
  /** Mean confidence of those pages, 0–1; null when none. */
  meanConfidence: number | null;
  /** Pages that lack their text and were not OCR'd (no engine, --ocr off, or OCR failed). */
  pagesWaiting: number;
  /** Pages OCR'd that still have no text. */
  pagesEmpty: number;
}

export function ocrTotals(decks: Iterable<{ pages: readonly PageLike[] }>): OcrTotals {
  const all: PageLike[] = [];
  for (const deck of decks) all.push(...deck.pages);
  return {
    pagesRead: all.filter((page) => page.flags.includes('ocr') && !page.flags.includes('no-text')).length,
    meanConfidence: meanConfidence(all),
    pagesWaiting: all.filter((page) => page.flags.includes('needs-ocr')).length,
    pagesEmpty: all.filter((page) => page.flags.includes('ocr') && page.flags.includes('no-text')).length,
  };
}
