import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestRatios, type CommandRun } from '../scripts/tools/bench/ingest.ts';
import { buildPhases } from '../scripts/tools/bench/phases.ts';
import { writeBarePage, writeShellPage } from '../scripts/tools/bench/search-browser.ts';

const lines = (marks: [number, string][]) => marks.map(([at, line]) => ({ at, line }));
const sum = (phases: Record<string, number>) => Object.values(phases).reduce((a, b) => a + b, 0);

describe('benchmark build phases', () => {
  it('counts each phase of a build once, from its "phase:" lines, adding up to the whole', () => {
    // A build whose search step logs a line per shard and a summary line: both inside one phase.
    const measured = {
      ms: 9500,
      lines: lines([
        [100, 'content: 3 years, 30 programs, 60 decks, 0 problems, 0 notices'],
        [500, 'phase: ingest'],
        [2500, 'phase: pages'],
        [6000, 'phase: search'],
        [7000, 'search: pagefind 2023–2025: 110 pages, 80853 characters, 1.0 s, peak 41 MB'],
        [7900, 'search: 1 shard (0 reused, 1 indexed), 1.9 s'],
        [8000, 'phase: manifest'],
        [9000, 'built dist/: 30 programs …'],
      ]),
    };
    const { phases, source } = buildPhases(measured, undefined);
    expect(source).toBe('log');
    expect(phases).toEqual({ startup: 500, ingest: 2000, pagesAndCopies: 3500, search: 2000, finish: 1000, other: 500 });
    expect(sum(phases)).toBe(9500);
  });

  it("prefers the build report's per-phase times and its build kind, the rest as other", () => {
    // The shape scripts/build/report.ts writes: stats.build.kind and stats.phases.
    const report = { stats: { build: { kind: 'incremental', reason: 'decks changed', rendered: 40, carried: 900 }, phases: { content: 1200, pages: 3000, search: 2500 } } };
    const { phases, source, kind } = buildPhases({ ms: 8000, lines: lines([[500, 'phase: ingest']]) }, report);
    expect(source).toBe('report');
    expect(kind).toBe('incremental');
    expect(phases).toEqual({ content: 1200, pages: 3000, search: 2500, other: 1300 });
    // Phases given as a list are read too.
    expect(buildPhases({ ms: 1000, lines: [] }, { stats: { phases: [{ name: 'ingest', ms: 400 }] } }).phases).toEqual({ ingest: 400, other: 600 });
  });

  it('reports a build skipped because nothing changed, with its whole time in one phase', () => {
    const { phases, kind } = buildPhases({ ms: 1800, lines: lines([[1700, 'built dist/: nothing changed']]) }, { stats: { build: { kind: 'skipped', reason: 'nothing changed' }, phases: { check: 900 } } });
    expect(kind).toBe('skipped');
    expect(phases).toEqual({ check: 900, other: 900 });
    // A report without a kind (the build before it had kinds): the phases from the log, no kind.
    expect(buildPhases({ ms: 1800, lines: [] }, { stats: {} }).kind).toBeUndefined();
  });
});

describe('benchmark ratios', () => {
  it('divides our time by poppler’s: above 1 we are slower', () => {
    const run = (ms: number, cpuMs = ms): CommandRun => ({ ms, cpuMs, maxRssMB: 10, exit: 0 });
    const ratios = ingestRatios({ oursText: run(2700, 5400), pdftotext: run(1000, 2000), oursThumb: run(3000), pdftoppm: run(2000) });
    expect(ratios.text).toBeCloseTo(2.7);
    expect(ratios.textCpu).toBeCloseTo(2.7);
    expect(ratios.thumb).toBeCloseTo(1);
  });
});

describe('first-search pages of the benchmark', () => {
  it("writes the shell: our search page as built with the bare page's script in place of its own", () => {
    const site = mkdtempSync(path.join(os.tmpdir(), 'iw-shell-'));
    try {
      mkdirSync(path.join(site, 'search'));
      writeFileSync(
        path.join(site, 'search', 'index.html'),
        `<!DOCTYPE html><html lang="ja"><head><script type="module">ourSearchPage()</script><meta http-equiv="content-security-policy" content="script-src 'sha256-x'"><style>.a{}</style></head><body><header>Internet Week アーカイブ</header><div id="search"><ol id="search-results"></ol></div><script src="../assets/disk-finder.js" defer></script></body></html>`,
      );
      writeShellPage(site);
      writeBarePage(site);
      const shell = readFileSync(path.join(site, 'shell', 'index.html'), 'utf8');
      const bare = readFileSync(path.join(site, 'bare', 'index.html'), 'utf8');
      expect(shell).not.toContain('ourSearchPage');
      expect(shell).not.toContain('content-security-policy');
      // The page around the script stays as built; the script is the bare page's, drawing into our result list.
      expect(shell).toContain('<header>Internet Week アーカイブ</header>');
      expect(shell).toContain('<style>.a{}</style>');
      expect(shell).toContain('src="../assets/disk-finder.js"');
      expect(shell).toContain("document.getElementById('search-results').append(li)");
      const script = (html: string) => /<script type="module">([\s\S]*?)<\/script>/u.exec(html)?.[1]?.replace(/'(search-results|out)'/gu, "'list'");
      expect(script(shell)).toBe(script(bare));
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });
});
