/**
 * Progress on stderr. On a TTY: one line redrawn in place (bar, files done/total, pages, ETA),
 * at most ~8 times a second, with problem lines printed above it. Otherwise: a plain status line
 * at most every `plainEveryMs` (default 5 s), one line per problem file, and the summary.
 */
import type { Outcome } from '../../src/lib/pdf/types.ts';
import type { IngestStats, ProgressMode } from './types.ts';

export interface ProgressSink {
  write(text: string): void;
  isTTY?: boolean;
  columns?: number;
}

export type Source = 'parsed' | 'cached' | 'duplicate';

export class Progress {
  private readonly mode: 'tty' | 'plain' | 'silent';
  private readonly sink: ProgressSink;
  private readonly started = Date.now();
  private readonly plainEveryMs: number;
  private total = 0;
  private done = 0;
  private pages = 0;
  private parsed = 0;
  private cached = 0;
  private lastDraw = 0;
  private lastPlain: number;
  private drawn = false;

  constructor(mode: ProgressMode, sink: ProgressSink = process.stderr, plainEveryMs = 5000) {
    this.sink = sink;
    this.plainEveryMs = plainEveryMs;
    this.lastPlain = this.started;
    this.mode = mode === 'auto' ? (sink.isTTY ? 'tty' : 'plain') : mode;
  }

  start(total: number): void {
    this.total = total;
    if (this.mode === 'plain') this.sink.write(`ingest: ${total} PDF files\n`);
    if (this.mode === 'tty') this.draw(true);
  }

  deck(id: string, outcome: Outcome, message: string, pageCount: number, source: Source): void {
    this.done++;
    this.pages += pageCount;
    if (source === 'parsed') this.parsed++;
    else this.cached++;
    if (this.mode === 'silent') return;
    if (outcome !== 'ok') this.line(`  ! ${id}: ${outcome}: ${message}`);
    const now = Date.now();
    if (this.mode === 'tty') this.draw(false);
    else if (now - this.lastPlain >= this.plainEveryMs && this.done < this.total) {
      this.lastPlain = now;
      this.sink.write(`ingest: ${this.status()}\n`);
    }
  }

  finish(stats: IngestStats): void {
    if (this.mode === 'silent') return;
    if (this.mode === 'tty' && this.drawn) this.sink.write('\r\x1b[2K');
    this.sink.write(`${summary(stats)}\n`);
  }

  private line(text: string): void {
    if (this.mode === 'tty') {
      this.sink.write(`\r\x1b[2K${text}\n`);
      this.draw(true);
    } else {
      this.sink.write(`${text}\n`);
    }
  }

  private status(): string {
    const elapsed = (Date.now() - this.started) / 1000;
    const eta = this.done > 0 && this.done < this.total ? ` ETA ${duration((elapsed / this.done) * (this.total - this.done))}` : '';
    return `${this.done}/${this.total} files, ${this.pages} pages, ${this.parsed} parsed, ${this.cached} cached, ${duration(elapsed)}${eta}`;
  }

  private draw(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastDraw < 120 && this.done < this.total) return;
    this.lastDraw = now;
    const width = 20;
    const filled = this.total === 0 ? width : Math.round((this.done / this.total) * width);
    let text = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.status()}`;
    const columns = this.sink.columns ?? 100;
    if (text.length > columns - 1) text = text.slice(0, columns - 1);
    this.sink.write(`\r\x1b[2K${text}`);
    this.drawn = true;
  }
}

export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return `${m} min ${String(s).padStart(2, '0')} s`;
}

export function summary(stats: IngestStats): string {
  const outcomes = Object.entries(stats.outcomes)
    .filter(([, n]) => n > 0)
    .map(([o, n]) => `${o} ${n}`)
    .join(', ');
  const extra = [
    stats.duplicates > 0 ? `${stats.duplicates} duplicate${stats.duplicates === 1 ? '' : 's'}` : '',
    stats.workerFailures > 0 ? `${stats.workerFailures} worker failure${stats.workerFailures === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return (
    `ingest: ${stats.files} files (${stats.parsed} parsed, ${stats.cached} cached${extra.length ? `, ${extra.join(', ')}` : ''}), ` +
    `${stats.pages} pages; ${outcomes || 'nothing'}; ${duration(stats.ms / 1000)}, peak RSS ${stats.peakRssMB} MB`
  );
}
