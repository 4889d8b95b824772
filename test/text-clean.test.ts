import { describe, expect, it } from 'vitest';
import { mapRadicals, countRadicals } from '../src/lib/text/radicals.ts';
import { EQUIVALENT_UNIFIED_IDEOGRAPH_COUNT } from '../src/lib/text/radicals-table.ts';
import { undoubleLine, undoubleText } from '../src/lib/text/overprint.ts';
import { findRepeatedLines, removeRepeatedLinesText, repeatKey } from '../src/lib/text/repeated.ts';
import { isOutlineLine, stripOutlineTail } from '../src/lib/text/outline-tail.ts';
import { searchForm } from '../src/lib/text/search-form.ts';
import { cleanPages, cleanTextPages, tidyLine } from '../src/lib/text/clean.ts';

describe('mapRadicals', () => {
  it('maps Kangxi radicals to unified ideographs', () => {
    expect(mapRadicals('利⽤者')).toBe('利用者');
    expect(mapRadicals('⾃⼰紹介')).toBe('自己紹介');
    expect(mapRadicals('⽇本')).toBe('日本');
  });
  it('maps the CJK Radicals Supplement block that NFKC misses', () => {
    expect('⻑'.normalize('NFKC')).toBe('⻑'); // U+2ED1: NFKC leaves it
    expect(mapRadicals('⻑期')).toBe('長期');
    expect(mapRadicals('⻄日本')).toBe('西日本'); // U+2EC4
    expect(mapRadicals('⻝')).toBe('食'); // U+2EDD
  });
  it('maps CJK compatibility ideographs but keeps the unified ones in that block', () => {
    expect(mapRadicals('\uF929')).toBe('朗'); // 朗 compatibility form
    expect(mapRadicals('\uFA11')).toBe('\uFA11'); // 﨑 is a unified ideograph
    expect(mapRadicals('\u{2F800}')).toBe('丽');
  });
  it('leaves ordinary text alone and counts radicals', () => {
    expect(mapRadicals('Route Server のサービス')).toBe('Route Server のサービス');
    expect(countRadicals('⽤⻑x')).toBe(2);
  });
  it('has the full table: all 214 Kangxi radicals plus the supplement', () => {
    expect(EQUIVALENT_UNIFIED_IDEOGRAPH_COUNT).toBeGreaterThan(300);
    for (let cp = 0x2f00; cp <= 0x2fd5; cp++) {
      const out = mapRadicals(String.fromCodePoint(cp));
      expect(out.codePointAt(0)).toBeGreaterThanOrEqual(0x3400);
    }
  });
});

describe('undoubleLine (text-level overprint fallback)', () => {
  it('halves a line that is one string twice', () => {
    expect(undoubleLine('タイトルタイトル')).toBe('タイトル');
    expect(undoubleLine('本時限のトピック本時限のトピック')).toBe('本時限のトピック');
    expect(undoubleLine('自己紹介 自己紹介')).toBe('自己紹介');
    expect(undoubleLine('ABCABC')).toBe('ABC');
  });
  it('undoes interleaved doubled characters', () => {
    expect(undoubleLine('ははじじめめにに')).toBe('はじめに');
    expect(undoubleLine('TTeesstt')).toBe('Test');
  });
  it('keeps real repetitions', () => {
    expect(undoubleLine('1212')).toBe('1212');
    expect(undoubleLine('----')).toBe('----');
    expect(undoubleLine('2024.11.19')).toBe('2024.11.19');
    expect(undoubleLine('ここ')).toBe('ここ'); // too short to tell
    expect(undoubleLine('Bye bye')).toBe('Bye bye');
    expect(undoubleLine('いろいろ')).toBe('いろいろ');
    expect(undoubleLine('ちょこちょこ')).toBe('ちょこちょこ');
  });
  it('works line by line', () => {
    expect(undoubleText('ABCABC\nkeep')).toBe('ABC\nkeep');
  });
});

// Lines of the seed deck (IW2024 O1, JPIX): "21 3" logo fragments and the
// copyright line on every slide, a page-number footer.
const seedPages = [
  '株式会社JPIX\n馬渡 将隆\nインターネットトラフィックの流れ\nとオペレーション\nInternet Week 2024',
  '自己紹介\n• 馬渡 将隆（まわたり まさたか）\n21 3\nJapan Internet Xing Co., Ltd. All Rights Reserved.\n2',
  'はじめに\n• 生活基盤の１つとなったインターネット\n21 3\nJapan Internet Xing Co., Ltd. All Rights Reserved.\n3',
  '本時限のトピック\n1.インターネットトラフィックの流れ方\n21 3\nJapan Internet Xing Co., Ltd. All Rights Reserved.\n4',
  'インターネットとは？\n21 3\nThe Internet\nJapan Internet Xing Co., Ltd. All Rights Reserved.\n5',
  '各主要プレイヤーとトラフィックの流れ\nクラウド事業者\n21 3\nJapan Internet Xing Co., Ltd. All Rights Reserved.\n6',
];

