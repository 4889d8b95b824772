/**
 * The ingest pipeline end to end: real PDFs (generated here, byte-for-byte deterministic) through
 * the real worker pool, pdf.js, sharp and the on-disk cache. No mocks; the crash and hang cases use
 * the pool's fault injection, which really kills or wedges a worker thread.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestDecks, ingestSummaries } from '../scripts/ingest/index.ts';
import type { DeckInput, IngestOptions } from '../scripts/ingest/index.ts';
import { simplePdf } from './helpers/simple-pdf.ts';

let root: string;
let cacheDir: string;
let files: Record<string, string>;

const base = (extra: Partial<IngestOptions> = {}): IngestOptions => ({ cacheDir, progress: 'silent', workers: 2, ...extra });
const inputs = (names: string[]): DeckInput[] => names.map((n) => ({ id: `iw2024/${n}`, absolutePath: files[n] ?? '' }));

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ingest-test-'));
  cacheDir = path.join(root, 'cache');
  const dir = path.join(root, 'pdfs');
  await mkdir(dir);
  const good = simplePdf(['Internet Week 2024 routing', 'BGP operations', 'RPKI status']);
  const content: Record<string, Uint8Array | string> = {
    'a.pdf': good,
    'b.pdf': simplePdf(['DNS resolver operations', 'DNSSEC']),
    'c.pdf': simplePdf(['IPv6 deployment']),
    'a-copy.pdf': good,
    'truncated.pdf': good.slice(0, 120),
    'not-pdf.pdf': '<!doctype html><html><body>404 Not Found</body></html>\n',
    'empty.pdf': '',
  };
  files = {};
  for (const [name, data] of Object.entries(content)) {
    const p = path.join(dir, name);
    await writeFile(p, data);
    files[name] = p;
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('ingestDecks cache', () => {
  it('parses on the first run and parses nothing on the second', async () => {
    const first = await ingestDecks(inputs(['a.pdf', 'b.pdf']), base());
    expect(first.stats.parsed).toBe(2);
    expect(first.stats.cached).toBe(0);
    const a = first.decks.get('iw2024/a.pdf');
    expect(a?.outcome).toBe('ok');
    expect(a?.pageCount).toBe(3);
    expect(a?.pages[1]?.text).toContain('BGP operations');
    expect(a?.fromCache).toBe(false);
    expect(a?.sha256).toMatch(/^[0-9a-f]{64}$/);

    const second = await ingestDecks(inputs(['a.pdf', 'b.pdf']), base());
    expect(second.stats.parsed).toBe(0);
    expect(second.stats.cached).toBe(2);
    const a2 = second.decks.get('iw2024/a.pdf');
    expect(a2?.fromCache).toBe(true);
    // Same content, thumbnails and all, whichever way it was obtained.
    expect({ ...a2, fromCache: false }).toEqual(a);
  });

  it('re-parses everything with force', async () => {
    const run = await ingestDecks(inputs(['a.pdf', 'b.pdf']), base({ force: true }));
    expect(run.stats.parsed).toBe(2);
    expect(run.stats.cached).toBe(0);
    const after = await ingestDecks(inputs(['a.pdf', 'b.pdf']), base());
    expect(after.stats.parsed).toBe(0);
  });

  it('re-parses a changed file and only it', async () => {
    await ingestDecks(inputs(['a.pdf', 'b.pdf', 'c.pdf']), base());
    await writeFile(files['c.pdf'] ?? '', simplePdf(['IPv6 deployment, revised', 'A new page']));
    const run = await ingestDecks(inputs(['a.pdf', 'b.pdf', 'c.pdf']), base());
    expect(run.stats.parsed).toBe(1);
    expect(run.stats.cached).toBe(2);
    const c = run.decks.get('iw2024/c.pdf');
    expect(c?.fromCache).toBe(false);
    expect(c?.pageCount).toBe(2);
    expect(c?.pages[0]?.text).toContain('revised');
  });

  it('answers a file whose size, time and inode are unchanged without reading it again, unless forced', async () => {
    const name = 'b.pdf';
    const file = files[name] ?? '';
    // A whole second, so that putting the time back below restores it to the nanosecond.
    const time = new Date('2024-11-20T10:00:00Z');
    await utimes(file, time, time);
    const first = await ingestDecks(inputs([name]), base());
    const original = await readFile(file);
    // Same size, same inode, time put back: only a read could tell the bytes changed.
    await writeFile(file, Buffer.alloc(original.length, 0x20));
    await utimes(file, time, time);
    expect((await stat(file)).mtimeMs).toBe(time.getTime());
    try {
      const again = await ingestDecks(inputs([name]), base());
      expect(again.stats).toMatchObject({ parsed: 0, cached: 1 });
      expect(again.decks.get(`iw2024/${name}`)?.sha256).toBe(first.decks.get(`iw2024/${name}`)?.sha256);
      const forced = await ingestDecks(inputs([name]), base({ force: true }));
      expect(forced.decks.get(`iw2024/${name}`)?.outcome).toBe('not-pdf');
    } finally {
      await writeFile(file, original);
    }
  });

  it('parses identical content under two paths once', async () => {
    const run = await ingestDecks(inputs(['a.pdf', 'a-copy.pdf']), base({ force: true }));
    expect(run.stats.parsed).toBe(1);
    expect(run.stats.duplicates).toBe(1);
    const a = run.decks.get('iw2024/a.pdf');
    const copy = run.decks.get('iw2024/a-copy.pdf');
    expect(copy?.sha256).toBe(a?.sha256);
    expect(copy?.pages).toEqual(a?.pages);
  });

  it('answers a new file with the content of an unchanged file listed after it as a duplicate of that file, parsing nothing', async () => {
    const own = base({ cacheDir: path.join(root, 'cache-new-copy') });
    await ingestDecks(inputs(['c.pdf']), own);
    const copy = path.join(root, 'pdfs', 'c-new.pdf');
    await writeFile(copy, await readFile(files['c.pdf'] ?? ''));
    const run = await ingestDecks([{ id: 'iw2024/c-new.pdf', absolutePath: copy }, ...inputs(['c.pdf'])], own);
    expect(run.stats).toMatchObject({ parsed: 0, cached: 1, duplicates: 1 });
    expect(run.decks.get('iw2024/c-new.pdf')?.pages).toEqual(run.decks.get('iw2024/c.pdf')?.pages);
  });

  it('keys the cache on the password and limits too', async () => {
    const limited = await ingestDecks(inputs(['a.pdf']), base({ limits: { maxPages: 2 } }));
    expect(limited.stats.parsed).toBe(1);
    expect(limited.decks.get('iw2024/a.pdf')?.outcome).toBe('too-large');
    const unlimited = await ingestDecks(inputs(['a.pdf']), base());
    expect(unlimited.stats.parsed).toBe(0);
    expect(unlimited.decks.get('iw2024/a.pdf')?.outcome).toBe('ok');
  });

  it('leaves no temporary directories behind', async () => {
    const tmp = await readdir(path.join(cacheDir, '.tmp'));
    expect(tmp).toEqual([]);
  });

  /** Ingests b.pdf into a fresh cache `name`; its one entry's deck.json. */
  async function cachedB(name: string) {
    const dir = path.join(root, name);
    const first = await ingestDecks(inputs(['b.pdf']), base({ cacheDir: dir }));
    const sha = first.decks.get('iw2024/b.pdf')?.sha256 ?? '';
    const shaDir = path.join(dir, sha.slice(0, 2), sha);
    const [entry] = await readdir(shaDir);
    return { dir, first, deckJson: path.join(shaDir, entry ?? '', 'deck.json') };
  }

  it('treats a damaged entry as missing and sweeps stale temporary directories', async () => {
    const { dir, deckJson } = await cachedB('cache-damaged');
    await writeFile(deckJson, '{"format":1,"sha256":"');
    const stale = path.join(dir, '.tmp', 'interrupted-run');
    await mkdir(stale, { recursive: true });
    await utimes(stale, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    const second = await ingestDecks(inputs(['b.pdf']), base({ cacheDir: dir }));
    expect(second.stats.parsed).toBe(1);
    expect(second.decks.get('iw2024/b.pdf')?.outcome).toBe('ok');
    expect(await readdir(path.join(dir, '.tmp'))).toEqual([]);
    const third = await ingestDecks(inputs(['b.pdf']), base({ cacheDir: dir }));
    expect(third.stats.parsed).toBe(0);
  });
  it('checks an entry without a recorded SHA-256 against the deck schema', async () => {
    const { dir, first, deckJson: file } = await cachedB('cache-legacy');
    const entry = JSON.parse(await readFile(file, 'utf8')) as { deckSha256?: string; deck: { pages: { flags: string[] }[] } };
    // An entry as written before hashes were recorded, whose first page carries a flag no deck has.
    delete entry.deckSha256;
    const legacy = JSON.stringify(entry);
    (entry.deck.pages[0] as { flags: string[] }).flags = ['smudged'];
    await writeFile(file, JSON.stringify(entry));
    const second = await ingestDecks(inputs(['b.pdf']), base({ cacheDir: dir }));
    expect(second.stats.parsed).toBe(1);
    expect(second.damaged[0]?.message).toMatch(/does not hold a deck \(pages\.0\.flags\.0: /);
    expect(second.decks.get('iw2024/b.pdf')?.pages[0]?.flags).toEqual(first.decks.get('iw2024/b.pdf')?.pages[0]?.flags);
    // The same legacy entry with a valid deck is served as it is.
    await writeFile(file, legacy);
    const third = await ingestDecks(inputs(['b.pdf']), base({ cacheDir: dir }));
    expect(third.stats.parsed).toBe(0);
    expect(third.damaged).toEqual([]);
  });
  it('ingestSummaries (the build) answers an unchanged deck from its summary, reads its text only when asked, and never serves a deck.json changed since', async () => {
    const { dir, first, deckJson } = await cachedB('cache-summary');
    const whole = first.decks.get('iw2024/b.pdf');
    expect(whole?.outcome).toBe('ok');
    const second = await ingestSummaries(inputs(['b.pdf']), base({ cacheDir: dir }));
    expect(second.stats.parsed).toBe(0);
    const summary = second.decks.get('iw2024/b.pdf');
    expect(summary?.outcome).toBe(whole?.outcome);
    expect(summary?.message).toBe(whole?.message);
    expect(summary?.pages.map((page) => [page.page, page.flags, page.blank])).toEqual(whole?.pages.map((page) => [page.page, page.flags, page.text.trim() === '']));
    expect(summary?.pages[0]).not.toHaveProperty('text');
    expect(await summary?.text()).toEqual(whole?.pages);
    // The same size, other bytes: the text is refused, naming the file, and the next run parses the PDF again.
    const json = await readFile(deckJson, 'utf8');
    await writeFile(deckJson, json.replace('DNS resolver', 'DNS RESOLVER'));
    await expect(summary?.text()).rejects.toThrow(deckJson);
    const third = await ingestSummaries(inputs(['b.pdf']), base({ cacheDir: dir }));
    expect(third.stats.parsed).toBe(1);
    expect(third.damaged[0]?.message).toMatch(/does not match its recorded SHA-256/u);
    expect(await third.decks.get('iw2024/b.pdf')?.text()).toEqual(whole?.pages);
  });
});

