import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArchive } from '../src/lib/content.ts';
import { linkVideos, type CatalogVideo, type LinksInput } from '../src/lib/videos/link.ts';
import type { LinkEntry } from '../src/lib/videos/schema.ts';

const archive = loadArchive(path.join(import.meta.dirname, 'fixtures', 'videos', 'content'));

function video(id: string, title: string, extra: Partial<CatalogVideo> = {}): CatalogVideo {
  return { id, platform: 'youtube', url: `https://www.youtube.com/watch?v=${id}`, title, description: '', chapters: [], file: `content/videos/catalog/${id}.yaml`, ...extra };
}

function links(entries: Record<string, LinkEntry> = {}): LinksInput {
  return { file: 'content/videos/links.yaml', entries: new Map(Object.entries(entries)) };
}

function link(videos: CatalogVideo[], entries: Record<string, LinkEntry> = {}) {
  const result = linkVideos(videos, archive.programs, links(entries));
  const target = (id: string): string | undefined => {
    const found = result.links.get(id);
    return found ? `${found.program.id}${found.subTalk ? `/${found.subTalk}` : ''} by ${found.source}` : undefined;
  };
  return { ...result, target };
}

describe('linking by program code', () => {
  it.each([
    ['IW2024 O1 インターネットトラフィックの流れとオペレーション', 'iw2024-o1 by code'],
    ['ＩＷ２０２４ Ｏ１ 全角', 'iw2024-o1 by code'],
    ['【D2】DNS DAY (Internet Week 2024)', 'iw2024-d2 by code'],
    ['IW2024 D2-1 DNS の基礎 2024', 'iw2024-d2/D2-1 by code'],
    ['IW2012 T3 IPv6', 'iw2012-t3 by code'],
    ['iw2012-t03 IPv6', 'iw2012-t3 by code'],
    ['IW2005 T13-2 経路ハイジャックの実例', 'iw2005-t13/T13-2 by code'],
    ['IW99 C03 DNS 運用', 'iw1999-c3 by code'],
    ['IW2018 【S10】 IPv6', 'iw2018-s10 by code'],
  ])('%s → %s', (title, expected) => {
    expect(link([video('aaaaaaaaaaa', title)]).target('aaaaaaaaaaa')).toBe(expected);
  });

  it('reads the description when the title has no code', () => {
    const result = link([video('aaaaaaaaaaa', '録画', { description: 'Internet Week 2024 H2 の録画です' })]);
    expect(result.target('aaaaaaaaaaa')).toBe('iw2024-h2 by code');
    expect(result.links.get('aaaaaaaaaaa')?.evidence).toBe('「Internet Week 2024 H2」 in the description');
  });

  it('reports a code that does not exist in its year, and a year the archive lacks', () => {
    const result = link([video('aaaaaaaaaaa', 'IW2024 Z9 謎'), video('bbbbbbbbbbb', 'Internet Week 2019 S10 ルーティング')]);
    expect(result.links.size).toBe(0);
    const messages = result.problems.filter((found) => found.kind === 'reference').map((found) => found.message);
    expect(messages).toEqual([
      expect.stringMatching(/「IW2024 Z9」 names a program the archive lacks: expected a program Z9 of 2024; 2024 has no such code \(it has D2, H2, O1\)/u),
      expect.stringMatching(/expected a program S10 of 2019; the archive has no programs of 2019/u),
    ]);
  });

  it('links the whole program and says so when a sub-talk is not listed', () => {
    const result = link([video('aaaaaaaaaaa', 'IW2024 D2-7 番外編')]);
    expect(result.target('aaaaaaaaaaa')).toBe('iw2024-d2 by code');
    expect(result.problems[0]?.message).toMatch(/lists no sub-talk D2-7; linked to the whole program/u);
  });

  it('does not guess between two programs in one title', () => {
    const result = link([video('aaaaaaaaaaa', 'IW2024 O1 と IW2024 H2 のまとめ')]);
    expect(result.links.size).toBe(0);
    expect(result.problems[0]?.message).toMatch(/names several programs \(iw2024-o1, iw2024-h2\)/u);
    expect(result.review[0]?.suggestions.map((suggestion) => suggestion.program)).toEqual(expect.arrayContaining(['iw2024-o1', 'iw2024-h2']));
  });
});

