/**
 * Benchmark of the PDF ingest pipeline against poppler, on the same files at the same concurrency.
 *
 *   node scripts/tools/bench/ingest.ts [<dir-or-pdf>...] [--generate N] [--pages P] [--memory N]
 *                                [--workers W] [--width PX] [--write]
 *
 *   <dir-or-pdf>   PDFs to measure (directories searched recursively for *.pdf)
 *   --generate N   also measure N synthetic Japanese decks of P pages (default 20), written by
 *                  scripts/tools/pdfgen from the sample archive's slide texts into a temporary directory
 *   --memory N     process N distinct generated documents in one run and report RSS every N/20 documents
 *   --workers W    worker threads for us, parallel processes for poppler (default: available cores)
 *   --width PX     thumbnail width (default 480)
 *   --write        also write the Markdown into BENCHMARKS.md under "## PDF ingest" (only that section)
 *
 * Each of our runs is a child process (`--child`), so its peak RSS (getrusage maxRSS: main thread +
 * workers) is its own. Times are the ingestDecks() call, without Node's start-up (~0.1 s).
 * Poppler: `pdftotext` and `pdftoppm -f 1 -l 1 -scale-to-x PX -scale-to-y -1 -png` spawned once per
 * file, W at a time; its peak RSS is the largest single process (/usr/bin/time -f %M, separate pass).
 * Requires poppler-utils (apt-get install poppler-utils).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { renderDeck } from '../pdfgen/index.ts';
import type { DeckFont, SlideSpec } from '../pdfgen/index.ts';
import { ingestDecks } from '../../ingest/index.ts';

const exec = promisify(execFile);
const SELF = fileURLToPath(import.meta.url);
const PROJECT = path.resolve(path.dirname(SELF), '..', '..');

export interface BenchOptions {
  /** Our worker threads and poppler's parallel processes. Default os.availableParallelism(). */
  workers?: number;
  /** Thumbnail width in px. Default 480. */
  width?: number;
  /** Also run pdftotext / pdftoppm. Default true. */
  poppler?: boolean;
  /** Label of the file set in the report. */
  label?: string;
}

export interface RunResult {
  name: string;
  ms: number;
  pagesPerSec: number;
  /** Peak RSS in MB: whole process for ours, the largest single process for poppler. */
  peakRssMB: number;
}

export interface BenchResult {
  label: string;
  files: number;
  pages: number;
  bytes: number;
  workers: number;
  width: number;
  runs: RunResult[];
  /** ours ÷ poppler, wall time (above 1: we are slower). */
  ratios: { name: string; ratio: number }[];
}

interface ChildSpec {
  files: string[];
  cacheDir: string;
  workers: number;
  thumbnails: { first: number; pages: number | false };
  memoryEvery?: number;
}

interface ChildResult {
  ms: number;
  parsed: number;
  cached: number;
  pages: number;
  maxRssMB: number;
  samples: { docs: number; rssMB: number }[];
}

/** Runs ingestDecks in a child process (clean RSS accounting) and returns its numbers. */
async function runChild(spec: ChildSpec, env: Record<string, string> = {}): Promise<ChildResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-spec-'));
  const specFile = path.join(dir, 'spec.json');
  await writeFile(specFile, JSON.stringify(spec));
  try {
    const { stdout } = await exec(process.execPath, [SELF, '--child', specFile], { maxBuffer: 16 * 2 ** 20, env: { ...process.env, ...env } });
    const last = stdout.trim().split('\n').pop() ?? '';
    return JSON.parse(last) as ChildResult;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function childMain(specFile: string): Promise<void> {
  const spec = JSON.parse(await readFile(specFile, 'utf8')) as ChildSpec;
  const samples: ChildResult['samples'] = [];
  let done = 0;
  const { stats } = await ingestDecks(
    spec.files.map((f, i) => ({ id: `${i}:${f}`, absolutePath: f })),
    {
      cacheDir: spec.cacheDir,
      workers: spec.workers,
      thumbnails: spec.thumbnails,
      progress: 'silent',
      onDeck: () => {
        done++;
        if (spec.memoryEvery && done % spec.memoryEvery === 0) samples.push({ docs: done, rssMB: Math.round(process.memoryUsage.rss() / 2 ** 20) });
      },
    },
  );
  const result: ChildResult = {
    ms: stats.ms,
    parsed: stats.parsed,
    cached: stats.cached,
    pages: stats.pages,
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    samples,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Runs `command` once per file, `concurrency` at a time; returns wall ms and (optionally) the largest maxRSS. */
async function perFile(files: string[], concurrency: number, argsFor: (file: string, i: number) => string[], command: string, measureRss: boolean): Promise<{ ms: number; maxRssMB: number }> {
  let next = 0;
  let maxKB = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, files.length) }, async () => {
      while (next < files.length) {
        const i = next++;
        const file = files[i];
        if (file === undefined) continue;
        const argv = measureRss ? ['-f', '%M', command, ...argsFor(file, i)] : argsFor(file, i);
        const kb = await new Promise<number>((resolve) => {
          const child = spawn(measureRss ? '/usr/bin/time' : command, argv, { stdio: ['ignore', 'ignore', measureRss ? 'pipe' : 'ignore'] });
          let err = '';
          child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
          child.on('error', () => resolve(0));
          // Bad PDFs make poppler exit non-zero: that is a result, not a benchmark failure.
          child.on('close', () => resolve(Number(err.trim().split('\n').pop()) || 0));
        });
        if (kb > maxKB) maxKB = kb;
      }
    }),
  );
  return { ms: performance.now() - started, maxRssMB: Math.round(maxKB / 1024) };
}

