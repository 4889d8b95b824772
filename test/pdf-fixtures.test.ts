/**
 * processPdf on the generated fixture decks (test/fixtures/pdfs.ts): outcomes,
 * phrases, Kangxi folded, overprint once, footer gone, bad page flagged while
 * the others are kept, encryption with and without the password, renders.
 */
import { describe, expect, it } from 'vitest';
import { processPdf } from '../src/lib/pdf/process.ts';
import { FIXTURES, FIXTURE_KINDS, fixturePdf } from './fixtures/pdfs.ts';

const count = (hay: string, needle: string) => hay.split(needle).length - 1;

describe('processPdf on generated fixtures', () => {
  for (const kind of FIXTURE_KINDS) {
    const fx = FIXTURES[kind];
    it(`${kind} → ${fx.outcome}`, async () => {
      const { deck } = await processPdf(await fixturePdf(kind));
      expect(deck.outcome, deck.message).toBe(fx.outcome);
      expect(deck.message).toMatch(/\S.*\.$/u);
      if (fx.outcome !== 'encrypted' && fx.pageCount !== null) expect(deck.pageCount).toBe(fx.pageCount);
      for (const [n, phrases] of Object.entries(fx.cleanPhrases ?? (fx.outcome === 'encrypted' ? {} : fx.phrases))) {
        const page = deck.pages[Number(n) - 1];
        for (const phrase of phrases) {
          if (fx.repeated?.includes(phrase) || /^\d+$/u.test(phrase)) continue; // furniture: removed on purpose
          expect(page?.text, `page ${n}`).toContain(phrase);
        }
      }
      if (fx.cleanPhrases) {
        for (const [n, phrases] of Object.entries(fx.phrases)) {
          for (const phrase of phrases) expect(deck.pages[Number(n) - 1]?.raw).toContain(phrase);
        }
      }
    });
  }

  it('kangxi: radicals in raw, unified ideographs in text and search form', async () => {
    const { deck } = await processPdf(await fixturePdf('kangxi'));
    expect(deck.pages[0]?.raw).toMatch(/[\u2E80-\u2FDF]/u);
    for (const p of deck.pages) {
      expect(p.text).not.toMatch(/[\u2E80-\u2FDF]/u);
      expect(p.search).not.toMatch(/[\u2E80-\u2FDF]/u);
    }
    expect(deck.pages[0]?.search).toContain('利用者の自己紹介');
  });

  it('overprint: each title once in text, twice in raw', async () => {
    const { deck } = await processPdf(await fixturePdf('overprint'));
    FIXTURES.overprint.overprinted?.forEach((title, i) => {
      const page = deck.pages[i];
      expect(count(page?.raw ?? '', title)).toBe(2);
      expect(count(page?.text ?? '', title)).toBe(1);
    });
  });

  it('repeated-footer: "21 3", the copyright line and page numbers are gone, content stays', async () => {
    const { deck } = await processPdf(await fixturePdf('repeated-footer'));
    for (const p of deck.pages) {
      for (const furniture of FIXTURES['repeated-footer'].repeated ?? []) {
        expect(p.text).not.toContain(furniture);
      }
      expect(p.text.split('\n')).not.toContain(String(p.page));
    }
    expect(deck.pages[1]?.raw).toContain('21 3');
    expect(deck.pages[4]?.text).toContain('ご清聴ありがとうございました');
  });

  it('bad-page: page 3 flagged failed with its error, the others kept', async () => {
    const { deck } = await processPdf(await fixturePdf('bad-page'));
    expect(deck.outcome).toBe('partial');
    expect(deck.message).toMatch(/^Page 3 of 5 could not be read/u);
    expect(deck.pages.map((p) => p.flags.includes('failed'))).toEqual([false, false, true, false, false]);
    expect(deck.pages[2]?.error).toBeTruthy();
    expect(deck.pages[4]?.text).toContain('監視が大切です');
  });

  it('encrypted: needs the password, opens with it, says when it is wrong', async () => {
    const data = await fixturePdf('encrypted');
    const none = await processPdf(data);
    expect(none.deck.outcome).toBe('encrypted');
    expect(none.deck.message).toMatch(/none given/u);
    const wrong = await processPdf(data, { password: 'wrong' });
    expect(wrong.deck.outcome).toBe('encrypted');
    expect(wrong.deck.message).toMatch(/wrong/u);
    const right = await processPdf(data, { password: FIXTURES.encrypted.password ?? '' });
    expect(right.deck.outcome).toBe('ok');
    expect(right.deck.pages[1]?.text).toContain('Route Server の構築・運用など');
  });

  it('Japanese spacing: real spaces kept, none added between Japanese characters', async () => {
    for (const kind of ['ja-embedded', 'ja-cmap', 'ja-sjis'] as const) {
      const { deck } = await processPdf(await fixturePdf(kind));
      expect(deck.pages[1]?.text, kind).toContain('2008年10月に JPIX に入社');
      expect(deck.pages[0]?.text, kind).toContain('インターネットトラフィックの流れ');
      expect(deck.pages[0]?.search, kind).toContain('o1 インターネット業界の今');
    }
  });

  it('no-text-layer and garbage messages say what to do', async () => {
    const outlines = await processPdf(await fixturePdf('outlines-only'));
    expect(outlines.deck.message).toMatch(/needs OCR/u);
    const garbage = await processPdf(await fixturePdf('garbage'));
    expect(garbage.deck.pages.every((p) => p.flags.includes('garbage'))).toBe(true);
    expect(garbage.deck.pages.every((p) => !/[\p{Cc}\p{Co}]/u.test(p.text.replace(/\n/gu, '')))).toBe(true);
  });

  it('renders from the same parse: first page or all pages at the requested width', async () => {
    const data = await fixturePdf('ja-cmap');
    const { deck, bitmaps } = await processPdf(data, { render: [{ pages: 'first', width: 480 }, { pages: 'all', width: 160 }] });
    expect(deck.outcome).toBe('ok');
    expect(bitmaps.map((b) => `${b.page}:${b.width}`).sort()).toEqual(['1:160', '1:480', '2:160', '3:160']);
    for (const b of bitmaps) {
      expect(b.rgba.length).toBe(b.width * b.height * 4);
      expect(b.height).toBeGreaterThan(0);
    }
    // Japanese glyphs drawn with a system font: some dark pixels on page 1.
    const big = bitmaps.find((b) => b.width === 480);
    let dark = 0;
    for (let i = 0; i < (big?.rgba.length ?? 0); i += 4) if ((big?.rgba[i] ?? 255) < 128) dark++;
    expect(dark).toBeGreaterThan(100);
  });
});
