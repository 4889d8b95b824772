/**
 * The archive as pages see it, loaded once per build. Paths come from the
 * environment the build script sets (IW_CONTENT_DIR, IW_DECKS_FILE).
 */
import path from 'node:path';
import { loadArchive, programPeople, type Archive, type Person, type Program, type ResolvedSpeaker, type YearEvent } from './content.ts';
import { readSiteDecks, type SiteDecks } from './decks.ts';
import type { ProgramType } from './schema.ts';
import { archiveExport } from './export.ts';
import { oldLinkTable, type OldLink } from './mirror/old-links.ts';

export interface SiteData extends Archive {
  decks: SiteDecks;
}

let cached: SiteData | undefined;

export function siteData(): SiteData {
  if (!cached) {
    const contentDir = path.resolve(process.env.IW_CONTENT_DIR ?? 'content');
    cached = { ...loadArchive(contentDir), decks: readSiteDecks(process.env.IW_DECKS_FILE) };
  }
  return cached;
}

export const TYPE_LABELS: Record<ProgramType, string> = {
  tutorial: 'チュートリアル',
  seminar: 'セミナー',
  'hands-on': 'ハンズオン',
  bof: 'BoF',
  'lunch-seminar': 'ランチセミナー',
  plenary: 'IP Meeting・全体会合',
  keynote: '基調講演',
  other: 'その他',
};

export const ROLE_LABELS: Record<ResolvedSpeaker['role'], string> = {
  speaker: '講演',
  moderator: 'モデレータ',
  panelist: 'パネリスト',
  chair: '座長',
  organizer: 'コーディネータ',
};

export function programsOfYear(data: Archive, year: number): Program[] {
  return data.programs.filter((program) => program.year === year);
}

export function eventOfYear(data: Archive, year: number): YearEvent | undefined {
  return data.events.find((event) => event.year === year);
}

/** Programs grouped by date, in timetable order. */
export function byDate(programs: Program[]): [string, Program[]][] {
  const groups = new Map<string, Program[]>();
  for (const program of programs) groups.set(program.date, [...(groups.get(program.date) ?? []), program]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

export interface Appearance {
  program: Program;
  speaker: ResolvedSpeaker;
  /** The sub-talk the person spoke in, when it was one. */
  subTalkCode?: string;
}

/** Every appearance of a person, newest first, with the affiliation written at that time. */
export function appearancesOf(data: Archive, person: Person): Appearance[] {
  const appearances: Appearance[] = [];
  for (const program of data.programs) {
    for (const speaker of program.speakers) {
      if (speaker.speakerId === person.id) appearances.push({ program, speaker });
    }
    for (const talk of program.subTalks) {
      for (const speaker of talk.speakers) {
        if (speaker.speakerId === person.id && !program.speakers.some((s) => s.speakerId === person.id)) {
          appearances.push({ program, speaker, subTalkCode: talk.normalisedCode });
        }
      }
    }
  }
  return appearances;
}

export function programLabel(program: Program): string {
  return program.code ? `${program.code} ${program.title}` : program.title;
}

export { programPeople };

/** Old URLs of the archive's material and years → their pages (src/lib/mirror/old-links.ts). */
export function siteOldLinks(): OldLink[] {
  const data = siteData();
  return oldLinkTable({ events: data.events, programs: archiveExport(data, data.decks).programs });
}
