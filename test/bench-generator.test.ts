import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateArchive, KIND_SHARES, planArchive, renderPlannedDeck, SIZES } from '../scripts/tools/bench/generate-archive.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('benchmark archive plan', () => {
  it('has the exact counts of each size and every failure class', () => {
    for (const size of ['tiny', 'small', 'medium', 'full'] as const) {
      const plan = planArchive(size, 1);
      expect(plan.years).toHaveLength(SIZES[size].years);
      expect(plan.programs).toHaveLength(SIZES[size].programs);
      expect(plan.decks).toHaveLength(SIZES[size].decks);
      expect(plan.decks.reduce((sum, d) => sum + d.pages, 0)).toBe(SIZES[size].pages);
      const kinds = new Set(plan.decks.map((d) => d.kind));
      if (size !== 'tiny') for (const kind of Object.keys(KIND_SHARES)) expect(kinds, `${size} ${kind}`).toContain(kind);
      const paths = plan.decks.map((d) => `${d.year}/${d.file}`.toLowerCase());
      expect(new Set(paths).size).toBe(paths.length);
    }
  });

  it('is deterministic from the seed and differs between seeds', () => {
    expect(JSON.stringify(planArchive('small', 7))).toBe(JSON.stringify(planArchive('small', 7)));
    expect(JSON.stringify(planArchive('small', 7))).not.toBe(JSON.stringify(planArchive('small', 8)));
  });

  it('covers 1997–2025 at full size with era-specific file names', () => {
    const plan = planArchive('full', 1);
    expect(plan.years[0]?.year).toBe(1997);
    expect(plan.years.at(-1)?.year).toBe(2025);
    expect(plan.decks.some((d) => d.year === 1999 && /^proceedings\/C\d\d\.PDF$/u.test(d.file))).toBe(true);
    expect(plan.decks.some((d) => d.year === 2008 && /^proceedings\/[FH]\d+\/IW2008-[FH]\d+-\d\d\.pdf$/u.test(d.file))).toBe(true);
  });
});

describe('benchmark archive generation', () => {
  it('renders the same bytes twice and skips up-to-date files on a second run', async () => {
    const plan = planArchive('tiny', 3);
    for (const deck of plan.decks.slice(0, 3)) expect(Buffer.from(renderPlannedDeck(deck)).equals(Buffer.from(renderPlannedDeck(deck)))).toBe(true);

    const out = mkdtempSync(path.join(os.tmpdir(), 'bench-gen-'));
    dirs.push(out);
    const first = await generateArchive({ size: 'tiny', seed: 3, outDir: out, workers: 1 });
    expect(first.rendered).toBe(SIZES.tiny.decks);
    expect(first.skipped).toBe(0);
    const second = await generateArchive({ size: 'tiny', seed: 3, outDir: out, workers: 1 });
    expect(second.rendered).toBe(0);
    expect(second.skipped).toBe(SIZES.tiny.decks);

    // A damaged file is noticed (sha256) and rendered again.
    const victim = path.join(out, 'content', 'materials', String(plan.decks[0]?.year), plan.decks[0]?.file ?? '');
    const bytes = readFileSync(victim);
    writeFileSync(victim, Buffer.concat([bytes.subarray(0, 10), Buffer.from('x'), bytes.subarray(11)]));
    const third = await generateArchive({ size: 'tiny', seed: 3, outDir: out, workers: 1 });
    expect(third.rendered).toBe(1);
    expect(readFileSync(victim).equals(bytes)).toBe(true);

    // A shared archive is only read: a differing file is an error naming the folder, and nothing is written.
    writeFileSync(victim, 'not the planned deck');
    const manifest = readFileSync(path.join(out, 'bench-manifest.json'));
    await expect(generateArchive({ size: 'tiny', seed: 3, outDir: out, workers: 1, readOnly: true })).rejects.toThrow(/1 files differ from the plan of tiny seed 3.*read-only/u);
    expect(readFileSync(victim, 'utf8')).toBe('not the planned deck');
    expect(readFileSync(path.join(out, 'bench-manifest.json')).equals(manifest)).toBe(true);
    writeFileSync(victim, bytes);
    const checked = await generateArchive({ size: 'tiny', seed: 3, outDir: out, workers: 1, readOnly: true });
    expect(checked.skipped).toBe(SIZES.tiny.decks);
  }, 120_000);
});
