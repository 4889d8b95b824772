/** The build report: reports/build-report.json for tools, build-report.md for people. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatProblem, type Problem } from '../../src/lib/problems.ts';
import type { OcrTotals } from '../../src/lib/ocr/report.ts';
import type { IngestStats } from '../ingest/types.ts';
import type { SearchIndexResult } from '../search/index.ts';
import { ocrReportLines } from '../ocr/report.ts';

/**
 * Wall time of each step of the build, each counted once (ms): content (from the start to content
 * validated and decks ingested), pages (Astro: bundling and rendering), publish (materials and
 * thumbnails into the output), carry (pages not rendered, hard-linked from the previous output),
 * search, manifest, links. A skipped build has only `check` (fingerprint and output checked).
 */
export interface BuildPhases {
  check?: number;
  content?: number;
  pages?: number;
  publish?: number;
  carry?: number;
  search?: number;
  manifest?: number;
  links?: number;
}

/** Which kind of build made the output: every page, some pages (the rest carried over), or none (nothing changed). */
export interface BuildKind {
  kind: 'full' | 'incremental' | 'skipped';
  reason: string;
  /** Files Astro wrote this build (pages and data files rendered). */
  rendered: number;
  /** Files hard-linked from the previous output instead of rendered. */
  carried: number;
  /** Materials and thumbnails hard-linked from the previous output, and copied from their source. */
  linked: number;
  copied: number;
}

export interface BuildResult {
  problems: Problem[];
  notices: Problem[];
  stats: {
    years: number;
    programs: number;
    decks: number;
    pages: number;
    people: number;
    files: number;
    ms: number;
    ingest: IngestStats;
    ocr: OcrTotals;
    build?: BuildKind;
    phases?: BuildPhases;
    search?: SearchIndexResult['stats'];
  };
}

export function buildKindText(result: BuildResult): string {
  const build = result.stats.build;
  if (!build) return 'full build';
  if (build.kind === 'skipped') return `skipped: ${build.reason}`;
  if (build.kind === 'incremental') return `incremental: ${build.rendered} files rendered, ${build.carried} carried over (${build.reason})`;
  return `full build: ${build.rendered} files rendered (${build.reason})`;
}

export function writeReport(reportDir: string, result: BuildResult): void {
  mkdirSync(reportDir, { recursive: true });
  writeFileSync(path.join(reportDir, 'build-report.json'), `${JSON.stringify(result, null, 2)}\n`);
  const lines = [
    '# Build report',
    '',
    `${result.stats.years} years, ${result.stats.programs} programs, ${result.stats.decks} decks, ${result.stats.pages} slide pages, ${result.stats.people} people; ${result.stats.files} files in the site.`,
    `PDFs parsed this run: ${result.stats.ingest.parsed}, from cache: ${result.stats.ingest.cached}.`,
    `Build: ${buildKindText(result)}.`,
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
