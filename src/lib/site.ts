/**
 * How pages group and label the archive: pure functions over the content model
 * (pages get the data itself from siteData(), src/site/data.ts).
 */
import { programPeople, type ArchiveContent, type Person, type Program, type ResolvedSpeaker, type YearEvent } from './content.ts';
import { partialDateSortKey } from './dates.ts';
import { ROLE_LABELS, TYPE_LABELS, UNKNOWN_JA } from './labels.ts';

export function programsOfYear(data: ArchiveContent, year: number): Program[] {
  return data.programs.filter((program) => program.year === year);
}

export function eventOfYear(data: ArchiveContent, year: number): YearEvent | undefined {
  return data.events.find((event) => event.year === year);
}

/** Programs grouped by date, in timetable order; a partial date is its own group, and undated programs ('') come last. */
export function byDate(programs: Program[]): [string, Program[]][] {
  const groups = new Map<string, Program[]>();
  for (const program of programs) groups.set(program.date ?? '', [...(groups.get(program.date ?? '') ?? []), program]);
  return [...groups.entries()].sort(([a], [b]) => partialDateSortKey(a || undefined).localeCompare(partialDateSortKey(b || undefined)));
}

/** The type as pages show it: the normalised label, else the organisers' word, else 不明. */
export function typeLabel(program: Pick<Program, 'type' | 'typeAsWritten'>): string {
  return program.type ? TYPE_LABELS[program.type] : (program.typeAsWritten ?? UNKNOWN_JA);
}

/** The role as pages show it: the normalised label, else the organisers' words, else 不明. */
export function roleLabel(speaker: Pick<ResolvedSpeaker, 'role' | 'roleAsWritten'>): string {
  return speaker.role ? ROLE_LABELS[speaker.role] : (speaker.roleAsWritten ?? UNKNOWN_JA);
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
  if (program.title === undefined) return program.displayTitle;
  return program.code ? `${program.code} ${program.title}` : program.title;
}

export { programPeople };

