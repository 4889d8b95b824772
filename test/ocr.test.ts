/**
 * OCR with the real engine: generated decks (a scan, Japanese drawn as outlines, outlines behind
 * a thin Latin text layer) through pdf.js, the ingest worker pool and Tesseract. Skipped, saying
 * so, only when Tesseract is missing outside CI; under CI it must run.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as extractMain } from '../scripts/ingest/extract.ts';
import { ingestDecks } from '../scripts/ingest/index.ts';
import { findOcrEngine } from '../scripts/ocr/engine.ts';
import { characterAccuracy } from '../src/lib/ocr/accuracy.ts';
import { processPdf } from '../src/lib/pdf/process.ts';
import { deckPdf, FIXTURES, fixturePdf, OCR_COPYRIGHT, type FixtureKind } from './fixtures/pdfs.ts';
import { runCli } from './helpers/cli.ts';

const engine = findOcrEngine('auto');
if (!engine.available && !process.env.CI) console.warn(`test/ocr.test.ts: real-OCR tests skipped: ${engine.reason}`);
const withTesseract = describe.skipIf(!engine.available && !process.env.CI);

const OCR_KINDS: FixtureKind[] = ['scan-ja', 'outlines-mixed', 'outlines-only'];
let root: string;
const files: Partial<Record<FixtureKind, string>> = {};

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ocr-test-'));
  for (const kind of [...OCR_KINDS, 'ja-embedded' as const]) {
    files[kind] = path.join(root, `${kind}.pdf`);
    await writeFile(files[kind] ?? '', await fixturePdf(kind));
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('pages that lack their text (pdf.js only, no OCR)', () => {
  it('flags scans, outlined pages and outlines behind a thin Latin layer needs-ocr, with the reason', async () => {
    const scan = await processPdf(await fixturePdf('scan-ja'));
    expect(scan.deck.outcome).toBe('no-text-layer');
    expect(scan.deck.pages.map((p) => p.flags)).toEqual([['no-text', 'needs-ocr'], ['no-text', 'needs-ocr'], ['no-text', 'needs-ocr']]);
    expect(scan.deck.pages[0]?.ocrReason).toMatch(/image covers 100 % of the page \(a scan\)/u);

    const mixed = await processPdf(await fixturePdf('outlines-mixed'));
    // The text layer holds the copyright and bullets, so it looks "ok" to extraction alone…
    expect(mixed.deck.outcome).toBe('ok');
    expect(mixed.deck.pages[1]?.raw).toContain(OCR_COPYRIGHT);
    expect(mixed.deck.pages[1]?.raw).toContain('•');
    // …but every page is found to lack its Japanese, and the message says so.
    for (const page of mixed.deck.pages) {
      expect(page.flags).toContain('needs-ocr');
      expect(page.ocrReason).toMatch(/glyph-like shapes are drawn as outlines/u);
    }
    expect(mixed.deck.message).toMatch(/Pages 1–3 lack their text .* need OCR/u);

    const outlines = await processPdf(await fixturePdf('outlines-only'));
    expect(outlines.deck.pages.every((p) => p.flags.includes('needs-ocr') && /no text layer; \d+ glyph-like shapes/u.test(p.ocrReason ?? ''))).toBe(true);
  });

  it('finds an outlined page and a scan among ordinary Japanese and English slides, and only those', async () => {
    const deck = await processPdf(
      await deckPdf({
        copyright: OCR_COPYRIGHT,
        pageNumbers: true,
        slides: [
          { title: 'インターネットの相互接続', lines: ['IX とトランジットの違い'] },
          // Japanese as outlines; the Latin copyright and page number stay text (more than a scan's label).
          { title: '経路制御の基礎', lines: ['BGP の経路広告と経路フィルタ', 'RPKI による起源検証'], kind: 'outlines-mixed' },
          { title: 'Peering basics', lines: ['Route servers at the IX'] },
          { title: '運用の記録', lines: ['障害対応の手順'], kind: 'scan' },
          { title: '質疑応答' },
        ],
      }),
    );
    expect(deck.deck.pages.map((p) => p.flags)).toEqual([[], ['needs-ocr'], [], ['no-text', 'needs-ocr'], []]);
    expect(deck.deck.pages[1]?.ocrReason).toMatch(/^the text layer has only \d+ letters and digits, but \d+ glyph-like shapes are drawn as outlines$/u);
    expect(deck.deck.pages[3]?.ocrReason).toBe('no text layer; an image covers 100 % of the page (a scan)');
  });

  it('leaves pages with a real text layer alone', async () => {
    const deck = await processPdf(await fixturePdf('ja-embedded'));
    expect(deck.deck.pages.some((p) => p.flags.includes('needs-ocr') || p.ocrReason !== undefined)).toBe(false);
  });
});

withTesseract('OCR with Tesseract', () => {
  it('reads every kind, flags the pages ocr with a confidence, keeps the raw OCR, drops the repeated footer; cached afterwards', async () => {
    const cacheDir = path.join(root, 'cache');
    const inputs = OCR_KINDS.map((kind) => ({ id: kind, absolutePath: files[kind] ?? '' }));
    const first = await ingestDecks(inputs, { cacheDir, progress: 'silent', workers: 2 });
    expect(first.stats.ocr?.engine).toMatch(/^tesseract \d/u);
    for (const kind of OCR_KINDS) {
      const deck = first.decks.get(kind);
      expect({ kind, outcome: deck?.outcome }).toEqual({ kind, outcome: 'ok' });
      expect(deck?.message).toMatch(/read by OCR \(mean confidence \d+ %; it may contain errors\)/u);
      const expected = FIXTURES[kind].visibleText ?? {};
      const accuracies: number[] = [];
      for (const page of deck?.pages ?? []) {
        expect({ kind, page: page.page, flags: page.flags }).toEqual({ kind, page: page.page, flags: ['ocr'] });
        expect(page.confidence).toBeGreaterThan(0.6);
        expect(page.ocrRaw?.length).toBeGreaterThan(0);
        // Japanese comes out without Tesseract's spaces, and the footer is gone.
        expect(page.text).not.toMatch(/[ぁ-んァ-ヶ一-龯] [ぁ-んァ-ヶ一-龯]/u);
        expect(page.text).not.toMatch(/Copyright|Corporation/u);
        const accuracy = characterAccuracy((expected[page.page] ?? []).join(''), page.text);
        accuracies.push(accuracy);
        // A large coloured title can be misread (measured: 「StackStorm IC Kk Z#」 for 「StackStorm による運用自動化」).
        expect({ kind, page: page.page, accuracy: accuracy > 0.7 }).toEqual({ kind, page: page.page, accuracy: true });
      }
      const mean = accuracies.reduce((sum, a) => sum + a, 0) / accuracies.length;
      expect({ kind, meanAccuracy: mean > 0.85 }).toEqual({ kind, meanAccuracy: true });
    }
    // The word only the outlined page 3 shows is in its text, and searchable.
    const mixed = first.decks.get('outlines-mixed');
    expect(mixed?.pages[2]?.text).toContain('構成の切り替え');
    expect(mixed?.pages[2]?.search).toContain('構成の切り替え');

    const again = await ingestDecks(inputs, { cacheDir, progress: 'silent', workers: 2 });
    expect(again.stats.parsed).toBe(0);
    expect(again.decks.get('scan-ja')?.pages[0]?.text).toBe(first.decks.get('scan-ja')?.pages[0]?.text);
  });

  it('is what npm run extract -- --json shows: page flag "ocr", confidence, ocrReason, ocrRaw', async () => {
    const out = path.join(root, 'extract.json');
    // On the cache the test above filled: the CLI shows what OCR stored, without reading the pages again.
    const cacheDir = path.join(root, 'cache');
    expect((await runCli(extractMain, [files['outlines-mixed'] ?? '', '--json', '--cache', cacheDir, '--quiet', '--out', out])).status).toBe(0);
    const [record] = JSON.parse(await readFile(out, 'utf8')) as { pages: { flags: string[]; confidence: number; ocrReason: string; ocrRaw: string; text: string }[] }[];
    const page = record?.pages[1];
    expect(page?.flags).toEqual(['ocr']);
    expect(page?.confidence).toBeGreaterThan(0.6);
    expect(page?.ocrReason).toMatch(/outlines/u);
    expect(page?.ocrRaw).toContain('Copyright');
    expect(page?.text).toContain('プラグイン');
  });
});

describe('without Tesseract', () => {
  it('still extracts, flags the pages needs-ocr and says how to install it', async () => {
    const previous = process.env.IW_TESSERACT;
    process.env.IW_TESSERACT = path.join(root, 'no-such-tesseract');
    try {
      const { decks, stats } = await ingestDecks([{ id: 'mixed', absolutePath: files['outlines-mixed'] ?? '' }], { cacheDir: false, progress: 'silent', workers: 1 });
      expect(stats.ocr?.engine).toBeNull();
      expect(stats.ocr?.unavailable).toMatch(/Tesseract not found .*apt-get install tesseract-ocr tesseract-ocr-jpn tesseract-ocr-jpn-vert tesseract-ocr-eng/u);
      expect(decks.get('mixed')?.pages.every((p) => p.flags.includes('needs-ocr'))).toBe(true);
    } finally {
      if (previous === undefined) delete process.env.IW_TESSERACT;
      else process.env.IW_TESSERACT = previous;
    }
  });
});
