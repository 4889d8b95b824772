/**
 * The whole build: content → PDF ingest (cached) → Astro pages → materials and
 * thumbnails → MANIFEST.sha256 → build report. Problems never stop it; with
 * --strict (or IW_STRICT=1) any problem makes the exit code 1.
 *
 *   node scripts/build.ts [--content DIR] [--out DIR] [--base /sub/path/] [--strict] [--force]
 *                         [--thumbs auto|all|first|none] [--max-pages 1000] [--max-mb 200] [--ocr auto|off|force]
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build as astroBuild } from 'astro';
import { loadArchive } from '../src/lib/content.ts';
import { deckKey, type SiteDecks } from '../src/lib/decks.ts';
import { formatProblem, type Problem } from '../src/lib/problems.ts';
import { routes } from '../src/lib/urls.ts';
import { loadVideos } from '../src/lib/videos/load.ts';
import { ingestDecks } from './ingest/index.ts';
import type { IngestedDeck, IngestStats } from './ingest/types.ts';
import { writeManifest } from './mirror/manifest.ts';
import { buildSearchIndex } from './search/index.ts';
import { searchPages } from '../src/lib/search/describe.ts';
import { OCR_MODES, type OcrMode } from './ocr/engine.ts';
import { ocrNotices, ocrReportLines } from './ocr/report.ts';
import { ocrTotals, type OcrTotals } from '../src/lib/ocr/report.ts';

export interface BuildOptions {
  contentDir: string;
  outDir: string;
  base: string;
  cacheDir: string;
  reportDir: string;
  force: boolean;
  /** Thumbnails: page 1 of every deck, and every page when `all` (or `auto` and the archive is small). */
  thumbs: 'auto' | 'all' | 'first' | 'none';
  /** Decks over these limits are not parsed (outcome too-large, listed as a problem). */
  limits: { maxPages: number; maxBytes: number };
  quiet: boolean;
  /** OCR of pages that lack their text: auto (default: when Tesseract is installed), off, force. */
  ocr?: OcrMode;
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
    /** Pages read by OCR, their mean confidence, pages still without their text. */
    ocr: OcrTotals;
  };
}

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');

/** With --thumbs auto, archives of up to this many decks get a thumbnail of every page. */
const ALL_PAGE_THUMBNAILS_UP_TO = 500;

const REVIEW_KINDS = new Set<Problem['kind']>(['video', 'reference']);

/** Deck outcomes that describe the document rather than a failure: listed, not counted as problems. */
const NOTICE_OUTCOMES = new Set(['no-text-layer']);

