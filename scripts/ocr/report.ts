/**
 * OCR in the build report: a section with the totals and the engine, and a notice for
 * each deck with pages that still lack their text (with how to install Tesseract when it is missing).
 */
import type { Problem } from '../../src/lib/problems.ts';
import { percent, type OcrTotals } from '../../src/lib/ocr/report.ts';
import { listPages } from '../../src/lib/pdf/quality.ts';
import type { DeckPageSummary } from '../../src/lib/decks.ts';
import type { IngestStats } from '../ingest/types.ts';

/** One notice per deck whose pages still lack their text: which pages, why, and why they were not read. */
export function ocrNotices(file: string, deck: { pageCount: number; pages: readonly Pick<DeckPageSummary, 'page' | 'flags' | 'error' | 'ocrReason'>[] }, ocr: IngestStats['ocr']): Problem[] {
  const notices: Problem[] = [];
  const waiting = deck.pages.filter((page) => page.flags.includes('needs-ocr'));
  const empty = deck.pages.filter((page) => page.flags.includes('ocr') && page.flags.includes('no-text'));
  const pages = (list: typeof waiting) => `${list.length === 1 ? 'page' : 'pages'} ${listPages(list.map((page) => page.page))}`;
  const first = waiting[0];
  if (first) {
    const failed = waiting.find((page) => page.error?.startsWith('OCR failed'))?.error;
    const why = failed ?? (ocr?.unavailable ? `not OCR'd: ${ocr.unavailable}` : "not OCR'd");
    notices.push({ file, kind: 'pdf', message: `${pages(waiting)} of ${deck.pageCount} lack their text (page ${first.page}: ${first.ocrReason ?? 'unknown reason'}); ${why}` });
  }
  if (empty.length > 0) notices.push({ file, kind: 'pdf', message: `${pages(empty)} of ${deck.pageCount} lack their text and OCR found none` });
  return notices;
}

export function ocrReportLines(totals: OcrTotals, ocr: IngestStats['ocr']): string[] {
  const engine = ocr?.engine ? `Engine: ${ocr.engine}.` : `No OCR engine: ${ocr?.unavailable ?? 'OCR off'}.`;
  return [
    '## OCR',
    '',
    `Pages read by OCR: ${totals.pagesRead}${totals.meanConfidence === null ? '' : ` (mean confidence ${percent(totals.meanConfidence)})`}; pages still without their text: ${totals.pagesWaiting + totals.pagesEmpty} (${totals.pagesWaiting} not OCR'd, ${totals.pagesEmpty} where OCR found none; listed under Notices).`,
    engine,
    '',
  ];
}
