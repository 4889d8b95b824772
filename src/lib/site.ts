/**
 * How pages group and label the archive: pure functions over the content model
 * (pages get the data itself from siteData(), src/site/data.ts).
 */
import { programPeople, type ArchiveContent, type Person, type Program, type ResolvedSpeaker, type YearEvent } from './content.ts';
import type { ProgramType } from './schema.ts';

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

export const SERIES_LABELS: Record<string, string> = {
  'basic-ondemand': 'Internet Week Basic オンデマンド',
};

export function programsOfYear(data: ArchiveContent, year: number): Program[] {
  return data.programs.filter((program) => program.year === year);
}

export function eventOfYear(data: ArchiveContent, year: number): YearEvent | undefined {
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
export function appearancesOf(data: ArchiveContent, person: Person): Appearance[] {
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
