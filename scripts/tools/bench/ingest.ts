/**
 * Our PDF ingest against poppler, run as a user would run each: the same decks, the same
 * parallelism, every command a shell command line started from a small process (spawning
 * pdftotext from a large Node process costs several times what it costs from a shell).
 *
 *   node scripts/tools/bench/ingest.ts DIR... [--runs 3] [--workers 2] [--width 480]
 *                                      [--generate N] [--pages P] [--memory N]
 *   node scripts/tools/bench/ingest.ts --ours DIR [--workers 2] [--width 480]   (our text + page-1 thumbnail, no cache kept, no OCR)
 *
 *   DIR            PDFs to compare (searched recursively for *.pdf, any case)
 *   --runs N       rounds; each runs the four commands once, alternating who goes first
 *   --generate N   also compare N synthetic Japanese decks of P pages (default 20), written by
 *                  scripts/tools/pdfgen from the sample archive's slide texts into a temporary directory
 *   --memory N     process N distinct generated documents in one run and report RSS every N/20 documents
 *   --workers W    our worker threads, poppler's parallel processes (default 2)
 *   --width PX     thumbnail width (default 480)
 *
 * The commands (ingestCommands() below; printed with the results):
 *   find DIR -iname '*.pdf' -print0 | xargs -0 -P2 -I{} pdftotext -q -enc UTF-8 {} /dev/null
 *   node scripts/ingest/extract.ts --no-cache --ocr off --workers 2 --quiet --out /dev/null DIR
 *   find DIR -iname '*.pdf' -print0 | xargs -0 -P2 -I{} pdftoppm -q -f 1 -l 1 -scale-to-x 480 -scale-to-y -1 -png {} TMP/page
 *   node scripts/tools/bench/ingest.ts --ours DIR --workers 2 --width 480
 * each under /usr/bin/time (CPU of every process it started, the largest one's peak RSS).
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
const PROJECT = path.resolve(path.dirname(SELF), '..', '..', '..');

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

/** One command of the comparison, as a user would type it, and what it cost. */
export interface CommandRun {
  /** Wall time, ms (the shell started from a small process, to its exit). */
  ms: number;
  /** User + system CPU of the command and every process it started (getrusage of the waited children), ms. */
  cpuMs: number;
  /** Peak resident memory of the largest single process among them, MB. */
  maxRssMB: number;
  exit: number;
}

export type CommandKey = 'oursText' | 'pdftotext' | 'oursThumb' | 'pdftoppm';

/**
 * The four commands compared, on the PDFs under `dir` (any case of .pdf, as our extract finds
 * them), at the same parallelism: poppler through find | xargs -P, one process per file, as a
 * user runs it; ours as its own command (a fresh Node process, start-up included).
 */
export function ingestCommands(dir: string, workers: number, width: number, scratch: string): Record<CommandKey, string> {
  const q = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
  // Run from the project folder: a folder inside it is written relative, as a user would type it.
  const inside = path.relative(PROJECT, dir);
  if (!inside.startsWith('..') && !path.isAbsolute(inside)) dir = inside;
  const find = `find ${q(dir)} -iname '*.pdf' -print0 | xargs -0 -P${workers} -I{}`;
  return {
    oursText: `node scripts/ingest/extract.ts --no-cache --ocr off --workers ${workers} --quiet --out /dev/null ${q(dir)}`,
    pdftotext: `${find} pdftotext -q -enc UTF-8 {} /dev/null`,
    oursThumb: `node scripts/tools/bench/ingest.ts --ours ${q(dir)} --workers ${workers} --width ${width}`,
    pdftoppm: `${find} pdftoppm -q -f 1 -l 1 -scale-to-x ${width} -scale-to-y -1 -png {} ${q(path.join(scratch, 'page'))}`,
  };
}

/**
 * Runs a shell command line under /usr/bin/time from this (small) process; wall time measured here.
 * `node` is the project's Node 24 (node_modules/.bin first on PATH, as npm scripts have it).
 */
