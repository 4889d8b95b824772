/**
 * The extract CLI on a directory of real PDFs, JSON on stdout: its main in-process (output
 * captured), and once as a child process, for what only the real process shows (its streams).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../scripts/ingest/extract.ts';
import { runCli } from './helpers/cli.ts';
import { simplePdf } from './helpers/simple-pdf.ts';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../scripts/ingest/extract.ts', import.meta.url));
let root: string;

/** In-process: main(argv, io) run from `root`. */
async function extract(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { status, stdout, stderr } = await runCli(main, args, { cwd: root });
  return { code: status, stdout, stderr };
}

/** As a child process, as a user runs it. */
async function spawnExtract(args: string[], cwd = root): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd, maxBuffer: 64 * 2 ** 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'extract-cli-'));
  await mkdir(path.join(root, 'decks', 'o1'), { recursive: true });
  await writeFile(path.join(root, 'decks', 'o1', 'routing.pdf'), simplePdf(['BGP (routing) in 2024', 'RPKI ROV']));
  await writeFile(path.join(root, 'decks', 'dns.PDF'), simplePdf(['DNS resolver']));
  await writeFile(path.join(root, 'decks', 'broken.pdf'), '<html>Not Found</html>');
  await writeFile(path.join(root, 'decks', 'notes.txt'), 'not a deck');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('extract CLI', () => {
  it('--json prints the documented array for a directory', async () => {
    const { code, stdout } = await extract(['decks', '--json', '--no-cache', '--quiet']);
    expect(code).toBe(0);
    const records = JSON.parse(stdout) as Record<string, unknown>[];
    // *.pdf in any case, recursively, sorted by path; other files ignored.
    expect(records.map((r) => r['file'])).toEqual([path.join('decks', 'broken.pdf'), path.join('decks', 'dns.PDF'), path.join('decks', 'o1', 'routing.pdf')]);
    for (const r of records) {
      expect(Object.keys(r).sort()).toEqual(['bytes', 'file', 'message', 'metadata', 'outcome', 'pageCount', 'pages', 'sha256']);
      expect(r['sha256']).toMatch(/^[0-9a-f]{64}$/);
      expect(typeof r['bytes']).toBe('number');
      expect(typeof r['message']).toBe('string');
    }
    const [broken, , routing] = records;
    expect(broken).toMatchObject({ outcome: 'not-pdf', pageCount: 0, pages: [] });
    expect(routing).toMatchObject({ outcome: 'ok', pageCount: 2 });
    const pages = routing?.['pages'] as Record<string, unknown>[];
    expect(pages.map((p) => Object.keys(p).sort())).toEqual([
      ['flags', 'page', 'raw', 'search', 'text'],
      ['flags', 'page', 'raw', 'search', 'text'],
    ]);
    expect(pages[0]).toMatchObject({ page: 1, flags: [] });
    expect(pages[0]?.['text']).toContain('BGP (routing) in 2024');
    expect(pages[0]?.['search']).toContain('bgp');
  });

  it('prints a human report by default and exits 1 only with --strict', async () => {
    const plain = await extract(['decks/broken.pdf', 'decks/o1/routing.pdf', '--no-cache', '--quiet']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('== decks/broken.pdf');
    expect(plain.stdout).toMatch(/not-pdf · 0 pages/);
    expect(plain.stdout).toContain('-- page 2');
    expect(plain.stdout).toContain('RPKI ROV');
    const strict = await extract(['decks', '--no-cache', '--quiet', '--strict']);
    expect(strict.code).toBe(1);
    const strictOk = await extract(['decks/o1', '--no-cache', '--quiet', '--strict']);
    expect(strictOk.code).toBe(0);
  });

  it('writes to --out, applies --max-pages, keeps progress off stdout', async () => {
    const out = path.join(root, 'out.json');
    const { code, stdout, stderr } = await spawnExtract(['decks/o1/routing.pdf', '--json', '--no-cache', '--max-pages', '1', '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/ingest: 1 files/);
    const [record] = JSON.parse(await readFile(out, 'utf8')) as Record<string, unknown>[];
    expect(record).toMatchObject({ outcome: 'too-large', pageCount: 2 });
  });

  it('rejects bad usage with exit status 2', async () => {
    expect((await extract(['decks', '--max-pages', 'lots'])).code).toBe(2);
    expect((await extract(['no-such-dir'])).code).toBe(2);
    expect((await extract([])).code).toBe(2);
  });
});
