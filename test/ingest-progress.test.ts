/** Progress output: one line redrawn in place on a TTY, sparse plain lines otherwise, a summary. */
import { describe, expect, it } from 'vitest';
import { Progress } from '../scripts/ingest/progress.ts';
import type { IngestStats } from '../scripts/ingest/types.ts';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, isTTY, columns: 120, write: (text: string) => void chunks.push(text) };
}

const stats: IngestStats = {
  files: 3,
  parsed: 2,
  cached: 1,
  duplicates: 0,
  pages: 12,
  pagesParsed: 9,
  ms: 1500,
  peakRssMB: 321,
  outcomes: { ok: 2, partial: 0, encrypted: 1, empty: 0, 'not-pdf': 0, corrupt: 0, 'no-text-layer': 0, garbage: 0, 'too-large': 0 },
  workerFailures: 0,
};

describe('Progress', () => {
  it('redraws a single line on a TTY and prints problems above it', () => {
    const s = sink(true);
    const p = new Progress('auto', s);
    p.start(3);
    p.deck('a', 'ok', 'fine', 5, 'parsed');
    p.deck('b', 'encrypted', 'needs the user password', 0, 'parsed');
    p.deck('c', 'ok', 'fine', 7, 'cached');
    p.finish(stats);
    const out = s.chunks.join('');
    expect(out).not.toMatch(/\n.*\[#+-*\] 1\/3/); // bar updates never start a new line
    expect(out).toContain('\r\x1b[2K[');
    expect(out).toContain('\r\x1b[2K  ! b: encrypted: needs the user password\n');
    expect(out).toMatch(/3\/3 files, 12 pages, 2 parsed, 1 cached/);
    expect(out.endsWith('ingest: 3 files (2 parsed, 1 cached), 12 pages; ok 2, encrypted 1; 1.5 s, peak RSS 321 MB\n')).toBe(true);
  });

  it('prints plain lines without control characters when not a TTY', () => {
    const s = sink(false);
    const p = new Progress('auto', s, 60_000);
    p.start(3);
    p.deck('a', 'ok', 'fine', 5, 'parsed');
    p.deck('b', 'corrupt', 'damaged', 0, 'parsed');
    p.deck('c', 'ok', 'fine', 7, 'cached');
    p.finish(stats);
    expect(s.chunks.join('')).toBe(
      'ingest: 3 PDF files\n  ! b: corrupt: damaged\ningest: 3 files (2 parsed, 1 cached), 12 pages; ok 2, encrypted 1; 1.5 s, peak RSS 321 MB\n',
    );
  });

  it('prints nothing when silent', () => {
    const s = sink(true);
    const p = new Progress('silent', s);
    p.start(1);
    p.deck('a', 'corrupt', 'x', 0, 'parsed');
    p.finish(stats);
    expect(s.chunks).toEqual([]);
  });
});
