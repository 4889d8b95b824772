/** The build report: reports/build-report.json for tools, build-report.md for people. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatProblem, type Problem } from '../../src/lib/problems.ts';
import type { OcrTotals } from '../../src/lib/ocr/report.ts';
import type { IngestStats } from '../ingest/types.ts';
import { ocrReportLines } from '../ocr/report.ts';

export interface BuildResult {
  problems: Problem[];
  notices: Problem[];
  stats: { years: number; programs: number; decks: number; pages: number; people: number; files: number; ms: number; ingest: IngestStats; ocr: OcrTotals };
}

export function writeReport(reportDir: string, result: BuildResult): void {
  mkdirSync(reportDir, { recursive: true });
  writeFileSync(path.join(reportDir, 'build-report.json'), `${JSON.stringify(result, null, 2)}\n`);
  const lines = [
    '# Build report',
    '',
    `${result.stats.years} years, ${result.stats.programs} programs, ${result.stats.decks} decks, ${result.stats.pages} slide pages, ${result.stats.people} people; ${result.stats.files} files in the site.`,
    `PDFs parsed this run: ${result.stats.ingest.parsed}, from cache: ${result.stats.ingest.cached}.`,
    '',
    ...ocrReportLines(result.stats.ocr, result.stats.ingest.ocr),
    `## Problems (${result.problems.length})`,
    '',
    ...(result.problems.length === 0 ? ['None.'] : result.problems.map((problem) => `- ${formatProblem(problem)}`)),
    '',
    `## Notices (${result.notices.length})`,
    '',
    ...(result.notices.length === 0 ? ['None.'] : result.notices.map((notice) => `- ${formatProblem(notice)}`)),
    '',
  ];
  writeFileSync(path.join(reportDir, 'build-report.md'), lines.join('\n'));
}
