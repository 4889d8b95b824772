/** OCR's pure logic: page classification, TSV parsing, cleaning, glued page numbers, slide ranking. */
import { describe, expect, it } from 'vitest';
import { characterAccuracy } from '../src/lib/ocr/accuracy.ts';
import { countJapaneseChars, countTextChars, drawingDecides, ocrNeed } from '../src/lib/ocr/classify.ts';
import { cleanOcrLines, joinJapanese, repeatedOcrLines, stripBullet, strayReason } from '../src/lib/ocr/clean.ts';
import { ocrMessage, ocrTotals } from '../src/lib/ocr/report.ts';
import { parseTsv } from '../src/lib/ocr/tsv.ts';
import { cleanTextPages } from '../src/lib/text/clean.ts';

const HEADER = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
function tsv(lines: { words: [string, number][]; top: number }[]): string {
  const rows = [HEADER, '1\t1\t0\t0\t0\t0\t0\t0\t2000\t1000\t-1\t'];
  lines.forEach((line, l) => {
    rows.push(`4\t1\t1\t1\t${l + 1}\t0\t100\t${line.top}\t800\t40\t-1\t`);
    line.words.forEach(([text, conf], w) => rows.push(`5\t1\t1\t1\t${l + 1}\t${w + 1}\t${100 + w * 50}\t${line.top}\t40\t40\t${conf}\t${text}`));
  });
  return `${rows.join('\n')}\n`;
}

describe('Tesseract TSV', () => {
  it('groups words into lines with position and character-weighted confidence', () => {
    const page = parseTsv(tsv([{ words: [['スライ', 90], ['ド', 60]], top: 100 }, { words: [['Copyright©', 95], ['2017', 95]], top: 940 }]));
    expect(page.width).toBe(2000);
    expect(page.lines.map((l) => l.text)).toEqual(['スライ ド', 'Copyright© 2017']);
    expect(page.lines[0]?.conf).toBeCloseTo((90 * 3 + 60) / 4);
    expect(page.lines[1]?.y).toBeCloseTo(0.98);
  });

  it('refuses output that is not Tesseract TSV, saying what it found', () => {
    expect(() => parseTsv('hello\n')).toThrow(/expected the header .* found "hello"/u);
  });
});

describe('OCR cleaning', () => {
  it('removes the spaces Tesseract puts between Japanese characters, keeps those between Latin words', () => {
    expect(joinJapanese('スライ ドで説明した通   り')).toBe('スライドで説明した通り');
    expect(joinJapanese('時間 が かかる の で 、 説明 の 前 に 実行')).toBe('時間がかかるので、説明の前に実行');
    expect(joinJapanese('StackStorm による Internet Week 2017')).toBe('StackStorm による Internet Week 2017');
  });

  it('drops bullet marks read as symbols, and stray marks from logos', () => {
    expect(stripBullet('= 監視結果を受けて')).toBe('監視結果を受けて');
    expect(stripBullet('" 時間がかかる')).toBe('時間がかかる');
    expect(stripBullet('m トラフィックとハブ')).toBe('トラフィックとハブ');
    expect(stripBullet('O1 インターネット')).toBe('O1 インターネット');
    expect(strayReason({ text: '©wrrs9/902', conf: 31 })).toMatch(/confidence/u);
    expect(strayReason({ text: '—— | ~', conf: 90 })).toBe('no letter or digit');
    expect(strayReason({ text: '@#%&a', conf: 70 })).toBe('mostly symbols');
    expect(strayReason({ text: '監視結果を受けて処理を実行する', conf: 93 })).toBeUndefined();
    const page = cleanOcrLines(parseTsv(tsv([{ words: [['監視', 90], ['結果', 96]], top: 100 }, { words: [['©wrrs9/902', 20]], top: 500 }])).lines);
    expect(page.lines.map((l) => l.text)).toEqual(['監視結果']);
    expect(page.raw).toBe('監視 結果\n©wrrs9/902');
    expect(page.confidence).toBeCloseTo(0.93, 2);
  });

  it('removes a footer OCR reads slightly differently on each page', () => {
    const page = (body: string, footer: string) => [
      { text: body, y: 0.2, conf: 90 },
      { text: footer, y: 0.97, conf: 80 },
    ];
    const drop = repeatedOcrLines([
      page('自己紹介', 'Copyright© 2017 Example Corporation'),
      page('本時限のトピック', 'Copyright© 2017 Exarnple Corporation'),
      page('まとめ', 'Copyriqht© 2017 Example Corporatlon'),
    ]);
    expect(drop.map((set) => [...set])).toEqual([[1], [1], [1]]);
  });
});