function thumbName(deck: IngestedDeck, page: number, width: number): string {
  return `${deck.sha256.slice(0, 24)}-p${page}-w${width}.webp`;
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const log = (line: string) => options.quiet || console.error(line);
  const archive = loadArchive(options.contentDir);
  // Problems name files relative to the folder holding content/, as people write them.
  const reportRoot = path.dirname(path.resolve(options.contentDir));
  const problems: Problem[] = [...archive.problems];
  const notices: Problem[] = [];
  // A broken catalog file is a problem; a video waiting for a person's review (unlinked, a code the
  // archive lacks, a non-YouTube host) is a notice: the archive is complete without that decision.
  for (const problem of loadVideos(archive.contentDir, archive).problems) {
    (REVIEW_KINDS.has(problem.kind) ? notices : problems).push(problem);
  }

  const inputs = archive.programs.flatMap((program) =>
    program.decks.map((deck) => ({
      id: deckKey(program.id, deck.deckSlug),
      absolutePath: deck.absolutePath,
      ...(deck.password ? { password: deck.password } : {}),
    })),
  );
  log(`content: ${archive.events.length} years, ${archive.programs.length} programs, ${inputs.length} decks, ${problems.length} problems, ${notices.length} notices`);
  // Every page's thumbnail costs a render (~100 ms): worth it for a small archive, 2.5 hours of CPU at 90,000 pages.
  const thumbs = options.thumbs === 'auto' ? (inputs.length <= ALL_PAGE_THUMBNAILS_UP_TO ? 'all' : 'first') : options.thumbs;
  log(`thumbnails: ${thumbs === 'all' ? 'page 1 at 480 px and every page at 240 px' : thumbs === 'first' ? 'page 1 at 480 px' : 'none'}`);
  const ingest = await ingestDecks(inputs, {
    cacheDir: options.cacheDir,
    force: options.force,
    limits: options.limits,
    thumbnails: { first: options.thumbs === 'none' ? 0 : 480, pages: thumbs === 'all' ? 240 : false },
    progress: options.quiet ? 'silent' : 'auto',
    ocr: options.ocr ?? 'auto',
  });

  const ocrUsed = ingest.stats.ocr;
  log(ocrUsed?.engine ? `ocr: ${ocrUsed.engine}` : `ocr: pages that lack their text are listed as notices, not read (${ocrUsed?.unavailable ?? 'off'})`);
  rmSync(options.outDir, { recursive: true, force: true });
  const copies: [string, string][] = [];
  const siteDecks: SiteDecks = {};
  for (const program of archive.programs) {
    for (const deck of program.decks) {
      const key = deckKey(program.id, deck.deckSlug);
      const ingested = ingest.decks.get(key);
      copies.push([deck.absolutePath, routes.material(program.year, deck.file)]);
      if (!ingested) continue;
      const materialFile = path.relative(reportRoot, deck.absolutePath);
      if (ingested.outcome !== 'ok') {
        (NOTICE_OUTCOMES.has(ingested.outcome) ? notices : problems).push({ file: materialFile, kind: 'pdf', message: `${ingested.outcome}: ${ingested.message}` });
      }
      notices.push(...ocrNotices(materialFile, ingested, ingest.stats.ocr));
      for (const page of ingested.pages) {
        if (page.flags.includes('failed') && ingested.outcome === 'partial') {
          problems.push({ file: materialFile, page: page.page, kind: 'pdf', message: `page failed: ${page.error ?? 'unknown error'}` });
        }
      }
      const thumbs = new Map<number, { src: string; width: number; height: number }>();
      let cover: { src: string; width: number; height: number } | undefined;
      for (const thumb of ingested.thumbnails) {
        const src = routes.thumbnail(thumbName(ingested, thumb.page, thumb.width));
        copies.push([thumb.file, src]);
        const siteThumb = { src, width: thumb.width, height: thumb.height };
        if (thumb.page === 1 && (!cover || thumb.width > cover.width)) cover = siteThumb;
        const current = thumbs.get(thumb.page);
        if (!current || thumb.width < current.width) thumbs.set(thumb.page, siteThumb);
      }
      siteDecks[key] = {
        sha256: ingested.sha256,
        bytes: ingested.bytes,
        outcome: ingested.outcome,
        message: ingested.message,
        pageCount: ingested.pageCount,
        ...(cover ? { cover } : {}),
        pages: ingested.pages.map((page) => {
          const thumb = thumbs.get(page.page);
          return {
            page: page.page,
            text: page.text,
            search: page.search,
            flags: page.flags,
            ...(page.confidence !== undefined ? { confidence: page.confidence } : {}),
            ...(thumb ? { thumb } : {}),
            ...(page.error ? { error: page.error } : {}),
          };
        }),
      };
    }
  }

  const decksFile = path.join(options.cacheDir, '..', 'site', 'decks.json');
  mkdirSync(path.dirname(decksFile), { recursive: true });
  writeFileSync(decksFile, JSON.stringify(siteDecks));

  // Vite's own names leak in from a parent Vite process (vitest sets BASE_URL=/) and would win over the config.
  for (const name of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'SITE', 'ASSETS_PREFIX']) delete process.env[name];
  Object.assign(process.env, {
    IW_CONTENT_DIR: path.resolve(options.contentDir),
    IW_DECKS_FILE: decksFile,
    IW_OUT_DIR: path.resolve(options.outDir),
    IW_BASE: options.base,
    ASTRO_TELEMETRY_DISABLED: '1',
  });
  log('pages: astro build');
  await astroBuild({ root: PROJECT_ROOT, logLevel: options.quiet ? 'error' : 'warn' });

  for (const [source, sitePath] of copies) {
    const target = path.join(options.outDir, sitePath);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(source, target);
  }

  // Search index over the built pages (scripts/search/index.ts): its problems are the build's.
  const search = await buildSearchIndex({ outDir: options.outDir, pages: searchPages(archive, siteDecks), cacheDir: path.join(options.cacheDir, '..', 'search'), log });
  problems.push(...search.problems);

  const files = writeManifest(options.outDir);
  const pages = Object.values(siteDecks).reduce((sum, deck) => sum + deck.pageCount, 0);
  const result: BuildResult = {
    problems,
    notices,
    stats: {
      years: archive.events.length,
      programs: archive.programs.length,
      decks: inputs.length,
      pages,
      people: archive.people.length,
      files,
      ms: Math.round(performance.now() - started),
      ingest: ingest.stats,
      ocr: ocrTotals(ingest.decks.values()),
    },
  };
  writeReport(options.reportDir, result);
  return result;
}