describe('repeated headers/footers', () => {
  it('folds digits in the key', () => {
    expect(repeatKey(' Page 12 / 40 ')).toBe('page # / #');
    expect(repeatKey('２１ ３', false)).toBe('# #'); // digits only: always folded
    expect(repeatKey('スライド 3', false)).toBe('スライド 3');
  });
  it('removes "21 3", the copyright line and page numbers from the seed deck', () => {
    const out = removeRepeatedLinesText(seedPages);
    for (const page of out) {
      expect(page).not.toContain('21 3');
      expect(page).not.toContain('All Rights Reserved');
      expect(page).not.toMatch(/^\d+$/mu);
    }
    expect(out[1]).toBe('自己紹介\n• 馬渡 将隆（まわたり まさたか）');
    expect(out[4]).toBe('インターネットとは？\nThe Internet');
    expect(out[0]).toContain('Internet Week 2024');
  });
  it('keeps a slide title that recurs on a few slides only', () => {
    const pages = ['本時限のトピック\na', '本時限のトピック\nb', 'c', 'd', 'e', 'f', 'g', 'h'];
    expect(removeRepeatedLinesText(pages)[0]).toBe('本時限のトピック\na');
  });
  it('keeps numbered titles in the body ("スライド 1", "スライド 2", …)', () => {
    const pages = [1, 2, 3, 4].map((i) => [
      { text: `スライド ${i}`, y: 0.1 },
      { text: `Page ${i} 本文`, y: 0.3 },
      { text: `${i}`, y: 0.95 },
    ]);
    const drop = findRepeatedLines(pages);
    expect(drop.map((s) => [...s])).toEqual([[2], [2], [2], [2]]);
  });
  it('does nothing on decks of fewer than 3 pages', () => {
    expect(removeRepeatedLinesText(['x\nfooter', 'y\nfooter'])).toEqual(['x\nfooter', 'y\nfooter']);
  });
  it('uses positions: the same line at different heights is not a footer', () => {
    const pages = [0.1, 0.4, 0.7, 0.9].map((y, i) => [
      { text: `body ${'abcd'[i]}`, y: 0.5 },
      { text: 'Summary', y },
    ]);
    const drop = findRepeatedLines(pages);
    expect(drop.every((s) => !s.has(1))).toBe(true);
    const footers = [0, 1, 2, 3].map((i) => [
      { text: `body ${'abcd'[i]}`, y: 0.3 },
      { text: `${i + 1}`, y: 0.95 + i * 0.005 },
    ]);
    expect(findRepeatedLines(footers).every((s) => s.has(1) && !s.has(0))).toBe(true);
  });
  it('needs half the pages in the footer zone, 60% elsewhere', () => {
    const mk = (n: number, hits: number, y: number) =>
      Array.from({ length: n }, (_, i) => [{ text: `line ${'abcdefghij'[i]}`, y: 0.5 }, ...(i < hits ? [{ text: '© JPNIC', y }] : [])]);
    expect(findRepeatedLines(mk(10, 5, 0.95)).filter((s) => s.size > 0).length).toBe(5);
    expect(findRepeatedLines(mk(10, 5, 0.1)).filter((s) => s.size > 0).length).toBe(0);
    expect(findRepeatedLines(mk(10, 6, 0.1)).filter((s) => s.size > 0).length).toBe(6);
  });
});

// The tail of the seed deck's raw text: the outline appended after the last slide.
const seedTail = [
  '品質の低下',
  'Japan Internet Xing Co., Ltd. All Rights Reserved.',
  '',
  '',
  '\tスライド 1',
  '\tスライド 2: 自己紹介',
  '\tスライド 3: はじめに',
  '\tスライド 27: 大量のトラフィックが集まる場所  事業者がたくさん集まっている場所',
  '\tスライド 39',
].join('\n');

describe('outline tail', () => {
  it('recognises outline lines', () => {
    expect(isOutlineLine('\tスライド 2: 自己紹介')).toBe(true);
    expect(isOutlineLine('スライド 14')).toBe(true);
    expect(isOutlineLine('Slide 3: Agenda')).toBe(true);
    expect(isOutlineLine('スライドの作り方')).toBe(false);
  });
  it('removes the trailing outline of the seed deck', () => {
    expect(stripOutlineTail(seedTail)).toBe('品質の低下\nJapan Internet Xing Co., Ltd. All Rights Reserved.');
  });
  it('keeps a single mention and outline-like lines in the middle', () => {
    expect(stripOutlineTail('詳細は\nスライド 3')).toBe('詳細は\nスライド 3');
    const mid = 'スライド 1\nスライド 2\n本文';
    expect(stripOutlineTail(mid)).toBe(mid);
  });
});

describe('searchForm', () => {
  it('folds width, case and whitespace', () => {
    expect(searchForm('ＢＧＰ')).toBe('bgp');
    expect(searchForm('ｻｰﾊﾞ')).toBe('サーバ');
    expect(searchForm('Route   Server\nのサービス')).toBe('route server のサービス');
    expect(searchForm('　ＩＰｖ６　')).toBe('ipv6');
    expect(searchForm('⽤語')).toBe('用語');
  });
  it('is idempotent', () => {
    const s = searchForm('ＤＮＳＳＥＣ の　ｻｰﾊﾞｰ');
    expect(searchForm(s)).toBe(s);
  });
});

describe('cleaning pipeline', () => {
  it('tidies whitespace inside lines', () => {
    expect(tidyLine('  a \t b\u00A0 c ')).toBe('a b c');
  });
  it('cleans a seed-like deck end to end', () => {
    const pages = [...seedPages, '最後に\n21 3\nJapan Internet Xing Co., Ltd. All Rights Reserved.\n7\n' + seedTail.split('\n').slice(4).join('\n')];
    const out = cleanTextPages(pages.map((p) => p.replace('自己紹介', '⾃⼰紹介')));
    expect(out[1]).toBe('自己紹介\n• 馬渡 将隆（まわたり まさたか）');
    expect(out[6]).toBe('最後に');
  });
  it('keeps positions when given', () => {
    const out = cleanPages([[{ text: 'タイトルタイトル', y: 0.1 }, { text: '⻑い', y: 0.5 }]]);
    expect(out).toEqual(['タイトル\n長い']);
  });
});
