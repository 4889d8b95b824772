import { describe, expect, it } from 'vitest';
import { findMatches, highlightTerms } from '../src/lib/highlight.ts';

function marked(text: string, search: string): string {
  let out = '';
  let from = 0;
  for (const [start, end] of findMatches(text, highlightTerms(search))) {
    out += `${text.slice(from, start)}[${text.slice(start, end)}]`;
    from = end;
  }
  return out + text.slice(from);
}

describe('search terms highlighted on a slide', () => {
  it('reads the terms of a search link and of Pagefind’s highlight parameter', () => {
    expect(highlightTerms('?q=%E7%B5%8C%E8%B7%AF%20BGP')).toEqual(['BGP', '経路']);
    expect(highlightTerms('?pagefind-highlight=RPKI&pagefind-highlight=ROV')).toEqual(['RPKI', 'ROV']);
    expect(highlightTerms('?q=%E3%81%AE')).toEqual([]);
    expect(highlightTerms('')).toEqual([]);
  });

  it('marks the slide’s own words across width, case and a word-final long vowel', () => {
    expect(marked('ＢＧＰの経路とbgp設定', '?q=BGP')).toBe('[ＢＧＰ]の経路と[bgp]設定');
    expect(marked('キャッシュサーバの運用とサーバー構築', '?q=サーバー')).toBe('キャッシュ[サーバ]の運用と[サーバ]ー構築');
    expect(marked('プレイヤー（事業者）は', '?q=(事業者)')).toBe('プレイヤー[（事業者）]は');
  });

  it('merges overlapping terms and finds nothing where the term is absent', () => {
    expect(marked('経路ハイジャック検出手法', '?q=経路ハイジャック ハイジャック検出')).toBe('[経路ハイジャック検出]手法');
    expect(findMatches('DNSSEC検証', ['RPKI'])).toEqual([]);
  });
});
