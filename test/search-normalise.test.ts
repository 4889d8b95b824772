import { describe, expect, it } from 'vitest';
import { indexedChars, planShards } from '../scripts/search/index.ts';
import type { SearchPage } from '../src/lib/search/describe.ts';
import { contentFrom, excerptHtml, restoreRegion } from '../src/lib/search/faithful.ts';
import { searchIndexHtml } from '../src/lib/search/markup.ts';
import { indexedRegion } from '../src/lib/search/region.ts';
import { containsTerms, foldLongVowels, indexForm, queryForm, queryTerms } from '../src/lib/search/normalise.ts';
import { searchForm } from '../src/lib/text/search-form.ts';

const SAMPLES = ['ＢＧＰ', 'ｻｰﾊﾞｰ', 'サーバー', 'サーバーの設定', 'ユーザー・サーバー', 'サーバーセキュリティ', 'コンピューター', 'ルーティング', 'サイバー', '⽤語', 'ＩＰｖ６\u3000移行', ' Mixed  Case '];

describe('search normalisation', () => {
  it('folds width, case and word-final long vowels in queries', () => {
    expect(queryForm('ＢＧＰ')).toBe('bgp');
    expect(queryForm('ｻｰﾊﾞｰ')).toBe('サーバ');
    expect(queryForm('サーバー')).toBe('サーバ');
    expect(queryForm('ユーザー・サーバー')).toBe('ユーザ・サーバ');
    expect(queryForm('コンピューター')).toBe('コンピュータ');
    expect(queryForm('ルーティング')).toBe('ルーティング');
    expect(queryForm('⽤語')).toBe('用語');
  });

  it('is searchForm followed by long-vowel folding, and index text keeps its case', () => {
    for (const sample of SAMPLES) expect(queryForm(sample)).toBe(foldLongVowels(searchForm(sample)));
    expect(indexForm('ＢＧＰとサーバー')).toBe('BGPとサーバ');
  });

  it('checks that every query term is really in a text', () => {
    expect(containsTerms('サイドバーの設計', queryTerms('サイバー'))).toBe(false);
    expect(containsTerms('サイバー攻撃の動向', queryTerms('サイバー'))).toBe(true);
    expect(containsTerms('BGP と RPKI', queryTerms('rpki ｂｇｐ'))).toBe(true);
    expect(containsTerms('BGP', queryTerms('  '))).toBe(false);
  });

});

describe('index preparation', () => {
  const page: SearchPage = {
    path: '/2024/t1/d/',
    kind: 'deck',
    year: 2024,
    date: '2024-11-19',
    filters: { year: ['2024'], speaker: ['山田 "太郎"'] },
    meta: { title: 'A & B', kind: 'deck' },
    regions: [
      { id: 'title', text: 'サーバー入門 <ＢＧＰ>', weight: 3 },
      { id: 'p1', text: 'あ'.repeat(50), weight: 0.5, limit: 20 },
    ],
  };

  it('writes filters, meta, sort and each region normalised with its weight, capped, escaped', () => {
    const html = searchIndexHtml(page);
    expect(html).toContain('data-pagefind-filter="speaker:山田 &quot;太郎&quot;"');
    expect(html).toContain('data-pagefind-meta="title:A &amp; B"');
    expect(html).toContain('data-pagefind-sort="date:2024-11-19"');
    expect(html).toContain('<div hidden id="ix-title" data-pagefind-weight="3"');
    expect(html).toContain('>サーバ入門 &lt;BGP&gt;</div>');
    expect(html).toContain(`>${'あ'.repeat(20)}</div>`);
    expect(html).not.toContain('あ'.repeat(21));
    // What Pagefind is given: the normalised, capped text of each region, read back from the HTML.
    expect(indexedChars(`<main data-pagefind-body><h1 data-pagefind-ignore>見出し</h1>${html}</main>`)).toBe('サーバ入門 <BGP>'.length + 20);
    expect(indexedChars('<main data-pagefind-body><p>本文 &amp; <b>太字</b></p></main>')).toBe('本文 & 太字'.length);
    expect(indexedChars('<main>x</main>')).toBeUndefined();
  });

  it('plans contiguous year shards under a character budget, newest first', () => {
    const chars = new Map([[1997, 100], [1998, 100], [2010, 300], [2024, 50], [2025, 60]]);
    expect(planShards(chars, 250)).toEqual([[2024, 2025], [2010, 2010], [1997, 1998]]);
    expect(planShards(chars, 10_000)).toEqual([[1997, 2025]]);
  });

  it('splits the years evenly over the fewest shards instead of leaving a small remainder', () => {
    // Filled up to the budget, newest first, these would be 2022–2025 (400) and 2021 alone (40).
    const chars = new Map([[2021, 40], [2022, 100], [2023, 100], [2024, 100], [2025, 100]]);
    expect(planShards(chars, 400)).toEqual([[2024, 2025], [2021, 2023]]);
    // Never over the budget to be even, and a year over it alone is its own shard.
    const uneven = new Map([[2020, 500], [2021, 10], [2022, 90], [2023, 100], [2024, 150]]);
    expect(planShards(uneven, 200)).toEqual([[2024, 2024], [2021, 2023], [2020, 2020]]);
    expect(planShards(new Map(), 200)).toEqual([]);
  });
});

/** Pagefind's content for a region: its words separated by U+200B (as the extended build segments Japanese), after other text. */
function pagefindContent(before: string[], indexed: string): { content: string; start: number } {
  const words = indexed.split(/(?<=[\s(（)）、。・:])|(?=[(（)）、。・:])/u).filter(Boolean);
  return { content: [...before, ...words, '. '].join('\u200B'), start: before.length };
}

describe('faithful excerpts', () => {
  const ORIGINALS = [
    'プレイヤー（事業者）は、サーバーとＢＧＰを運用する',
    'ｻｰﾊﾞｰの⽤語　と　ユーザー・サーバー\n次の行',
    'F2 BGPルーティング入門',
    'ＩＰｖ６とＢＧＰによる相互接続の実際を解説します。',
    'コンピューター．ネットワーク',
    'plain text without changes',
  ];

  it('puts the words as written back from the indexed text, wherever the region starts in the content', () => {
    for (const original of ORIGINALS) {
      const { indexed, map } = indexedRegion(original);
      const { content, start } = pagefindContent(['前の', 'ページ. '], indexed);
      expect(restoreRegion(contentFrom(content, start), map), original).toBe(original.replace(/[\s\u3000]+/gu, ' '));
    }
  });

  it('refuses content that does not fit the map instead of quoting wrong words', () => {
    const { map } = indexedRegion('プレイヤー（事業者）は');
    expect(restoreRegion('プレイヤ[事業者]は', map)).toBeUndefined();
  });

  it('marks the query in the original words', () => {
    const perUnit = (unit: string) => unit.normalize('NFKC');
    expect(excerptHtml('プレイヤー（事業者）は', queryTerms('プレイヤー'), perUnit)).toBe('<mark>プレイヤー</mark>（事業者）は');
    expect(excerptHtml('ＩＰｖ６とＢＧＰ', queryTerms('bgp'), perUnit)).toBe('ＩＰｖ６と<mark>ＢＧＰ</mark>');
    expect(excerptHtml('<b> & サーバー', queryTerms('サーバ'), perUnit)).toBe('&lt;b&gt; &amp; <mark>サーバー</mark>');
  });
});
