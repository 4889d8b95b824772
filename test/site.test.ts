/**
 * Builds the bundled sample archive like `npm run build` and checks what a
 * reader and a mirror operator would meet: every program has a page, every
 * internal link resolves, the base path is honoured, the output is the same
 * bytes twice.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadArchive } from '../src/lib/content.ts';
import { checkLinks } from '../scripts/mirror/links.ts';
import { verifyManifest } from '../scripts/mirror/manifest.ts';
import { serve } from '../scripts/mirror/serve.ts';
import { buildSite, PROJECT_ROOT, type BuiltSite } from './helpers/build.ts';
import { SEARCH_FIXTURE, sampleSite, searchFixtureSite } from './helpers/sample-site.ts';

const archive = loadArchive(path.join(PROJECT_ROOT, 'content'));
let site: BuiltSite;

beforeAll(() => {
  site = sampleSite();
});

describe('the sample archive', () => {
  it('is big enough to be worth browsing, and loads without problems', () => {
    expect(archive.events.length).toBeGreaterThanOrEqual(8);
    expect(Math.min(...archive.events.map((event) => event.year))).toBeLessThanOrEqual(1999);
    expect(Math.max(...archive.events.map((event) => event.year))).toBeGreaterThanOrEqual(2024);
    expect(archive.programs.length).toBeGreaterThanOrEqual(40);
    expect(archive.problems).toEqual([]);
  });

  it('builds with no problems, so strict mode passes; videos awaiting review are listed as notices', () => {
    expect(site.status).toBe(0);
    expect(site.report.problems).toEqual([]);
    expect(site.report.notices).toContainEqual(expect.objectContaining({ file: 'content/videos/catalog/sampleTRF24.yaml', kind: 'video', message: expect.stringContaining('review.yaml suggests iw2024-o1') }));
  });

  it('has a page for every year, program, deck and speaker', () => {
    const missing = [
      ...archive.events.map((event) => `${event.year}/index.html`),
      ...archive.programs.map((program) => `${program.year}/${program.slug}/index.html`),
      ...archive.programs.flatMap((program) => program.decks.map((deck) => `${program.year}/${program.slug}/${deck.deckSlug}/index.html`)),
      ...archive.people.map((person) => `speakers/${person.id}/index.html`),
      'index.html',
      '404.html',
      'speakers/index.html',
    ].filter((file) => !existsSync(path.join(site.outDir, file)));
    expect(missing).toEqual([]);
  });

  it('shows a program with its code, date, speakers and materials', () => {
    const o1 = archive.programs.find((program) => program.id === 'iw2024-o1');
    expect(o1).toBeDefined();
    const html = readFileSync(path.join(site.outDir, '2024/o1/index.html'), 'utf8');
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('>O1</span>');
    expect(html).toContain('2024年11月19日(火)');
    expect(html).toMatch(/href="\.\.\/\.\.\/speakers\/[a-z0-9-]+\/index\.html"[^>]*>馬渡 将隆</u);
    expect(html).toMatch(/<img src="[^"]+\.webp" width="\d+" height="\d+" alt="[^"]+"/u);
  });

  it('every deck page shows each slide with its text and thumbnail (the slides live collection), as many as the data export counts (the decks collection)', () => {
    const data = JSON.parse(readFileSync(path.join(site.outDir, 'data/archive.json'), 'utf8')) as { programs: { materials: { kind: string; page?: string; pages?: number | null; pagesWithText?: number | null }[] }[] };
    const decks = data.programs.flatMap((program) => program.materials.filter((material) => material.kind === 'file'));
    expect(decks.length).toBe(archive.programs.reduce((sum, program) => sum + program.decks.length, 0));
    let slidesSeen = 0;
    for (const deck of decks) {
      const html = readFileSync(path.join(site.outDir, deck.page ?? '', 'index.html'), 'utf8');
      const where = deck.page;
      const slides = html.match(/<section class="slide"/gu) ?? [];
      expect(slides.length, where).toBe(deck.pages ?? 0);
      expect((html.match(/<p class="slide-text">/gu) ?? []).length, where).toBe(deck.pagesWithText ?? 0);
      // The sample is small enough for a thumbnail of every page, each a file of the site.
      const thumbs = [...html.matchAll(/<a href="[^"]+\.webp"><img src="([^"]+\.webp)"/gu)].map((match) => path.posix.join(deck.page ?? '', match[1] ?? ''));
      expect(thumbs.length, where).toBe(deck.pages ?? 0);
      for (const thumb of thumbs) expect(existsSync(path.join(site.outDir, thumb)), thumb).toBe(true);
      slidesSeen += slides.length;
    }
    expect(slidesSeen).toBeGreaterThan(100);
    const o1 = readFileSync(path.join(site.outDir, '2024/o1/o1-mawatari/index.html'), 'utf8');
    const phrase = 'クライアントとサーバの間には多数のプレイヤーが存在している';
    expect(o1).toContain(phrase);
  });

  it("keeps slide text out of Astro's content store: its decks are summaries, a deck page's text comes from the slides live collection", () => {
    // The search fixture's build has a cache (and so an Astro content store) of its own, written once.
    const fixture = searchFixtureSite();
    const store = readFileSync(path.join(fixture.cacheDir, '..', 'astro', 'data-store.json'), 'utf8');
    const deckPages = readdirSync(fixture.outDir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('index.html'))
      .map((file) => readFileSync(path.join(fixture.outDir, file), 'utf8'))
      .filter((html) => html.includes('<p class="slide-text">'));
    expect(deckPages.length).toBeGreaterThan(0);
    expect(store).toContain('"pagesWithText"');
    expect(store).not.toMatch(/"(?:text|search|flags)":\d/u);
    for (const html of deckPages) {
      const slideText = /<p class="slide-text">([^<]{12,})/u.exec(html)?.[1];
      if (slideText) expect(store).not.toContain(slideText.slice(0, 40));
    }
  });

  it('every internal link and anchor resolves, and no page refers to another host for its assets', () => {
    const report = checkLinks(site.outDir);
    expect(report.checked).toBeGreaterThan(500);
    expect(report.broken).toEqual([]);
    const remoteAssets = report.external.filter(({ href }) => !/^https?:\/\/[^/]+\/.*/u.test(href) || /\.(js|css|woff2?|png|jpe?g|webp|svg)(\?|$)/u.test(href));
    expect(remoteAssets).toEqual([]);
    for (const page of ['index.html', '2024/o1/index.html']) {
      const html = readFileSync(path.join(site.outDir, page), 'utf8');
      // The canonical link names the public address (content/site.yaml); it loads nothing.
      expect(html.replace(/<link rel="canonical" href="[^"]*">/gu, '')).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)="https?:/u);
    }
  });

  it('lists every file with its SHA-256, and the mirror verifies', () => {
    const result = verifyManifest(site.outDir);
    expect(result.mismatched).toEqual([]);
    expect(result.missing).toEqual([]);
    expect(result.unlisted).toEqual([]);
    expect(result.ok).toBeGreaterThan(archive.programs.length);
  });

  it('builds the same bytes twice from the same inputs, even with a fresh PDF cache', () => {
    // One of the two builds parses every PDF afresh. In a fresh clone (CI) the run's shared build
    // did, filling the project's cache, so the second reads every deck from that cache (a
    // rebuild without the PDF work); else the second gets a fresh cache of its own.
    const sharedParsedAll = site.report.stats.ingest.cached === 0 && site.report.stats.ingest.parsed > 0;
    const again = buildSite(sharedParsedAll ? {} : { cacheDir: path.join(site.outDir, '..', 'fresh-cache') });
    expect(again.status, again.stderr).toBe(0);
    expect(sharedParsedAll ? again.report.stats.ingest.parsed : again.report.stats.ingest.cached).toBe(0);
    expect(readFileSync(path.join(again.outDir, 'MANIFEST.sha256'), 'utf8')).toBe(readFileSync(path.join(site.outDir, 'MANIFEST.sha256'), 'utf8'));
  });
});