describe('thumbnails', () => {
  it('writes real WebP files whose recorded size matches the file', async () => {
    const run = await ingestDecks(inputs(['a.pdf']), base({ thumbnails: { first: 320, pages: 160 }, force: true }));
    const a = run.decks.get('iw2024/a.pdf');
    expect(a?.thumbnails.map((t) => [t.page, t.width])).toEqual([
      [1, 320],
      [1, 160],
      [2, 160],
      [3, 160],
    ]);
    for (const t of a?.thumbnails ?? []) {
      expect(path.isAbsolute(t.file)).toBe(true);
      expect(t.file.startsWith(cacheDir)).toBe(true);
      const bytes = await readFile(t.file);
      expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
      expect(bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
      const meta = await sharp(t.file).metadata();
      expect(meta.format).toBe('webp');
      expect([meta.width, meta.height]).toEqual([t.width, t.height]);
      // 960×540 pages
      expect(t.height).toBe(Math.round((t.width * 540) / 960));
    }
  });

  it('with a large width, gives every page a small and a large image, and page 1 its own width too', async () => {
    const run = await ingestDecks(inputs(['a.pdf']), base({ thumbnails: { first: 320, pages: 160, large: 480 }, force: true }));
    const a = run.decks.get('iw2024/a.pdf');
    expect(a?.thumbnails.map((t) => [t.page, t.width])).toEqual([
      [1, 320],
      [1, 160],
      [1, 480],
      [2, 160],
      [2, 480],
      [3, 160],
      [3, 480],
    ]);
    for (const t of a?.thumbnails ?? []) {
      const meta = await sharp(t.file).metadata();
      expect([meta.width, meta.height]).toEqual([t.width, Math.round((t.width * 540) / 960)]);
    }
  });

  it('encodes deterministically (same PDF, same bytes)', async () => {
    const one = await ingestDecks(inputs(['b.pdf']), base({ force: true }));
    const first = await readFile(one.decks.get('iw2024/b.pdf')?.thumbnails[0]?.file ?? '');
    const two = await ingestDecks(inputs(['b.pdf']), base({ force: true }));
    const second = await readFile(two.decks.get('iw2024/b.pdf')?.thumbnails[0]?.file ?? '');
    expect(first.length).toBeGreaterThan(100);
    expect(Buffer.compare(first, second)).toBe(0);
  });

  it('default settings give one page-1 thumbnail at 480 px', async () => {
    const run = await ingestDecks(inputs(['b.pdf']), base());
    expect(run.decks.get('iw2024/b.pdf')?.thumbnails.map((t) => [t.page, t.width, t.height])).toEqual([[1, 480, 270]]);
  });
});

describe('bad files', () => {
  it('does not stop the others and gets the right outcome', async () => {
    const names = ['a.pdf', 'truncated.pdf', 'b.pdf', 'not-pdf.pdf', 'empty.pdf', 'c.pdf'];
    const decks = [...inputs(names), { id: 'missing', absolutePath: path.join(root, 'nope.pdf') }];
    const run = await ingestDecks(decks, base({ force: true }));
    const outcome = (id: string) => run.decks.get(id)?.outcome;
    expect(outcome('iw2024/a.pdf')).toBe('ok');
    expect(outcome('iw2024/b.pdf')).toBe('ok');
    expect(outcome('iw2024/c.pdf')).toBe('ok');
    expect(outcome('iw2024/truncated.pdf')).toBe('corrupt');
    expect(outcome('iw2024/not-pdf.pdf')).toBe('not-pdf');
    expect(outcome('iw2024/empty.pdf')).toBe('empty');
    expect(outcome('missing')).toBe('corrupt');
    expect(run.decks.get('missing')?.message).toMatch(/does not exist/);
    expect(run.stats.outcomes).toMatchObject({ ok: 3, corrupt: 2, 'not-pdf': 1, empty: 1 });
    expect([...run.decks.keys()]).toEqual(decks.map((d) => d.id));
  });

  /** Workers read IW_INGEST_FAULTS when the pool starts them (scripts/ingest/worker.ts). */
  async function withFaults<T>(faults: { crash?: string[]; hang?: string[]; oom?: string[] }, run: () => Promise<T>): Promise<T> {
    process.env.IW_INGEST_FAULTS = JSON.stringify(faults);
    try {
      return await run();
    } finally {
      delete process.env.IW_INGEST_FAULTS;
    }
  }

  it('a worker that crashes fails only its file, and is replaced', async () => {
    const sha = (await ingestDecks(inputs(['b.pdf']), base())).decks.get('iw2024/b.pdf')?.sha256 ?? '';
    const run = await withFaults({ crash: [sha] }, () => ingestDecks(inputs(['a.pdf', 'b.pdf', 'c.pdf']), base({ force: true, workers: 1 })));
    expect(run.decks.get('iw2024/b.pdf')?.outcome).toBe('corrupt');
    expect(run.decks.get('iw2024/b.pdf')?.message).toMatch(/crashed/);
    // The file after it went to a fresh worker.
    expect(run.decks.get('iw2024/a.pdf')?.outcome).toBe('ok');
    expect(run.decks.get('iw2024/c.pdf')?.outcome).toBe('ok');
    expect(run.stats.workerFailures).toBe(1);
    // A failure is not cached: the next run (here on a fresh cache) parses the file again.
    const fresh = path.join(root, 'cache-crash');
    await withFaults({ crash: [sha] }, () => ingestDecks(inputs(['b.pdf']), base({ cacheDir: fresh, workers: 1 })));
    const again = await ingestDecks(inputs(['b.pdf']), base({ cacheDir: fresh }));
    expect(again.stats.parsed).toBe(1);
    expect(again.decks.get('iw2024/b.pdf')?.outcome).toBe('ok');
  });

  it('a worker that hangs is stopped after the time limit', async () => {
    const sha = (await ingestDecks(inputs(['c.pdf']), base())).decks.get('iw2024/c.pdf')?.sha256 ?? '';
    // The limit leaves a fresh worker (pdf.js loaded anew after the hang) time for a real file on a busy machine.
    const run = await withFaults({ hang: [sha] }, () => ingestDecks(inputs(['c.pdf', 'a.pdf', 'b.pdf']), base({ force: true, workers: 1, timeoutMs: 10_000 })));
    expect(run.decks.get('iw2024/c.pdf')?.outcome).toBe('corrupt');
    expect(run.decks.get('iw2024/c.pdf')?.message).toMatch(/longer than 10 s/);
    expect(run.decks.get('iw2024/a.pdf')?.outcome, run.decks.get('iw2024/a.pdf')?.message).toBe('ok');
    expect(run.decks.get('iw2024/b.pdf')?.outcome).toBe('ok');
    expect(run.stats.workerFailures).toBe(1);
  });
  it('a worker that runs out of memory fails only its file, naming the heap limit', async () => {
    const sha = (await ingestDecks(inputs(['a.pdf']), base())).decks.get('iw2024/a.pdf')?.sha256 ?? '';
    const run = await withFaults({ oom: [sha] }, () => ingestDecks(inputs(['b.pdf', 'a.pdf', 'c.pdf']), base({ force: true, workers: 1, workerHeapMB: 256 })));
    expect(run.decks.get('iw2024/a.pdf')?.outcome).toBe('corrupt');
    expect(run.decks.get('iw2024/a.pdf')?.message).toMatch(/out of memory \(worker heap limit 256 MB\)/);
    expect(run.decks.get('iw2024/b.pdf')?.outcome).toBe('ok');
    expect(run.decks.get('iw2024/c.pdf')?.outcome).toBe('ok');
    expect(run.stats.workerFailures).toBe(1);
  });

  it('recycling workers after every file loses no file and changes no text', async () => {
    const steady = await ingestDecks(inputs(['a.pdf', 'b.pdf', 'c.pdf']), base({ cacheDir: false, workers: 1 }));
    const recycled = await ingestDecks(inputs(['a.pdf', 'b.pdf', 'c.pdf']), base({ cacheDir: false, workers: 1, recycleAfter: 1 }));
    for (const id of ['iw2024/a.pdf', 'iw2024/b.pdf', 'iw2024/c.pdf']) {
      expect(recycled.decks.get(id)?.outcome).toBe('ok');
      expect(recycled.decks.get(id)?.pages.map((p) => p.text)).toEqual(steady.decks.get(id)?.pages.map((p) => p.text));
    }
    expect(recycled.stats.workerFailures).toBe(0);
  });
});

describe('without a cache', () => {
  it('parses every time and makes no thumbnails', async () => {
    const one = await ingestDecks(inputs(['a.pdf', 'b.pdf']), base({ cacheDir: false }));
    const two = await ingestDecks(inputs(['a.pdf', 'b.pdf']), base({ cacheDir: false }));
    expect(one.stats.parsed).toBe(2);
    expect(two.stats.parsed).toBe(2);
    expect(two.decks.get('iw2024/a.pdf')?.thumbnails).toEqual([]);
  });
});
