/**
 * Real-world PDFs (pdf.js's own test corpus, see shared/pdf-corpus/README.md).
 * Runs when IW_PDF_CORPUS names that directory (.ci/run sets ../shared/pdf-corpus), and is
 * required under CI (CI=true): a CI run without it fails instead of skipping. The files are not
 * the project's and are never copied into the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processPdf } from '../src/lib/pdf/process.ts';
import type { Outcome } from '../src/lib/pdf/types.ts';

const dir = process.env['IW_PDF_CORPUS'] ? resolve(process.env['IW_PDF_CORPUS']) : undefined;
const present = dir !== undefined && existsSync(join(dir, 'MANIFEST.tsv'));
if (!present && process.env.CI) {
  throw new Error(`corpus.test.ts: the real-PDF corpus is required under CI; IW_PDF_CORPUS is ${dir ?? 'unset'} (expected ../shared/pdf-corpus with its MANIFEST.tsv)`);
}
if (!present) {
  console.warn(
    dir === undefined
      ? 'corpus.test.ts skipped: set IW_PDF_CORPUS to the real-PDF corpus directory (CI: ../shared/pdf-corpus).'
      : `corpus.test.ts skipped: ${dir} has no MANIFEST.tsv.`,
  );
}

interface Expect {
  outcome: Outcome;
  /** Phrases that must appear in the cleaned text (checked in the search form too). */
  phrases?: string[];
  pages?: number;
}

// Outcomes as pdf.js 6 really behaves; phrases checked against poppler's pdftotext.
const EXPECT: Record<string, Expect> = {
  'ja_90ms_rksj_h_sample.pdf': { outcome: 'ok', phrases: ['Hello ASCII', '日本語テスト'] },
  'ja_noembed-sjis.pdf': { outcome: 'ok', phrases: ['あいうえお'] },
  'ja_noembed-eucjp.pdf': { outcome: 'ok', phrases: ['あいうえお'] },
  'ja_noembed-jis7.pdf': { outcome: 'ok', phrases: ['ABC あいうえお 123'] },
  'ja_noembed-identity.pdf': { outcome: 'ok', phrases: ['ABC あいうえお 123'] },
  'ja_vertical.pdf': { outcome: 'ok', phrases: ['あいうえお', '日本語'], pages: 3 },
  'ja_issue13343.pdf': { outcome: 'ok', phrases: ['【要約】', '指定国・地域'], pages: 2 },
  'ja_issue16063.pdf': {
    outcome: 'ok',
    phrases: ['電線接続端子部が次のいずれにも該当しないとき。', 'ねじ止め端子であること。', 'ポリエチレン絶縁電線'],
  },
  'ja_issue16176.pdf': { outcome: 'ok', phrases: ['𠮷'] },
  'en_TAMReview.pdf': { outcome: 'garbage', phrases: ['Overview of the Technology Acceptance Model'], pages: 23 },
  'en_issue6132.pdf': { outcome: 'ok', phrases: ['Efficient Arithmetic in Finite Field Extensions'] },
  'en_issue7014.pdf': { outcome: 'ok', phrases: ['Trace-based Just-in-Time Type Specialization'] },
  'en_issue14438.pdf': { outcome: 'ok', phrases: ['Trace-based Just-in-Time Type Specialization'] },
  'xx_issue20489.pdf': { outcome: 'ok', phrases: ['北斗星', 'REVISION RECORD'] },
  'enc_issue6010_1.pdf': { outcome: 'encrypted' },
  'enc_pr6531_1.pdf': { outcome: 'encrypted' },
  // Owner password only: opens without one. The overprinted "Test" lines come out once.
  'enc_bug900822.pdf': { outcome: 'ok', phrases: ['Pdf Test 1', 'Test test test test test test'] },
  // Its only text is a form field's appearance, which is not page content: no text layer for pdf.js.
  'enc_secHandler.pdf': { outcome: 'no-text-layer' },
  'img_scan-bad.pdf': { outcome: 'ok' }, // a scan with a tiny "pdf.js" text label
  'img_issue7229.pdf': { outcome: 'no-text-layer', pages: 2 },
  'bad_poppler-90-0-fuzzed.pdf': { outcome: 'partial', pages: 16 }, // page 16 is damaged
  'bad_xref_command_missing.pdf': { outcome: 'ok', phrases: ['Reduced test-case'] }, // pdf.js rebuilds the xref
};

const read = (f: string) => new Uint8Array(readFileSync(join(dir ?? '.', f)));

describe.skipIf(!present)('real-PDF corpus', () => {
  it('lists every file of the manifest', () => {
    const manifest = readFileSync(join(dir ?? '.', 'MANIFEST.tsv'), 'utf8')
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t')[0])
      .filter((f): f is string => f !== undefined && f.endsWith('.pdf'));
    expect(manifest.sort()).toEqual(Object.keys(EXPECT).sort());
  });

  for (const [file, want] of Object.entries(EXPECT)) {
    it(`${file} → ${String(want.outcome)}`, async () => {
      const { deck } = await processPdf(read(file), { render: [{ pages: 'first', width: 240 }] });
      expect(deck.outcome, deck.message).toBe(want.outcome);
      expect(deck.message).toMatch(/\S.*\.$/u);
      if (want.pages !== undefined) expect(deck.pageCount).toBe(want.pages);
      const text = deck.pages.map((p) => p.text).join('\n');
      const search = deck.pages.map((p) => p.search).join(' ');
      for (const phrase of want.phrases ?? []) {
        expect(text).toContain(phrase);
        expect(search).toContain(phrase.normalize('NFKC').toLowerCase());
      }
      // Cleaned text carries no Kangxi radicals, controls or private-use characters.
      expect(text).not.toMatch(/[\u2E80-\u2FDF\uE000-\uF8FF\u0000-\u0008]/u);
    });
  }

  it('enc_issue6010_1 opens with the user password and says when it is wrong', async () => {
    const ok = await processPdf(read('enc_issue6010_1.pdf'), { password: 'abc' });
    expect(ok.deck.outcome).toBe('ok');
    expect(ok.deck.pages[0]?.text).toContain('Issue 6010');
    const wrong = await processPdf(read('enc_issue6010_1.pdf'), { password: 'nope' });
    expect(wrong.deck.outcome).toBe('encrypted');
    expect(wrong.deck.message).toMatch(/wrong/u);
    const none = await processPdf(read('enc_issue6010_1.pdf'));
    expect(none.deck.message).toMatch(/none given/u);
  });

  it('names the failing page of the fuzzed file', async () => {
    const { deck } = await processPdf(read('bad_poppler-90-0-fuzzed.pdf'));
    // One expected outcome, asserted (not a branch that could skip the checks).
    expect(deck.outcome).toBe('partial');
    expect(deck.pages.filter((p) => p.flags.includes('failed')).map((p) => p.page)).toEqual([16]);
    expect(deck.message).toContain('Page 16 of 16');
    expect(deck.pages.filter((p) => !p.flags.includes('failed'))).toHaveLength(15);
  });

  it('renders Japanese first pages to bitmaps of the requested width', async () => {
    const { bitmaps } = await processPdf(read('ja_90ms_rksj_h_sample.pdf'), { render: [{ pages: 'first', width: 320 }] });
    expect(bitmaps[0]?.width).toBe(320);
    expect(bitmaps[0]?.rgba.length).toBe(320 * (bitmaps[0]?.height ?? 0) * 4);
  });
});