export async function benchIngest(files: string[], options: BenchOptions = {}): Promise<BenchResult> {
  const workers = options.workers ?? os.availableParallelism();
  const width = options.width ?? 480;
  const work = await mkdtemp(path.join(os.tmpdir(), 'bench-ingest-'));
  try {
    let bytes = 0;
    for (const f of files) bytes += (await stat(f)).size;
    const thumbs = { first: width, pages: false as const };
    const cold = await runChild({ files, cacheDir: path.join(work, 'cache'), workers, thumbnails: thumbs });
    const warm = await runChild({ files, cacheDir: path.join(work, 'cache'), workers, thumbnails: thumbs });
    if (warm.parsed !== 0) throw new Error(`warm run parsed ${warm.parsed} files; the cache is broken`);
    const textOnly = await runChild({ files, cacheDir: path.join(work, 'cache-text'), workers, thumbnails: { first: 0, pages: false } });
    const pages = cold.pages;
    const rate = (ms: number) => Math.round((pages / ms) * 1000);
    const runs: RunResult[] = [
      { name: `ours, cold: text + page-1 WebP ${width} px`, ms: cold.ms, pagesPerSec: rate(cold.ms), peakRssMB: cold.maxRssMB },
      { name: 'ours, cold: text only', ms: textOnly.ms, pagesPerSec: rate(textOnly.ms), peakRssMB: textOnly.maxRssMB },
      { name: 'ours, warm: all cached', ms: warm.ms, pagesPerSec: rate(warm.ms), peakRssMB: warm.maxRssMB },
    ];
    const ratios: BenchResult['ratios'] = [];
    if (options.poppler !== false) {
      const out = path.join(work, 'poppler');
      await mkdir(out);
      const textArgs = (f: string, i: number) => ['-q', '-enc', 'UTF-8', f, path.join(out, `${i}.txt`)];
      const ppmArgs = (f: string, i: number) => ['-q', '-f', '1', '-l', '1', '-scale-to-x', String(width), '-scale-to-y', '-1', '-png', f, path.join(out, `${i}`)];
      const text = await perFile(files, workers, textArgs, 'pdftotext', false);
      const ppm = await perFile(files, workers, ppmArgs, 'pdftoppm', false);
      const textRss = await perFile(files, workers, textArgs, 'pdftotext', true);
      const ppmRss = await perFile(files, workers, ppmArgs, 'pdftoppm', true);
      runs.push(
        { name: 'poppler pdftotext', ms: text.ms, pagesPerSec: rate(text.ms), peakRssMB: textRss.maxRssMB },
        { name: `poppler pdftoppm page 1, ${width} px PNG`, ms: ppm.ms, pagesPerSec: rate(ppm.ms), peakRssMB: ppmRss.maxRssMB },
        { name: 'poppler pdftotext + pdftoppm', ms: text.ms + ppm.ms, pagesPerSec: rate(text.ms + ppm.ms), peakRssMB: Math.max(textRss.maxRssMB, ppmRss.maxRssMB) },
      );
      ratios.push(
        { name: 'text only: ours ÷ pdftotext', ratio: textOnly.ms / text.ms },
        { name: 'text + thumbnail: ours ÷ (pdftotext + pdftoppm)', ratio: cold.ms / (text.ms + ppm.ms) },
        { name: 'warm ours ÷ pdftotext', ratio: warm.ms / text.ms },
      );
    }
    return { label: options.label ?? `${files.length} files`, files: files.length, pages, bytes, workers, width, runs, ratios };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Processes `count` distinct generated documents in one run; RSS sampled every count/20 documents. */
export async function memoryRun(
  count: number,
  pagesPerDoc: number,
  workers: number,
  width: number,
  env: Record<string, string> = {},
): Promise<{ count: number; pages: number; ms: number; maxRssMB: number; samples: ChildResult['samples']; env: Record<string, string> }> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'bench-memory-'));
  try {
    const files = await generateDecks(path.join(work, 'pdfs'), count, pagesPerDoc);
    const r = await runChild({ files, cacheDir: path.join(work, 'cache'), workers, thumbnails: { first: width, pages: false }, memoryEvery: Math.max(1, Math.floor(count / 20)) }, env);
    return { count, pages: r.pages, ms: r.ms, maxRssMB: r.maxRssMB, samples: r.samples, env };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Writes `count` distinct decks of `pages` pages from the sample archive's slide texts (a mix of
 * embedded Noto Sans JP, non-embedded CMap Japanese and Helvetica decks), deterministically.
 */
