/**
 * The benchmark harness (issue 6): generates a synthetic archive, builds it the way
 * `npm run build` does, and measures each step, side by side with poppler and with
 * an unsharded Pagefind index; writes BENCHMARKS.md.
 *
 *   npm run bench -- --size small|medium|full [--seed 1] [--runs N] [--thumbs auto|all|first|none]
 *                    [--ingest-sample N] [--no-search] [--no-ingest] [--no-write]
 *                    [--search-only | --rebuilds-only]   (measure that part again on the last run's sites/cache)
 *
 * Every measured step is a child process (node scripts/build.ts …, or one of the
 * scripts/tools/bench/*-only.ts), so its peak memory is its own: the resident memory of
 * its whole process tree (node, worker threads, the Pagefind binary), sampled
 * every 200 ms. Per run:
 *   1. cold build (empty PDF cache): whole build, and its phases from the build's log
 *   2. rebuild with nothing changed
 *   3. rebuild with one deck changed (a re-rendered variant; restored afterwards)
 *   4. the Astro step alone, the search index alone (as the build shards it) and unsharded
 *   5. PDF ingest against pdftotext/pdftoppm on the same decks (scripts/tools/bench/ingest.ts)
 * then once: first searches in headless Chromium on the sharded and unsharded sites.
 * Results: .cache/bench/results-<size>.json, and BENCHMARKS.md (its sections for every size measured).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { archiveDir, generateArchive, planArchive, renderPlannedDeck, SIZES, type GenerateStats, type SizeName } from './generate-archive.ts';
import { fmtMs, fmtSummary, runMeasured, summarise, type Measured, type Summary } from './measure.ts';
import type { QueryResult } from './search-browser.ts';
import { renderBenchmarks } from './report.ts';
import { formatBytes } from '../../../src/lib/bytes.ts';

const PROJECT = path.resolve(import.meta.dirname, '../../..');
const NODE = process.execPath;

export interface StepResult {
  ms: number;
  peakRssMB: number;
  ok: boolean;
  /** Phase times from the build's log (ms). */
  phases?: Record<string, number>;
  detail?: Record<string, number | string>;
}

export interface RunResult {
  cold: StepResult;
  noChange: StepResult;
  oneChanged: StepResult;
  astro: StepResult;
  searchIndex: StepResult;
  searchUnsharded: StepResult;
}

export interface IngestComparison {
  files: number;
  pages: number;
  markdown: string;
  ratios: { name: string; ratio: number }[];
  runs: { name: string; ms: number; pagesPerSec: number; peakRssMB: number }[];
}

export interface SizeResults {
  size: SizeName;
  seed: number;
  date: string;
  command: string;
  runs: number;
  thumbs: string;
  machine: Machine;
  generate: GenerateStats;
  archive: { years: number; programs: number; decks: number; pages: number; pdfBytes: number; siteFiles?: number; siteBytes?: number; outcomes?: Record<string, number> };
  perRun: RunResult[];
  summary: Record<keyof RunResult, { ms: Summary | undefined; rss: Summary | undefined }>;
  ingest: IngestComparison[];
  search?: { sharded: QueryResult[]; unsharded: QueryResult[] };
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

/** Phases of one build from its log: ingest (from the report), Astro + copies, search index (sum of shards). */
function buildPhases(measured: Measured, reportFile: string): { phases: Record<string, number>; detail: Record<string, number | string> } {
  const phases: Record<string, number> = {};
  const detail: Record<string, number | string> = {};
  const at = (pattern: RegExp): number | undefined => measured.lines.find((l) => pattern.test(l.line))?.at;
  const start = at(/^content: /u);
  const astro = at(/^pages: astro build/u);
  let searchMs = 0;
  let shards = 0;
  let firstSearchLine: number | undefined;
  let searchPeak = 0;
  for (const { line, at: when } of measured.lines) {
    const m = /^search: \S+ .*?([\d.]+) s(?:, peak (\d+) MB)?$/u.exec(line);
    if (m) {
      const ms = Number(m[1]) * 1000;
      searchMs += ms;
      shards++;
      firstSearchLine ??= when - ms;
      searchPeak = Math.max(searchPeak, Number(m[2] ?? 0));
    }
  }
  if (existsSync(reportFile)) {
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
      stats: { ms: number; pages: number; decks: number; files: number; ingest: { ms: number; parsed: number; cached: number; peakRssMB: number } };
      problems: unknown[];
    };
    phases.ingest = report.stats.ingest.ms;
    detail.parsed = report.stats.ingest.parsed;
    detail.cached = report.stats.ingest.cached;
    detail.ingestPeakRssMB = report.stats.ingest.peakRssMB;
    detail.pages = report.stats.pages;
    detail.files = report.stats.files;
    detail.problems = report.problems.length;
    phases.build = report.stats.ms;
  }
  if (start !== undefined) phases.startup = start;
  if (astro !== undefined) phases.astroAndCopies = (firstSearchLine ?? measured.ms) - astro;
  if (shards > 0) {
    phases.searchIndex = searchMs;
    detail.shards = shards;
    detail.searchPeakMB = searchPeak;
  }
  return { phases, detail };
}

