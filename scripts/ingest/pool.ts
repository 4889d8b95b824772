/**
 * A small worker_threads pool for PDF parsing. Each worker has its own pdf.js and handles one
 * document at a time. Workers start on demand (so never more than there are files to parse), and a
 * worker that crashes, runs out of heap or overruns the per-file time limit is terminated and
 * replaced: its file fails with a reason, every other file goes on. Workers are also replaced after
 * `recycleAfter` files as a guard against slow leaks in long runs.
 */
import { Worker } from 'node:worker_threads';
import type { PageBitmap, RenderRequest } from '../../src/lib/pdf/process.ts';
import type { DeckText, ExtractOptions } from '../../src/lib/pdf/types.ts';
import type { JobMessage, ResultMessage } from './protocol.ts';
import type { OcrSettings } from '../ocr/engine.ts';

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

interface Pending {
  task: PoolTask;
  resolve: (result: PoolResult) => void;
}

interface Slot {
  worker: Worker;
  current: (Pending & { job: number; timer: NodeJS.Timeout }) | undefined;
  done: number;
  dead: boolean;
  stderrTail: string;
}

const WORKER_URL = new URL('./worker.ts', import.meta.url);

export class WorkerPool {
  readonly options: PoolOptions;
  /** Workers that failed (crash, out of memory, timeout) and were replaced. */
  failures = 0;
  /** Workers started in total (including replacements and recycling). */
  started = 0;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextJob = 1;
  private closed = false;

  constructor(options: PoolOptions) {
    this.options = { ...options, size: Math.max(1, Math.floor(options.size)) };
  }

  run(task: PoolTask): Promise<PoolResult> {
    if (this.closed) return Promise.reject(new Error('pool is closed'));
    return new Promise((resolve) => {
      this.queue.push({ task, resolve });
      this.pump();
    });
  }

  /** Terminates every worker; pending tasks are not expected (callers await their results first). */
  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.dead && s.current === undefined);
      if (!slot) {
        if (this.slots.length >= this.options.size) return;
        slot = this.spawn();
      }
      const pending = this.queue.shift();
      if (!pending) return;
      this.dispatch(slot, pending);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL, {
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMB },
      stdout: true,
      stderr: true,
    });
    this.started++;
    const slot: Slot = { worker, current: undefined, done: 0, dead: false, stderrTail: '' };
    // pdf.js warnings must never reach our stdout (the extract CLI prints JSON there).
    worker.stdout.resume();
    worker.stderr.on('data', (chunk: Buffer) => {
      slot.stderrTail = (slot.stderrTail + chunk.toString('utf8')).slice(-600);
    });
    worker.on('message', (message: ResultMessage) => this.onMessage(slot, message));
    worker.on('error', (error: Error & { code?: string }) => {
      const oom = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.fail(slot, oom ? 'oom' : 'crash', oom ? `the parser ran out of memory (worker heap limit ${this.options.heapMB} MB)` : `the parser crashed: ${error.message}`);
    });
    worker.on('exit', (code) => {
      this.fail(slot, 'crash', `the parser crashed (worker exited with code ${code}${slot.stderrTail ? `: ${lastLine(slot.stderrTail)}` : ''})`);
    });
    this.slots.push(slot);
    return slot;
  }

  private dispatch(slot: Slot, pending: Pending): void {
    const job = this.nextJob++;
    const timer = setTimeout(() => {
      this.fail(slot, 'timeout', `parsing took longer than ${Math.round(this.options.timeoutMs / 1000)} s and was stopped`);
    }, this.options.timeoutMs);
    slot.current = { ...pending, job, timer };
    const { data } = pending.task;
    // Transfer the bytes when they own their buffer; copy otherwise (never detach a shared pool).
    const own = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
    const message: JobMessage = {
      job,
      data: own,
      options: pending.task.options,
      render: pending.task.render,
      ...(pending.task.ocr ? { ocr: pending.task.ocr } : {}),
    };
    try {
      slot.worker.postMessage(message, [own.buffer as ArrayBuffer]);
    } catch (error) {
      // Cannot happen with bytes from readFile; keep the file's promise from hanging if it does.
      clearTimeout(timer);
      slot.current = undefined;
      pending.resolve({ ok: false, kind: 'error', reason: `could not hand the file to a worker: ${(error as Error).message}` });
    }
  }

  private onMessage(slot: Slot, message: ResultMessage): void {
    const current = slot.current;
    if (!current || current.job !== message.job || slot.dead) return;
    clearTimeout(current.timer);
    slot.current = undefined;
    slot.done++;
    if (message.type === 'result') current.resolve({ ok: true, deck: message.deck, bitmaps: message.bitmaps });
    else current.resolve({ ok: false, kind: 'error', reason: `the parser failed: ${message.message}` });
    if (slot.done >= this.options.recycleAfter) this.retire(slot);
    this.pump();
  }

  /** The worker is gone or must go: fail its current file, drop it, start a replacement if needed. */
  private fail(slot: Slot, kind: 'crash' | 'timeout' | 'oom', reason: string): void {
    if (slot.dead) return;
    slot.dead = true;
    const current = slot.current;
    slot.current = undefined;
    this.remove(slot);
    if (current) {
      clearTimeout(current.timer);
      this.failures++;
      current.resolve({ ok: false, kind, reason });
    }
    void slot.worker.terminate();
    if (!this.closed) this.pump();
  }

  private retire(slot: Slot): void {
    slot.dead = true;
    this.remove(slot);
    void slot.worker.terminate();
  }

  private remove(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
  }
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return (lines[lines.length - 1] ?? '').slice(0, 200);
}
