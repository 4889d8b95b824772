/**
 * Benchmark of the OCR stage on the generated OCR fixtures (a scan, Japanese drawn as outlines,
 * outlines behind a thin Latin text layer; test/fixtures/pdfs.ts): OCR pages per second through
 * the real ingest pool and Tesseract, the same decks with --ocr off for the share OCR takes,
 * character accuracy against the text the fixtures draw, and peak memory (this process with its
 * worker threads, plus the Tesseract processes it runs).
 *
 *   node scripts/tools/bench/ocr.ts [--runs N] [--workers W] [--write]
 *
 *   --runs N     times each measurement is repeated, no cache (default 2); the median is reported
 *   --workers W  ingest workers (default: available cores)
 *   --write      also write the Markdown into BENCHMARKS.md under "## OCR" (only that section)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ingestDecks } from '../../ingest/index.ts';
import { findOcrEngine } from '../../ocr/engine.ts';
import { characterAccuracy } from '../../../src/lib/ocr/accuracy.ts';
import { FIXTURES, fixturePdf, type FixtureKind } from '../../../test/fixtures/pdfs.ts';

const KINDS: FixtureKind[] = ['scan-ja', 'outlines-mixed', 'outlines-only'];
const PROJECT = path.resolve(import.meta.dirname, '../../..');

/** Resident memory (bytes) of this process plus its tesseract children, from /proc (0 elsewhere). */
function rssWithChildren(): number {
  let total = process.memoryUsage.rss();
  try {
    for (const task of readdirSync('/proc/self/task')) {
      for (const pid of readFileSync(`/proc/self/task/${task}/children`, 'utf8').split(' ').filter(Boolean)) {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const rss = /VmRSS:\s+(\d+) kB/u.exec(status);
        if (rss) total += Number(rss[1]) * 1024;
      }
    }
  } catch {
    // a child ended while being read: the next sample sees the others
  }
  return total;
}