export function timeShell(command: string): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', 'IWTIME %U %S %M', 'sh', '-c', command], {
      cwd: PROJECT,
      env: { ...process.env, PATH: `${path.join(PROJECT, 'node_modules', '.bin')}:${process.env.PATH ?? ''}` },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const m = /IWTIME ([\d.]+) ([\d.]+) (\d+)/u.exec(err);
      if (!m) return reject(new Error(`/usr/bin/time printed no figures for: ${command}\n${err.slice(-2000)}`));
      // xargs exits 123 when some pdftotext failed (the archive's broken decks): a result, not a failure of the benchmark.
      resolve({ ms: Math.round(ms), cpuMs: Math.round((Number(m[1]) + Number(m[2])) * 1000), maxRssMB: Math.round(Number(m[3]) / 1024), exit: code ?? -1 });
    });
  });
}

export interface IngestComparison {
  label: string;
  files: number;
  pages: number;
  bytes: number;
  workers: number;
  width: number;
  commands: Record<CommandKey, string>;
  /** One entry per run; the commands of a run alternate their order from run to run. */
  runs: Record<CommandKey, CommandRun>[];
}

/**
 * Our ingest against poppler on the same decks: `runs` rounds, each running the four commands once,
 * ours first in odd rounds and poppler first in even ones, so load drifting on a shared machine
 * falls on both alike. The decks are those under `dir`.
 */