export async function generateDecks(dir: string, count: number, pages: number): Promise<string[]> {
  type Sample = { font?: DeckFont; slides: SlideSpec[] };
  const samples = parseYaml(await readFile(path.join(PROJECT, 'scripts', 'tools', 'sample', 'decks.yaml'), 'utf8')) as Sample[];
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const sample = samples[i % samples.length];
    if (!sample) throw new Error('no sample decks');
    const slides = Array.from({ length: pages }, (_, j) => {
      const s = sample.slides[j % sample.slides.length];
      if (!s) throw new Error('empty sample deck');
      return { title: s.title, ...(s.lines ? { lines: s.lines } : {}) };
    });
    const file = path.join(dir, `deck-${String(i).padStart(5, '0')}.pdf`);
    await writeFile(file, renderDeck({ slides, font: sample.font ?? 'embedded', footer: `Internet Week ${1997 + (i % 28)} #${i}`, pageNumbers: true }));
    files.push(file);
  }
  return files;
}

async function pdfsUnder(target: string): Promise<string[]> {
  const info = await stat(target);
  if (!info.isDirectory()) return [path.resolve(target)];
  const out: string[] = [];
  for (const entry of await readdir(target, { withFileTypes: true })) {
    const p = path.join(target, entry.name);
    if (entry.isDirectory()) out.push(...(await pdfsUnder(p)));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.pdf')) out.push(path.resolve(p));
  }
  return out.sort();
}

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

export function benchMarkdown(result: BenchResult): string {
  const lines = [
    `### ${result.label}: ${result.files} files, ${result.pages} pages, ${(result.bytes / 2 ** 20).toFixed(1)} MB`,
    '',
    `Concurrency ${result.workers} (our worker threads, poppler's parallel processes).`,
    '',
    '| run | time | pages/s | peak RSS |',
    '|---|---:|---:|---:|',
    ...result.runs.map((r) => `| ${r.name} | ${fmtMs(r.ms)} | ${r.pagesPerSec} | ${r.peakRssMB} MB |`),
  ];
  if (result.ratios.length) {
    lines.push('', '| ratio (wall time) | ours ÷ poppler |', '|---|---:|', ...result.ratios.map((r) => `| ${r.name} | ${r.ratio.toFixed(2)}× |`));
  }
  return lines.join('\n');
}

export function memoryMarkdown(runs: Awaited<ReturnType<typeof memoryRun>>[], pagesPerDoc: number, workers: number): string {
  const [first] = runs;
  if (!first) return '';
  const label = (env: Record<string, string>) => Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ') || 'default';
  return [
    `### Memory over ${first.count} documents`,
    '',
    `${first.count} distinct generated decks of ${pagesPerDoc} pages (${first.pages} pages), text + page-1 thumbnail, ${workers} workers, ` +
      'workers replaced every 250 files (the default), one run per environment. RSS of the whole process (main thread + workers) as documents complete:',
    '',
    ...runs.map((m) => `- ${label(m.env)}: ${fmtMs(m.ms)}, ${Math.round((m.pages / m.ms) * 1000)} pages/s, peak RSS ${m.maxRssMB} MB`),
    '',
    `| RSS MB after … documents | ${first.samples.map((s) => s.docs).join(' | ')} |`,
    `|---|${first.samples.map(() => '---:').join('|')}|`,
    ...runs.map((m) => `| ${label(m.env)} | ${m.samples.map((s) => s.rssMB).join(' | ')} |`),
  ].join('\n');
}

