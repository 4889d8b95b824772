/**
 * The benchmark harness (issue 16): builds a generated archive the way `npm run build` does and
 * measures each step, compares our ingest with poppler run as a user runs it, and the first search
 * on our search page with a bare Pagefind page on the same bundle; writes BENCHMARKS.md.
 *
 *   npm run bench -- --size small|medium|full [--seed 1] [--runs 3] [--cold-runs N] [--search-runs 3]
 *                    [--thumbs auto|all|first|none] [--ocr auto|off|force] [--ingest-sample N]
 *                    [--no-search] [--no-ingest] [--no-write] [--search-only]
 *   node scripts/tools/bench/report.ts      (BENCHMARKS.md again from .cache/bench/results-*.json)
 *
 * Every measured step is a child process (node scripts/build.ts …, a shell command line, or one of
 * the scripts/tools/bench/*-only.ts), so its time and peak memory are its own: the resident memory
 * of its whole process tree (node, worker threads, the Pagefind binary, Tesseract), sampled every
 * 200 ms. Per run:
 *   1. cold build (empty caches): the first `--cold-runs` runs only (default: every run; 1 at full
 *      size, where one cold build with OCR takes most of an hour)
 *   2. rebuild with nothing changed, rebuild with one deck changed (a re-rendered variant), and a
 *      rebuild with it changed back (not reported: it only restores the cache's state)
 *   3. the Astro step alone, the search index alone (as the build shards it, and unsharded)
 *   4. our ingest against pdftotext/pdftoppm, alternated (scripts/tools/bench/ingest.ts)
 * then first searches in headless Chromium, ours and the bare page alternated (search-browser.ts).
 *
 * The archive folder (.cache/bench/<size>-s<seed>/) may be a symbolic link to a shared archive:
 * it is then only read (checked against the plan, never written). Builds read a hard-linked copy
 * of its content in the work folder (.cache/bench/work-<size>-s<seed>/), where the changed deck is
 * written as a new file. Results: .cache/bench/results-<size>.json, and BENCHMARKS.md.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { archiveDir, generateArchive, planArchive, renderPlannedDeck, SIZES, type GenerateStats, type SizeName } from './generate-archive.ts';
import { fmtMs, fmtSummary, runMeasured, summarise, type Measured, type Summary } from './measure.ts';
import { buildPhases } from './phases.ts';
import type { IngestComparison } from './ingest.ts';
import type { SearchComparison } from './search-browser.ts';
import { renderBenchmarks } from './report.ts';
import { formatBytes } from '../../../src/lib/bytes.ts';

const PROJECT = path.resolve(import.meta.dirname, '../../..');
const NODE = process.execPath;

export interface StepResult {
  ms: number;
  peakRssMB: number;
  ok: boolean;
  /** Phase times (ms), each counted once; with `other` they add up to `ms`. */
  phases?: Record<string, number>;
  /** Where the phases came from: the build report's stats, or the build's "phase:" log lines. */
  phaseSource?: 'report' | 'log';
  detail?: Record<string, number | string>;
}

export interface RunResult {
  cold?: StepResult;
  noChange: StepResult;
  oneChanged: StepResult;
  astro?: StepResult;
  searchIndex?: StepResult;
  searchUnsharded?: StepResult;
}

export const STEP_KEYS = ['cold', 'noChange', 'oneChanged', 'astro', 'searchIndex', 'searchUnsharded'] as const;
export type StepKey = (typeof STEP_KEYS)[number];

export interface SizeResults {
  size: SizeName;
  seed: number;
  date: string;
  command: string;
  runs: number;
  coldRuns: number;
  thumbs: string;
  ocr: string;
  machine: Machine;
  /** Load average (1 min) when the run started and when it ended: the machine is shared. */
  load: { start: number; end?: number };
  generate: GenerateStats;
  archive: { years: number; programs: number; decks: number; pages: number; pdfBytes: number; siteFiles?: number; siteBytes?: number; outcomes?: Record<string, number>; ocrPages?: number };
  perRun: RunResult[];
  summary: Partial<Record<StepKey, { ms: Summary | undefined; rss: Summary | undefined }>>;
  ingest?: IngestComparison;
  search?: SearchComparison[];
  notes: string[];
  /** Set while a run is still going (a partial result written after each step). */
  partial?: string;
}

