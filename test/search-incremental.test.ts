/**
 * The incremental search index (scripts/search/cache.ts) with real Pagefind: a small
 * built folder of program pages over several years, indexed into several shards
 * (tiny shardChars), then indexed again with the same, changed or damaged cache.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, type SearchIndexResult } from '../scripts/search/index.ts';
import type { SearchPage } from '../src/lib/search/describe.ts';
import { buildSite } from './helpers/build.ts';
import { SEARCH_FIXTURE, searchFixtureSite } from './helpers/sample-site.ts';

const YEARS = [2003, 2012, 2019, 2024];
/** A shard's entry in the search cache: its key (the cache also keeps iw-pages.json, the page counts). */
const SHARD_ENTRY = /^[0-9a-f]{64}$/u;

function pageOf(year: number, code: string): SearchPage {
  return {
    path: `/${year}/${code}/`,
    kind: 'program',
    year,
    date: `${year}-11-20`,
    filters: { year: [String(year)], kind: ['program'] },
    meta: { title: `${code.toUpperCase()} ${year}`, kind: 'program' },
    regions: [],
  };
}

function htmlOf(title: string, text: string): string {
  return `<!doctype html><html lang="ja"><head><title>${title}</title></head><body><header>ナビ</header><main id="main" data-pagefind-body><h1 data-pagefind-weight="10">${title}</h1><p>${text}</p></main></body></html>`;
}

/** A built folder with two program pages a year; `texts` overrides a page's text by path. */
function site(texts: Record<string, string> = {}): { outDir: string; pages: SearchPage[] } {
  const outDir = path.join(mkdtempSync(path.join(tmpdir(), 'iw-search-inc-')), 'dist');
  const pages: SearchPage[] = [];
  for (const year of YEARS) {
    for (const [code, text] of [
      ['t1', `${year}年のBGPルーティング入門。経路制御プロトコルの基礎を学びます。`],
      ['s2', `${year}年のDNSサーバ構築ハンズオン。キャッシュサーバと権威サーバ。`],
    ] as const) {
      const page = pageOf(year, code);
      const file = path.join(outDir, String(year), code, 'index.html');
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, htmlOf(`${code.toUpperCase()} ${year}`, texts[page.path] ?? text));
      pages.push(page);
    }
  }
  return { outDir, pages };
}

