/**
 * OCR in the build report: a section with the totals and the engine, and a notice for
 * each page that still lacks its text (with how to install Tesseract when it is missing).
 */
import type { Problem } from '../../src/lib/problems.ts';
import { percent, type OcrTotals } from '../../src/lib/ocr/report.ts';
import type { IngestedDeck, IngestStats } from '../ingest/types.ts';

export function ocrNotices(file: string, deck: IngestedDeck, ocr: IngestStats['ocr']): Problem[] {
  const notices: Problem[] = [];
  const why = ocr?.unavailable ? `not OCR'd: ${ocr.unavailable}` : "not OCR'd";
  for (const page of deck.pages) {
    if (page.flags.includes('needs-ocr')) {
      const failed = page.error?.startsWith('OCR failed') ? page.error : why;
      notices.push({ file, page: page.page, kind: 'pdf', message: `lacks its text (${page.ocrReason ?? 'unknown reason'}); ${failed}` });
    } else if (page.flags.includes('ocr') && page.flags.includes('no-text')) {
      notices.push({ file, page: page.page, kind: 'pdf', message: `lacks its text (${page.ocrReason ?? 'unknown reason'}) and OCR found none` });
    }
  }
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
