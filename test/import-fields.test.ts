/** The importer's readers of single cells and names: dates, times, types, speakers, era file names, encodings. */
import { describe, expect, it } from 'vitest';
import { decodeBytes, declaredHtmlCharset } from '../src/lib/import/decode.ts';
import { parseWrittenDate, parseWrittenMaterials, parseWrittenSpeakers, parseWrittenTime, parseWrittenType } from '../src/lib/import/fields.ts';
import { parseMaterialName } from '../src/lib/import/filenames.ts';
import { readListing } from '../src/lib/import/listing.ts';
import { formatPartialDateJa, partialDateSortKey } from '../src/lib/dates.ts';
import { programSchema } from '../src/lib/schema.ts';
import { encode } from './fixtures/import.ts';

describe('dates as organisers wrote them', () => {
  it.each([
    ['2007-11-19', 2007, { date: '2007-11-19' }],
    ['2007年11月19日', 2007, { date: '2007-11-19' }],
    ['２００７年１１月１９日', 2007, { date: '2007-11-19' }],
    ['2007-11', 2007, { date: '2007-11' }],
    ['2007年', 2007, { date: '2007' }],
    ['11/26(火)', 2019, { date: '2019-11-26', dateAsWritten: '11/26(火)' }],
    ['12月1日', 2025, { date: '2025-12-01', dateAsWritten: '12月1日' }],
    ['第1日目(12/15)', 2004, { date: '2004-12-15', dateAsWritten: '第1日目(12/15)' }],
    ['第2日目', 2012, { dateAsWritten: '第2日目' }],
    ['', 2012, {}],
  ])('%s in %i', (written, year, expected) => {
    expect(parseWrittenDate(written, year)).toEqual({ value: expected });
  });

  it('refuses what cannot be read, a wrong weekday, a day that does not exist, a month-day without a year', () => {
    expect(parseWrittenDate('そのうち', 2007)).toEqual({ error: expect.stringContaining('found "そのうち"') });
    expect(parseWrittenDate('11/26(火)', 2007)).toEqual({ error: expect.stringContaining('2007-11-26 is a 月曜日') });
    expect(parseWrittenDate('2007-02-30', 2007)).toEqual({ error: expect.stringContaining('does not exist') });
    expect(parseWrittenDate('12月1日', undefined)).toEqual({ error: expect.stringContaining('expected a year') });
  });

  it('shows partial dates in Japanese and sorts them after the known days', () => {
    expect(formatPartialDateJa('2007-11-19')).toBe('2007年11月19日(月)');
    expect(formatPartialDateJa('2007-11')).toBe('2007年11月（日は不明）');
    expect(formatPartialDateJa('2007')).toBe('2007年（月日は不明）');
    expect(formatPartialDateJa(undefined)).toBe('不明');
    const sorted = [undefined, '2007', '2007-11', '2007-11-30', '2007-12-01', '2007-11-01'].sort((a, b) => partialDateSortKey(a).localeCompare(partialDateSortKey(b)));
    expect(sorted).toEqual(['2007-11-01', '2007-11-30', '2007-11', '2007-12-01', '2007', undefined]);
  });
});

