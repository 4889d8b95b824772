/** What pages and data routes need for citing, loaded once per build next to siteData(). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { programPeople, type ExternalMaterial, type LocalMaterial, type Person, type Program, type ResolvedSpeaker } from '../content.ts';
import { deckKey } from '../decks.ts';
import { nameKey } from '../names.ts';
import { eventOfYear, siteData } from '../site.ts';
import { routes } from '../urls.ts';
import { programVideos, siteVideos } from '../videos/site.ts';
import { archiveData, type ArchiveData } from './data.ts';
import { recurringSeries, seriesOf, type Series } from './eras.ts';
import { cslItem, speakerName, toCslName, type CslItem, type PeopleById } from './formats.ts';
import { citationMeta, deckLd, jsonLdText, openGraph, programLd, type DeckLdInput, type MetaTag, type OpenGraphInput, type PersonLink } from './meta.ts';
import { absoluteUrl, parseSiteSettings, rightsOf, SETTINGS_FILE, type LoadedSettings } from './settings.ts';

let cachedSettings: LoadedSettings | undefined;
let cachedPeople: PeopleById | undefined;
let cachedData: ArchiveData | undefined;

/** archive.json's content, which the CSV tables are made from too. */
export function siteArchiveData(): ArchiveData {
  const data = siteData();
  cachedData ??= archiveData({ archive: data, decks: data.decks, videosOf: programVideos, settings: siteSettings().settings });
  return cachedData;
}

/** content/site.yaml, with IW_SITE (`--site`) overriding the address. */
export function readSiteSettings(contentDir: string): LoadedSettings {
  const file = path.join(path.resolve(contentDir), SETTINGS_FILE);
  const source = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  return parseSiteSettings(source, path.relative(path.dirname(path.resolve(contentDir)), file), process.env.IW_SITE);
}

export function siteSettings(): LoadedSettings {
  cachedSettings ??= readSiteSettings(siteData().contentDir);
  return cachedSettings;
}

/** Absolute public URL of a site path ("/2024/o1/"), when the site's address is set. */
export function publicUrl(sitePath: string): string | undefined {
  return absoluteUrl(siteSettings().settings, sitePath);
}

export function peopleById(): PeopleById {
  cachedPeople ??= new Map(siteData().people.map((person) => [person.id, person]));
  return cachedPeople;
}

export function programCitation(program: Program): CslItem {
  return cslItem(program, eventOfYear(siteData(), program.year), publicUrl(routes.program(program.year, program.slug)), peopleById());
}

/** Every program's citation, in id order (the archive-wide files). */
export function allCitations(): CslItem[] {
  return [...siteData().programs].sort((a, b) => a.id.localeCompare(b.id)).map(programCitation);
}

// Page heads --------------------------------------------------------------------

export interface PageHead {
  canonical?: string;
  meta: MetaTag[];
  jsonLd: string;
}

/** An absolute URL when the site's address is set, else the page-relative link (crawlers resolve it against the page). */
function urlFor(route: string, link: (to: string) => string): string {
  return publicUrl(route) ?? link(route);
}

function personLinks(speakers: ResolvedSpeaker[], link: (to: string) => string): PersonLink[] {
  return speakers.map((speaker) => ({ speaker, url: urlFor(routes.speaker(speaker.speakerId), link) }));
}

/** The speakers a deck belongs to: its `speaker` when that names one of the program's people, else all of them. */
export function deckSpeakers(program: Program, deck: LocalMaterial): ResolvedSpeaker[] {
  const people = programPeople(program);
  const own = deck.speaker ? people.filter((speaker) => nameKey(speaker.name) === nameKey(deck.speaker ?? '')) : [];
  return own.length > 0 ? own : people;
}

function deckInput(program: Program, deck: LocalMaterial, link: (to: string) => string): DeckLdInput {
  const siteDeck = siteData().decks[deckKey(program.id, deck.deckSlug)];
  const cover = siteDeck?.cover ? publicUrl(siteDeck.cover.src) : undefined;
  return {
    deck,
    pageUrl: urlFor(routes.deck(program.year, program.slug, deck.deckSlug), link),
    pdfUrl: urlFor(routes.material(program.year, deck.file), link),
    ...(siteDeck ? { sha256: siteDeck.sha256, pageCount: siteDeck.pageCount } : {}),
    ...(cover ? { thumbnailUrl: cover } : {}),
    rights: materialRights(program, deck),
    authors: personLinks(deckSpeakers(program, deck), link),
  };
}

