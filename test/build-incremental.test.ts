/**
 * Rebuilds that cost what changed (scripts/build/state.ts, scripts/build/plan.ts), checked against
 * the real build: a small generated archive (the search fixture: four years, three real PDF decks)
 * is built, changed, and built again over the previous output; the result must be byte for byte
 * the site a cold build of the same content makes (another output folder and cache, no record).
 */
import { copyFileSync, cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureContent } from './e2e/fixture.ts';
import { buildSite, type BuiltSite } from './helpers/build.ts';

/** Every file under `dir`: relative path → bytes (base64). */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file).split(path.sep).join('/'), readFileSync(file).toString('base64'));
  }
  return files;
}

/** Inode and mtime of every file: what a build that writes nothing leaves as it was. */
function stamps(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const stat = statSync(path.join(entry.parentPath, entry.name), { bigint: true });
    files.set(path.relative(dir, path.join(entry.parentPath, entry.name)), `${stat.ino}:${stat.mtimeNs}`);
  }
  return files;
}

/** Paths whose bytes differ, are missing or are extra in `actual` (an empty list when identical). */
function differences(actual: Map<string, string>, expected: Map<string, string>): string[] {
  const names = new Set([...actual.keys(), ...expected.keys()]);
  return [...names].filter((name) => actual.get(name) !== expected.get(name)).sort();
}

describe('incremental rebuilds', { timeout: 600_000 }, () => {
  let content: string;
  let work: string;
  const build = (): BuiltSite => {
    const site = buildSite({ content, workDir: work, cacheDir: path.join(work, 'cache', 'pdf') });
    expect(site.status, site.stderr).toBe(0);
    return site;
  };
  /**
   * A cold build of the current content: its own output folder and caches, no previous output.
   * The first one also parses every PDF afresh; the later ones start from a copy of its PDF cache
   * (not its search cache), since no PDF's bytes change after the first change: a stale entry
   * could only hide in the incremental build's cache, which the references never see.
   */
  let coldPdfCache: string | undefined;
  const cold = (): BuiltSite => {
    const coldWork = mkdtempSync(path.join(tmpdir(), 'iw-cold-'));
    const cacheDir = path.join(coldWork, 'cache', 'pdf');
    if (coldPdfCache) cpSync(coldPdfCache, cacheDir, { recursive: true });
    const site = buildSite({ content, workDir: coldWork, cacheDir });
    expect(site.status, site.stderr).toBe(0);
    expect(site.report.stats.build?.kind).toBe('full');
    if (!coldPdfCache) expect(site.report.stats.ingest?.cached).toBe(0);
    coldPdfCache = cacheDir;
    return site;
  };
  const programFile = () => path.join(content, 'programs', '2024', 't1.md');

  beforeAll(async () => {
    content = await fixtureContent();
    work = mkdtempSync(path.join(tmpdir(), 'iw-incremental-'));
    const first = build();
    expect(first.report.stats.build?.kind).toBe('full');
  });

  it('skips a build when nothing changed: no page rendered, no file of the output touched, the report says so', () => {
    const before = stamps(path.join(work, 'dist'));
    const site = build();
    expect(site.report.stats.build?.kind).toBe('skipped');
    expect(stamps(site.outDir)).toEqual(before);
    expect(readFileSync(path.join(site.reportDir, 'build-report.md'), 'utf8')).toContain('Build: skipped');
  });

  it('after a deck changes, renders only the pages that read it and writes the bytes of a cold build', () => {
    // A deck replaced by another PDF, as a publisher correcting a file would.
    copyFileSync(path.join(content, 'materials', '2012', 'h3-dns.pdf'), path.join(content, 'materials', '2024', 't1-yamada.pdf'));
    const site = build();
    expect(site.report.stats.build?.kind).toBe('incremental');
    expect(site.report.stats.build?.carried).toBeGreaterThan(0);
    // The other years' pages and the speaker pages are carried over, not rendered.
    const reference = cold();
    expect(reference.report.stats.build?.rendered).toBeGreaterThan(site.report.stats.build?.rendered ?? Infinity);
    expect(differences(snapshot(site.outDir), snapshot(reference.outDir))).toEqual([]);
    expect(site.report.problems).toEqual(reference.report.problems);
  });

  it("after a program's front matter changes, writes the bytes of a cold build", () => {
    writeFileSync(programFile(), readFileSync(programFile(), 'utf8').replace('title: BGPルーティング入門', 'title: BGPルーティング入門（改訂）'));
    const site = build();
    expect(['full', 'incremental']).toContain(site.report.stats.build?.kind);
    const reference = cold();
    expect(differences(snapshot(site.outDir), snapshot(reference.outDir))).toEqual([]);
    expect(readFileSync(path.join(site.outDir, '2024', 't1', 'index.html'), 'utf8')).toContain('BGPルーティング入門（改訂）');
  });

  it('after a deck is deleted, its pages and files are gone and the output is that of a cold build', () => {
    const text = readFileSync(programFile(), 'utf8');
    const withoutDeck = text.replace('materials:\n  - file: t1-yamada.pdf\n    title: BGPルーティング入門 資料\n', '');
    expect(withoutDeck).not.toContain('t1-yamada.pdf');
    writeFileSync(programFile(), withoutDeck);
    rmSync(path.join(content, 'materials', '2024', 't1-yamada.pdf'));
    const site = build();
    const reference = cold();
    expect(differences(snapshot(site.outDir), snapshot(reference.outDir))).toEqual([]);
    expect([...snapshot(site.outDir).keys()].some((name) => name.includes('t1-yamada'))).toBe(false);
  });
});