/** Every file under `dir` with its bytes, by relative path. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file), readFileSync(file).toString('base64'));
  }
  return files;
}

async function index(outDir: string, pages: SearchPage[], cacheDir?: string): Promise<SearchIndexResult> {
  const result = await buildSearchIndex({ outDir, pages, shardChars: 60, ...(cacheDir ? { cacheDir } : {}) });
  expect(result.problems).toEqual([]);
  return result;
}

describe('incremental search index', { timeout: 120_000 }, () => {
  it('writes the same bytes when Pagefind indexes the same input twice (no cache)', async () => {
    const first = site();
    const second = site();
    await index(first.outDir, first.pages);
    await index(second.outDir, second.pages);
    expect(snapshot(second.outDir)).toEqual(snapshot(first.outDir));
  });

  it('reuses every shard of an unchanged input and writes identical bytes', async () => {
    const cacheDir = path.join(mkdtempSync(path.join(tmpdir(), 'iw-search-cache-')), 'search');
    const plain = site();
    await index(plain.outDir, plain.pages);

    const first = site();
    const cold = await index(first.outDir, first.pages, cacheDir);
    expect(cold.stats.shards.length).toBeGreaterThan(2);
    expect(cold.stats).toMatchObject({ reused: 0, indexed: cold.stats.shards.length });
    expect(snapshot(first.outDir)).toEqual(snapshot(plain.outDir));

    // Same folder again (the old bundles are replaced) and a fresh folder.
    const again = await index(first.outDir, first.pages, cacheDir);
    expect(again.stats).toMatchObject({ reused: cold.stats.shards.length, indexed: 0 });
    expect(again.stats.pages).toBe(cold.stats.pages);
    expect(again.stats.chars).toBe(cold.stats.chars);
    expect(snapshot(first.outDir)).toEqual(snapshot(plain.outDir));
    const fresh = site();
    const warm = await index(fresh.outDir, fresh.pages, cacheDir);
    expect(warm.stats.indexed).toBe(0);
    expect(snapshot(fresh.outDir)).toEqual(snapshot(plain.outDir));
    // Only the entries of the latest build are kept.
    expect(readdirSync(cacheDir).filter((name) => SHARD_ENTRY.test(name)).length).toBe(cold.stats.shards.length);
  });

  it('re-indexes only the shard of the year whose text changed', async () => {
    const cacheDir = path.join(mkdtempSync(path.join(tmpdir(), 'iw-search-cache-')), 'search');
    const before = site();
    const cold = await index(before.outDir, before.pages, cacheDir);
    const shardOf2019 = cold.stats.shards.find((shard) => shard.years[0] <= 2019 && 2019 <= shard.years[1]);
    expect(shardOf2019).toBeDefined();

    const changed = { '/2019/s2/': '2019年の変更された説明文。RPKIによる経路の起源検証。' };
    const after = site(changed);
    const warm = await index(after.outDir, after.pages, cacheDir);
    expect(warm.stats.shards.map((shard) => shard.years)).toEqual(cold.stats.shards.map((shard) => shard.years));
    expect(warm.stats.shards.filter((shard) => !shard.reused).map((shard) => shard.dir)).toEqual([shardOf2019?.dir]);
    expect(warm.stats).toMatchObject({ indexed: 1, reused: cold.stats.shards.length - 1 });

    // The same bytes as indexing the changed site without a cache.
    const plain = site(changed);
    await index(plain.outDir, plain.pages);
    expect(snapshot(after.outDir)).toEqual(snapshot(plain.outDir));
    // And the old entry for that shard is gone: one entry per shard.
    expect(readdirSync(cacheDir).filter((name) => SHARD_ENTRY.test(name)).length).toBe(cold.stats.shards.length);
  });

  it('ignores a corrupted or partial cache entry and rebuilds it', async () => {
    const cacheDir = path.join(mkdtempSync(path.join(tmpdir(), 'iw-search-cache-')), 'search');
    const plain = site();
    await index(plain.outDir, plain.pages);
    const first = site();
    const cold = await index(first.outDir, first.pages, cacheDir);
    const entries = readdirSync(cacheDir).filter((name) => SHARD_ENTRY.test(name)).sort();
    expect(entries.length).toBeGreaterThan(2);

    // Entry 0: one file's bytes changed; entry 1: one file missing; entry 2: its file list missing.
    const filesOf = (entry: string) =>
      readdirSync(path.join(cacheDir, entry), { withFileTypes: true, recursive: true })
        .filter((item) => item.isFile() && item.name !== 'iw-cache.json')
        .map((item) => path.join(item.parentPath, item.name))
        .sort();
    const [damaged, partial, unlisted] = entries as [string, string, string];
    const victim = filesOf(damaged).find((file) => file.endsWith('.pf_meta')) ?? filesOf(damaged)[0] ?? '';
    const bytes = readFileSync(victim);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    writeFileSync(victim, bytes);
    rmSync(filesOf(partial).at(-1) ?? '');
    rmSync(path.join(cacheDir, unlisted, 'iw-cache.json'));
    // A temporary folder left by an interrupted run is never read, and is cleaned up.
    mkdirSync(path.join(cacheDir, `.tmp-${entries[0]}-999999999-1`), { recursive: true });

    const again = site();
    const warm = await index(again.outDir, again.pages, cacheDir);
    expect(warm.stats).toMatchObject({ indexed: 3, reused: cold.stats.shards.length - 3 });
    expect(snapshot(again.outDir)).toEqual(snapshot(plain.outDir));
    expect(readdirSync(cacheDir).filter((name) => !name.startsWith('.')).sort()).toEqual([...entries, 'iw-pages.json'].sort());

    // The rebuilt entries are whole again.
    const third = site();
    const hot = await index(third.outDir, third.pages, cacheDir);
    expect(hot.stats.indexed).toBe(0);
    expect(snapshot(third.outDir)).toEqual(snapshot(plain.outDir));
  });
});

describe('incremental search index in the build', { timeout: 300_000 }, () => {
  it('rebuilds an unchanged site from the search cache with the same bytes, and logs the counts', () => {
    // The first build is the run's shared build of the search fixture (cold caches of its own).
    const first = searchFixtureSite();
    expect(first.status, first.stderr).toBe(0);
    const summary = /search: (\d+) shards \((\d+) reused, (\d+) indexed\)/u;
    const [, shards, reused] = summary.exec(first.stderr) ?? [];
    expect(Number(shards)).toBeGreaterThan(1);
    expect(reused).toBe('0');
    expect(existsSync(path.join(path.dirname(first.cacheDir), 'search'))).toBe(true);

    // The same content again, on the same caches, into a folder of this test's own.
    const work = mkdtempSync(path.join(tmpdir(), 'iw-search-build-'));
    const second = buildSite({
      content: first.content,
      workDir: work,
      outDir: path.join(work, 'dist-2'),
      cacheDir: first.cacheDir,
      base: SEARCH_FIXTURE.base,
      quiet: false,
      args: ['--thumbs', 'first'],
      env: { IW_SEARCH_SHARD_CHARS: String(SEARCH_FIXTURE.shardChars) },
    });
    expect(second.status, second.stderr).toBe(0);
    expect(summary.exec(second.stderr)?.slice(1)).toEqual([shards, shards, '0']);
    expect(readFileSync(path.join(second.outDir, 'MANIFEST.sha256'), 'utf8')).toBe(readFileSync(path.join(first.outDir, 'MANIFEST.sha256'), 'utf8'));
    expect(snapshot(second.outDir)).toEqual(snapshot(first.outDir));
  });
});
