/**
 * The built sample site as a researcher, a crawler and a data user meet it:
 * every citation file read back by citation-js, the head of every program and
 * deck page read by an HTML parser (parse5) the way Zotero and Google Scholar
 * read it, archive.json validated against the published JSON Schema (ajv), the
 * CSV tables read back (csv-parse), every fact on a program page equal to the
 * same fact in the data, and sitemap, robots.txt and the Atom feed parsed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import '@citation-js/plugin-csl';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { parse as parseHtml } from 'parse5';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveData } from '../src/lib/cite/data.ts';
import { loadArchive, programPeople } from '../src/lib/content.ts';
import { formatPartialDateJa } from '../src/lib/dates.ts';
import { searchPages } from '../src/lib/search/describe.ts';
import { loadVideos } from '../src/lib/videos/load.ts';
import { PROJECT_ROOT, type BuiltSite } from './helpers/build.ts';
import { sampleSite } from './helpers/sample-site.ts';

const archive = loadArchive(path.join(PROJECT_ROOT, 'content'));
const SITE = 'https://iw-archive.example.jp/';
let site: BuiltSite;
let data: ArchiveData;

beforeAll(() => {
  site = sampleSite();
  expect(site.status, site.stderr).toBe(0);
  data = JSON.parse(read('data/archive.json')) as ArchiveData;
});

function read(file: string): string {
  return readFileSync(path.join(site.outDir, file), 'utf8');
}

// parse5's tree, walked without a DOM.
interface HtmlNode {
  nodeName: string;
  attrs?: { name: string; value: string }[];
  childNodes?: HtmlNode[];
  value?: string;
  content?: HtmlNode;
}

function all(node: HtmlNode, test: (node: HtmlNode) => boolean, found: HtmlNode[] = []): HtmlNode[] {
  if (test(node)) found.push(node);
  for (const child of [...(node.childNodes ?? []), ...(node.content ? [node.content] : [])]) all(child, test, found);
  return found;
}
const attr = (node: HtmlNode, name: string) => node.attrs?.find((a) => a.name === name)?.value;
const text = (node: HtmlNode): string => (node.nodeName === '#text' ? (node.value ?? '') : (node.childNodes ?? []).map(text).join(''));
const page = (file: string) => parseHtml(read(file)) as unknown as HtmlNode;
const metas = (root: HtmlNode, name: string) => all(root, (node) => node.nodeName === 'meta' && (attr(node, 'name') === name || attr(node, 'property') === name)).map((node) => attr(node, 'content'));
function jsonLd(root: HtmlNode): Record<string, unknown> {
  const script = all(root, (node) => node.nodeName === 'script' && attr(node, 'type') === 'application/ld+json')[0];
  return JSON.parse(script ? text(script) : '{}') as Record<string, unknown>;
}

interface ParsedItem {
  id: string;
  author?: { family?: string; given?: string; literal?: string }[];
  URL?: string;
  title: string;
}

describe('citations in the built site', () => {
  it('every program has BibTeX, RIS and CSL-JSON files that citation-js reads, with its authors and its page URL', async () => {
    for (const program of archive.programs) {
      for (const extension of ['bib', 'ris', 'csl.json']) {
        const items = (await Cite.async(read(`data/cite/${program.id}.${extension}`))).data as ParsedItem[];
        expect(items, `${program.id}.${extension}`).toHaveLength(1);
        expect(items[0]?.URL).toBe(`${SITE}${program.year}/${program.slug}/`);
        expect(items[0]?.author?.length ?? 0, `${program.id}.${extension} authors`).toBe(programPeople(program).length);
      }
    }
  });

  it('the archive-wide files hold every program and read the same in the three formats', async () => {
    const byFormat = await Promise.all(['iw.bib', 'iw.ris', 'iw.csl.json'].map(async (file) => (await Cite.async(read(`data/${file}`))).data as ParsedItem[]));
    for (const items of byFormat) expect(items).toHaveLength(archive.programs.length);
    const authors = byFormat.map((items) => items.map((item) => `${item.URL} ${(item.author ?? []).map((name) => `${name.family}|${name.given}|${name.literal}`).join(';')}`).sort());
    expect(authors[1]).toEqual(authors[0]);
    expect(authors[2]).toEqual(authors[0]);
  });

  it('the program page offers each format to copy and to download', () => {
    const root = page('2024/o1/index.html');
    const links = all(root, (node) => node.nodeName === 'a' && attr(node, 'data-cite-format') !== undefined).map((node) => attr(node, 'href'));
    expect(links).toEqual(['../../data/cite/iw2024-o1.bib', '../../data/cite/iw2024-o1.ris', '../../data/cite/iw2024-o1.csl.json']);
    const copies = all(root, (node) => node.nodeName === 'pre' && attr(node, 'data-cite-format') !== undefined).map(text);
    expect(copies[0]).toContain('author = {馬渡, 将隆}');
    expect(copies[1]).toContain('AU  - 馬渡, 将隆');
  });
});

describe('what Google Scholar and Zotero read in the head', () => {
  it('every program page has a title, one citation_author per speaker (sub-talks too), date, conference and its PDFs', () => {
    for (const program of archive.programs) {
      const root = page(`${program.year}/${program.slug}/index.html`);
      expect(metas(root, 'citation_title'), program.id).toEqual([program.title]);
      expect(metas(root, 'citation_author'), program.id).toHaveLength(programPeople(program).length);
      expect(metas(root, 'citation_publication_date')).toEqual([(program.date ?? String(program.year)).replaceAll('-', '/')]);
      expect(metas(root, 'citation_conference_title')[0]).toMatch(/Internet Week|IW/u);
      expect(metas(root, 'citation_pdf_url')).toHaveLength(program.decks.length > 0 ? 1 : 0);
      expect(all(root, (node) => node.nodeName === 'link' && attr(node, 'rel') === 'canonical').map((node) => attr(node, 'href'))).toEqual([`${SITE}${program.year}/${program.slug}/`]);
      const ld = jsonLd(root);
      expect(ld['@type']).toBe('Event');
      expect(ld['startDate']).toMatch(new RegExp(`^${program.date}`, 'u'));
    }
  });

  it('names are family, given so a reference manager splits 馬渡 将隆 right; DNS DAY credits its sub-talk speakers', () => {
    expect(metas(page('2024/o1/index.html'), 'citation_author')).toEqual(['馬渡, 将隆']);
    expect(metas(page('2024/d2/index.html'), 'citation_author')).toEqual(['山口, 健一', '中村, 直樹']);
  });

  it('every deck page carries citation meta with its absolute PDF URL, OpenGraph with its cover and a PresentationDigitalDocument', () => {
    for (const program of archive.programs) {
      for (const deck of program.decks) {
        const root = page(`${program.year}/${program.slug}/${deck.deckSlug}/index.html`);
        const where = `${program.id}/${deck.deckSlug}`;
        expect(metas(root, 'citation_title'), where).toEqual([deck.title ?? deck.file]);
        expect(metas(root, 'citation_author').length, where).toBeGreaterThan(programPeople(program).length > 0 ? 0 : -1);
        expect(metas(root, 'citation_pdf_url'), where).toEqual([`${SITE}materials/${program.year}/${deck.file}`]);
        const image = metas(root, 'og:image')[0];
        if (image) expect(existsSync(path.join(site.outDir, image.slice(SITE.length))), image).toBe(true);
        const ld = jsonLd(root);
        expect(ld['@type'], where).toBe('PresentationDigitalDocument');
        expect((ld['encoding'] as { contentUrl: string }).contentUrl).toBe(`${SITE}materials/${program.year}/${deck.file}`);
      }
    }
    expect(metas(page('2024/o1/o1-mawatari/index.html'), 'og:image')).toHaveLength(1);
  });

  it('a program with a linked video describes it as a VideoObject', () => {
    const ld = jsonLd(page('2024/o1/index.html'));
    const featured = (ld['workFeatured'] ?? []) as { '@type': string }[];
    expect(featured.map((work) => work['@type'])).toEqual(expect.arrayContaining(['PresentationDigitalDocument', 'VideoObject']));
    expect((ld['performer'] as { '@type': string; name: string }[])[0]).toMatchObject({ '@type': 'Person', name: '馬渡 将隆' });
  });
});

describe('people', () => {
  it('a speaker page describes the person in JSON-LD with every affiliation written over the years, under a readable id', () => {
    const ld = jsonLd(page('speakers/mawatari-masataka/index.html'));
    expect(ld).toMatchObject({ '@type': 'Person', name: '馬渡 将隆', url: `${SITE}speakers/mawatari-masataka/` });
    expect((ld['affiliation'] as { name: string }[]).map((organisation) => organisation.name)).toContain('株式会社JPIX');
    expect(data.speakers.map((person) => person.id).filter((id) => /^n-[0-9a-f]{10}$/u.test(id))).toEqual([]);
  });

  it('the affiliation index and the code glossary are pages linked from the site', () => {
    expect(read('affiliations/index.html')).toContain('株式会社JPIX');
    const codes = page('codes/index.html');
    expect(all(codes, (node) => node.nodeName === 'th' && attr(node, 'scope') === 'row').map(text)).toContain('H');
    expect(read('index.html')).toContain('href="codes/index.html"');
  });
});

describe('the catalogue as data', () => {
  it('archive.json is valid against the published JSON Schema', () => {
    const schema = JSON.parse(read('data/archive.schema.json')) as Record<string, unknown>;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    expect(validate(data), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // The schema can fail: a program without an id is refused.
    const broken = structuredClone(data) as unknown as { programs: Record<string, unknown>[] };
    delete broken.programs[0]?.['id'];
    expect(validate(broken)).toBe(false);
  });

  it('lists the videos the pages show, with materials carrying hash, pages, bytes, original URL, outcome and rights', () => {
    const o1 = data.programs.find((program) => program.id === 'iw2024-o1');
    expect(o1?.videos.length).toBeGreaterThan(0);
    const deck = o1?.materials[0];
    expect(deck).toMatchObject({ kind: 'file', bytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/u), pages: expect.any(Number), outcome: 'ok', originalUrl: expect.stringContaining('nic.ad.jp') });
    expect(deck?.rights).toBeTruthy();
    expect(o1?.sources).toContainEqual({ url: 'https://www.nic.ad.jp/ja/materials/iw/2024/proceedings/o1/o1-mawatari.pdf', kind: 'material', read: null });
  });

  it('the CSV tables read back to the same catalogue', () => {
    const table = (name: string) => parseCsv(read(`data/${name}.csv`), { columns: true, bom: true }) as Record<string, string>[];
    const programs = table('programs');
    expect(programs.map((row) => row['id'])).toEqual(data.programs.map((program) => program.id));
    expect(programs.find((row) => row['id'] === 'iw2024-o1')).toMatchObject({ code: 'O1', date: '2024-11-19', speakers: 'mawatari-masataka' });
    expect(table('speakers')).toHaveLength(data.programs.reduce((sum, program) => sum + program.speakers.length + program.subTalks.reduce((n, talk) => n + talk.speakers.length, 0), 0));
    expect(table('materials')).toHaveLength(data.programs.reduce((sum, program) => sum + program.materials.length, 0));
    const videos = table('videos');
    expect(videos).toHaveLength(data.programs.reduce((sum, program) => sum + program.videos.length, 0));
    expect(videos.some((row) => row['program_id'] === 'iw2024-o1')).toBe(true);
  });

  it('every fact on every program page equals the same fact in the data', () => {
    for (const program of data.programs) {
      const root = page(`${program.url.slice(1)}index.html`);
      const where = program.id;
      const article = all(root, (node) => node.nodeName === 'article')[0] as HtmlNode;
      expect(attr(article, 'data-program-id'), where).toBe(program.id);
      const h1 = all(article, (node) => node.nodeName === 'h1')[0] as HtmlNode;
      const code = all(h1, (node) => attr(node, 'class') === 'code').map(text)[0];
      expect(code ?? null, where).toBe(program.code);
      expect(text(h1), where).toContain(program.title);
      const meta = all(article, (node) => node.nodeName === 'dl' && attr(node, 'class') === 'meta')[0] as HtmlNode;
      const terms = all(meta, (node) => node.nodeName === 'dt').map(text);
      const values = all(meta, (node) => node.nodeName === 'dd');
      const value = (term: string) => values[terms.indexOf(term)];
      expect(text(value('日時') as HtmlNode), where).toBe(`${formatPartialDateJa(program.date ?? undefined)}${program.time ? ` ${program.time.start}–${program.time.end}` : ''}`);
      expect(text(value('ID') as HtmlNode).trim(), where).toBe(program.id);
      if (program.room) expect(text(value('会場') as HtmlNode), where).toBe(program.room);
      const speakerLinks = all(article, (node) => node.nodeName === 'a' && (attr(node, 'href') ?? '').includes('speakers/'));
      const shownPeople = speakerLinks.map((node) => [decodeURI(attr(node, 'href') ?? '').replace(/^.*speakers\/|\/(index\.html)?$/gu, ''), text(node)]);
      const dataPeople = [...program.speakers, ...program.subTalks.flatMap((talk) => talk.speakers)].map((speaker) => [speaker.id, speaker.name]);
      expect(shownPeople, where).toEqual(dataPeople);
      const pdfs = [...new Set(all(article, (node) => node.nodeName === 'a' && /\.pdf$/iu.test(attr(node, 'href') ?? '')).map((node) => path.posix.normalize(path.posix.join(program.url, attr(node, 'href') ?? ''))))];
      expect(pdfs.sort(), where).toEqual(program.materials.flatMap((material) => (material.kind === 'file' ? [material.file] : [])).sort());
      const videos = all(article, (node) => node.nodeName === 'figure' && attr(node, 'class') === 'video').map((node) => attr(node, 'data-video-id'));
      expect(videos, where).toEqual(program.videos.filter((video) => video.platform !== 'link').map((video) => video.id));
      expect(text(all(article, (node) => attr(node, 'data-rights') !== undefined)[0] as HtmlNode), where).toBe(program.rights ?? '不明（権利表示の記録がありません）');
      const otherYears = value('他の年');
      const shownSeries = otherYears ? all(otherYears, (node) => node.nodeName === 'a').map((node) => path.posix.normalize(path.posix.join(program.url, attr(node, 'href') ?? '')).replace(/index\.html$/u, '')) : [];
      const byId = new Map(data.programs.map((other) => [other.id, other.url]));
      expect(shownSeries, where).toEqual((program.series?.programs ?? []).filter((id) => id !== program.id).map((id) => byId.get(id)));
    }
  });

  it('the search facet 動画 says あり for a program whose page shows a catalog video (/2024/o1/)', () => {
    const videos = loadVideos(archive.contentDir, archive);
    const linked = new Set(videos.videos.flatMap((video) => (video.program ? [video.program.programId] : [])));
    const o1 = searchPages(archive, {}, () => undefined, linked).find((entry) => entry.path === '/2024/o1/');
    expect(o1?.filters.video).toEqual(['あり']);
  });
});

describe('discovery', () => {
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['url', 'entry', 'link', 'author'].includes(name) });

  it('sitemap.xml lists every program, deck and speaker page by absolute URL, each of which exists', () => {
    const urls = (xml.parse(read('sitemap.xml')) as { urlset: { url: { loc: string; lastmod?: string }[] } }).urlset.url;
    const locs = urls.map((url) => url.loc);
    for (const program of archive.programs) expect(locs).toContain(`${SITE}${program.year}/${program.slug}/`);
    for (const loc of locs) expect(existsSync(path.join(site.outDir, decodeURI(loc.slice(SITE.length)), 'index.html')), loc).toBe(true);
    expect(read('robots.txt')).toContain(`Sitemap: ${SITE}sitemap.xml`);
  });

  it('the Atom feed lists the newest programs by their content dates, with their PDFs as enclosures', () => {
    const feed = (xml.parse(read('feed.xml')) as { feed: { updated: string; entry: { updated: string; link: { '@rel': string; '@href': string }[] }[] } }).feed;
    const newest = [...archive.programs].map((program) => program.date).sort().at(-1);
    expect(feed.updated.startsWith(newest ?? '-')).toBe(true);
    const dates = feed.entry.map((entry) => entry.updated);
    expect(dates).toEqual([...dates].sort().reverse());
    const enclosures = feed.entry.flatMap((entry) => entry.link.filter((link) => link['@rel'] === 'enclosure'));
    expect(enclosures.length).toBeGreaterThan(0);
    for (const link of enclosures) expect(existsSync(path.join(site.outDir, decodeURI(link['@href'].slice(SITE.length)))), link['@href']).toBe(true);
  });
});
