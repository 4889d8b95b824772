/**
 * The ingest worker pool: piscina (the same library the benchmark generator uses) with what PDF
 * parsing needs on top. Each worker has its own pdf.js and handles one document at a time.
 *
 * - A worker that crashes, runs out of heap or overruns the per-file time limit is terminated and
 *   replaced by piscina; here its file fails with a reason a person can act on, every other file
 *   goes on.
 * - The time limit counts from the moment a worker takes the file: tasks are handed to piscina only
 *   when a worker is free, so a file waiting in the queue is never timed out.
 * - Recycling, a guard against slow leaks in long runs: after about `recycleAfter` files per worker
 *   the pool starts a fresh generation of workers for new files and closes the old one, which
 *   finishes the files it has first.
 * - Workers load their TypeScript and pdf.js through Node's compile cache (`module.enableCompileCache`),
 *   so each worker's start costs a fraction of a cold start.
 */
import module from 'node:module';
import { Piscina } from 'piscina';
import type { PageBitmap, RenderRequest } from '../../src/lib/pdf/process.ts';
import type { DeckText, ExtractOptions } from '../../src/lib/pdf/types.ts';
import type { OcrSettings } from '../ocr/engine.ts';
import type { ParseJob, ParseResult } from './worker.ts';

export interface PoolOptions {
  size: number;
  timeoutMs: number;
  heapMB: number;
  recycleAfter: number;
}

export interface PoolTask {
  data: Uint8Array;
  options: ExtractOptions;
  render: RenderRequest[];
  ocr?: OcrSettings;
}

export type PoolResult =
  | { ok: true; deck: DeckText; bitmaps: PageBitmap[] }
  | { ok: false; kind: 'crash' | 'timeout' | 'oom' | 'error'; reason: string };

const WORKER_URL = new URL('./worker.ts', import.meta.url).href;

/** Node's on-disk cache of compiled modules (TypeScript already stripped), shared with the workers. */
function compileCacheEnv(): Record<string, string> {
  const env = { ...process.env } as Record<string, string>;
  const enabled = module.enableCompileCache?.();
  if (enabled?.directory) env.NODE_COMPILE_CACHE = enabled.directory;
  return env;
}

export class WorkerPool {
  readonly options: PoolOptions;
  /** Workers that failed (crash, out of memory, timeout) and were replaced. */
  failures = 0;
  private pool: Piscina<ParseJob, ParseResult>;
  private readonly env: Record<string, string>;
  private sinceRecycle = 0;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly retiring: Promise<void>[] = [];
  private closed = false;

  constructor(options: PoolOptions) {
    this.options = { ...options, size: Math.max(1, Math.floor(options.size)) };
    this.env = compileCacheEnv();
    this.pool = this.generation();
  }

  private generation(): Piscina<ParseJob, ParseResult> {
    const pool = new Piscina<ParseJob, ParseResult>({
      filename: WORKER_URL,
      minThreads: 0,
      maxThreads: this.options.size,
      // A worker stays for the whole run (it keeps pdf.js loaded); close() ends it.
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMB },
      env: this.env,
    });
    // A worker that dies between files has no file to fail; piscina replaces it on demand.
    pool.on('error', () => {});
    return pool;
  }

  async run(task: PoolTask): Promise<PoolResult> {
    if (this.closed) throw new Error('pool is closed');
    if (this.running >= this.options.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    if (this.sinceRecycle >= this.options.size * this.options.recycleAfter) {
      this.retiring.push(this.pool.close());
      this.pool = this.generation();
      this.sinceRecycle = 0;
    }
    this.sinceRecycle++;
    try {
      return await this.dispatch(this.pool, task);
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  private async dispatch(pool: Piscina<ParseJob, ParseResult>, task: PoolTask): Promise<PoolResult> {
    const { data } = task;
    // Transfer the bytes when they own their buffer; copy otherwise (never detach a shared pool).
    const own = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
    const job: ParseJob = { data: own, options: task.options, render: task.render, ...(task.ocr ? { ocr: task.ocr } : {}) };
    try {
      const result = await pool.run(job, { transferList: [own.buffer as ArrayBuffer], signal: AbortSignal.timeout(this.options.timeoutMs) });
      if (result.type === 'error') return { ok: false, kind: 'error', reason: `the parser failed: ${result.message}` };
      return { ok: true, deck: result.deck, bitmaps: result.bitmaps };
    } catch (error) {
      const failure = describe(error, this.options);
      if (failure.kind !== 'error') this.failures++;
      return { ok: false, ...failure };
    }
  }

  /** Ends every worker; callers await their results first. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.retiring, this.pool.close()]);
  }
}

/** Why a worker did not answer, in words for the deck's message. */
function describe(error: unknown, options: PoolOptions): { kind: 'crash' | 'timeout' | 'oom' | 'error'; reason: string } {
  const e = error as Error & { code?: string };
  if (e?.name === 'AbortError') return { kind: 'timeout', reason: `parsing took longer than ${Math.round(options.timeoutMs / 1000)} s and was stopped` };
  if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY') return { kind: 'oom', reason: `the parser ran out of memory (worker heap limit ${options.heapMB} MB)` };
  const exited = /worker exited with code: (-?\d+)/u.exec(e?.message ?? '');
  if (exited) return { kind: 'crash', reason: `the parser crashed (worker exited with code ${exited[1]})` };
  return { kind: 'crash', reason: `the parser crashed: ${e?.message ?? String(error)}` };
}
