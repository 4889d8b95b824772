/**
 * What the search index knows about each indexed page besides its text:
 * filters (facets), meta (shown in results) and the sort date. Computed from the
 * content model at build time; each page template writes its own as empty
 * elements carrying data-pagefind-* attributes (src/components/SearchMeta.astro),
 * and the indexer (scripts/search/index.ts) uses the list to plan its shards.
 *
 * Only three kinds of page are indexed: program pages, deck (slide) pages and
 * speaker pages. Lists, year pages, home, about and 404 are navigation.
 */
import type { ArchiveContent, Person, Program, ResolvedSpeaker } from '../content.ts';
import { programPeople } from '../content.ts';
import { deckKey, type SiteDecks, type SiteSlides } from '../decks.ts';
import { programLabel, typeLabel } from '../site.ts';
import { partialDateSortKey } from '../dates.ts';
import { routes } from '../urls.ts';
import { plainText } from '../markdown.ts';
import { SLIDE_INDEX_CHARS } from './region.ts';
import { type FilterKey, KIND_LABELS, LANGUAGE_LABELS, type PageKind, PRESENCE_LABELS } from '../labels.ts';

export type { FilterKey, PageKind };

export interface SearchPage {
  /** Site path of the page ("/2024/o1/"); also the result URL. */
  path: string;
  kind: PageKind;
  /** Year used to place the page in an index shard (speaker pages: latest appearance). */
  year: number;
  /** ISO date for "newest" and "oldest" sort. */
  date: string;
  filters: Partial<Record<FilterKey, string[]>>;
  meta: Record<string, string>;
  /**
   * The text Pagefind indexes, region by region, as written (src/components/IndexedText.astro
   * writes each normalised with its map back to these words). Everything else a page shows
   * is data-pagefind-ignore: no dates, ids or headings leak into excerpts.
   */
  regions: SearchRegion[];
}

export interface SearchRegion {
  /** Unique on the page: a slide's is `p<page>` (the search page links to `#p<page>`). */
  id: string;
  text: string;
  /** data-pagefind-weight: program title and code 10, speaker name 8, speakers 5, deck title and video titles 3, abstract 1, slide text 0.5. */
  weight?: number;
  limit?: number;
}

/** Names with their affiliations, as a program page lists them. */
export function speakersText(speakers: readonly ResolvedSpeaker[]): string {
  return speakers.map((speaker) => (speaker.affiliation ? `${speaker.name} (${speaker.affiliation})` : speaker.name)).join('、 ');
}

function region(id: string, text: string | undefined, weight?: number, limit?: number): SearchRegion[] {
  if (!text?.trim()) return [];
  return [{ id, text, ...(weight === undefined ? {} : { weight }), ...(limit === undefined ? {} : { limit }) }];
}

export function eraOf(year: number): string {
  return `${Math.floor(year / 10) * 10}年代`;
}

function unique(values: Iterable<string | undefined>): string[] {
  return [...new Set([...values].filter((value): value is string => typeof value === 'string' && value.trim() !== ''))];
}

function speakerNames(speakers: readonly ResolvedSpeaker[]): string[] {
  return unique(speakers.map((speaker) => speaker.name));
}

function programLanguages(program: Program): string[] {
  const langs = unique(program.decks.map((deck) => deck.lang));
  return langs.length > 0 ? langs : ['ja'];
}

/**
 * The speaker facet names the person (the registry's name), not the spelling of one
 * program (馬渡将隆 in 2004, 馬渡 将隆 in 2024), so that one value finds all of a
 * person's pages, as their speaker page does. Without the list of people: as written.
 */
function personNames(speakers: readonly ResolvedSpeaker[], people: readonly Person[] | undefined): string[] {
  if (!people) return speakerNames(speakers);
  const byId = memo(namesById, people, () => new Map(people.map((person) => [person.id, person.name])));
  return unique(speakers.map((speaker) => byId.get(speaker.speakerId) ?? speaker.name));
}

