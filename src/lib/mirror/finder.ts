/**
 * The finder for a mirror opened from disk, where Pagefind cannot load (module scripts
 * and fetch are blocked on file://): programs by code, title, speaker and year, from a
 * data file loaded as a plain <script> (data/finder-data.js), matched in the browser by
 * public/assets/disk-finder.js.
 */
import { compareProgramsInYear, programPeople, type ArchiveContent } from '../content.ts';
import { routes } from '../urls.ts';

/** One program: [year, code as written or "", title, speakers and material titles, site path]. */
export type FinderEntry = [number, string, string, string, string];

/** The global the data script sets, read by assets/disk-finder.js. */
export const FINDER_GLOBAL = 'IW_FINDER';

export function finderEntries(archive: ArchiveContent): FinderEntry[] {
  return [...archive.programs]
    .sort(compareProgramsInYear)
    .map((program) => {
      const people = programPeople(program).map((speaker) => [speaker.name, speaker.affiliation ?? ''].join(' ').trim());
      const extra = [program.titleEn ?? '', ...program.subTalks.map((talk) => `${talk.code} ${talk.title}`), ...program.decks.map((deck) => deck.title ?? '')];
      return [program.year, program.code ?? '', program.title ?? program.displayTitle, [...people, ...extra].filter(Boolean).join(' / '), routes.program(program.year, program.slug)];
    });
}

/** The data file's text: a script that sets window.IW_FINDER (no fetch: it works from disk). */
export function finderScript(archive: ArchiveContent): string {
  return `window.${FINDER_GLOBAL} = ${JSON.stringify(finderEntries(archive))};\n`;
}
