/**
 * Measuring child processes: wall time, peak memory of the whole process tree
 * (node + worker threads + any child such as the Pagefind binary, summed, sampled
 * from /proc every 200 ms), and the time at which each stderr line arrived (for
 * phase marks such as "pages: astro build"). Medians with min and max.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const PAGE_KB = 4;

/** Resident memory in bytes of `pid` and all its descendants (0 where /proc is missing). */
export function treeRss(pid: number): number {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/u.test(name));
  } catch {
    return 0;
  }
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of entries) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Field 2 (comm) may hold spaces: parse after its closing parenthesis.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      const pages = Number(fields[21]);
      const id = Number(name);
      rss.set(id, pages * PAGE_KB * 1024);
      const list = children.get(ppid) ?? [];
      list.push(id);
      children.set(ppid, list);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const stack = [pid];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (seen.has(id)) continue;
    seen.add(id);
    total += rss.get(id) ?? 0;
    stack.push(...(children.get(id) ?? []));
  }
  return total;
}

export interface LineMark {
  /** ms since the process started. */
  at: number;
  line: string;
}

export interface Measured {
  ms: number;
  peakRssMB: number;
  code: number | null;
  stdout: string;
  lines: LineMark[];
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Echo stderr lines with a prefix (progress of long runs). */
  echo?: string | false;
}

/** Runs a command to completion, sampling the memory of its process tree. */
export function runMeasured(command: string, args: readonly string[], options: RunOptions = {}): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let peak = 0;
    const sample = (): void => {
      if (child.pid === undefined) return;
      const now = treeRss(child.pid);
      if (now > peak) peak = now;
    };
    const timer = setInterval(sample, 200);
    let stdout = '';
    let pending = '';
    const lines: LineMark[] = [];
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const parts = pending.split(/\r?\n|\r/u);
      pending = parts.pop() ?? '';
      const at = performance.now() - started;
      for (const line of parts) {
        if (line.trim() === '') continue;
        lines.push({ at, line });
        if (options.echo !== false && options.echo !== undefined) process.stderr.write(`${options.echo}${line}\n`);
      }
    });
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      if (pending.trim()) lines.push({ at: performance.now() - started, line: pending });
      resolve({ ms: performance.now() - started, peakRssMB: Math.round(peak / 2 ** 20), code, stdout, lines });
    });
  });
}

export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function summarise(values: readonly number[]): Summary | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number, n: sorted.length };
}

export function fmtMs(ms: number): string {
  if (ms >= 60_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms)} ms`;
}


/** "12.3 s (11.9–13.0)" or just "12.3 s" for a single run. */
export function fmtSummary(s: Summary | undefined, format: (n: number) => string = fmtMs): string {
  if (!s) return '–';
  return s.n > 1 ? `${format(s.median)} (${format(s.min)}–${format(s.max)})` : format(s.median);
}
