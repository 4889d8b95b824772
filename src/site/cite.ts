/**
 * What pages and data routes need for citing, over the site's data (src/site/data.ts):
 * `const cite = await siteCite();` then `cite.programHead(…)`, `cite.publicUrl(…)`.
 * Made once per loaded SiteData.
 */
import { programPeople, type ExternalMaterial, type LocalMaterial, type Person, type Program, type ResolvedSpeaker } from '../lib/content.ts';
import { deckKey } from '../lib/decks.ts';
import { SITE_LABELS } from '../lib/labels.ts';
import { nameKey } from '../lib/names.ts';
import { eventOfYear, programLabel } from '../lib/site.ts';
import { routes } from '../lib/urls.ts';
import { videosOfProgram } from '../lib/videos/load.ts';
import { archiveData, type ArchiveData } from '../lib/cite/data.ts';
import { recurringSeries, seriesOf } from '../lib/cite/eras.ts';
import { cslItem, speakerName, toCslName, type CslItem, type PeopleById } from '../lib/cite/formats.ts';
import { citationMeta, deckLd, jsonLdText, openGraph, programLd, type DeckLdInput, type MetaTag, type OpenGraphInput, type PersonLink } from '../lib/cite/meta.ts';
import { absoluteUrl, rightsOf } from '../lib/cite/settings.ts';
import { oldLinkTable, type OldLink } from '../lib/mirror/old-links.ts';
import { siteData, type SiteData } from './data.ts';

const SITE_NAME = SITE_LABELS.siteName;

export interface PageHead {
  canonical?: string;
  meta: MetaTag[];
  jsonLd: string;
}

const made = new WeakMap<SiteData, ReturnType<typeof citeOf>>();

export async function siteCite(): Promise<ReturnType<typeof citeOf>> {
  const data = await siteData();
  let cite = made.get(data);
  if (!cite) {
    cite = citeOf(data);
    made.set(data, cite);
  }
  return cite;
}

function citeOf(data: SiteData) {
  const programVideos = (programId: string) => videosOfProgram(data.videos, programId);
  let cachedPeople: PeopleById | undefined;
  let cachedData: ArchiveData | undefined;

  /** archive.json's content, which the CSV tables are made from too. */
  function siteArchiveData(): ArchiveData {
    cachedData ??= archiveData({ archive: data, decks: data.decks, videosOf: programVideos, settings: data.settings });
    return cachedData;
  }

  /** Absolute public URL of a site path ("/2024/o1/"), when the site's address is set. */
  function publicUrl(sitePath: string): string | undefined {
    return absoluteUrl(data.settings, sitePath);
  }

  function peopleById(): PeopleById {
    cachedPeople ??= new Map(data.people.map((person) => [person.id, person]));
    return cachedPeople;
  }

  function programCitation(program: Program): CslItem {
    return cslItem(program, eventOfYear(data, program.year), publicUrl(routes.program(program.year, program.slug)), peopleById());
  }

  /** Every program's citation, in id order (the archive-wide files). */
  function allCitations(): CslItem[] {
    return [...data.programs].sort((a, b) => a.id.localeCompare(b.id)).map(programCitation);
  }



  /** An absolute URL when the site's address is set, else the page-relative link (crawlers resolve it against the page). */
  function urlFor(route: string, link: (to: string) => string): string {
    return publicUrl(route) ?? link(route);
  }

  function personLinks(speakers: ResolvedSpeaker[], link: (to: string) => string): PersonLink[] {
    return speakers.map((speaker) => ({ speaker, url: urlFor(routes.speaker(speaker.speakerId), link) }));
  }

  /** The speakers a deck belongs to: its `speaker` when that names one of the program's people, else all of them. */
  function deckSpeakers(program: Program, deck: LocalMaterial): ResolvedSpeaker[] {
    const people = programPeople(program);
    const own = deck.speaker ? people.filter((speaker) => nameKey(speaker.name) === nameKey(deck.speaker ?? '')) : [];
    return own.length > 0 ? own : people;
  }

  function deckInput(program: Program, deck: LocalMaterial, link: (to: string) => string): DeckLdInput {
    const siteDeck = data.decks[deckKey(program.id, deck.deckSlug)];
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

  function materialRights(program: Program, deck?: LocalMaterial | ExternalMaterial): string | null {
    return rightsOf(data.settings, eventOfYear(data, program.year), deck);
  }

  function ogImage(program: Program, decks: LocalMaterial[], title: string): OpenGraphInput['image'] {
    for (const deck of decks) {
      const cover = data.decks[deckKey(program.id, deck.deckSlug)]?.cover;
      const url = cover ? publicUrl(cover.src) : undefined;
      if (cover && url) return { url, width: cover.width, height: cover.height, alt: `「${deck.title ?? title}」の表紙` };
    }
    return undefined;
  }


  function programHead(program: Program, link: (to: string) => string, description: string): PageHead {
    const item = programCitation(program);
    const route = routes.program(program.year, program.slug);
    const canonical = publicUrl(route);
    const label = programLabel(program);
    const image = ogImage(program, program.decks, label);
    return {
      ...(canonical ? { canonical } : {}),
      meta: [
        ...citationMeta({ item, pdfUrls: program.decks.map((deck) => urlFor(routes.material(program.year, deck.file), link)), language: item.language }),
        ...openGraph({ title: label, description, siteName: SITE_NAME, ...(canonical ? { url: canonical } : {}), ...(image ? { image } : {}) }),
      ],
      jsonLd: jsonLdText(
        programLd({
          program,
          event: eventOfYear(data, program.year),
          url: urlFor(route, link),
          eventUrl: urlFor(routes.year(program.year), link),
          people: personLinks(programPeople(program), link),
          decks: program.decks.map((deck) => deckInput(program, deck, link)),
          videos: programVideos(program.id),
        }),
      ),
    };
  }

  function deckHead(program: Program, deck: LocalMaterial, link: (to: string) => string, description: string): PageHead {
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
  function programsWithVideo(): ReadonlySet<string> {
    return new Set(data.videos.flatMap((video) => (video.program ? [video.program.programId] : [])));
  }

  /** The rights statement of a year's materials (the event's, else the archive's default); null when none is known. */
  function eventRights(year: number): string | null {
    return rightsOf(data.settings, eventOfYear(data, year));
  }

  /** A speaker page: canonical link, OpenGraph and a schema.org Person with the affiliations written over the years. */
  function personHead(person: Person, affiliations: string[], link: (to: string) => string, description: string): PageHead {
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

  /** Original URLs (materials, official folders, event pages) → the archive's pages. */
  function oldLinks(): OldLink[] {
    return oldLinkTable({ events: data.events, programs: siteArchiveData().programs });
  }

  const series = recurringSeries(data.programs);

  /** The series a program belongs to. */
  function programSeries(program: Program) {
    return seriesOf(series, program);
  }

  return { siteArchiveData, publicUrl, peopleById, programCitation, allCitations, deckSpeakers, materialRights, programHead, deckHead, programsWithVideo, eventRights, personHead, programSeries, oldLinks, settings: data.settings };
}
