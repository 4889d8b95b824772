/**
 * `npm run import` as a user runs it, over listings in every encoding, pages of each era and a
 * folder of era-named material files (all generated: test/fixtures/import.ts), then a real build
 * of the result; a second run changes nothing; a hand edit survives a re-import.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../scripts/import/index.ts';
import { listFiles } from '../scripts/mirror/manifest.ts';
import { buildSite, PROJECT_ROOT, type BuiltSite } from './helpers/build.ts';
import { runCli, type CliRun } from './helpers/cli.ts';
import { frontMatter, writeTree } from './helpers/tree.ts';
import * as input from './fixtures/import.ts';

/** `npm run import` in-process (its main, output captured). */
function runImport(args: string[]): Promise<CliRun> {
  return runCli(main, args);
}

/** The same as a child process, for what only the real process shows: its exit code. */
function spawnImport(args: string[]) {
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/import/index.ts'), ...args], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function treeHash(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((file) => [file, createHash('sha256').update(readFileSync(path.join(dir, file))).digest('hex')]));
}

function inputTree(): string {
  return writeTree({
    'in/listing-utf8-bom-crlf.csv': input.encode(input.LISTING_2007, 'UTF8', { bom: true, crlf: true }),
    'in/listing-sjis.csv': input.encode(input.LISTING_2004, 'SJIS', { crlf: true }),
    'in/listing-eucjp.tsv': input.encode(input.LISTING_2005, 'EUCJP'),
    'in/listing-iso2022jp.csv': input.encode(input.LISTING_2006, 'JIS'),
    'in/1999/program.html': input.encode(input.PAGE_1999, 'SJIS'),
    'in/2008/program.html': input.encode(input.PAGE_2008, 'EUCJP'),
    'in/2012/program.html': input.encode(input.PAGE_2012, 'UTF8'),
    ...Object.fromEntries(Object.entries(input.materialFolder()).map(([name, bytes]) => [`files/${name}`, bytes])),
    'bad/rows.csv': input.LISTING_BAD,
    'bad/2010/broken.html': input.PAGE_BROKEN,
    'bad/unknown-encoding.csv': Uint8Array.from([0x79, 0x65, 0x61, 0x72, 0x0a, 0x80, 0xff, 0xfe, 0x81, 0x00, 0x9f]),
    'content/speakers/ohara-miho.md': frontMatter('name: 大原 美穂\nromaji: Ohara Miho'),
    'content/programs/.keep': '',
  });
}

