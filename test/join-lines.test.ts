import { describe, expect, it } from 'vitest';
import { displayWidth, joinWrappedLines } from '../src/lib/text/join-lines.ts';

describe('joinWrappedLines: Japanese sentences the PDF wrapped', () => {
  it('joins a sentence wrapped at the text box edge, keeping the title and the short lines', () => {
    const slide = [
      '自己紹介',
      '山田 太郎（やまだ たろう）',
      '2010年4月に 例示ネット に入社し、運用技術部、および、国際接続推進室に所属し',
      'ております',
      '運用技術部では、IX バックボーンネットワーク、Route Server の設備の設計の',
      '構築・運用など',
      '入社前は、ISP でネットワーク運用をしておりました',
    ].join('\n');
    expect(joinWrappedLines(slide).split('\n')).toEqual([
      '自己紹介',
      '山田 太郎（やまだ たろう）',
      '2010年4月に 例示ネット に入社し、運用技術部、および、国際接続推進室に所属しております',
      '運用技術部では、IX バックボーンネットワーク、Route Server の設備の設計の構築・運用など',
      '入社前は、ISP でネットワーク運用をしておりました',
    ]);
  });

  it('joins a katakana word split over two lines and a closing bracket on the next line', () => {
    const slide = [
      'まとめ',
      '事業者は「トラフィックを主に送信している側」と「トラフィックを主に受信す',
      'る側」の二つに大きく分ける事が出来る',
      '利用者から見た「使う側」と、運用している事業者から見た「作る側」のイメー',
      'ジは異なる',
    ].join('\n');
    expect(joinWrappedLines(slide).split('\n')).toEqual([
      'まとめ',
      '事業者は「トラフィックを主に送信している側」と「トラフィックを主に受信する側」の二つに大きく分ける事が出来る',
      '利用者から見た「使う側」と、運用している事業者から見た「作る側」のイメージは異なる',
    ]);
  });

  it('keeps bullets that end without punctuation: a line shorter than the text box ended its item', () => {
    const slide = [
      '技術者は日ごろ何をしているか',
      '設計：要件（機能・性能）を定義し、それを実現できるものを考える',
      '検証・構築：設計したものが実際に動くかを確かめ、サービスとして提供できるよう稼働',
      'させる',
      '監視・障害対応：正常に動いているかを確かめ、異常があれば正常な状態に戻す',
    ].join('\n');
    expect(joinWrappedLines(slide).split('\n')).toEqual([
      '技術者は日ごろ何をしているか',
      '設計：要件（機能・性能）を定義し、それを実現できるものを考える',
      '検証・構築：設計したものが実際に動くかを確かめ、サービスとして提供できるよう稼働させる',
      '監視・障害対応：正常に動いているかを確かめ、異常があれば正常な状態に戻す',
    ]);
  });

  it('never joins onto a bullet, a numbered item, a Latin word or after a sentence end', () => {
    const slide = [
      'トピック',
      'インターネットを形作っている主要な事業者とそれぞれの役割について説明する',
      '・クラウド事業者、CDN 事業者、コンテンツ事業者、そして回線を提供する事業者たち',
      '1.インターネットのトラフィックがどのように流れているかを順に見ていきます',
      'ISP（Internet Service Provider）と IX（Internet Exchange）の関係について。',
      'これはもう一つの文で、前の行の句点のあとに続くので結合されないことを確かめる',
    ].join('\n');
    expect(joinWrappedLines(slide)).toBe(slide);
  });

  it('leaves slides of short lines alone: their longest line is a bullet, not a text box width', () => {
    const slide = ['運用の話題', 'ドメイン名の不正な取得への対策', '委任の不整合の検出'].join('\n');
    expect(joinWrappedLines(slide)).toBe(slide);
    expect(joinWrappedLines('')).toBe('');
  });

  it('leaves English slides alone', () => {
    const slide = ['Route Origin Validation', 'Deploy ROV on your border routers and watch the invalid routes', 'disappear from your tables over the next months'].join('\n');
    expect(joinWrappedLines(slide)).toBe(slide);
  });
});

describe('displayWidth', () => {
  it('counts full-width characters twice', () => {
    expect(displayWidth('BGP')).toBe(3);
    expect(displayWidth('経路')).toBe(4);
    expect(displayWidth('ＢＧＰ（経路）')).toBe(14);
  });
});