export function summariseRuns(results: SizeResults): void {
  const keys: (keyof RunResult)[] = ['cold', 'noChange', 'oneChanged', 'astro', 'searchIndex', 'searchUnsharded'];
  for (const key of keys) {
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

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'small' },
      seed: { type: 'string', default: '1' },
      runs: { type: 'string' },
      thumbs: { type: 'string', default: 'auto' },
      'ingest-sample': { type: 'string' },
      'no-search': { type: 'boolean', default: false },
      'no-ingest': { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
      'search-only': { type: 'boolean', default: false },
      'rebuilds-only': { type: 'boolean', default: false },
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
  const size = values.size as SizeName;
  const seed = Number(values.seed);
  const runs = values.runs ? Number(values.runs) : size === 'full' ? 1 : size === 'medium' ? 2 : 3;
  const ingestSample = values['ingest-sample'] ? Number(values['ingest-sample']) : size === 'full' ? 300 : Infinity;
  const log = (line: string): void => console.error(`[bench ${size}] ${line}`);
  const echo = values.quiet ? false : `[bench ${size}]   `;

  const root = archiveDir(PROJECT, size, seed);
  const work = path.join(root, 'work');
  const resultsFile = path.join(PROJECT, '.cache', 'bench', `results-${size}.json`);
  mkdirSync(work, { recursive: true });
  const notes: string[] = [];

  if (values['search-only']) {
    // Measure the first searches again on the sites of the last run (after a change to the search page, say).
    const previous = JSON.parse(readFileSync(resultsFile, 'utf8')) as SizeResults;
    const { DEFAULT_QUERIES, measureSearch } = await import('./search-browser.ts');
    previous.search = { sharded: await measureSearch(path.join(work, 'dist'), DEFAULT_QUERIES), unsharded: await measureSearch(path.join(work, 'site-unsharded'), DEFAULT_QUERIES) };
    previous.notes = [...previous.notes.filter((n) => !n.startsWith('First searches measured again')), `First searches measured again on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (\`--search-only\`) on the sites of this run.`];
    writeFileSync(resultsFile, `${JSON.stringify(previous, null, 1)}\n`);
    if (!values['no-write']) renderBenchmarks(PROJECT);
    for (const q of previous.search.sharded) log(`search ${q.query}: ${q.ms} ms (search ${q.searchMs} ms), ${formatBytes(q.bytes)}, ${q.results} results`);
    return;
  }
  log(`machine: ${os.availableParallelism()} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB; ${runs} run(s), thumbnails ${values.thumbs}`);
  // 1. The archive.
  let lastProgress = 0;
  const generate = await generateArchive({
    size,
    seed,
    outDir: root,
    onProgress: (done, total) => {
      if (Date.now() - lastProgress > 10_000 || done === total) {
        lastProgress = Date.now();
        log(`generate: ${done}/${total} decks`);
      }
    },
  });
  log(`generate: ${generate.rendered} rendered, ${generate.skipped} up to date, ${formatBytes(generate.bytes)} in ${fmtMs(generate.ms)}`);
  const content = generate.contentDir;
  const plan = planArchive(size, seed);

  const dist = path.join(work, 'dist');
  const cache = path.join(work, 'cache', 'pdf');
  const report = path.join(work, 'report');
  const buildArgs = ['scripts/build.ts', '--content', content, '--out', dist, '--cache', cache, '--report', report, '--thumbs', values.thumbs];
  const build = async (label: string): Promise<StepResult> => {
    log(`${label}: node ${buildArgs.join(' ')}`);
    rmSync(report, { recursive: true, force: true });
    const measured = await runMeasured(NODE, buildArgs, { cwd: PROJECT, echo });
    const { phases, detail } = buildPhases(measured, path.join(report, 'build-report.json'));
    const result = step(measured, { phases, detail });
    log(`${label}: ${fmtMs(result.ms)}, peak ${result.peakRssMB} MB${result.ok ? '' : ` (exit ${measured.code})`}`);
    return result;
  };

  // The deck changed between rebuilds: an ordinary one, halfway through the archive.
  const victim = plan.decks.filter((d) => d.kind === 'normal')[Math.floor(plan.decks.length / 4)] ?? plan.decks[0];
  if (!victim) throw new Error('no decks planned');
  const victimFile = path.join(content, 'materials', String(victim.year), victim.file);

  if (values['rebuilds-only']) {
    // Measure the two rebuilds again on the cache of the last run (e.g. after the code changed during a long run).
    const previous = JSON.parse(readFileSync(resultsFile, 'utf8')) as SizeResults;
    const last = previous.perRun[previous.perRun.length - 1];
    if (!last || !existsSync(cache)) throw new Error(`--rebuilds-only: no previous run of ${size} with a cache in ${cache}`);
    // The first rebuild counts when it parsed nothing; otherwise it was a warm-up for the current code and we rebuild again.
    const warm = await build('rebuild, nothing changed');
    const warmParsed = Number(warm.detail?.parsed ?? 0);
    last.noChange = warmParsed === 0 ? warm : await build('rebuild, nothing changed (after a warm-up that parsed PDFs)');
    const kept = previous.notes.filter((n) => !/rebuild with (nothing|one deck) changed|Rebuilds measured again/u.test(n));
    checkRebuild('The rebuild with nothing changed', last.noChange, 0, kept);
    const original = readFileSync(victimFile);
    writeFileSync(victimFile, renderPlannedDeck(victim, 99));
    try {
      last.oneChanged = await build(`rebuild, one deck changed (${victim.year}/${victim.file})`);
    } finally {
      writeFileSync(victimFile, original);
    }
    checkRebuild('The rebuild with one deck changed', last.oneChanged, 1, kept);
    previous.notes = [...kept, `Rebuilds measured again on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (\`--rebuilds-only\`) on the cache of this run, ${warmParsed === 0 ? 'the cache was valid for the current code' : `after a warm-up build that parsed ${warmParsed} PDFs (cache keys had changed)`}.`];
    summariseRuns(previous);
    writeFileSync(resultsFile, `${JSON.stringify(previous, null, 1)}\n`);
    if (!values['no-write']) renderBenchmarks(PROJECT);
    return;
  }

  const results: SizeResults = {
    size,
    seed,
    date: new Date().toISOString(),
    command: `npm run bench -- --size ${size}${values.runs ? ` --runs ${runs}` : ''}${values.thumbs !== 'auto' ? ` --thumbs ${values.thumbs}` : ''}`,
    runs,
    thumbs: values.thumbs,
    machine: machine(),
    generate,
    archive: { years: generate.years, programs: generate.programs, decks: generate.decks, pages: generate.pages, pdfBytes: generate.bytes },
    perRun: [],
    summary: {} as SizeResults['summary'],
    ingest: [],
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
    rmSync(path.join(work, 'cache'), { recursive: true, force: true });
    rmSync(dist, { recursive: true, force: true });
    run.cold = await build(`run ${r}/${runs} cold build`);
    save(`run ${r}: cold build done`);
    run.noChange = await build(`run ${r}/${runs} rebuild, nothing changed`);
    checkRebuild(`Run ${r}: the rebuild with nothing changed`, run.noChange, 0, notes);
    save(`run ${r}: rebuild done`);
    const original = readFileSync(victimFile);
    writeFileSync(victimFile, renderPlannedDeck(victim, r));
    try {
      run.oneChanged = await build(`run ${r}/${runs} rebuild, one deck changed (${victim.year}/${victim.file})`);
      checkRebuild(`Run ${r}: the rebuild with one deck changed`, run.oneChanged, 1, notes);
    } finally {
      writeFileSync(victimFile, original);
    }
    save(`run ${r}: one-deck rebuild done`);
    if (r === runs) {
      const site = dirBytes(dist);
      results.archive.siteFiles = site.files;
      results.archive.siteBytes = site.bytes;
    }

    log(`run ${r}/${runs} astro alone`);
    const astroOut = path.join(work, 'astro-only');
    rmSync(astroOut, { recursive: true, force: true });
    run.astro = step(await runMeasured(NODE, ['scripts/tools/bench/astro-only.ts', '--content', content, '--cache', cache, '--out', astroOut], { cwd: PROJECT, echo }));
    rmSync(astroOut, { recursive: true, force: true });
    log(`run ${r}/${runs} astro alone: ${fmtMs(run.astro.ms)}, peak ${run.astro.peakRssMB} MB`);

    for (const [key, shardArgs] of [['searchIndex', []], ['searchUnsharded', ['--shard-chars', String(Number.MAX_SAFE_INTEGER)]]] as const) {
      const copy = path.join(work, key === 'searchIndex' ? 'site-sharded' : 'site-unsharded');
      rmSync(copy, { recursive: true, force: true });
      // Hard links: the index step only reads pages and replaces the pagefind* folders.
      execFileSync('cp', ['-al', dist, copy]);
      log(`run ${r}/${runs} search index alone (${key === 'searchIndex' ? 'as the build shards it' : 'unsharded'})`);
      const measured = await runMeasured(NODE, ['scripts/tools/bench/search-index-only.ts', '--content', content, '--cache', cache, '--site', copy, ...shardArgs], { cwd: PROJECT, echo });
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

    if (!values['no-ingest']) {
      const ingestModule = path.join(PROJECT, 'scripts', 'tools', 'bench', 'ingest.ts');
      if (existsSync(ingestModule)) {
        const { benchIngest, benchMarkdown } = (await import(ingestModule)) as typeof import('./ingest.ts');
        const every = Math.max(1, Math.ceil(plan.decks.length / Math.min(ingestSample, plan.decks.length)));
        const files = plan.decks.filter((_, i) => i % every === 0).map((d) => path.join(content, 'materials', String(d.year), d.file));
        const label = `Synthetic archive, ${size} (seed ${seed})${every > 1 ? `, every ${every}th deck` : ''}, run ${r}`;
        log(`run ${r}/${runs} ingest vs poppler on ${files.length} decks`);
        const bench = await benchIngest(files, { label });
        results.ingest.push({ files: bench.files, pages: bench.pages, markdown: benchMarkdown(bench), ratios: bench.ratios, runs: bench.runs });
        log(`run ${r}/${runs} ingest vs poppler: ${bench.ratios.map((x) => `${x.name} ${x.ratio.toFixed(2)}×`).join('; ')}`);
      } else {
        notes.push('scripts/tools/bench/ingest.ts missing: no poppler comparison');
      }
      save(`run ${r}: ingest comparison done`);
    }
  }

  if (!values['no-search']) {
    log('first searches in headless Chromium (sharded site as built, then unsharded)');
    try {
      // Imported here, not at the top: a long full-size run picks up the current version of this step.
      const { DEFAULT_QUERIES, measureSearch } = await import('./search-browser.ts');
      const sharded = await measureSearch(dist, DEFAULT_QUERIES);
      const unsharded = await measureSearch(path.join(work, 'site-unsharded'), DEFAULT_QUERIES);
      results.search = { sharded, unsharded };
      for (const q of sharded) log(`search ${q.query}: ${q.ms} ms (search ${q.searchMs} ms), ${formatBytes(q.bytes)} (${formatBytes(q.pagefindBytes)} Pagefind), ${q.results} results`);
    } catch (error) {
      notes.push(`search in Chromium failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const outcomes = JSON.parse(readFileSync(path.join(report, 'build-report.json'), 'utf8')) as { stats: { ingest: { outcomes: Record<string, number> } } };
  results.archive.outcomes = outcomes.stats.ingest.outcomes;
  save();
  log(`results: ${path.relative(PROJECT, resultsFile)}${values['no-write'] ? '' : ' and BENCHMARKS.md'}`);
  for (const key of Object.keys(results.summary) as (keyof RunResult)[]) {
    log(`  ${key}: ${fmtSummary(results.summary[key].ms)}, peak ${fmtSummary(results.summary[key].rss, (n) => `${Math.round(n)} MB`)}`);
  }
}

if (import.meta.main) await main();