async function versions(): Promise<string> {
  const pdfjs = JSON.parse(await readFile(path.join(PROJECT, 'node_modules', 'pdfjs-dist', 'package.json'), 'utf8')) as { version: string };
  const sharpPkg = JSON.parse(await readFile(path.join(PROJECT, 'node_modules', 'sharp', 'package.json'), 'utf8')) as { version: string };
  let poppler = 'poppler ?';
  try {
    const { stderr, stdout } = await exec('pdftotext', ['-v']);
    poppler = (stderr || stdout).split('\n')[0]?.replace('pdftotext version', 'poppler') ?? poppler;
  } catch {
    // not installed
  }
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const load = os.loadavg()[0]?.toFixed(1) ?? '?';
  return `Node ${process.version}, pdfjs-dist ${pdfjs.version}, sharp ${sharpPkg.version}, ${poppler}; ${cpu}, ${os.availableParallelism()} cores, load average ${load} when started (other jobs share the machine).`;
}

export async function writeSection(file: string, section: string): Promise<void> {
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch {
    text = '# Benchmarks\n';
  }
  const heading = '## PDF ingest';
  const start = text.indexOf(`${heading}\n`);
  if (start < 0) {
    text = `${text.trimEnd()}\n\n${section.trimEnd()}\n`;
  } else {
    const after = text.slice(start + heading.length + 1);
    const nextHeading = after.search(/^## /m);
    const rest = nextHeading < 0 ? '' : after.slice(nextHeading);
    text = `${text.slice(0, start)}${section.trimEnd()}\n${rest ? `\n${rest}` : ''}`;
  }
  await writeFile(file, text);
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      child: { type: 'string' },
      generate: { type: 'string' },
      pages: { type: 'string' },
      memory: { type: 'string' },
      workers: { type: 'string' },
      width: { type: 'string' },
      write: { type: 'boolean' },
    },
  });
  if (values.child) return childMain(values.child);
  const workers = values.workers ? Number(values.workers) : os.availableParallelism();
  const width = values.width ? Number(values.width) : 480;
  const pagesPerDoc = values.pages ? Number(values.pages) : 20;
  const sections: string[] = [];
  for (const target of positionals) {
    const files = await pdfsUnder(target);
    process.stderr.write(`bench: ${target}: ${files.length} files\n`);
    sections.push(benchMarkdown(await benchIngest(files, { workers, width, label: path.basename(path.resolve(target)) })));
  }
  if (values.generate) {
    const count = Number(values.generate);
    const work = await mkdtemp(path.join(os.tmpdir(), 'bench-generated-'));
    try {
      const files = await generateDecks(work, count, pagesPerDoc);
      process.stderr.write(`bench: ${count} generated decks\n`);
      sections.push(benchMarkdown(await benchIngest(files, { workers, width, label: `Generated decks (scripts/tools/pdfgen, ${pagesPerDoc} pages each)` })));
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  if (values.memory) {
    const count = Number(values.memory);
    const memPages = 8;
    process.stderr.write(`bench: memory over ${count} documents\n`);
    // glibc's per-thread malloc arenas fragment with many threads (sharp's docs say the same):
    // measure the default and MALLOC_ARENA_MAX=2 side by side.
    const runs = [await memoryRun(count, memPages, workers, width), await memoryRun(count, memPages, workers, width, { MALLOC_ARENA_MAX: '2' })];
    sections.push(memoryMarkdown(runs, memPages, workers));
  }
  const body = [
    '## PDF ingest',
    '',
    `Written by \`node scripts/tools/bench/ingest.ts ${argv.filter((a) => a !== '--write').join(' ')}\` on ${new Date().toISOString().slice(0, 10)}. ${await versions()}`,
    'Our times are the ingestDecks() call (Node start-up excluded); peak RSS is the whole process (main thread + workers) for us and the largest single process for poppler, which runs one process per file.',
    '',
    sections.join('\n\n'),
    '',
  ].join('\n');
  process.stdout.write(body);
  if (values.write) await writeSection(path.join(PROJECT, 'BENCHMARKS.md'), body);
}

if (process.argv[1] && path.resolve(process.argv[1]) === SELF) await main(process.argv.slice(2));
