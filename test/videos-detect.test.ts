import { describe, expect, it } from 'vitest';
import { detectCodes, detectYears } from '../src/lib/videos/detect.ts';

describe('detectCodes across eras', () => {
  const cases: [string, { year?: number; code: string }[]][] = [
    ['IW2024 O1 インターネットトラフィックの流れとオペレーション', [{ year: 2024, code: 'O1' }]],
    ['Internet Week 2024 O1', [{ year: 2024, code: 'O1' }]],
    ['ＩＷ２０２４ Ｏ１ 基礎', [{ year: 2024, code: 'O1' }]],
    ['IW2019 【S10】 ルーティング', [{ year: 2019, code: 'S10' }]],
    ['【D2】DNS DAY (IW2024)', [{ year: 2024, code: 'D2' }]],
    ['Internet Week 2019 S10 ルーティングセキュリティ', [{ year: 2019, code: 'S10' }]],
    ['iw2005-t04 の録画', [{ year: 2005, code: 'T4' }]],
    ['IW2005 T13-2 経路ハイジャック', [{ year: 2005, code: 'T13-2' }]],
    ['IW99 C03', [{ year: 1999, code: 'C3' }]],
    ['IW98 [C14] チュートリアル', [{ year: 1998, code: 'C14' }]],
    ['Internet Week 2008 H3', [{ year: 2008, code: 'H3' }]],
    ['IW2012_L3 ランチセミナー', [{ year: 2012, code: 'L3' }]],
    ['IW2020/C15', [{ year: 2020, code: 'C15' }]],
    ['IW2024 D2-1 DNS の基礎', [{ year: 2024, code: 'D2-1' }]],
    ['資料 https://www.nic.ad.jp/ja/materials/iw/2018/proceedings/d4/', [{ year: 2018, code: 'D4' }]],
    ['プログラム: H2 (IW2024)', [{ year: 2024, code: 'H2' }]],
    ['DNSの基礎 | Internet Week Basic オンデマンド', []],
    ['Internet Week 2024 オンラインWeek', []],
    ['IW2019 Day1 ハイライト', []],
    ['IPv6 と BGP4 の話', []],
    ['【D2】 without any year', [{ code: 'D2' }]],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(detectCodes(text).map(({ year, code }) => ({ ...(year === undefined ? {} : { year }), code }))).toEqual(expected);
  });

  it('takes a code at the start of a title only when asked', () => {
    expect(detectCodes('O1 インターネット業界の今')).toEqual([]);
    expect(detectCodes('O1 インターネット業界の今', { leading: true })).toEqual([{ code: 'O1', written: 'O1' }]);
  });

  it('does not give a bracketed code a year when the text names two years', () => {
    expect(detectCodes('IW2023 と IW2024 の【S3】')).toEqual([{ code: 'S3', written: '【S3】' }]);
  });

  it('reads years', () => {
    expect(detectYears('IW97 と Internet Week 2024 と ＩＷ２０１９')).toEqual([1997, 2024, 2019]);
  });
});