/** CPU seconds of this process (all threads) and of its children that ended (Tesseract), from /proc/self/stat. */
function cpuSeconds(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime stime cutime cstime are fields 14–17 of stat, 12–15 after the command name.
    return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0) / 100;
  } catch {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1e6;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '2' }, workers: { type: 'string' }, write: { type: 'boolean', default: false } } });
  const runs = Math.max(1, Number(values.runs) || 2);
  const workers = values.workers ? Number(values.workers) : os.availableParallelism();
  const engine = findOcrEngine('auto');
  if (!engine.available) throw new Error(`bench:ocr needs Tesseract: ${engine.reason}`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-ocr-'));
  const inputs = [];
  for (const kind of KINDS) {
    const file = path.join(dir, `${kind}.pdf`);
    await writeFile(file, await fixturePdf(kind));
    inputs.push({ id: kind, absolutePath: file });
  }
  const withOcr: number[] = [];
  const without: number[] = [];
  const cpuOn: number[] = [];
  const cpuOff: number[] = [];
  const load = os.loadavg()[0] ?? 0;
  let peak = 0;
  let ocrPages = 0;
  const accuracy = new Map<FixtureKind, number[]>();
  const confidence: number[] = [];
  const sampler = setInterval(() => (peak = Math.max(peak, rssWithChildren())), 100);
  try {
    for (let run = 0; run < runs; run++) {
      let cpu = cpuSeconds();
      const off = await ingestDecks(inputs, { cacheDir: false, progress: 'silent', workers, ocr: 'off' });
      without.push(off.stats.ms);
      cpuOff.push(cpuSeconds() - cpu);
      cpu = cpuSeconds();
      const on = await ingestDecks(inputs, { cacheDir: false, progress: 'silent', workers, ocr: 'auto' });
      withOcr.push(on.stats.ms);
      cpuOn.push(cpuSeconds() - cpu);
      ocrPages = 0;
      for (const kind of KINDS) {
        const deck = on.decks.get(kind);
        const scores: number[] = [];
        for (const page of deck?.pages ?? []) {
          if (!page.flags.includes('ocr')) continue;
          ocrPages++;
          confidence.push(page.confidence ?? 0);
          scores.push(characterAccuracy((FIXTURES[kind].visibleText?.[page.page] ?? []).join(''), page.text));
        }
        accuracy.set(kind, scores);
      }
    }
  } finally {
    clearInterval(sampler);
    await rm(dir, { recursive: true, force: true });
  }
  const msOn = median(withOcr);
  const msOff = median(without);
  const perPage = (msOn - msOff) / Math.max(1, ocrPages);
  const cpuPerPage = (median(cpuOn) - median(cpuOff)) / Math.max(1, ocrPages);
  const cores = os.availableParallelism();
  const mean = (xs: number[]) => xs.reduce((sum, x) => sum + x, 0) / Math.max(1, xs.length);
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  // Extrapolation, not a measurement: the full-size archive (90,000 pages) with 10 % of its pages needing OCR,
  // from CPU time (the wall time depends on how busy the shared machine is), all cores busy.
  const fullPages = 9_000;
  const fullMinutes = (fullPages * cpuPerPage) / cores / 60;
  const lines = [
    '## OCR',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} by \`node scripts/tools/bench/ocr.ts --runs ${runs}${values.workers ? ` --workers ${workers}` : ''}\` on the generated OCR fixtures`,
    `(${KINDS.map((k) => `\`${k}\``).join(', ')}: ${ocrPages} pages that need OCR, 960 × 540 pt slides rendered at ${engine.settings.dpi} dpi),`,
    `${workers} ingest workers on ${cores} shared cores (load average ${load.toFixed(1)} when it started: wall times are inflated by other work), median of ${runs} run(s) without cache.`,
    `Engine: ${engine.description}.`,
    '',
    '| measure | value |',
    '|---|---|',
    `| ingest with OCR | ${(msOn / 1000).toFixed(1)} s (${ocrPages} OCR pages) |`,
    `| same decks, \`--ocr off\` | ${(msOff / 1000).toFixed(1)} s |`,
    `| OCR pages per second (wall, this machine, this load) | ${(1000 / perPage).toFixed(2)} (${(perPage / 1000).toFixed(2)} s a page: render + Tesseract, ${workers} at a time) |`,
    `| CPU time per OCR page (render + Tesseract) | ${cpuPerPage.toFixed(2)} s, so ${(cores / cpuPerPage).toFixed(2)} pages/s with ${cores} idle cores |`,
    `| share of this ingest spent on OCR | ${pct((msOn - msOff) / msOn)} |`,
    `| peak memory (process + workers + Tesseract) | ${(peak / 2 ** 20).toFixed(0)} MB |`,
    `| mean OCR confidence | ${pct(mean(confidence))} |`,
    ...KINDS.map((kind) => `| character accuracy, \`${kind}\` | ${pct(mean(accuracy.get(kind) ?? []))} (pages: ${(accuracy.get(kind) ?? []).map(pct).join(', ')}) |`),
    `| estimate, full size with 10 % of pages needing OCR | ${fullPages.toLocaleString('en')} pages × ${cpuPerPage.toFixed(2)} CPU s ÷ ${cores} cores = ${fullMinutes.toFixed(0)} min on top of the 2.0 min cold build, about ${Math.round((100 * fullMinutes) / (fullMinutes + 2))} % of it (extrapolated from CPU time, not measured at full size); cached afterwards |`,
    '',
    'Accuracy is 1 − edit distance ÷ length of the text the fixture draws (spacing ignored, furniture excluded).',
    'The errors seen: the first character of a title on a tinted band (モ read as E, then dropped as a stray letter),',
    'a large coloured title page misread (「StackStorm IC Kk Z#」), 冗 read as 旭.',
    '',
  ];
  const markdown = lines.join('\n');
  process.stdout.write(`${markdown}\n`);
  if (values.write) {
    const file = path.join(PROJECT, 'BENCHMARKS.md');
    const current = await readFile(file, 'utf8');
    const start = current.indexOf('\n## OCR\n');
    let next: string;
    if (start < 0) next = `${current.trimEnd()}\n\n${markdown}`;
    else {
      const after = current.indexOf('\n## ', start + 1);
      next = `${current.slice(0, start + 1)}${markdown}${after < 0 ? '' : current.slice(after)}`;
    }
    await writeFile(file, next.endsWith('\n') ? next : `${next}\n`);
  }
}

await main();