export function materialRights(program: Program, deck?: LocalMaterial | ExternalMaterial): string | null {
  return rightsOf(siteSettings().settings, eventOfYear(siteData(), program.year), deck);
}

function ogImage(program: Program, decks: LocalMaterial[], title: string): OpenGraphInput['image'] {
  for (const deck of decks) {
    const cover = siteData().decks[deckKey(program.id, deck.deckSlug)]?.cover;
    const url = cover ? publicUrl(cover.src) : undefined;
    if (cover && url) return { url, width: cover.width, height: cover.height, alt: `「${deck.title ?? title}」の表紙` };
  }
  return undefined;
}

const SITE_NAME = 'Internet Week アーカイブ';

export function programHead(program: Program, link: (to: string) => string, description: string): PageHead {
  const item = programCitation(program);
  const route = routes.program(program.year, program.slug);
  const canonical = publicUrl(route);
  const image = ogImage(program, program.decks, program.title);
  const label = program.code ? `${program.code} ${program.title}` : program.title;
  return {
    ...(canonical ? { canonical } : {}),
    meta: [
      ...citationMeta({ item, pdfUrls: program.decks.map((deck) => urlFor(routes.material(program.year, deck.file), link)), language: item.language }),
      ...openGraph({ title: label, description, siteName: SITE_NAME, ...(canonical ? { url: canonical } : {}), ...(image ? { image } : {}) }),
    ],
    jsonLd: jsonLdText(
      programLd({
        program,
        event: eventOfYear(siteData(), program.year),
        url: urlFor(route, link),
        eventUrl: urlFor(routes.year(program.year), link),
        people: personLinks(programPeople(program), link),
        decks: program.decks.map((deck) => deckInput(program, deck, link)),
        videos: programVideos(program.id),
      }),
    ),
  };
}

export function deckHead(program: Program, deck: LocalMaterial, link: (to: string) => string, description: string): PageHead {
  const item = programCitation(program);
  const route = routes.deck(program.year, program.slug, deck.deckSlug);
  const canonical = publicUrl(route);
  const title = deck.title ?? deck.file;
  const image = ogImage(program, [deck], title);
  const speakers = deckSpeakers(program, deck);
  const people = peopleById();
  return {
    ...(canonical ? { canonical } : {}),
    meta: [
      ...citationMeta({
        item,
        title,
        authors: speakers.map((speaker) => toCslName(speakerName(speaker, people))),
        pdfUrls: [urlFor(routes.material(program.year, deck.file), link)],
        language: deck.lang === 'en' ? 'en' : 'ja',
      }),
      ...openGraph({ title, description, siteName: SITE_NAME, ...(canonical ? { url: canonical } : {}), ...(image ? { image } : {}) }),
    ],
    jsonLd: jsonLdText({ '@context': 'https://schema.org', ...deckLd(deckInput(program, deck, link)), isPartOf: { '@id': `${urlFor(routes.program(program.year, program.slug), link)}#event` } }),
  };
}

/** Ids of programs the video catalog links a video to (their pages show it). */
export function programsWithVideo(): ReadonlySet<string> {
  return new Set(siteVideos().videos.flatMap((video) => (video.program ? [video.program.programId] : [])));
}

/** The rights statement of a year's materials (the event's, else the archive's default); null when none is known. */
export function eventRights(year: number): string | null {
  return rightsOf(siteSettings().settings, eventOfYear(siteData(), year));
}

/** A speaker page: canonical link, OpenGraph and a schema.org Person with the affiliations written over the years. */
export function personHead(person: Person, affiliations: string[], link: (to: string) => string, description: string): PageHead {
  const route = routes.speaker(person.id);
  const canonical = publicUrl(route);
  const url = urlFor(route, link);
  return {
    ...(canonical ? { canonical } : {}),
    meta: openGraph({ title: person.name, description, siteName: SITE_NAME, ...(canonical ? { url: canonical } : {}) }),
    jsonLd: jsonLdText({
      '@context': 'https://schema.org',
      '@type': 'Person',
      '@id': `${url}#person`,
      name: person.name,
      url,
      ...(person.romaji || person.aliases.length > 0 ? { alternateName: [...(person.romaji ? [person.romaji] : []), ...person.aliases] } : {}),
      ...(affiliations.length > 0 ? { affiliation: affiliations.map((name) => ({ '@type': 'Organization', name })) } : {}),
    }),
  };
}

let cachedSeries: Series[] | undefined;

/** The series a program belongs to (computed once per build). */
export function programSeries(program: Program): Series | undefined {
  cachedSeries ??= recurringSeries(siteData().programs);
  return seriesOf(cachedSeries, program);
}
