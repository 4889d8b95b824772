import { describe, expect, it } from 'vitest';
import { dropOverprinted, layoutLines, rawText, type TextItemLike } from '../src/lib/pdf/layout.ts';
import { deckVerdict, garbageShare, hasPdfHeader, isGarbage, listPages, sniffKind, stripBadChars } from '../src/lib/pdf/quality.ts';
import type { PageText } from '../src/lib/pdf/types.ts';

/** A text item: `size` pt, origin (x, y) in PDF space (y up), width from a per-char advance. */
function item(str: string, x: number, y: number, opts: { size?: number; eol?: boolean; adv?: number; font?: string } = {}): TextItemLike {
  const size = opts.size ?? 20;
  const adv = opts.adv ?? size;
  return { str, transform: [size, 0, 0, size, x, y], width: Array.from(str).length * adv, height: size, hasEOL: opts.eol ?? false, ...(opts.font ? { fontName: opts.font } : {}) };
}
/** Vertical text: pdf.js accumulates the advance in `height`. */
function vitem(str: string, x: number, y: number): TextItemLike {
  return { str, transform: [20, 0, 0, 20, x, y], width: 20, height: Array.from(str).length * 20, hasEOL: false, fontName: 'v' };
}
const page = { pageWidth: 960, pageHeight: 540 };

describe('layoutLines', () => {
  it('breaks lines on hasEOL and on baseline changes', () => {
    const lines = layoutLines(
      [item('自己紹介', 50, 480, { eol: true }), item('馬渡 将隆', 50, 400), item('JPIX', 50, 360, { adv: 10 })],
      page,
    );
    expect(lines.map((l) => l.text)).toEqual(['自己紹介', '馬渡 将隆', 'JPIX']);
    expect(lines[0]?.y).toBeCloseTo(60 / 540, 3);
    expect(lines[2]?.y).toBeGreaterThan(lines[1]?.y ?? 1);
  });
  it('drops gap spaces between Japanese characters but keeps real spaces', () => {
    const items = [
      item('インターネット', 50, 300),
      item(' ', 190, 300, { adv: 5 }),
      item('トラフィック', 200, 300),
      item('Route', 50, 250, { adv: 10 }),
      item(' ', 100, 250, { adv: 5 }),
      item('Server', 105, 250, { adv: 10 }),
      item('のサービス', 171, 250),
    ];
    expect(layoutLines(items, page).map((l) => l.text)).toEqual(['インターネットトラフィック', 'Route Server のサービス']);
  });
  it('inserts a space for a wide gap between Latin words drawn as separate items', () => {
    expect(layoutLines([item('IX', 50, 100, { adv: 10 }), item('technical', 90, 100, { adv: 10 })], page)[0]?.text).toBe('IX technical');
    expect(layoutLines([item('IX', 50, 100, { adv: 10 }), item('-based', 70, 100, { adv: 10 })], page)[0]?.text).toBe('IX-based');
  });
  it('keeps vertical text in one column per line', () => {
    const v = new Set(['v']);
    const lines = layoutLines(
      [vitem('あいう', 500, 400), vitem('えお', 500, 340), vitem('日本語', 460, 400)],
      { ...page, verticalFonts: v },
    );
    expect(lines.map((l) => l.text)).toEqual(['あいうえお', '日本語']);
  });
  it('removes overprinted items: the same string drawn again a hair away', () => {
    const lines = layoutLines([item('タイトル', 50, 480), item('タイトル', 50.5, 480.3), item('本文', 50, 400)], page);
    expect(lines.map((l) => l.text)).toEqual(['タイトル', '本文']);
  });
  it('removes glyphs drawn two or three times and grouped oddly by pdf.js', () => {
    // "Test" with each glyph drawn three times, as in enc_bug900822.
    const adv = 9;
    const items = [item('T', 100, 100, { adv }), item('T', 100.2, 100.4, { adv }), item('Te', 100.1, 100.2, { adv }), item('e', 109.1, 100.1, { adv }), item('es', 109.2, 100.4, { adv }), item('s', 118, 100.1, { adv }), item('st', 118.2, 100.3, { adv }), item('t', 127.1, 100, { adv })];
    expect(layoutLines(items, page).map((l) => l.text)).toEqual(['Test']);
  });
  it('keeps identical neighbouring glyphs ("ll", "ーー")', () => {
    expect(dropOverprinted([item('all', 10, 10, { adv: 6 })]).map((i) => i.str)).toEqual(['all']);
    expect(layoutLines([item('サーバーー', 10, 10)], page)[0]?.text).toBe('サーバーー');
    expect(layoutLines([item('l', 10, 10, { adv: 4 }), item('l', 14.4, 10, { adv: 4 })], page)[0]?.text).toBe('ll');
  });
  it('rawText keeps pdf.js strings and hasEOL breaks', () => {
    expect(rawText([item('a', 0, 0, { eol: true }), item('b', 0, 0), item('c', 0, 0, { eol: true })])).toBe('a\nbc');
  });
});

describe('quality', () => {
  const enc = new TextEncoder();
  it('finds the %PDF- header within the first 1024 bytes', () => {
    expect(hasPdfHeader(enc.encode('%PDF-1.4\n'))).toBe(true);
    expect(hasPdfHeader(enc.encode('junk\r\n%PDF-1.7'))).toBe(true);
    expect(hasPdfHeader(enc.encode(' '.repeat(1030) + '%PDF-1.7'))).toBe(false);
    expect(hasPdfHeader(enc.encode('<!DOCTYPE html><html>'))).toBe(false);
  });
  it('names what a non-PDF looks like', () => {
    expect(sniffKind(enc.encode('<!DOCTYPE html><html><body>404'))).toBe('an HTML page');
    expect(sniffKind(enc.encode('PK\u0003\u0004'))).toContain('ZIP');
  });
  it('measures control and private-use garbage', () => {
    expect(garbageShare('')).toBe(0);
    expect(isGarbage('\u0001\u0002\u0003\u0004 ab')).toBe(true);
    expect(isGarbage('\uE000\uE001\uE002 x')).toBe(true);
    expect(isGarbage('普通の文章です\u0001')).toBe(false);
    expect(stripBadChars('a\u0001b\uE000c\n')).toBe('abc\n');
  });
  it('lists page ranges', () => {
    expect(listPages([5, 3, 4, 9])).toBe('3–5, 9');
  });
  const pt = (page: number, flags: PageText['flags'], error?: string): PageText => ({ page, raw: '', text: '', search: '', flags, ...(error ? { error } : {}) });
  it('decides the deck outcome from page flags', () => {
    expect(deckVerdict([pt(1, []), pt(2, [])]).outcome).toBe('ok');
    const partial = deckVerdict([pt(1, []), pt(2, ['failed'], 'Invalid number'), pt(3, [])]);
    expect(partial.outcome).toBe('partial');
    expect(partial.message).toMatch(/Page 2 of 3/u);
    expect(deckVerdict([pt(1, ['failed'], 'x')]).outcome).toBe('corrupt');
    const none = deckVerdict([pt(1, ['no-text']), pt(2, ['no-text'])]);
    expect(none.outcome).toBe('no-text-layer');
    expect(none.message).toMatch(/needs OCR/u);
    expect(deckVerdict([pt(1, ['garbage'])]).outcome).toBe('garbage');
    expect(deckVerdict([pt(1, []), pt(2, ['garbage']), pt(3, ['garbage'])]).outcome).toBe('garbage');
    expect(deckVerdict([pt(1, []), pt(2, ['no-text']), pt(3, ['garbage'])]).outcome).toBe('ok');
  });
});