export interface Machine {
  nproc: number;
  memoryGB: number;
  cpu: string;
  node: string;
  astro: string;
  pagefind: string;
  pdfjs: string;
  sharp: string;
  poppler: string;
  chromium: string;
}

function pkgVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(PROJECT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

function commandVersion(command: string, args: string[]): string {
  // pdftotext -v writes to stderr; chromium --version to stdout.
  const child = spawnSync(command, args, { encoding: 'utf8' });
  if (child.error) return 'not installed';
  return `${child.stdout ?? ''}\n${child.stderr ?? ''}`.split('\n').map((l) => l.trim()).find(Boolean) ?? '?';
}

export function machine(): Machine {
  return {
    nproc: os.availableParallelism(),
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    cpu: os.cpus()[0]?.model.trim() ?? '?',
    node: process.version,
    astro: pkgVersion('astro'),
    pagefind: pkgVersion('pagefind'),
    pdfjs: pkgVersion('pdfjs-dist'),
    sharp: pkgVersion('sharp'),
    poppler: commandVersion('pdftotext', ['-v']).replace('pdftotext version ', ''),
    chromium: commandVersion('/usr/bin/chromium', ['--version']),
  };
}

export function summariseRuns(results: SizeResults): void {
  for (const key of STEP_KEYS) {
    const steps = results.perRun.map((r) => r[key]).filter((s): s is StepResult => s !== undefined && s.ok);
    results.summary[key] = { ms: summarise(steps.map((s) => s.ms)), rss: summarise(steps.map((s) => s.peakRssMB)) };
  }
}

/** A rebuild that parsed PDFs although nothing changed means the cache keys changed (code edited during the run). */
function checkRebuild(label: string, result: StepResult, expectedParsed: number, notes: string[]): void {
  const parsed = Number(result.detail?.parsed ?? 0);
  if (parsed > expectedParsed) {
    notes.push(`${label} parsed ${parsed} PDFs instead of ${expectedParsed}: the cache did not answer (its keys changed between builds, e.g. the extractor or the build's ingest options were edited during the run); this time is not a valid rebuild.`);
  }
}

function step(measured: Measured, extra: Partial<StepResult> = {}): StepResult {
  return { ms: Math.round(measured.ms), peakRssMB: measured.peakRssMB, ok: measured.code === 0, ...extra };
}

function dirBytes(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  if (!existsSync(dir)) return { files, bytes };
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const info = statSync(path.join(dir, name));
    if (info.isFile()) {
      files++;
      bytes += info.size;
    }
  }
  return { files, bytes };
}