describe('which pages need OCR', () => {
  it('says why: a scan, outlines with no text layer, outlines behind a thin Latin layer', () => {
    expect(ocrNeed({ textChars: 0, glyphShapes: 0, imageCoverage: 1 })?.reason).toMatch(/image covers 100 % of the page \(a scan\)/u);
    expect(ocrNeed({ textChars: 0, glyphShapes: 140, imageCoverage: 0 })?.reason).toMatch(/140 glyph-like shapes are drawn as outlines/u);
    expect(ocrNeed({ textChars: 32, glyphShapes: 137, imageCoverage: 0 })?.reason).toMatch(/only 32 letters and digits, but 137/u);
    expect(ocrNeed({ textChars: 0, glyphShapes: 0, imageCoverage: 0 }, true)?.reason).toMatch(/unreadable/u);
  });

  it('leaves alone pages whose text layer holds their text, pages with a logo, and blank pages', () => {
    expect(ocrNeed({ textChars: 180, glyphShapes: 30, imageCoverage: 0.1 })).toBeUndefined();
    expect(ocrNeed({ textChars: 40, glyphShapes: 12, imageCoverage: 0.3 })).toBeUndefined();
    expect(ocrNeed({ textChars: 0, glyphShapes: 2, imageCoverage: 0 })).toBeUndefined();
    expect(countTextChars('• • Copyright© 2017')).toBe(13);
  });

  it('reads the drawing only when the text layer cannot settle the verdict', () => {
    // What an outlined PowerPoint page leaves in its text layer: Latin furniture and bullets.
    expect(drawingDecides('• •\nCopyright© 2017 Example Corporation\n2', false)).toBe(true);
    // A scan's label, a short Japanese slide, an English slide, an empty page: only the drawing tells.
    expect(drawingDecides('pdf.js', false)).toBe(true);
    expect(drawingDecides('質疑応答', false)).toBe(true);
    expect(drawingDecides('Peering basics\nRoute servers at the IX', false)).toBe(true);
    expect(drawingDecides('', false)).toBe(true);
    // A short Japanese company name in the footer does not vouch for the rest of the page.
    expect(drawingDecides('株式会社日本例示\nCopyright© 2017 Example Corporation', false)).toBe(true);
    // Japanese in the text layer: its Japanese font was embedded, not outlined.
    expect(drawingDecides('経路制御の基礎\nBGP の経路広告と経路フィルタ', false)).toBe(false);
    // An unreadable layer needs OCR whatever is drawn; a full layer holds its text.
    expect(drawingDecides('\u0001\u0002\u0003', true)).toBe(false);
    expect(drawingDecides('Route servers '.repeat(20), false)).toBe(false);
    expect(countJapaneseChars('BGP の経路広告と、カタカナ')).toBe(10);
  });
});

describe('OCR in messages and totals', () => {
  const pages = [
    { page: 1, flags: ['ocr'], confidence: 0.9 },
    { page: 2, flags: ['ocr'], confidence: 0.8 },
    { page: 3, flags: ['no-text', 'needs-ocr'], ocrReason: 'no text layer; an image covers 100 % of the page (a scan)' },
  ];
  it('names the pages read, their confidence and the pages still waiting', () => {
    expect(ocrMessage(pages)).toBe(
      'Text of pages 1–2 read by OCR (mean confidence 85 %; it may contain errors). Page 3 lacks its text (page 3: no text layer; an image covers 100 % of the page (a scan)) and needs OCR.',
    );
    expect(ocrTotals([{ pages }])).toEqual({ pagesRead: 2, meanConfidence: 0.85, pagesWaiting: 1, pagesEmpty: 0 });
  });
});

describe('page numbers glued to a repeated header or footer', () => {
  it('are split off, and the repeated part removed', () => {
    const pages = [1, 2, 3, 4, 5].map((n) => `スライド本文 ${n}\n5G の展開\n${n}Copyright© 2017 NTT TechnoCross Corporation`);
    pages[2] = '3StackStorm の特徴 / システムの抽象化\nセンサーとトリガー\n3Copyright© 2017 NTT TechnoCross Corporation';
    pages[3] = '4StackStorm の特徴 / システムの抽象化\nアクションとワークフロー\n4Copyright© 2017 NTT TechnoCross Corporation';
    pages[4] = '5StackStorm の特徴 / システムの抽象化\n3つの課題\n5Copyright© 2017 NTT TechnoCross Corporation';
    const cleaned = cleanTextPages(pages);
    expect(cleaned.join('\n')).not.toMatch(/Copyright|StackStorm/u);
    expect(cleaned[0]).toBe('スライド本文 1\n5G の展開');
    expect(cleaned[2]).toBe('センサーとトリガー');
    expect(cleaned[4]).toBe('3つの課題');
  });
});

describe('character accuracy', () => {
  it('is 1 − edit distance ÷ length, spacing ignored', () => {
    expect(characterAccuracy('監視結果を受けて', '監視 結果を受けて')).toBe(1);
    expect(characterAccuracy('モニタリング', 'Eニタリング')).toBeCloseTo(5 / 6);
  });
});