describe('under a sub-path', () => {
  // The run's shared build of the search fixture is built under /archive/iw/ (four years, decks,
  // speakers, a video, the search page): no build of its own. The sample's every page type is
  // link-checked at the root above.
  it('serves every page and its links from /archive/iw/', async () => {
    const sub = searchFixtureSite();
    expect(sub.status, sub.stderr).toBe(0);
    const server = await serve(sub.outDir, { base: SEARCH_FIXTURE.base });
    try {
      const home = await fetch(server.url);
      expect(home.status).toBe(200);
      const html = await home.text();
      const yearLink = /href="(2024\/index\.html)"/u.exec(html)?.[1];
      expect(yearLink).toBe('2024/index.html');
      const year = await fetch(new URL(yearLink ?? '', server.url));
      expect(year.status).toBe(200);
      const programHref = /href="(t1\/index\.html)"/u.exec(await year.text())?.[1] ?? '';
      const programUrl = new URL(programHref, new URL('2024/', server.url));
      const program = await fetch(programUrl);
      expect(program.status).toBe(200);
      const pdfHref = /href="([^"]+\.pdf)"/u.exec(await program.text())?.[1] ?? '';
      const pdf = await fetch(new URL(pdfHref, programUrl));
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      const missing = await fetch(new URL('no/such/page/', server.url));
      expect(missing.status).toBe(404);
      // No root-absolute links: the 404 page links relative to the root and its script re-resolves them (test/e2e/mirror.test.ts).
      expect(await missing.text()).not.toMatch(/href="\//u);
    } finally {
      await server.close();
    }
    expect(checkLinks(sub.outDir).broken).toEqual([]);
  });
});