describe('precedence', () => {
  const titled = video('aaaaaaaaaaa', 'IW2024 O1 インターネット');

  it('links.yaml wins over a code in the title', () => {
    expect(link([titled], { aaaaaaaaaaa: { year: 2024, code: 'h2' } }).target('aaaaaaaaaaa')).toBe('iw2024-h2 by links');
  });

  it('none in links.yaml leaves the video unlinked on purpose, without a problem or a suggestion', () => {
    const result = link([titled], { aaaaaaaaaaa: 'none' });
    expect(result.links.size).toBe(0);
    expect([...result.none]).toEqual(['aaaaaaaaaaa']);
    expect(result.review).toEqual([]);
    expect(result.problems).toEqual([]);
  });

  it("a program's videos: front matter wins over codes and the export's program, and links.yaml wins over it with a problem", () => {
    const listed = video('fmLinked001', 'IW2024 O1 と書いてあるが実は別', { program: { year: 2024, code: 'H2' } });
    expect(link([listed]).target('fmLinked001')).toBe('iw2018-s10 by front-matter');
    const overridden = link([listed], { fmLinked001: { year: 2024, code: 'O1' } });
    expect(overridden.target('fmLinked001')).toBe('iw2024-o1 by links');
    expect(overridden.problems[0]?.message).toMatch(/content\/programs\/2018\/s10\.md lists this video; links\.yaml wins/u);
  });

  it("the export's program wins over a code in the title", () => {
    expect(link([video('aaaaaaaaaaa', 'IW2024 O1', { program: { year: 2018, code: 'D4' } })]).target('aaaaaaaaaaa')).toBe('iw2018-d4 by export');
  });

  it('reports a links.yaml entry naming a missing program or a video not in the catalog', () => {
    const result = link([titled], { aaaaaaaaaaa: { year: 2024, code: 'S99' }, zzzzzzzzzzz: 'none' });
    expect(result.links.size).toBe(0);
    expect(result.problems.map((found) => `${found.field}: ${found.message}`)).toEqual([
      expect.stringMatching(/^zzzzzzzzzzz: expected a catalog entry content\/videos\/catalog\/zzzzzzzzzzz\.yaml/u),
      expect.stringMatching(/^aaaaaaaaaaa\.code: expected a program S99 of 2024; .*\(video left unlinked\)/u),
      expect.stringMatching(/^undefined: not linked to a program/u),
    ]);
  });
});

describe('two videos, one slot', () => {
  it('reports two videos claiming one program', () => {
    const result = link([video('aaaaaaaaaaa', 'IW2024 O1'), video('bbbbbbbbbbb', '別の動画')], { bbbbbbbbbbb: { year: 2024, code: 'O1' } });
    expect(result.links.size).toBe(2);
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: 'duplicate', file: 'content/videos/links.yaml', field: 'bbbbbbbbbbb', message: expect.stringMatching(/video bbbbbbbbbbb and video aaaaaaaaaaa both claim iw2024-o1/u) }),
    ]);
  });

  it('lets sub-talks and parts share a program', () => {
    const result = link(
      [video('aaaaaaaaaaa', 'IW2024 D2'), video('bbbbbbbbbbb', 'IW2024 D2-1'), video('ccccccccccc', 'IW2024 D2-2'), video('ddddddddddd', 'x'), video('eeeeeeeeeee', 'y')],
      { ddddddddddd: { year: 2024, code: 'H2', part: 1 }, eeeeeeeeeee: { year: 2024, code: 'H2', part: 2 } },
    );
    expect(result.links.size).toBe(5);
    expect(result.problems).toEqual([]);
  });
});

describe('suggestions', () => {
  it('ranks by title similarity, speaker name and date for a Basic on-demand video without a code', () => {
    const primer = video('sampleDNS01', 'DNSの基礎 ～名前解決のしくみ～ | Internet Week Basic オンデマンド', {
      published: '2022-11-24',
      description: '講師: 森川悠 (株式会社日本レジストリサービス)\n00:00 はじめに',
    });
    const result = link([primer]);
    expect(result.links.size).toBe(0);
    const [best, ...rest] = result.review[0]?.suggestions ?? [];
    expect(best).toMatchObject({ program: 'iw2022-t5', year: 2022, code: 'T5' });
    expect(best?.reasons).toEqual([
      expect.stringMatching(/^title similarity 0\.\d\d with 「DNSの基礎知識 ～名前解決のしくみ～」$/u),
      'speaker 森川 悠 named in the video',
      'published 2 day(s) after the program (2022-11-22)',
    ]);
    expect(best?.score).toBeGreaterThan(0.8);
    expect(rest.every((other) => other.score < (best?.score ?? 0))).toBe(true);
    expect(result.problems[0]?.message).toMatch(/not linked to a program: .*review\.yaml suggests iw2022-t5/u);
  });

  it('suggests a sub-talk by its title and a program by its deck title', () => {
    const result = link([video('aaaaaaaaaaa', 'DNS の基礎 2024'), video('bbbbbbbbbbb', 'インターネットトラフィックの流れとオペレーション', { description: '講師: 馬渡 将隆' })]);
    const byVideo = new Map(result.review.map((entry) => [entry.video, entry.suggestions[0]]));
    expect(byVideo.get('aaaaaaaaaaa')).toMatchObject({ program: 'iw2024-d2', code: 'D2-1', title: 'DNS DAY / DNS の基礎 2024' });
    expect(byVideo.get('bbbbbbbbbbb')).toMatchObject({ program: 'iw2024-o1', code: 'O1' });
  });

  it('lists a video with nothing similar, without suggestions', () => {
    const result = link([video('aaaaaaaaaaa', '猫の動画')]);
    expect(result.review).toEqual([{ video: 'aaaaaaaaaaa', title: '猫の動画', suggestions: [] }]);
    expect(result.problems[0]?.message).toMatch(/no suggestion found/u);
  });
});
