/**
 * The bad-content fixture (test/fixtures/bad-content/README.md lists each
 * file's one problem) built like `npm run build`: every problem is reported
 * with its file and field, the good programs still build, hostile text is
 * shown escaped, and --strict turns the problems into exit code 1 (one build with --strict and a
 * size limit the fixture's deck is over, for both).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLinks } from '../scripts/mirror/links.ts';
import { listFiles } from '../scripts/mirror/manifest.ts';
import { buildSite, PROJECT_ROOT, type BuiltSite } from './helpers/build.ts';

const CONTENT = path.join(PROJECT_ROOT, 'test/fixtures/bad-content/content');
let site: BuiltSite;

beforeAll(() => {
  site = buildSite({ content: CONTENT });
});

describe('a build over bad input', () => {
  it('reports every problem with its file, field and kind, and still exits 0', () => {
    expect(site.status).toBe(0);
    const reported = site.report.problems.map(({ file, field, kind }) => [file, field ?? null, kind]);
    expect(reported).toEqual(
      expect.arrayContaining([
        ['content/site.yaml', 'url', 'schema'],
        ['content/events/2023.md', 'end', 'schema'],
        ['content/programs/1999/c03.md', 'code', 'duplicate'],
        ['content/programs/2024/missing-title.md', 'title', 'schema'],
        ['content/programs/2024/speakers-string.md', 'speakers', 'schema'],
        ['content/programs/2024/unknown-field.md', 'titel', 'schema'],
        ['content/programs/2024/material-escape.md', 'materials.0.file', 'path'],
        ['content/programs/2024/unknown-type.md', 'type', 'schema'],
        ['content/programs/2024/bad-date.md', 'date', 'schema'],
        ['content/programs/2024/unquoted-time.md', 'time', 'schema'],
        ['content/programs/2024/script-title.md', 'title', 'markup'],
        ['content/programs/2024/img-body.md', 'body', 'markup'],
        ['content/programs/2024/malformed-yaml.md', null, 'front-matter'],
      ]),
    );
    expect(reported).toHaveLength(13);
    const markdown = readFileSync(path.join(site.reportDir, 'build-report.md'), 'utf8');
    expect(markdown).toContain('content/programs/2024/bad-date.md field "date": expected a real date written YYYY, YYYY-MM or YYYY-MM-DD (as much as is known); found "2024-13-45"');
  });

  it('states the rights that apply: a material\'s own, else its event\'s; unknown where nothing is recorded', () => {
    const rightsOf = (file: string) => /data-rights[^>]*>([^<]*)</u.exec(readFileSync(path.join(site.outDir, file), 'utf8'))?.[1];
    expect(rightsOf('2024/o1/ok/index.html')).toBe('CC0 1.0');
    expect(rightsOf('2024/o1/index.html')).toBe('CC BY 4.0');
    expect(readFileSync(path.join(site.outDir, '2024/o1/index.html'), 'utf8')).toContain('「正しい資料」: CC0 1.0');
    expect(rightsOf('1999/c3/index.html')).toBe('不明（権利表示の記録がありません）');
    const data = JSON.parse(readFileSync(path.join(site.outDir, 'data/archive.json'), 'utf8')) as { site: string | null; programs: { id: string; rights: string | null; materials: { rights: string | null }[] }[] };
    expect(data.site).toBeNull();
    expect(data.programs.find((program) => program.id === 'iw2024-o1')).toMatchObject({ rights: 'CC BY 4.0', materials: [{ rights: 'CC0 1.0' }] });
  });

  it('builds everything that is good, and the programs whose only fault is markup', () => {
    const pages = listFiles(site.outDir).filter((file) => /^\d{4}\/[^/]+\/index\.html$/u.test(file));
    expect(pages.sort()).toEqual([
      '1999/c3/index.html',
      '2024/d2/index.html',
      '2024/o1/index.html',
      '2024/o10/index.html', // img-body.md: markup in the abstract
      '2024/o5/index.html', // material-escape.md: kept without its material
      '2024/o9/index.html', // script-title.md: markup in the title
    ]);
    expect(checkLinks(site.outDir).broken).toEqual([]);
  });

  it('shows hostile text as text: no script or handler from content reaches a page', () => {
    for (const page of ['2024/o9/index.html', '2024/o10/index.html', '2024/index.html', 'speakers/index.html']) {
      // Inside a quoted attribute (a meta description) "<script>" is inert text; outside one it would run.
      const markup = readFileSync(path.join(site.outDir, page), 'utf8').replace(/"[^"]*"/gu, '""');
      expect(markup).not.toContain('<script>alert(1)</script>');
      expect(markup).not.toMatch(/<img[^>]+onerror/u);
    }
    // The data export keeps the title exactly as written: it is JSON, not HTML.
    const data = JSON.parse(readFileSync(path.join(site.outDir, 'data/archive.json'), 'utf8')) as { programs: { id: string; title: string }[] };
    expect(data.programs.find((program) => program.id === 'iw2024-o9')?.title).toBe('<script>alert(1)</script>');
    expect(readFileSync(path.join(site.outDir, '2024/o9/index.html'), 'utf8')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(readFileSync(path.join(site.outDir, '2024/o10/index.html'), 'utf8')).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

/**
 * One build with --strict and a size limit below the fixture's one PDF: strict mode is judged once
 * the site is in place, so the same build shows both (and that a non-strict build with problems
 * exits 0 is the first build's).
 */
describe('a strict build with a size limit', () => {
  let limited: BuiltSite;
  beforeAll(() => {
    limited = buildSite({ content: CONTENT, strict: true, args: ['--max-mb', '0.0001'] });
  });

  it('fails in strict mode, naming the problems', () => {
    expect(limited.status).toBe(1);
    // The fixture's 13 problems and the deck over the size limit.
    expect(site.report.problems).toHaveLength(13);
    expect(limited.stderr).toContain('strict mode: 14 problems');
    expect(limited.stderr).toContain('content/programs/2024/unknown-type.md field "type"');
  });

  it('refuses a deck over the size limit without parsing it, and lists it', () => {
    const pdfProblems = limited.report.problems.filter((problem) => problem.kind === 'pdf');
    expect(pdfProblems).toEqual([
      expect.objectContaining({ file: 'content/materials/2024/ok.pdf', message: expect.stringMatching(/^too-large: The file is .* over the limit/u) }),
    ]);
    expect(readFileSync(path.join(limited.outDir, '2024/o1/index.html'), 'utf8')).toContain('大きすぎるため処理していません');
  });
});
