/**
 * What the archive derives for readers from its own content: the meaning of code
 * letters by era, recurring programs, the affiliation index, people's names and
 * ids, the rights that apply, and the charts (static SVG with text alternatives).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { affiliationIndex } from '../src/lib/cite/affiliations.ts';
import { coverageChart, programsByTypeChart, slidesPerYearChart } from '../src/lib/cite/charts.ts';
import { codeGlossary, recurringSeries, seriesName } from '../src/lib/cite/eras.ts';
import { personIdCandidates, romaniseKana } from '../src/lib/cite/people.ts';
import { absoluteUrl, parseSiteSettings, rightsOf } from '../src/lib/cite/settings.ts';
import { loadArchive } from '../src/lib/content.ts';
import { PROJECT_ROOT } from './helpers/build.ts';
import { frontMatter, writeTree } from './helpers/tree.ts';
import { TYPE_LABELS } from '../src/lib/labels.ts';

const archive = loadArchive(path.join(PROJECT_ROOT, 'content'));

describe('eras and series from the content', () => {
  it('H meant a half-day tutorial in 2008–2009 and hands-on from 2018: two rows for one letter', () => {
    const h = codeGlossary(archive.programs).filter((era) => era.letter === 'H');
    expect(h.map((era) => [era.from, era.to, era.types])).toEqual([
      [2008, 2009, ['tutorial']],
      [2018, 2025, ['hands-on']],
    ]);
  });

  it('IP Meeting and DNS DAY are recurring programs linked across years, found from titles', () => {
    expect(seriesName('IP Meeting 2025 挑戦×経験×世代 ～フルスタックで“不確実”の先へ～')).toBe('IP Meeting');
    expect(seriesName('IP Meeting 97')).toBe('IP Meeting');
    const series = recurringSeries(archive.programs);
    const years = (name: string) => series.find((entry) => entry.name === name)?.programs.map((program) => program.year);
    expect(years('IP Meeting')).toEqual(expect.arrayContaining([1997, 1998, 1999, 2004, 2024, 2025]));
    expect(years('DNS DAY')).toEqual([2012, 2018, 2024]);
  });

  it('the affiliation index lists who spoke from an organisation in which year, newest first', () => {
    const index = affiliationIndex(archive.programs);
    const hokushin = index.find((entry) => entry.name === '北辰レジストリ株式会社');
    const years = hokushin?.years.map((entry) => entry.year) ?? [];
    expect(years).toEqual([...years].sort((a, b) => b - a));
    expect(hokushin?.years.find((entry) => entry.year === 2024)?.people.map((person) => person.id)).toEqual(['yamaguchi-kenichi', 'nakamura-naoki']);
  });
});

describe('people', () => {
  it('romanises readings the way the registry names its files, never falling back to a hash', () => {
    expect(romaniseKana('やまぐち けんいち')).toBe('yamaguchi kenichi');
    expect(romaniseKana('おおはら みほ')).toBe('ohara miho');
    expect(personIdCandidates({ name: '山口 健一', reading: 'やまぐち けんいち' })).toEqual(['yamaguchi-kenichi', '山口健一']);
    expect(personIdCandidates({ name: '山口　健一' })).toEqual(['山口健一']);
    expect(personIdCandidates({ name: 'MAWATARI Masataka' })).toEqual(['mawatari-masataka']);
  });

  it('finds one person under an old kanji form, a full-width space and romaji in either order when the registry lists them', () => {
    const root = writeTree({
      'content/events/2024.md': frontMatter('name: Internet Week 2024\nstart: 2024-11-19\nend: 2024-11-29'),
      'content/speakers/takahashi-makoto.md': frontMatter('name: 高橋 誠\nromaji: Makoto Takahashi\naliases: [髙橋 誠]'),
      'content/programs/2024/o1.md': frontMatter('code: O1\ntitle: a\ndate: 2024-11-19\ntype: tutorial\nspeakers:\n  - { name: 髙橋誠 }\n  - { name: "高橋　誠" }'),
      'content/programs/2024/o2.md': frontMatter('code: O2\ntitle: b\ndate: 2024-11-19\ntype: tutorial\nspeakers:\n  - { name: TAKAHASHI Makoto }'),
    });
    const loaded = loadArchive(path.join(root, 'content'), root);
    expect(loaded.programs.flatMap((program) => program.speakers.map((speaker) => speaker.speakerId))).toEqual(['takahashi-makoto', 'takahashi-makoto', 'takahashi-makoto']);
  });
});

describe('site settings and rights', () => {
  it('a material states its own rights, else its event, else the archive default; none known is null', () => {
    const { settings } = parseSiteSettings('url: https://example.org/iw/\nrights: 著作権は講演者に帰属', 'content/site.yaml');
    expect(rightsOf(settings, { rights: 'CC BY 4.0' }, { rights: 'CC0' })).toBe('CC0');
    expect(rightsOf(settings, { rights: 'CC BY 4.0' }, {})).toBe('CC BY 4.0');
    expect(rightsOf(settings, {}, {})).toBe('著作権は講演者に帰属');
    expect(rightsOf({}, undefined)).toBeNull();
    expect(absoluteUrl(settings, '/2024/o1/')).toBe('https://example.org/iw/2024/o1/');
  });

  it('a bad address is a problem naming the file and field, and the override wins', () => {
    const { problems } = parseSiteSettings('url: example.org', 'content/site.yaml');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems).toContainEqual(expect.objectContaining({ file: 'content/site.yaml', field: 'url', message: expect.stringContaining('expected an http(s) URL') }));
    expect(parseSiteSettings('url: https://a.example/', 'content/site.yaml', 'https://mirror.example/iw').settings.url).toBe('https://mirror.example/iw/');
  });
});

describe('charts', () => {
  const charts = [programsByTypeChart(archive.programs, TYPE_LABELS), slidesPerYearChart(archive.programs, {}), coverageChart(archive.programs, {}, new Set(['iw2024-o1']))];

  it('are static SVG with a title, a description and the numbers as a table; no script', () => {
    for (const chart of charts) {
      expect(chart.svg).toMatch(/^<svg [^>]*role="img"[^>]*><title id="[^"]+">[^<]+<\/title><desc id="[^"]+">[^<]+<\/desc>/u);
      expect(chart.svg).not.toMatch(/<script|on[a-z]+=/u);
      expect(chart.table.rows.length).toBeGreaterThan(0);
    }
  });

  it('programs per year add up to the archive', () => {
    const table = charts[0]?.table;
    expect(table?.rows.reduce((sum, row) => sum + Number(row.at(-1)), 0)).toBe(archive.programs.length);
    expect(charts[2]?.summary).toContain(`動画のあるプログラム`);
  });
});
