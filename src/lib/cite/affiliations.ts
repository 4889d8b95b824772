/**
 * The affiliation index: every organisation a speaker was written with, and who
 * spoke from it in which year. Names are grouped by their NFKC form (全角／半角
 * and spacing differences are one organisation); what was written is shown.
 */
import type { Program } from '../content.ts';

export interface AffiliationYear {
  year: number;
  people: { id: string; name: string; programs: Program[] }[];
}

export interface Affiliation {
  name: string;
  years: AffiliationYear[];
}

export function affiliationKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

export function affiliationIndex(programs: readonly Program[]): Affiliation[] {
  const byKey = new Map<string, { name: string; years: Map<number, Map<string, { id: string; name: string; programs: Program[] }>> }>();
  for (const program of programs) {
    for (const speaker of [...program.speakers, ...program.subTalks.flatMap((talk) => talk.speakers)]) {
      if (!speaker.affiliation) continue;
      const key = affiliationKey(speaker.affiliation);
      const entry = byKey.get(key) ?? { name: speaker.affiliation.normalize('NFKC'), years: new Map() };
      const year = entry.years.get(program.year) ?? new Map();
      const person = year.get(speaker.speakerId) ?? { id: speaker.speakerId, name: speaker.name, programs: [] };
      if (!person.programs.includes(program)) person.programs.push(program);
      year.set(speaker.speakerId, person);
      entry.years.set(program.year, year);
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()]
    .map(({ name, years }) => ({
      name,
      years: [...years.entries()].sort(([a], [b]) => b - a).map(([year, people]) => ({ year, people: [...people.values()] })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ja'));
}
