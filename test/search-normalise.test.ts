import { readFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planShards, prepareHtml } from '../scripts/search/index.ts';
import type { SearchPage } from '../src/lib/search/describe.ts';
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

  it('serves the browser the same module with types erased', async () => {
    const source = readFileSync(path.resolve(import.meta.dirname, '../src/lib/search/normalise.ts'), 'utf8');
    const url = `data:text/javascript;base64,${Buffer.from(stripTypeScriptTypes(source)).toString('base64')}`;
    const browser = (await import(url)) as { queryForm: (text: string) => string };
    for (const sample of SAMPLES) expect(browser.queryForm(sample)).toBe(queryForm(sample));
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
    extraText: ['動画: サーバー入門'],
  };

  it('normalises the text of <main>, caps slide text and injects filters, meta, sort', () => {
    const html = `<html><body><header>ＮＡＶ</header><main id="main" data-pagefind-body><h1>サーバー</h1><p class="slide-text" data-pagefind-weight="0.5">${'あ'.repeat(50)}&amp;</p></main></body></html>`;
    const prepared = prepareHtml(html, page, 20);
    expect(prepared?.html).toContain('<header>ＮＡＶ</header>');
    expect(prepared?.html).toContain('<h1>サーバ</h1>');
    expect(prepared?.html).toContain(`<p class="slide-text" data-pagefind-weight="0.5">${'あ'.repeat(20)}</p>`);
    expect(prepared?.html).toContain('data-pagefind-filter="speaker:山田 &quot;太郎&quot;"');
    expect(prepared?.html).toContain('data-pagefind-meta="title:A &amp; B"');
    expect(prepared?.html).toContain('data-pagefind-sort="date:2024-11-19"');
    expect(prepared?.html).toContain('動画: サーバ入門');
    expect(prepareHtml('<main>x</main>', page)).toBeUndefined();
  });

  it('plans contiguous year shards under a character budget, newest first', () => {
    const chars = new Map([[1997, 100], [1998, 100], [2010, 300], [2024, 50], [2025, 60]]);
    expect(planShards(chars, 250)).toEqual([[2024, 2025], [2010, 2010], [1997, 1998]]);
    expect(planShards(chars, 10_000)).toEqual([[1997, 2025]]);
  });
});