function writeReport(reportDir: string, result: BuildResult): void {
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

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      content: { type: 'string', default: 'content' },
      out: { type: 'string', default: 'dist' },
      base: { type: 'string', default: process.env.IW_BASE ?? '/' },
      cache: { type: 'string', default: '.cache/pdf' },
      report: { type: 'string', default: 'reports' },
      strict: { type: 'boolean', default: ['1', 'true'].includes(process.env.IW_STRICT ?? '') },
      force: { type: 'boolean', default: false },
      thumbs: { type: 'string', default: 'auto' },
      'max-pages': { type: 'string', default: '1000' },
      'max-mb': { type: 'string', default: '200' },
      quiet: { type: 'boolean', default: false },
      ocr: { type: 'string', default: 'auto' },
    },
  });
  if (!(OCR_MODES as readonly string[]).includes(values.ocr)) {
    console.error(`--ocr: expected auto, off or force; found "${values.ocr}"`);
    process.exit(2);
  }
  if (!['auto', 'all', 'first', 'none'].includes(values.thumbs)) {
    console.error(`--thumbs: expected auto, all, first or none; found "${values.thumbs}"`);
    process.exit(2);
  }
  const maxPages = Number(values['max-pages']);
  const maxMb = Number(values['max-mb']);
  if (!(maxPages > 0) || !(maxMb > 0)) {
    console.error(`--max-pages and --max-mb: expected positive numbers; found "${values['max-pages']}" and "${values['max-mb']}"`);
    process.exit(2);
  }
  const result = await buildSite({
    contentDir: values.content,
    outDir: values.out,
    base: values.base,
    cacheDir: values.cache,
    reportDir: values.report,
    force: values.force,
    thumbs: values.thumbs as BuildOptions['thumbs'],
    limits: { maxPages, maxBytes: Math.round(maxMb * 1024 * 1024) },
    quiet: values.quiet,
    ocr: values.ocr as OcrMode,
  });
  const { stats } = result;
  for (const problem of result.problems) console.error(`problem: ${formatProblem(problem)}`);
  console.error(
    `built ${values.out}/: ${stats.programs} programs, ${stats.decks} decks (${stats.ingest.parsed} parsed, ${stats.ingest.cached} cached), ${stats.pages} pages, ${stats.files} files in ${(stats.ms / 1000).toFixed(1)} s; ${result.problems.length} problems, ${result.notices.length} notices (see ${values.report}/build-report.md)`,
  );
  if (values.strict && result.problems.length > 0) {
    console.error(`strict mode: ${result.problems.length} problems → exit 1`);
    process.exit(1);
  }
}

if (import.meta.main) await main();