/** Every indexed page asks for the same people and programs: their lookups are made once per list (at 4,000 pages, rebuilding them was a fifth of the search step's planning). */
const namesById = new WeakMap<readonly Person[], Map<string, string>>();
const appearancesById = new WeakMap<readonly Program[], Map<string, { program: Program; speaker: ResolvedSpeaker }[]>>();

function memo<K extends object, V>(cache: WeakMap<K, V>, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

/** Each person's appearances (program and the speaker entry naming them), in program order. */
function appearancesOf(programs: readonly Program[], personId: string): { program: Program; speaker: ResolvedSpeaker }[] {
  const byId = memo(appearancesById, programs, () => {
    const map = new Map<string, { program: Program; speaker: ResolvedSpeaker }[]>();
    for (const program of programs) {
      for (const speaker of programPeople(program)) {
        const list = map.get(speaker.speakerId);
        if (list) list.push({ program, speaker });
        else map.set(speaker.speakerId, [{ program, speaker }]);
      }
    }
    return map;
  });
  return byId.get(personId) ?? [];
}

function commonFilters(program: Program, people: readonly ResolvedSpeaker[], context: SearchContext): Partial<Record<FilterKey, string[]>> {
  return {
    year: [String(program.year)],
    era: [eraOf(program.year)],
    type: [typeLabel(program)],
    speaker: personNames(people, context.people),
    affiliation: unique(people.map((speaker) => speaker.affiliation)),
    // Videos written in the front matter or linked by the video catalog: the page shows both.
    video: [program.videos.length > 0 || context.programsWithVideo?.has(program.id) ? PRESENCE_LABELS.yes : PRESENCE_LABELS.no],
  };
}

/**
 * What the facets need beyond the page's own program: the people (the speaker facet names the person),
 * and the programs the video catalog links a video to (their pages show it, so 動画 says あり).
 */
export interface SearchContext {
  people?: readonly Person[];
  programsWithVideo?: ReadonlySet<string>;
}

/** Every page the search indexes, with its filters, meta and sort date; `slidesOf` gives a deck's slides by deckKey(). */
export function searchPages(archive: ArchiveContent, decks: SiteDecks, slidesOf: (key: string) => SiteSlides | undefined, programsWithVideo: ReadonlySet<string> = new Set()): SearchPage[] {
  const pages: SearchPage[] = [];
  const context: SearchContext = { people: archive.people, programsWithVideo };
  for (const program of archive.programs) {
    pages.push(programSearchPage(program, decks, context));
    for (const deck of program.decks) pages.push(deckSearchPage(program, deck, decks, slidesOf(deckKey(program.id, deck.deckSlug)), context));
  }
  pages.push(...archive.people.map((person) => speakerSearchPage(archive, person)).filter((page): page is SearchPage => page !== undefined));
  return pages;
}

/** The search entry of a program page. */
export function programSearchPage(program: Program, decks: SiteDecks, context: SearchContext = {}): SearchPage {
  const people = programPeople(program);
  const cover = program.decks.map((deck) => decks[deckKey(program.id, deck.deckSlug)]?.cover).find(Boolean);
  const videoTitles = program.videos.map((video) => video.title).filter((title): title is string => Boolean(title));
  const meta: Record<string, string> = {
    title: program.title ?? program.displayTitle,
    year: String(program.year),
    date: program.date ?? String(program.year),
    kind: 'program',
    ...(program.code ? { code: program.code } : {}),
    ...(people.length > 0 ? { speakers: speakerNames(people).join('、') } : {}),
    ...(cover ? { image: cover.src } : {}),
  };
  return {
    path: routes.program(program.year, program.slug),
    kind: 'program',
    year: program.year,
    date: program.date ?? String(program.year),
    filters: {
      kind: [KIND_LABELS.program],
      ...commonFilters(program, people, context),
      slides: [program.decks.length > 0 ? PRESENCE_LABELS.yes : PRESENCE_LABELS.no],
      lang: programLanguages(program).map((lang) => LANGUAGE_LABELS[lang] ?? lang),
    },
    meta,
    regions: [
      ...region('title', [program.code, program.title, program.titleEn].filter(Boolean).join(' '), 10),
      ...region('speakers', speakersText(program.speakers), 5),
      ...program.subTalks.flatMap((talk) => region(`talk-${talk.normalisedCode.toLowerCase()}`, [talk.code, talk.title, talk.titleEn, speakersText(talk.speakers)].filter(Boolean).join(' '))),
      ...region('abstract', plainText(program.abstract)),
      ...videoTitles.flatMap((title, index) => region(`video-${index}`, `動画: ${title}`, 3)),
    ],
  };
}

/** The search entry of a deck (slide) page: its summary from `decks`, its slides' text from `slides`. */
export function deckSearchPage(program: Program, deck: Program['decks'][number], decks: SiteDecks, slides: SiteSlides | undefined, context: SearchContext = {}): SearchPage {
  const people = programPeople(program);
  const siteDeck = decks[deckKey(program.id, deck.deckSlug)];
  const deckPeople = deck.speaker ? people.filter((speaker) => speaker.name === deck.speaker) : people;
  return {
    path: routes.deck(program.year, program.slug, deck.deckSlug),
    kind: 'deck',
    year: program.year,
    date: program.date ?? String(program.year),
    filters: {
      kind: [KIND_LABELS.deck],
      ...commonFilters(program, deckPeople.length > 0 ? deckPeople : people, context),
      slides: [PRESENCE_LABELS.yes],
      lang: [LANGUAGE_LABELS[deck.lang] ?? deck.lang],
    },
    meta: {
      title: deck.title ?? deck.file.split('/').pop() ?? deck.file,
      program: programLabel(program),
      year: String(program.year),
      date: program.date ?? String(program.year),
      kind: 'deck',
      ...(program.code ? { code: program.code } : {}),
      ...(people.length > 0
        ? {
            speakers: speakerNames(deckPeople.length > 0 ? deckPeople : people).join('、'),
          }
        : {}),
      ...(siteDeck?.cover ? { image: siteDeck.cover.src } : {}),
      ...(siteDeck ? { pages: String(siteDeck.pageCount) } : {}),
    },
    regions: [
      ...region('title', deck.title ?? deck.file.split('/').pop() ?? deck.file, 3),
      ...(slides?.pages ?? []).flatMap((page) => region(`p${page.page}`, page.text, 0.5, SLIDE_INDEX_CHARS)),
    ],
  };
}

/** The search entry of a speaker page; undefined for a person without appearances (no page). */
export function speakerSearchPage(archive: ArchiveContent, person: Person): SearchPage | undefined {
  const appearances = appearancesOf(archive.programs, person.id);
  const latest = appearances.map(({ program }) => program).sort((a, b) => b.year - a.year || partialDateSortKey(b.date).localeCompare(partialDateSortKey(a.date)))[0];
  if (!latest) return undefined;
  const years = unique(appearances.map(({ program }) => String(program.year))).sort((a, b) => b.localeCompare(a));
  return {
    path: routes.speaker(person.id),
    kind: 'speaker',
    year: latest.year,
    date: latest.date ?? String(latest.year),
    filters: {
      kind: [KIND_LABELS.speaker],
      year: years,
      era: unique(appearances.map(({ program }) => eraOf(program.year))),
      speaker: [person.name],
      affiliation: unique(appearances.map(({ speaker }) => speaker.affiliation)),
    },
    meta: {
      title: person.name,
      year: years.length > 1 ? `${years.at(-1)}–${years[0]}` : (years[0] ?? ''),
      date: latest.date ?? String(latest.year),
      kind: 'speaker',
      speakers: `講演 ${appearances.length} 件`,
    },
    regions: [
      ...region('name', [person.name, person.romaji].filter(Boolean).join(' '), 8),
      ...region('names', unique([person.reading, ...appearances.map(({ speaker }) => speaker.name), ...person.aliases].filter((name) => name !== person.name)).join('、 ')),
      ...region('bio', plainText(person.bio)),
      ...region('talks', unique(appearances.flatMap(({ program, speaker }) => [[program.code, program.title].filter(Boolean).join(' '), speaker.affiliation])).join('、 ')),
    ],
  };
}
