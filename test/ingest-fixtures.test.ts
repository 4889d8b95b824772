/**
 * Every generated fixture kind through the whole ingest pipeline in one run (workers, cache,
 * thumbnails): each gets the outcome and page count the fixture promises, and bad ones do not
 * disturb good ones. Then the same set again: nothing is parsed. OCR is off here (the outcomes are
 * those of extraction); test/ocr.test.ts runs the OCR fixtures through Tesseract.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestDecks } from '../scripts/ingest/index.ts';
import type { DeckInput } from '../scripts/ingest/index.ts';
import { FIXTURE_KINDS, FIXTURES, fixturePdf } from './fixtures/pdfs.ts';

let root: string;
let inputs: DeckInput[];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ingest-fixtures-'));
  inputs = [];
  for (const kind of FIXTURE_KINDS) {
    const file = path.join(root, `${kind}.pdf`);
    await writeFile(file, await fixturePdf(kind));
    inputs.push({ id: `fixtures/${kind}`, absolutePath: file });
  }
  inputs.push({ id: 'fixtures/encrypted-with-password', absolutePath: path.join(root, 'encrypted.pdf'), password: 'iw2024' });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('fixtures through ingestDecks', () => {
  it('gives every kind its expected outcome and page count', async () => {
    const cacheDir = path.join(root, 'cache');
    const { decks, stats } = await ingestDecks(inputs, { cacheDir, progress: 'silent', workers: 2, ocr: 'off' });
    expect(stats.parsed).toBe(inputs.length);
    for (const kind of FIXTURE_KINDS) {
      const deck = decks.get(`fixtures/${kind}`);
      const expected = FIXTURES[kind];
      expect({ kind, outcome: deck?.outcome }).toEqual({ kind, outcome: expected.outcome });
      if (expected.pageCount !== null && expected.outcome !== 'encrypted') expect({ kind, pages: deck?.pageCount }).toEqual({ kind, pages: expected.pageCount });
      expect(deck?.message.length).toBeGreaterThan(10);
    }
    const unlocked = decks.get('fixtures/encrypted-with-password');
    expect(unlocked?.outcome).toBe('ok');
    expect(unlocked?.thumbnails).toHaveLength(1);
    // Every deck that opens gets a page-1 thumbnail that is a real WebP of the recorded size.
    for (const [id, deck] of decks) {
      for (const t of deck.thumbnails) {
        const meta = await sharp(t.file).metadata();
        expect({ id, format: meta.format, w: meta.width, h: meta.height }).toEqual({ id, format: 'webp', w: t.width, h: t.height });
      }
    }

    const again = await ingestDecks(inputs, { cacheDir, progress: 'silent', workers: 2, ocr: 'off' });
    expect(again.stats.parsed).toBe(0);
    for (const [id, deck] of again.decks) expect({ id, outcome: deck.outcome }).toEqual({ id, outcome: decks.get(id)?.outcome });
  });
});
