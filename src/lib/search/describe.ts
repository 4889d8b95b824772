/**
 * What the search index knows about each indexed page besides its text:
 * filters (facets), meta (shown in results) and the sort date. Computed from the
 * content model at build time; the indexer injects it into each page's HTML as
 * empty elements carrying data-pagefind-* attributes (scripts/search/index.ts).
 *
 * Only three kinds of page are indexed: program pages, deck (slide) pages and
 * speaker pages. Lists, year pages, home, about and 404 are navigation.
 */
import type { ArchiveContent, Person, Program, ResolvedSpeaker } from '../content.ts';
import { programPeople } from '../content.ts';
import { deckKey, type SiteDecks } from '../decks.ts';
import { programLabel, TYPE_LABELS } from '../site.ts';
import { routes } from '../urls.ts';

export type PageKind = 'program' | 'deck' | 'speaker';

export const KIND_LABELS: Record<PageKind, string> = { program: 'プログラム', deck: 'スライド', speaker: '講演者' };
export const LANGUAGE_LABELS: Record<string, string> = { ja: '日本語', en: '英語', 'ja-en': '日英' };

/** Filter keys, in the order the search page shows them as facets. */
export const FILTER_KEYS = ['kind', 'year', 'era', 'type', 'speaker', 'affiliation', 'slides', 'video', 'lang'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

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
  /** Indexed text the page does not show in its body (video titles). */
  extraText: string[];
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

function commonFilters(program: Program, people: readonly ResolvedSpeaker[]): Partial<Record<FilterKey, string[]>> {
  return {
    year: [String(program.year)],
    era: [eraOf(program.year)],
    type: [TYPE_LABELS[program.type]],
    speaker: speakerNames(people),
    affiliation: unique(people.map((speaker) => speaker.affiliation)),
    video: [program.videos.length > 0 ? 'あり' : 'なし'],
  };
}

/** Every page the search indexes, with its filters, meta and sort date. */
export function searchPages(archive: ArchiveContent, decks: SiteDecks): SearchPage[] {
  const pages: SearchPage[] = [];
  for (const program of archive.programs) {
    const people = programPeople(program);
    const cover = program.decks.map((deck) => decks[deckKey(program.id, deck.deckSlug)]?.cover).find(Boolean);
    const videoTitles = program.videos.map((video) => video.title).filter((title): title is string => Boolean(title));
    const meta: Record<string, string> = {
      title: program.title,
      year: String(program.year),
      date: program.date,
      kind: 'program',
      ...(program.code ? { code: program.code } : {}),
      ...(people.length > 0 ? { speakers: speakerNames(people).join('、') } : {}),
      ...(cover ? { image: cover.src } : {}),
    };
    pages.push({
      path: routes.program(program.year, program.slug),
      kind: 'program',
      year: program.year,
      date: program.date,
      filters: {
        kind: [KIND_LABELS.program],
        ...commonFilters(program, people),
        slides: [program.decks.length > 0 ? 'あり' : 'なし'],
        lang: programLanguages(program).map((lang) => LANGUAGE_LABELS[lang] ?? lang),
      },
      meta,
      extraText: videoTitles.map((title) => `動画: ${title}`),
    });
    for (const deck of program.decks) {
      const siteDeck = decks[deckKey(program.id, deck.deckSlug)];
      const deckPeople = deck.speaker ? people.filter((speaker) => speaker.name === deck.speaker) : people;
      pages.push({
        path: routes.deck(program.year, program.slug, deck.deckSlug),
        kind: 'deck',
        year: program.year,
        date: program.date,
        filters: {
          kind: [KIND_LABELS.deck],
          ...commonFilters(program, deckPeople.length > 0 ? deckPeople : people),
          slides: ['あり'],
          lang: [LANGUAGE_LABELS[deck.lang] ?? deck.lang],
        },
        meta: {
          title: deck.title ?? deck.file.split('/').pop() ?? deck.file,
          program: programLabel(program),
          year: String(program.year),
          date: program.date,
          kind: 'deck',
          ...(program.code ? { code: program.code } : {}),
          ...(people.length > 0 ? { speakers: speakerNames(deckPeople.length > 0 ? deckPeople : people).join('、') } : {}),
          ...(siteDeck?.cover ? { image: siteDeck.cover.src } : {}),
          ...(siteDeck ? { pages: String(siteDeck.pageCount) } : {}),
        },
        extraText: [],
      });
    }
  }
  pages.push(...archive.people.map((person) => speakerPage(archive, person)).filter((page): page is SearchPage => page !== undefined));
  return pages;
}

function speakerPage(archive: ArchiveContent, person: Person): SearchPage | undefined {
  const appearances = archive.programs.flatMap((program) =>
    programPeople(program)
      .filter((speaker) => speaker.speakerId === person.id)
      .map((speaker) => ({ program, speaker })),
  );
  const latest = appearances.map(({ program }) => program).sort((a, b) => b.date.localeCompare(a.date))[0];
  if (!latest) return undefined;
  const years = unique(appearances.map(({ program }) => String(program.year))).sort((a, b) => b.localeCompare(a));
  return {
    path: routes.speaker(person.id),
    kind: 'speaker',
    year: latest.year,
    date: latest.date,
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
      date: latest.date,
      kind: 'speaker',
      speakers: `講演 ${appearances.length} 件`,
    },
    extraText: [],
  };
}
