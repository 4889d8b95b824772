/** The machine-readable form of the archive: what /data/archive.json publishes. */
import type { ArchiveContent } from './content.ts';
import type { SiteDecks } from './decks.ts';
import { deckKey } from './decks.ts';
import { routes } from './urls.ts';

export const EXPORT_VERSION = 1;

export function archiveExport(archive: ArchiveContent, decks: SiteDecks) {
  return {
    version: EXPORT_VERSION,
    events: [...archive.events]
      .sort((a, b) => a.year - b.year)
      .map(({ file: _file, overview: _overview, ...event }) => ({ ...event, url: routes.year(event.year) })),
    programs: [...archive.programs]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((program) => ({
        id: program.id,
        year: program.year,
        code: program.code ?? null,
        normalisedCode: program.normalisedCode ?? null,
        url: routes.program(program.year, program.slug),
        title: program.title,
        titleEn: program.titleEn ?? null,
        date: program.date,
        time: program.timeSpan ?? null,
        type: program.type,
        room: program.room ?? null,
        speakers: program.speakers.map(({ speakerId, name, affiliation, role }) => ({ id: speakerId, name, affiliation: affiliation ?? null, role })),
        subTalks: program.subTalks.map((talk) => ({
          code: talk.code,
          title: talk.title,
          speakers: talk.speakers.map(({ speakerId, name, affiliation, role }) => ({ id: speakerId, name, affiliation: affiliation ?? null, role })),
        })),
        materials: [
          ...program.decks.map((deck) => {
            const siteDeck = decks[deckKey(program.id, deck.deckSlug)];
            return {
              file: routes.material(program.year, deck.file),
              page: routes.deck(program.year, program.slug, deck.deckSlug),
              title: deck.title ?? null,
              speaker: deck.speaker ?? null,
              lang: deck.lang,
              bytes: deck.bytes,
              sha256: siteDeck?.sha256 ?? null,
              pages: siteDeck?.pageCount ?? null,
              textStatus: siteDeck?.outcome ?? null,
              originalUrl: deck.originalUrl ?? null,
            };
          }),
          ...program.links.map((link) => ({ url: link.url, title: link.title ?? null, speaker: link.speaker ?? null, lang: link.lang })),
        ],
        videos: program.videos,
        tags: program.tags,
        abstract: program.abstract.trim(),
      })),
    speakers: archive.people.map(({ id, name, reading, romaji, aliases }) => ({
      id,
      name,
      reading: reading ?? null,
      romaji: romaji ?? null,
      aliases,
      url: routes.speaker(id),
    })),
  };
}