/** Hard links of every file of `from` under `to` (copies across file systems): the builds never write into a shared archive. */
function linkTree(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  for (const name of readdirSync(from, { recursive: true, encoding: 'utf8' })) {
    const source = path.join(from, name);
    const target = path.join(to, name);
    if (statSync(source).isDirectory()) {
      mkdirSync(target, { recursive: true });
      continue;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    try {
      linkSync(source, target);
    } catch {
      copyFileSync(source, target);
    }
  }
}

/** Replaces a file by a new one (never writing through a hard link into the shared archive). */
function replaceFile(file: string, data: Uint8Array): void {
  rmSync(file, { force: true });
  writeFileSync(file, data);
}

const load1 = (): number => Math.round((os.loadavg()[0] ?? 0) * 10) / 10;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'small' },
      seed: { type: 'string', default: '1' },
      runs: { type: 'string', default: '3' },
      'cold-runs': { type: 'string' },
      'search-runs': { type: 'string', default: '3' },
      thumbs: { type: 'string', default: 'auto' },
      ocr: { type: 'string', default: 'auto' },
      'ingest-sample': { type: 'string' },
      'no-search': { type: 'boolean', default: false },
      'no-ingest': { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
      'search-only': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
  });
  if (!(values.size in SIZES)) {
    console.error(`--size: expected one of ${Object.keys(SIZES).join(', ')}; found "${values.size}"`);
    process.exit(2);
  }
  if (!['auto', 'all', 'first', 'none'].includes(values.thumbs)) {
    console.error(`--thumbs: expected auto, all, first or none; found "${values.thumbs}"`);
    process.exit(2);
  }
  if (!['auto', 'off', 'force'].includes(values.ocr)) {
    console.error(`--ocr: expected auto, off or force; found "${values.ocr}"`);
    process.exit(2);
  }
  const size = values.size as SizeName;
  const seed = Number(values.seed);
  const runs = Number(values.runs);
  const coldRuns = Math.min(runs, values['cold-runs'] ? Number(values['cold-runs']) : size === 'full' ? 1 : runs);
  const searchRuns = Number(values['search-runs']);
  // Every deck up to 600; every 5th of the full archive's 3,000 (600 decks, ~18,000 pages: the ratio, in minutes rather than most of an hour).
  const ingestSample = values['ingest-sample'] ? Number(values['ingest-sample']) : 600;
  const log = (line: string): void => console.error(`[bench ${size}] ${line}`);
  const echo = values.quiet ? false : `[bench ${size}]   `;

  const root = archiveDir(PROJECT, size, seed);
  const work = path.join(PROJECT, '.cache', 'bench', `work-${size}-s${seed}`);
  const resultsFile = path.join(PROJECT, '.cache', 'bench', `results-${size}.json`);
  mkdirSync(work, { recursive: true });
  const notes: string[] = [];
  const dist = path.join(work, 'dist');

  const measureSearchPages = async (): Promise<SearchComparison[]> => {
    const { DEFAULT_QUERIES, compareSearch } = await import('./search-browser.ts');
    const out: SearchComparison[] = [];
    for (const [label, site] of [['as built', dist], ['unsharded (one Pagefind index)', path.join(work, 'site-unsharded')]] as const) {
      if (!existsSync(path.join(site, 'search', 'index.html'))) continue;
      log(`first searches, ${label}: our search page and the bare Pagefind page alternated, ${searchRuns} round(s) of ${DEFAULT_QUERIES.length} queries`);
      const comparison = await compareSearch(site, label, DEFAULT_QUERIES, searchRuns, path.join(work, 'search-site'));
      out.push(comparison);
      for (const q of comparison.queries) log(`  ${q.query}: ours ${q.ours.map((x) => x.ms).join('/')} ms, bare ${q.bare.map((x) => x.ms).join('/')} ms; ${formatBytes(q.ours[0]?.firstBytes ?? 0)} until the first result`);
    }
    return out;
  };

  if (values['search-only']) {
    // Measure the first searches again on the sites of the last run (after a change to the search page, say).
    const previous = JSON.parse(readFileSync(resultsFile, 'utf8')) as SizeResults;
    previous.search = await measureSearchPages();
    previous.notes = [...previous.notes.filter((n) => !n.startsWith('First searches measured again')), `First searches measured again on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (\`--search-only\`) on the sites of this run.`];
    writeFileSync(resultsFile, `${JSON.stringify(previous, null, 1)}\n`);
    if (!values['no-write']) renderBenchmarks(PROJECT);
    return;
  }
  log(`machine: ${os.availableParallelism()} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, load ${load1()}; ${runs} run(s), ${coldRuns} cold, thumbnails ${values.thumbs}, OCR ${values.ocr}`);

  // 1. The archive: generated here, or only checked when it is a link to a shared one.
  const shared = existsSync(root) && lstatSync(root).isSymbolicLink();
  let lastProgress = 0;
  const generate = await generateArchive({
    size,
    seed,
    outDir: root,
    readOnly: shared,
    onProgress: (done, total) => {
      if (Date.now() - lastProgress > 10_000 || done === total) {
        lastProgress = Date.now();
        log(`generate: ${done}/${total} decks`);
      }
    },
  });
  log(`generate: ${generate.rendered} rendered, ${generate.skipped} up to date${shared ? ' (shared archive, read only)' : ''}, ${formatBytes(generate.bytes)} in ${fmtMs(generate.ms)}`);
  const plan = planArchive(size, seed);
  const content = path.join(work, 'content');
  linkTree(generate.contentDir, content);

  const cache = path.join(work, 'cache', 'pdf');
  const report = path.join(work, 'report');
  const buildArgs = ['scripts/build.ts', '--content', content, '--out', dist, '--cache', cache, '--report', report, '--thumbs', values.thumbs, '--ocr', values.ocr];
  const build = async (label: string): Promise<StepResult> => {
    log(`${label}: node ${buildArgs.map((a) => path.relative(PROJECT, a) && a.startsWith('/') ? path.relative(PROJECT, a) : a).join(' ')}`);
    rmSync(report, { recursive: true, force: true });
    const measured = await runMeasured(NODE, buildArgs, { cwd: PROJECT, echo, env: { ...process.env, MALLOC_ARENA_MAX: '2' } });
    const reportFile = path.join(report, 'build-report.json');
    const json = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as Record<string, unknown>) : undefined;
    const { phases, source, kind } = buildPhases(measured, json);
    const detail: Record<string, number | string> = {};
    const stats = (json?.stats ?? {}) as { files?: number; pages?: number; ingest?: { ms?: number; parsed?: number; cached?: number; peakRssMB?: number; outcomes?: Record<string, number> }; ocr?: { pagesRead?: number } };
    if (stats.ingest && kind !== 'skipped') {
      // A skipped build's report repeats the ingest figures of the build that made the output.
      if (stats.ingest.ms !== undefined) detail.ingestMs = stats.ingest.ms;
      detail.parsed = stats.ingest.parsed ?? 0;
      detail.cached = stats.ingest.cached ?? 0;
      if (stats.ingest.peakRssMB !== undefined) detail.ingestPeakRssMB = stats.ingest.peakRssMB;
    }
    if (stats.ocr?.pagesRead !== undefined) detail.ocrPages = stats.ocr.pagesRead;
    if (stats.files !== undefined) detail.files = stats.files;
    if (json?.problems) detail.problems = (json.problems as unknown[]).length;
    // The search step's own lines: shards indexed and reused, and the largest Pagefind process.
    const searchLine = measured.lines.map((l) => /^search: (\d+) shards? \((\d+) reused, (\d+) indexed/u.exec(l.line)).find(Boolean);
    if (searchLine) {
      detail.shards = Number(searchLine[1]);
      detail.shardsReused = Number(searchLine[2]);
    }
    const peaks = measured.lines.map((l) => /^search: .*, peak (\d+) MB$/u.exec(l.line)).filter((m): m is RegExpExecArray => m !== null);
    if (peaks.length > 0) detail.searchPeakMB = Math.max(...peaks.map((m) => Number(m[1])));
    if (kind) detail.kind = kind;
    else if (!json && measured.code === 0) detail.kind = 'no report (skipped?)';
    const result = step(measured, { phases, phaseSource: source, detail });
    log(`${label}: ${fmtMs(result.ms)}${kind ? ` (${kind})` : ''}, peak ${result.peakRssMB} MB${result.ok ? '' : ` (exit ${measured.code})`}; ${Object.entries(phases).map(([k, v]) => `${k} ${fmtMs(v)}`).join(', ')}`);
    return result;
  };

  // The deck changed between rebuilds: an ordinary one, a quarter of the way through the archive.
  const victim = plan.decks.filter((d) => d.kind === 'normal')[Math.floor(plan.decks.length / 4)] ?? plan.decks[0];
  if (!victim) throw new Error('no decks planned');
  const victimRel = path.join('materials', String(victim.year), victim.file);
  const victimFile = path.join(content, victimRel);
  const restoreVictim = (): void => {
    rmSync(victimFile, { force: true });
    try {
      linkSync(path.join(generate.contentDir, victimRel), victimFile);
    } catch {
      copyFileSync(path.join(generate.contentDir, victimRel), victimFile);
    }
  };

  const results: SizeResults = {
    size,
    seed,
    date: new Date().toISOString(),
    command: `npm run bench -- --size ${size}${values.runs !== '3' ? ` --runs ${runs}` : ''}${values['cold-runs'] ? ` --cold-runs ${coldRuns}` : ''}${values.thumbs !== 'auto' ? ` --thumbs ${values.thumbs}` : ''}${values.ocr !== 'auto' ? ` --ocr ${values.ocr}` : ''}${values['search-runs'] !== '3' ? ` --search-runs ${searchRuns}` : ''}${values['ingest-sample'] ? ` --ingest-sample ${ingestSample}` : ''}`,
    runs,
    coldRuns,
    thumbs: values.thumbs,
    ocr: values.ocr,
    machine: machine(),
    load: { start: load1() },
    generate,
    archive: { years: generate.years, programs: generate.programs, decks: generate.decks, pages: generate.pages, pdfBytes: generate.bytes },
    perRun: [],
    summary: {},
    notes,
  };
  const save = (partial?: string): void => {
    summariseRuns(results);
    if (partial) results.partial = partial;
    else delete results.partial;
    mkdirSync(path.dirname(resultsFile), { recursive: true });
    writeFileSync(resultsFile, `${JSON.stringify(results, null, 1)}\n`);
    if (!values['no-write']) renderBenchmarks(PROJECT);
  };

  for (let r = 1; r <= runs; r++) {
    const run: Partial<RunResult> = {};
    results.perRun.push(run as RunResult);
    if (r <= coldRuns || !existsSync(cache)) {
      rmSync(path.join(work, 'cache'), { recursive: true, force: true });
      rmSync(dist, { recursive: true, force: true });
      // The record of what the output was made from (scripts/build/state.ts), beside it.
      rmSync(path.join(work, '.dist.state.json'), { force: true });
      run.cold = await build(`run ${r}/${runs} cold build`);
      if (run.cold.detail?.ocrPages !== undefined) results.archive.ocrPages = Number(run.cold.detail.ocrPages);
      save(`run ${r}: cold build done`);
    }
    run.noChange = await build(`run ${r}/${runs} rebuild, nothing changed`);
    checkRebuild(`Run ${r}: the rebuild with nothing changed`, run.noChange, 0, notes);
    save(`run ${r}: rebuild done`);
    replaceFile(victimFile, renderPlannedDeck(victim, r));
    try {
      run.oneChanged = await build(`run ${r}/${runs} rebuild, one deck changed (${victim.year}/${victim.file})`);
      checkRebuild(`Run ${r}: the rebuild with one deck changed`, run.oneChanged, 1, notes);
    } finally {
      restoreVictim();
    }
    // Back to the archive as generated (its deck answered from the cache), so the next run starts where this one did.
    await build(`run ${r}/${runs} rebuild, the deck changed back (not reported)`);
    save(`run ${r}: one-deck rebuild done`);
    if (r === runs) {
      const site = dirBytes(dist);
      results.archive.siteFiles = site.files;
      results.archive.siteBytes = site.bytes;
    }

    log(`run ${r}/${runs} astro alone`);
    const astroOut = path.join(work, 'astro-only');
    rmSync(astroOut, { recursive: true, force: true });
    run.astro = step(await runMeasured(NODE, ['scripts/tools/bench/astro-only.ts', '--content', content, '--cache', cache, '--out', astroOut, '--thumbs', values.thumbs, '--ocr', values.ocr], { cwd: PROJECT, echo }));
    rmSync(astroOut, { recursive: true, force: true });
    log(`run ${r}/${runs} astro alone: ${fmtMs(run.astro.ms)}, peak ${run.astro.peakRssMB} MB`);

    for (const [key, shardArgs] of [['searchIndex', []], ['searchUnsharded', ['--shard-chars', String(Number.MAX_SAFE_INTEGER)]]] as const) {
      const copy = path.join(work, key === 'searchIndex' ? 'site-sharded' : 'site-unsharded');
      rmSync(copy, { recursive: true, force: true });
      // Hard links: the index step only reads pages and replaces the pagefind* folders.
      execFileSync('cp', ['-al', dist, copy]);
      log(`run ${r}/${runs} search index alone (${key === 'searchIndex' ? 'as the build shards it' : 'unsharded'})`);
      const measured = await runMeasured(NODE, ['scripts/tools/bench/search-index-only.ts', '--content', content, '--cache', cache, '--site', copy, '--thumbs', values.thumbs, '--ocr', values.ocr, ...shardArgs], { cwd: PROJECT, echo });
      let detail: Record<string, number | string> = {};
      try {
        const stats = JSON.parse(measured.stdout.trim().split('\n').pop() ?? '{}') as { pages: number; chars: number; shards: unknown[]; bundleBytes: number; peakRss: number };
        detail = { pages: stats.pages, chars: stats.chars, shards: stats.shards.length, bundleBytes: stats.bundleBytes, pagefindPeakMB: Math.round(stats.peakRss / 2 ** 20) };
      } catch {
        notes.push(`search index (${key}): no statistics in its output`);
      }
      run[key] = step(measured, { detail });
      log(`run ${r}/${runs} search index ${key}: ${fmtMs(run[key].ms)}, peak ${run[key].peakRssMB} MB`);
    }
    save(`run ${r}: done`);
  }

  if (!values['no-ingest']) {
    // The same decks for every round: every deck up to the sample size, else every n-th, hard-linked into one folder.
    const { compareIngest } = await import('./ingest.ts');
    const every = Math.max(1, Math.ceil(plan.decks.length / Math.min(ingestSample, plan.decks.length)));
    const chosen = plan.decks.filter((_, i) => i % every === 0);
    const decksDir = path.join(work, 'ingest-decks');
    rmSync(decksDir, { recursive: true, force: true });
    for (const d of chosen) {
      const target = path.join(decksDir, String(d.year), d.file);
      mkdirSync(path.dirname(target), { recursive: true });
      const source = path.join(generate.contentDir, 'materials', String(d.year), d.file);
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
    const label = `${size} archive (seed ${seed})${every > 1 ? `, every ${every}th deck` : ', every deck'}`;
    log(`ingest vs poppler on ${chosen.length} decks, ${runs} round(s)`);
    results.ingest = await compareIngest(decksDir, { runs, workers: 2, width: 480, pages: chosen.reduce((sum, d) => sum + d.pages, 0), label, log });
    save('ingest comparison done');
  }

  if (!values['no-search']) {
    try {
      results.search = await measureSearchPages();
    } catch (error) {
      notes.push(`search in Chromium failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const reportFile = path.join(report, 'build-report.json');
  if (existsSync(reportFile)) {
    const last = JSON.parse(readFileSync(reportFile, 'utf8')) as { stats?: { ingest?: { outcomes?: Record<string, number> } } };
    if (last.stats?.ingest?.outcomes) results.archive.outcomes = last.stats.ingest.outcomes;
  }
  results.load.end = load1();
  save();
  log(`results: ${path.relative(PROJECT, resultsFile)}${values['no-write'] ? '' : ' and BENCHMARKS.md'}`);
  for (const key of STEP_KEYS) {
    const s = results.summary[key];
    if (s?.ms) log(`  ${key}: ${fmtSummary(s.ms)}, peak ${fmtSummary(s.rss, (n) => `${Math.round(n)} MB`)}`);
  }
}

if (import.meta.main) await main();