export async function compareIngest(dir: string, options: { runs: number; workers: number; width: number; pages: number; label: string; log?: (line: string) => void }): Promise<IngestComparison> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'bench-pdftoppm-'));
  try {
    const files = (await pdfsUnder(dir)).length;
    let bytes = 0;
    for (const f of await pdfsUnder(dir)) bytes += (await stat(f)).size;
    const commands = ingestCommands(dir, options.workers, options.width, scratch);
    const runs: IngestComparison['runs'] = [];
    for (let r = 0; r < options.runs; r++) {
      const order: CommandKey[] = r % 2 === 0 ? ['oursText', 'pdftotext', 'oursThumb', 'pdftoppm'] : ['pdftotext', 'oursText', 'pdftoppm', 'oursThumb'];
      const run: Partial<Record<CommandKey, CommandRun>> = {};
      for (const key of order) {
        run[key] = await timeShell(commands[key]);
        options.log?.(`ingest vs poppler, round ${r + 1}/${options.runs}: ${key} ${fmtMs(run[key].ms)} (CPU ${fmtMs(run[key].cpuMs)}, exit ${run[key].exit})`);
      }
      runs.push(run as Record<CommandKey, CommandRun>);
    }
    return { label: options.label, files, pages: options.pages, bytes, workers: options.workers, width: options.width, commands, runs };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The ratios the report prints, per run: always our time ÷ poppler's time (above 1: we are slower). */
export function ingestRatios(run: Record<CommandKey, CommandRun>): { text: number; textCpu: number; thumb: number } {
  return {
    text: run.oursText.ms / run.pdftotext.ms,
    textCpu: run.oursText.cpuMs / run.pdftotext.cpuMs,
    thumb: run.oursThumb.ms / (run.pdftotext.ms + run.pdftoppm.ms),
  };
}

/** `--ours DIR`: our ingest with the page-1 thumbnail, no cache kept (a fresh one in a temporary folder), no OCR. */
async function oursMain(dir: string, workers: number, width: number): Promise<void> {
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'bench-ours-'));
  try {
    const files = await pdfsUnder(dir);
    await ingestDecks(
      files.map((f) => ({ id: f, absolutePath: f })),
      { cacheDir, workers, thumbnails: { first: width, pages: false }, progress: 'silent', ocr: 'off' },
    );
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
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

const median = (values: number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const spread = (values: number[], format: (n: number) => string): string =>
  values.length > 1 ? `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})` : format(values[0] ?? Number.NaN);
const times = (n: number) => `${n.toFixed(2)}×`;

/** The comparison as Markdown: the commands, each one's time, CPU and memory, and the ratios in one direction. */
export function comparisonMarkdown(c: IngestComparison, heading = '###'): string {
  const rows: [CommandKey, string][] = [
    ['pdftotext', 'poppler pdftotext (text)'],
    ['oursText', 'ours, text only (extract --ocr off)'],
    ['pdftoppm', `poppler pdftoppm (page 1, ${c.width} px PNG)`],
    ['oursThumb', `ours, text + page-1 WebP ${c.width} px`],
  ];
  const ratios = c.runs.map(ingestRatios);
  return [
    `${heading} ${c.label}: ${c.files} files${c.pages ? `, ${c.pages.toLocaleString('en')} pages` : ''}, ${(c.bytes / 2 ** 20).toFixed(1)} MB`,
    '',
    `${c.runs.length} round(s), the order of ours and poppler's alternating from round to round; parallelism ${c.workers} (our worker threads, poppler's processes); median (min–max). The commands, as run (\`sh -c\` from a small process, under \`/usr/bin/time\`):`,
    '',
    '```sh',
    ...rows.map(([key]) => c.commands[key]),
    '```',
    '',
    '| command | wall time | CPU (all its processes) | peak memory (largest process) |',
    '|---|---:|---:|---:|',
    ...rows.map(([key, name]) => `| ${name} | ${spread(c.runs.map((r) => r[key].ms), fmtMs)} | ${spread(c.runs.map((r) => r[key].cpuMs), fmtMs)} | ${spread(c.runs.map((r) => r[key].maxRssMB), (n) => `${Math.round(n)} MB`)} |`),
    '',
    '| ratio | value | meaning |',
    '|---|---:|---|',
    `| text: our time ÷ pdftotext's time | ${spread(ratios.map((r) => r.text), times)} | above 1: we are slower |`,
    `| text: our CPU ÷ pdftotext's CPU | ${spread(ratios.map((r) => r.textCpu), times)} | above 1: we use more CPU |`,
    `| text + thumbnail: our time ÷ (pdftotext's + pdftoppm's time) | ${spread(ratios.map((r) => r.thumb), times)} | above 1: we are slower |`,
  ].join('\n');
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

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      child: { type: 'string' },
      ours: { type: 'string' },
      runs: { type: 'string' },
      generate: { type: 'string' },
      pages: { type: 'string' },
      memory: { type: 'string' },
      workers: { type: 'string' },
      width: { type: 'string' },
    },
  });
  if (values.child) return childMain(values.child);
  const workers = values.workers ? Number(values.workers) : 2;
  const width = values.width ? Number(values.width) : 480;
  if (values.ours) return oursMain(values.ours, workers, width);
  const runs = values.runs ? Number(values.runs) : 3;
  const pagesPerDoc = values.pages ? Number(values.pages) : 20;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const sections: string[] = [];
  for (const target of positionals) {
    sections.push(comparisonMarkdown(await compareIngest(path.resolve(target), { runs, workers, width, pages: 0, label: path.basename(path.resolve(target)), log })));
  }
  if (values.generate) {
    const count = Number(values.generate);
    const work = await mkdtemp(path.join(os.tmpdir(), 'bench-generated-'));
    try {
      await generateDecks(work, count, pagesPerDoc);
      sections.push(comparisonMarkdown(await compareIngest(work, { runs, workers, width, pages: count * pagesPerDoc, label: `Generated decks (scripts/tools/pdfgen, ${pagesPerDoc} pages each)`, log })));
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  if (values.memory) {
    const count = Number(values.memory);
    const memPages = 8;
    log(`bench: memory over ${count} documents`);
    // glibc's per-thread malloc arenas fragment with many threads (sharp's docs say the same):
    // measure the default and MALLOC_ARENA_MAX=2 side by side.
    const memoryRuns = [await memoryRun(count, memPages, workers, width), await memoryRun(count, memPages, workers, width, { MALLOC_ARENA_MAX: '2' })];
    sections.push(memoryMarkdown(memoryRuns, memPages, workers));
  }
  process.stdout.write(`${sections.join('\n\n')}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === SELF) await main(process.argv.slice(2));
