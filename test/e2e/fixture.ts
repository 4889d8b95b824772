/**
 * A small archive for the search tests: four years in three decades, known
 * phrases on known slides, width and long-vowel variants, a katakana false
 * friend (サイバー / サイドバー), an English program. Built into a temp folder with
 * the project's real build (scripts/build.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deckPdf } from '../fixtures/pdfs.ts';
import { buildSite } from '../helpers/build.ts';
import { frontMatter, writeTree } from '../helpers/tree.ts';


/** Slide 3 of iw2024-t1's deck: a phrase that exists nowhere else. */
export const SLIDE3_PHRASE = '経路ハイジャック検出手法';

function event(year: number, name = `Internet Week ${year}`): string {
  return frontMatter(`name: ${name}\nstart: ${year}-11-19\nend: ${year}-11-22`);
}

export async function fixtureContent(): Promise<string> {
  const bgpDeck = await deckPdf({
    pages: 4,
    text: (page) =>
      [
        { title: 'BGPルーティング入門', lines: ['山田 太郎', 'JPNIC'] },
        { title: 'BGPの基本', lines: ['AS番号と経路広告', 'eBGPとiBGP'] },
        { title: SLIDE3_PHRASE, lines: ['RPKIによる起源検証', 'ROVの導入状況'] },
        { title: 'まとめ', lines: ['経路の安全性を高めよう', 'プレイヤー（事業者）は協力する'] },
      ][page - 1] ?? { title: `スライド ${page}` },
  });
  const dnsDeck = await deckPdf({
    pages: 3,
    text: (page) =>
      [
        { title: 'DNSサーバ構築ハンズオン', lines: ['鈴木 一郎'] },
        { title: '権威サーバの設定', lines: ['ゾーンファイルを書く'] },
        { title: 'キャッシュサーバの運用', lines: ['DNSSEC検証を有効にする'] },
      ][page - 1] ?? { title: `スライド ${page}` },
  });
  const rpkiDeck = await deckPdf({
    pages: 2,
    text: (page) =>
      [
        { title: 'Routing Security with RPKI', lines: ['Alice Smith'] },
        { title: 'Route Origin Validation', lines: ['Deploy ROV on your border routers'] },
      ][page - 1] ?? { title: `Slide ${page}` },
  });
  const root = writeTree(
    {
      'content/events/2003.md': event(2003),
      'content/events/2012.md': event(2012),
      'content/events/2019.md': event(2019),
      'content/events/2024.md': event(2024),
      'content/programs/2024/t1.md': frontMatter(
        `code: T1
title: BGPルーティング入門
date: 2024-11-19
type: tutorial
speakers:
  - name: 山田 太郎
    affiliation: JPNIC
materials:
  - file: t1-yamada.pdf
    title: BGPルーティング入門 資料`,
        'インターネットの経路制御プロトコル BGP の基礎を学びます。',
      ),
      'content/programs/2024/s2.md': frontMatter(
        `code: S2
title: ウェブサイトのサイドバー設計
date: 2024-11-20
type: seminar
speakers:
  - name: 田中 次郎
    affiliation: デザイン研究所`,
        'サイドバーとナビゲーションの使いやすさについて議論します。',
      ),
      'content/programs/2019/k1.md': frontMatter(
        `code: K1
title: サイバー攻撃の最新動向
date: 2019-11-26
type: keynote
speakers:
  - name: 佐藤 花子
    affiliation: NTTコミュニケーションズ
videos:
  - url: https://www.youtube.com/watch?v=abcdefghijk
    title: 基調講演 脅威インテリジェンスの現場`,
        'サイバー攻撃の傾向と防御の考え方を紹介します。',
      ),
      'content/programs/2019/e1.md': frontMatter(
        `code: E1
title: Routing Security with RPKI
date: 2019-11-27
type: seminar
speakers:
  - name: Alice Smith
    affiliation: Example Networks
materials:
  - file: e1-rpki.pdf
    title: RPKI deployment
    lang: en`,
        'An introduction to route origin validation for network operators.',
      ),
      'content/programs/2012/h3.md': frontMatter(
        `code: H3
title: DNSサーバ構築ハンズオン
date: 2012-11-20
type: hands-on
speakers:
  - name: 鈴木 一郎
    affiliation: IIJ
materials:
  - file: h3-dns.pdf`,
        'キャッシュサーバと権威サーバを実際に構築します。',
      ),
      'content/programs/2003/t5.md': frontMatter(
        `code: T5
title: ＩＰｖ６時代の相互接続
date: 2003-12-02
type: tutorial
speakers:
  - name: 山田 太郎
    affiliation: JPNIC`,
        'ＩＰｖ６とＢＧＰによる相互接続の実際を解説します。',
      ),
      'content/materials/2024/t1-yamada.pdf': bgpDeck,
      'content/materials/2019/e1-rpki.pdf': rpkiDeck,
      'content/materials/2012/h3-dns.pdf': dnsDeck,
    },
    'iw-search-content-',
  );
  return path.join(root, 'content');
}

/** Builds a site with the project's build script; returns the out dir. */
export function buildFixtureSite(contentDir: string, options: { base?: string; shardChars?: number } = {}): string {
  const work = mkdtempSync(path.join(tmpdir(), 'iw-search-site-'));
  const site = buildSite({
    content: contentDir,
    workDir: work,
    cacheDir: path.join(work, 'cache', 'pdf'),
    base: options.base ?? '/',
    args: ['--thumbs', 'first'],
    ...(options.shardChars ? { env: { IW_SEARCH_SHARD_CHARS: String(options.shardChars) } } : {}),
  });
  if (site.status !== 0) throw new Error(`build failed (${site.status}):\n${site.stderr}`);
  return site.outDir;
}
