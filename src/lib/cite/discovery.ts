/**
 * How crawlers and feed readers find the archive: sitemap.xml, robots.txt and an
 * Atom feed of the latest programs and their materials. Deterministic: every
 * date comes from the content (the program's date), never from the clock.
 * XML is written by fast-xml-builder, which escapes what needs it.
 */
import XMLBuilder from 'fast-xml-builder';
import type { ArchiveContent, Program } from '../content.ts';
import { deckKey, type SiteDecks } from '../decks.ts';
import { routes } from '../urls.ts';
import { isIsoDate } from '../dates.ts';
import { programLabel } from '../site.ts';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true, suppressEmptyNode: true });
const XML_DECLARATION = { '?xml': { '@version': '1.0', '@encoding': 'UTF-8' } };

/** Site paths of every page worth crawling, each with the content date it reflects. */
export function sitePages(archive: ArchiveContent): { path: string; date?: string }[] {
  const newest = (programs: Program[]) => programs.flatMap((program) => (program.date ? [program.date] : [])).sort().at(-1);
  return [
    { path: routes.home(), ...dated(newest(archive.programs)) },
    { path: routes.about() },
    { path: routes.speakers() },
    { path: routes.videos() },
    { path: routes.codes() },
    { path: routes.affiliations() },
    ...[...archive.events].sort((a, b) => a.year - b.year).map((event) => ({ path: routes.year(event.year), ...dated(newest(archive.programs.filter((program) => program.year === event.year)) ?? event.end) })),
    ...[...archive.programs]
      .sort((a, b) => a.id.localeCompare(b.id))
      .flatMap((program) => [
        { path: routes.program(program.year, program.slug), ...dated(program.date) },
        ...program.decks.map((deck) => ({ path: routes.deck(program.year, program.slug, deck.deckSlug), ...dated(program.date) })),
      ]),
    ...archive.people.map((person) => ({ path: routes.speaker(person.id) })),
  ];
}

function dated(date: string | undefined): { date?: string } {
  return date ? { date } : {};
}

/** A sitemap needs absolute URLs: without the site's address it is an empty, valid urlset. */
export function sitemapXml(archive: ArchiveContent, absolute: (sitePath: string) => string | undefined): string {
  const urls = sitePages(archive).flatMap((page) => {
    const loc = absolute(page.path);
    return loc ? [{ loc, ...(page.date ? { lastmod: page.date } : {}) }] : [];
  });
  return builder.build({ ...XML_DECLARATION, urlset: { '@xmlns': 'http://www.sitemaps.org/schemas/sitemap/0.9', url: urls } });
}

export function robotsTxt(sitemapUrl: string | undefined): string {
  return ['User-agent: *', 'Allow: /', ...(sitemapUrl ? [`Sitemap: ${sitemapUrl}`] : []), ''].join('\n');
}

export interface FeedOptions {
  title: string;
  /** How many programs, newest first. */
  limit: number;
  absolute: (sitePath: string) => string | undefined;
  /** A page-relative fallback when the address is not set (feed readers resolve it against the feed's URL). */
  relative: (sitePath: string) => string;
}

/** Atom (RFC 4287): one entry per program, newest by date, its materials as enclosures. */
export function atomFeed(archive: ArchiveContent, decks: SiteDecks, options: FeedOptions): string {
  const url = (sitePath: string) => options.absolute(sitePath) ?? options.relative(sitePath);
  // Atom dates are whole days and times: a program whose day is not known has no place in time, so it is not in the feed.
  const programs = archive.programs
    .flatMap((program) => (program.date && isIsoDate(program.date) ? [{ ...program, date: program.date }] : []))
    .sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id))
    .slice(0, options.limit);
  const updated = programs[0]?.date ?? '1997-01-01';
  const entries = programs.map((program) => {
    const page = routes.program(program.year, program.slug);
    const people = [...program.speakers, ...program.subTalks.flatMap((talk) => talk.speakers)];
    const materials = program.decks.map((deck) => `「${deck.title ?? deck.file}」`).join('、');
    return {
      id: `tag:internetweek-archive,${program.year}:${program.id}`,
      title: `IW${program.year} ${programLabel(program)}`,
      updated: `${program.date}T00:00:00+09:00`,
      published: `${program.date}T00:00:00+09:00`,
      author: people.length > 0 ? [...new Set(people.map((speaker) => speaker.name))].map((name) => ({ name })) : [{ name: 'Internet Week' }],
      link: [
        { '@rel': 'alternate', '@type': 'text/html', '@href': url(page) },
        ...program.decks.map((deck) => ({
          '@rel': 'enclosure',
          '@type': 'application/pdf',
          '@href': url(routes.material(program.year, deck.file)),
          '@length': String(decks[deckKey(program.id, deck.deckSlug)]?.bytes ?? deck.bytes),
          '@title': deck.title ?? deck.file,
        })),
      ],
      summary: `${program.date} ${programLabel(program)}${materials ? ` — 資料: ${materials}` : ''}`,
    };
  });
  return builder.build({
    ...XML_DECLARATION,
    feed: {
      '@xmlns': 'http://www.w3.org/2005/Atom',
      '@xml:lang': 'ja',
      id: 'tag:internetweek-archive,1997:feed',
      title: options.title,
      updated: `${updated}T00:00:00+09:00`,
      link: [{ '@rel': 'self', '@type': 'application/atom+xml', '@href': url(routes.feed()) }, { '@rel': 'alternate', '@type': 'text/html', '@href': url(routes.home()) }],
      entry: entries,
    },
  });
}