describe('npm run import', () => {
  let root: string;
  let content: string;
  let first: CliRun;
  let site: BuiltSite;
  const read = (file: string) => matter(readFileSync(path.join(content, file), 'utf8')).data as Record<string, unknown>;

  beforeAll(async () => {
    root = inputTree();
    content = path.join(root, 'content');
    first = await runImport([path.join(root, 'in'), path.join(root, 'files'), '--content', content]);
    site = buildSite({ content });
  });

  it('imports every listing encoding and every era of page, keeping what was written', () => {
    expect(first.status).toBe(0);
    expect(read('programs/2007/c1.md')).toMatchObject({
      code: 'C1', title: 'DNS の基礎', titleEn: 'DNS Basics', date: '2007-11-19', time: '09:30-12:30', typeAsWritten: 'カンファレンス', room: 'Room A',
      speakers: [
        { name: '山田 太郎', affiliation: '例大学', role: 'speaker', roleAsWritten: '講師' },
        { name: '佐藤 花子', affiliation: '例株式会社', role: 'moderator', roleAsWritten: 'モデレータ' },
      ],
      sources: [{ url: 'https://www.nic.ad.jp/ja/iw/2007/program/' }],
    });
    expect(read('programs/2007/c1.md')).not.toHaveProperty('type');
    expect(read('programs/2007/c2.md')).toMatchObject({ date: '2007-11-20', time: '13:00-18:30', type: 'tutorial', speakers: [{ name: '鈴木 一郎', roleAsWritten: 'ハンズオンの説明' }] });
    expect(read('programs/2007/c2.md')['speakers']).toEqual([{ name: '鈴木 一郎', roleAsWritten: 'ハンズオンの説明' }]);
    expect(read('programs/2007/c3.md')).not.toHaveProperty('date');
    // Shift_JIS with CRLF: a day of the event and a weekday date, checked against the calendar.
    expect(read('programs/2004/t1.md')).toMatchObject({ title: 'ＩＰｖ６ 入門', date: '2004-12-15', dateAsWritten: '第1日目(12/15)', time: '10:00-12:00' });
    expect(read('programs/2004/t2.md')).toMatchObject({ date: '2004-12-16', dateAsWritten: '12/16(木)', type: 'seminar' });
    expect(read('programs/2005/t11.md')).toMatchObject({ title: '迷惑メール対策', date: '2005-12-07', speakers: [{ name: '佐々木 亮', affiliation: '例セキュリティ' }] });
    expect(read('programs/2006/t5.md')).toMatchObject({ title: '月だけ分かる講演', date: '2006-11' });
    // Pages: 1999 table (Shift_JIS), 2008 definition list (EUC-JP), 2012 sections (UTF-8).
    expect(read('programs/1999/c3.md')).toMatchObject({ code: 'C03', title: 'ネットワーク管理入門', date: '1999-12-14', materials: [{ file: 'proceedings/C03.PDF' }] });
    expect(read('programs/2008/h3.md')).toMatchObject({ title: 'DNSSEC の実際', date: '2008-11-26', time: '13:30-17:00', typeAsWritten: '半日セッション', speakers: [{ name: '石川 浩二', role: 'speaker', roleAsWritten: '講師' }] });
    expect(read('programs/2008/f2.md')).toMatchObject({ type: 'keynote', speakers: [{ name: '川上 裕也', role: 'chair', roleAsWritten: '座長' }] });
    expect(read('programs/2012/t3.md')).toMatchObject({ title: 'IPv6 構築', date: '2012-11-20', type: 'tutorial', speakers: [{ name: '大原 美穂' }, { name: '松本 大輔', role: 'moderator' }] });
    expect(read('programs/2012/d1.md')).toMatchObject({ dateAsWritten: '第2日目' });
    expect(read('programs/2012/d1.md')).not.toHaveProperty('date');
    expect(read('events/2007.md')).toEqual({ name: 'Internet Week 2007' });
  });

  it('copies era-named files under content/materials/YEAR/ and attaches them to their program, sub-talk and speaker', () => {
    expect(read('programs/2008/h3.md')['materials']).toEqual([{ file: 'proceedings/H3/IW2008-H3-07.pdf', subTalk: 'H3-7' }]);
    expect(read('programs/2009/h3.md')).toEqual({ code: 'H3', materials: [{ file: 'h3/iw2009-h3-01.pdf', subTalk: 'H3-1' }] });
    expect(read('programs/2012/t3.md')['materials']).toEqual([{ file: 't03/t3-ohara.pdf', speaker: '大原 美穂' }]);
    expect(read('programs/2012/d1.md')['materials']).toEqual([{ file: 'd1/d1-3-moriwaka-1.pdf', subTalk: 'D1-3' }]);
    expect(read('programs/2018/h2.md')).toEqual({ code: 'H2', materials: [{ file: 'h2/h2-takara-4.pdf' }] });
    expect(read('programs/1999/c3.md')['materials']).toEqual([{ file: 'proceedings/C03.PDF' }]);
    expect(readFileSync(path.join(content, 'materials/2012/t03/t3-ohara.pdf'))).toEqual(Buffer.from(input.materialFolder()['2012/t03/t3-ohara.pdf'] ?? []));
    expect(first.stdout).toMatch(/unmatched: .*2018\/photo\.pdf/u);
    expect(first.stdout).toMatch(/surname "moriwaka" matches no single speaker of 2012 D1/u);
    expect(first.stdout).toMatch(/, 0 problems$/mu);
  });

  it('builds the imported years: programs appear, unknown facts say 不明, data says null', () => {
    expect(site.status).toBe(0);
    expect(site.report.problems).toEqual([]);
    const page = (file: string) => readFileSync(path.join(site.outDir, file), 'utf8');
    expect(page('2007/c3/index.html')).toMatch(/<dt>日時<\/dt>\s*<dd>不明<\/dd>/u);
    expect(page('2007/c1/index.html')).toContain('カンファレンス');
    expect(page('2006/t5/index.html')).toContain('2006年11月（日は不明）');
    expect(page('2012/d1/index.html')).toContain('第2日目');
    expect(page('2009/h3/index.html')).toMatch(/<h1[^>]*>\s*<span class="code"[^>]*>H3<\/span>\s*<\/h1>|<span class="code"[^>]*>H3<\/span>/u);
    expect(page('2007/index.html')).toContain('日付不明');
    // The event the importer made knows only its year.
    expect(page('2007/index.html')).toMatch(/<dt>会期<\/dt>\s*<dd>不明<\/dd>/u);
    const data = JSON.parse(page('data/archive.json')) as { programs: Record<string, unknown>[] };
    expect(data.programs.find((program) => program['id'] === 'iw2007-c3')).toMatchObject({ date: null, type: null, dateAsWritten: null });
    expect(data.programs.find((program) => program['id'] === 'iw2009-h3')).toMatchObject({ title: null });
    const bib = page('data/iw.bib');
    const entry = bib.slice(bib.indexOf('@inproceedings{iw2009-h3,'));
    expect(entry.slice(0, entry.indexOf('\n}'))).not.toMatch(/\btitle =|month =/u);
    expect(entry).toMatch(/note = \{Program H3\}/u);
  });

  it('changes nothing on a second run (byte-identical content/)', async () => {
    const before = treeHash(content);
    const second = await runImport([path.join(root, 'in'), path.join(root, 'files'), '--content', content]);
    expect(second.stdout).toMatch(/^0 created, 0 updated, \d+ unchanged, 0 material files copied/mu);
    expect(treeHash(content)).toEqual(before);
  });

  it('keeps a hand edit, reports the disagreement, fills only what is missing; --dry-run writes nothing', async () => {
    const file = path.join(content, 'programs/2007/c1.md');
    const edited = readFileSync(file, 'utf8').replace('title: DNS の基礎', 'title: DNS の基礎（改訂版）  # corrected by hand').replace(/^room: Room A\n/mu, '') + '\n手で書いた概要。\n';
    writeFileSync(file, edited);
    const before = treeHash(content);
    const dry = await runImport([path.join(root, 'in'), '--content', content, '--dry-run']);
    expect(dry.stdout).toMatch(/would update .*programs\/2007\/c1\.md \(adds room\)/u);
    expect(dry.stdout).toMatch(/dry run \(nothing written\)/u);
    expect(treeHash(content)).toEqual(before);
    const again = await runImport([path.join(root, 'in'), '--content', content]);
    expect(again.stdout).toMatch(/field "title": kept the file's "DNS の基礎（改訂版）"; .*listing-utf8-bom-crlf\.csv line 2 says "DNS の基礎"/u);
    const after = readFileSync(file, 'utf8');
    // The hand-edited value and its comment are kept (YAML rewrites the spacing before a comment).
    expect(after).toMatch(/^title: DNS の基礎（改訂版） +# corrected by hand$/mu);
    expect(after).toContain('room: Room A');
    expect(after.endsWith('\n手で書いた概要。\n')).toBe(true);
  });

  it('reports bad input with file, line and column, imports the rest, and fails with --strict', () => {
    // A child process: the exit code is the real process's.
    const bad = spawnImport([path.join(root, 'bad'), '--content', content, '--strict']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/rows\.csv line 2 column "year": expected the year of the program/u);
    expect(bad.stderr).toMatch(/rows\.csv line 3 column "code": expected a code or a title/u);
    expect(bad.stderr).toMatch(/rows\.csv line 4 column "date": expected a date such as .*found "そのうち"/u);
    expect(bad.stderr).toMatch(/rows\.csv line 6 column "title": two rows disagree about title of 2007 C9: this row says "二つ目の題", .*rows\.csv line 5 says "一つ目の題"/u);
    expect(bad.stderr).toMatch(/unknown-encoding\.csv: expected text in UTF-8, Shift_JIS, EUC-JP or ISO-2022-JP/u);
    expect(bad.stderr).toMatch(/broken\.html: expected a program listing .* found none/u);
    expect(bad.stderr).toMatch(/strict mode: 6 problems → exit 1/u);
    expect(read('programs/2007/c10.md')).toMatchObject({ title: '良い行', date: '2007-11-22' });
    expect(read('programs/2007/c9.md')).toMatchObject({ title: '一つ目の題' });
    expect(read('programs/2007/c8.md')).toMatchObject({ dateAsWritten: 'そのうち' });
  });

  it('refuses to write through a symbolic link inside content/', async () => {
    const outside = writeTree({ 'x.md': 'outside' });
    const tree = writeTree({ 'in.csv': 'year,code,title\n2030,C1,リンクの先\n', 'content/events/.keep': '' });
    mkdirSync(path.join(tree, 'content'), { recursive: true });
    symlinkSync(outside, path.join(tree, 'content/programs'));
    const result = await runImport([path.join(tree, 'in.csv'), '--content', path.join(tree, 'content')]);
    expect(result.stderr).toMatch(/refused to write .*programs.* is a symbolic link/u);
    expect(listFiles(outside)).toEqual(['x.md']);
  });
});