describe('times, types, speakers, materials', () => {
  it('reads time spans with any dash', () => {
    expect(parseWrittenTime('9:30〜12:30')).toEqual({ value: '09:30-12:30' });
    expect(parseWrittenTime('13:00 ~ 18:30')).toEqual({ value: '13:00-18:30' });
    expect(parseWrittenTime('１３：００～１５：３０')).toEqual({ value: '13:00-15:30' });
    expect(parseWrittenTime('10時〜12時30分')).toEqual({ value: '10:00-12:30' });
    expect(parseWrittenTime('18:00-9:00')).toEqual({ error: expect.stringContaining('ends after it starts') });
  });

  it('normalises types and keeps the written word', () => {
    expect(parseWrittenType('チュートリアル')).toEqual({ type: 'tutorial', typeAsWritten: 'チュートリアル' });
    expect(parseWrittenType('IP Meeting')).toEqual({ type: 'plenary', typeAsWritten: 'IP Meeting' });
    expect(parseWrittenType('ＢｏＦ')).toEqual({ type: 'bof', typeAsWritten: 'ＢｏＦ' });
    expect(parseWrittenType('tutorial')).toEqual({ type: 'tutorial' });
    expect(parseWrittenType('カンファレンス')).toEqual({ typeAsWritten: 'カンファレンス' });
  });

  it('reads speakers with affiliation and role, full- or half-width brackets', () => {
    expect(parseWrittenSpeakers('山田 太郎 (例大学) [講師]; 佐藤 花子（例株式会社）［モデレータ］；鈴木 一郎 [ハンズオンの説明]; Anna Lindqvist [panelist]')).toEqual({
      value: [
        { name: '山田 太郎', affiliation: '例大学', role: 'speaker', roleAsWritten: '講師' },
        { name: '佐藤 花子', affiliation: '例株式会社', role: 'moderator', roleAsWritten: 'モデレータ' },
        { name: '鈴木 一郎', roleAsWritten: 'ハンズオンの説明' },
        { name: 'Anna Lindqvist', role: 'panelist' },
      ],
    });
    expect(parseWrittenSpeakers('(例大学)')).toEqual({ error: expect.stringContaining('speaker 1 is "(例大学)"') });
  });

  it('keeps the role as written in the schema, and an unknown word leaves the role unknown', () => {
    const program = (role: Record<string, string>) => programSchema.parse({ code: 'C1', speakers: [{ name: '山田', ...role }] }).speakers[0];
    expect(program({})).toEqual({ name: '山田', role: 'speaker' });
    expect(program({ roleAsWritten: '座長' })).toEqual({ name: '山田', role: 'chair', roleAsWritten: '座長' });
    expect(program({ roleAsWritten: 'ハンズオンの説明' })).toEqual({ name: '山田', roleAsWritten: 'ハンズオンの説明' });
  });

  it('reads materials and refuses paths that climb out', () => {
    expect(parseWrittenMaterials('C03.PDF; https://example.org/a.pdf')).toEqual({ value: [{ file: 'C03.PDF' }, { url: 'https://example.org/a.pdf' }] });
    expect(parseWrittenMaterials('../../etc/passwd')).toEqual({ error: expect.stringContaining('"../../etc/passwd"') });
  });
});

describe('material file names of each era', () => {
  it.each([
    ['C03.PDF', { code: 'C3' }],
    ['notes/C3.PDF', { code: 'C3' }],
    ['T13-2.pdf', { code: 'T13', subTalk: 'T13-2' }],
    ['IW2008-H3-07.pdf', { code: 'H3', subTalk: 'H3-7', year: 2008 }],
    ['h3/iw2009-h3-01.pdf', { code: 'H3', subTalk: 'H3-1', year: 2009 }],
    ['s09/s09-01.pdf', { code: 'S9', subTalk: 'S9-1' }],
    ['t9/t9-Yamaguchi.pdf', { code: 'T9', surname: 'yamaguchi' }],
    ['t03/t3-ohara.pdf', { code: 'T3', surname: 'ohara' }],
    ['d1-3-moriwaka-1.pdf', { code: 'D1', subTalk: 'D1-3', surname: 'moriwaka', part: 1 }],
    ['h2-takara-4.pdf', { code: 'H2', surname: 'takara', part: 4 }],
    ['c2/c2-matsumoto-3.pdf', { code: 'C2', surname: 'matsumoto', part: 3 }],
  ])('%s', (name, expected) => {
    expect(parseMaterialName(name)).toEqual(expected);
  });

  it('says nothing of names in no era style', () => {
    expect(parseMaterialName('photo.pdf')).toBeNull();
    expect(parseMaterialName('program-2008.pdf')).toBeNull();
  });
});

describe('encodings', () => {
  const text = 'year,code,title\n2004,T1,ＩＰｖ６ 入門と①の話\n';
  it.each([
    ['UTF8', 'utf-8'],
    ['SJIS', 'shift_jis'],
    ['EUCJP', 'euc-jp'],
    ['JIS', 'iso-2022-jp'],
  ] as const)('detects and decodes %s', (encoding, name) => {
    expect(decodeBytes(encode(text, encoding))).toMatchObject({ text, encoding: name, by: 'detected' });
  });

  it('honours a BOM and a meta charset, and names a file it cannot read', () => {
    expect(decodeBytes(encode(text, 'UTF8', { bom: true }))).toMatchObject({ text, by: 'bom' });
    const page = encode('<meta charset="Shift_JIS"><title>日本語</title>', 'SJIS');
    expect(declaredHtmlCharset(page)).toBe('Shift_JIS');
    expect(decodeBytes(page, 'Shift_JIS')).toMatchObject({ text: '<meta charset="Shift_JIS"><title>日本語</title>', by: 'declared' });
    expect(decodeBytes(Uint8Array.from([0x80, 0xff, 0xfe, 0x81, 0x00]))).toEqual({ error: expect.stringContaining('expected text in UTF-8, Shift_JIS, EUC-JP or ISO-2022-JP') });
  });

  it('reads a listing saved with CRLF the same as with LF, naming lines', () => {
    const { programs, problems } = readListing('year,code,title,date\r\n2007,C1,a,2007-11-19\r\n2007,C2,b,明日\r\n', { file: 'x.csv' });
    expect(programs.map((program) => [program.line, program.fields['code']])).toEqual([[2, 'C1'], [3, 'C2']]);
    expect(problems).toEqual([{ file: 'x.csv', line: 3, column: 'date', message: expect.stringContaining('found "明日"') }]);
  });
});

