/**
 * Eras and series, derived from the content rather than written by hand: what
 * each program-code letter stood for in which years (the letters changed
 * meaning: H was 半日 in 2008–2009 and ハンズオン from 2018), and programs that
 * recur across years under one name (IP Meeting, DNS DAY), found from titles.
 */
import type { Program } from '../content.ts';
import type { ProgramType } from '../schema.ts';
import { partialDateSortKey } from '../dates.ts';

export interface LetterEra {
  letter: string;
  /** Consecutive runs of the archive's years in which the letter was used with these program types. */
  from: number;
  to: number;
  years: number[];
  types: ProgramType[];
  examples: Program[];
}

function letterOf(program: Program): string | undefined {
  return program.normalisedCode?.charAt(0);
}

/** One row per letter and per change of meaning: a new row starts when the set of program types changes. */
export function codeGlossary(programs: readonly Program[]): LetterEra[] {
  const byLetter = new Map<string, Map<number, Program[]>>();
  for (const program of programs) {
    const letter = letterOf(program);
    if (!letter) continue;
    const years = byLetter.get(letter) ?? new Map<number, Program[]>();
    years.set(program.year, [...(years.get(program.year) ?? []), program]);
    byLetter.set(letter, years);
  }
  const eras: LetterEra[] = [];
  for (const [letter, years] of [...byLetter.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    let current: LetterEra | undefined;
    for (const [year, inYear] of [...years.entries()].sort(([a], [b]) => a - b)) {
      const types = [...new Set(inYear.flatMap((program) => (program.type ? [program.type] : [])))].sort();
      if (current && current.types.join() === types.join()) {
        current.to = year;
        current.years.push(year);
        current.examples.push(...inYear);
        continue;
      }
      current = { letter, from: year, to: year, years: [year], types, examples: [...inYear] };
      eras.push(current);
    }
  }
  return eras;
}

/** The name a recurring program keeps across years: the title before a year or a subtitle ("IP Meeting 2025 挑戦…" → "IP Meeting"). */
export function seriesName(title: string): string {
  return title
    .normalize('NFKC')
    .split(/[～〜~]/u)[0]!
    .replace(/\s+(?:19|20)?\d{2}(?:\s.*)?$/u, '')
    .trim();
}

export interface Series {
  name: string;
  /** Oldest first. */
  programs: Program[];
}

/** Titles shared by programs of two or more years. */
export function recurringSeries(programs: readonly Program[]): Series[] {
  const byName = new Map<string, Program[]>();
  for (const program of programs) {
    const name = seriesName(program.title ?? '');
    if (name) byName.set(name.toLowerCase(), [...(byName.get(name.toLowerCase()) ?? []), program]);
  }
  return [...byName.values()]
    .filter((members) => new Set(members.map((program) => program.year)).size >= 2)
    .map((members) => {
      const sorted = [...members].sort((a, b) => a.year - b.year || partialDateSortKey(a.date).localeCompare(partialDateSortKey(b.date)));
      return { name: seriesName(sorted.at(-1)?.title ?? ''), programs: sorted };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'ja'));
}

/** The series a program belongs to, if any. */
export function seriesOf(series: readonly Series[], program: Program): Series | undefined {
  return series.find((entry) => entry.programs.includes(program));
}