describe('planImport', () => {
  it('finds a hand-written program without code by its title instead of making a second file', async () => {
    const { planImport } = await import('../src/lib/import/plan.ts');
    const plan = planImport({
      programs: [{ year: 2004, fields: { title: 'BoF: 運用者の集い', date: '2004-12-17' }, file: 'x.csv', line: 2, columns: {} }],
      materials: [],
      existing: [{ year: 2004, slug: 'bof-3', path: 'programs/2004/bof-3.md', text: '---\ntitle: "BoF: 運用者の集い"\ntype: bof\n---\n概要\n' }],
      existingEventYears: [2004],
      registry: [],
    });
    expect(plan.writes).toEqual([{ path: 'programs/2004/bof-3.md', action: 'update', changes: ['date'], text: '---\ntitle: "BoF: 運用者の集い"\ntype: bof\ndate: "2004-12-17"\n---\n概要\n' }]);
  });
});

describe('planImport safety', () => {
  it('does not write a file that would not load, and says why', async () => {
    const { planImport } = await import('../src/lib/import/plan.ts');
    const plan = planImport({
      programs: [{ year: 2007, fields: { code: 'C1', date: '2007-11-19' }, file: 'x.csv', line: 2, columns: {} }],
      materials: [],
      existing: [{ year: 2007, slug: 'c1', path: 'programs/2007/c1.md', text: '---\ncode: C1\ntitle: x\ntype: workshop\n---\n' }],
      existingEventYears: [2007],
      registry: [],
    });
    expect(plan.writes).toEqual([]);
    expect(plan.problems).toEqual([{ file: 'content/programs/2007/c1.md', message: expect.stringMatching(/would make this file invalid.*field "type": expected one of tutorial/u) }]);
  });
});

describe('planImport material files', () => {
  it('attaches a file to the speaker its surname names: in the sub-talk first, by registry romaji or a Latin name', async () => {
    const { planImport } = await import('../src/lib/import/plan.ts');
    const existing = `---
code: D1
title: DNS DAY
speakers:
  - name: 中村 直樹
subTalks:
  - code: D1-3
    title: 運用の話
    speakers: [{ name: 森若 順子 }]
  - code: D1-4
    title: 英語の話
    speakers: [{ name: Anna Lindqvist }]
---
`;
    const plan = planImport({
      programs: [],
      materials: ['d1/d1-3-moriwaka-1.pdf', 'd1/d1-4-lindqvist.pdf', 'd1/d1-nakamura.pdf', 'd1/d1-2-sato.pdf'].map((file) => ({ year: 2012, file, source: file })),
      existing: [{ year: 2012, slug: 'd1', path: 'programs/2012/d1.md', text: existing }],
      existingEventYears: [2012],
      registry: [{ name: '森若順子', romaji: 'Moriwaka Junko' }, { name: '中村 直樹', romaji: 'Nakamura Naoki' }],
    });
    expect(plan.problems).toEqual([]);
    const written = plan.writes[0]?.text ?? '';
    expect(written).toContain('materials:\n  - file: d1/d1-2-sato.pdf\n    subTalk: D1-2\n');
    expect(written).toContain('  - file: d1/d1-3-moriwaka-1.pdf\n    speaker: 森若 順子\n    subTalk: D1-3\n');
    expect(written).toContain('  - file: d1/d1-4-lindqvist.pdf\n    speaker: Anna Lindqvist\n    subTalk: D1-4\n');
    expect(written).toContain('  - file: d1/d1-nakamura.pdf\n    speaker: 中村 直樹\n');
    expect(plan.notices).toEqual([expect.stringContaining('the surname "sato" matches no single speaker of 2012 D1')]);
  });
});
