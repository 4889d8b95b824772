/** What every reader of the importer produces: program records with their origin, and problems. */
import { codeSlug, normaliseCode } from '../codes.ts';
import { createHash } from 'node:crypto';

/** A problem in an input file: the file, the row's line, the column, what was expected and found. */
export interface ImportProblem {
  file: string;
  line?: number;
  column?: string;
  message: string;
}

export function formatImportProblem(problem: ImportProblem): string {
  const where = [problem.file, problem.line === undefined ? '' : ` line ${problem.line}`, problem.column === undefined ? '' : ` column "${problem.column}"`].join('');
  return `${where}: ${problem.message}`;
}

/** Front matter fields in the order a person would write them (schema order). */
export const FIELD_ORDER = [
  'code', 'title', 'titleEn', 'date', 'dateAsWritten', 'time', 'type', 'typeAsWritten', 'room', 'fee', 'capacity', 'organizer',
  'speakers', 'subTalks', 'materials', 'videos', 'tags', 'notes', 'sources',
] as const;

export type ProgramFields = Partial<Record<(typeof FIELD_ORDER)[number], unknown>>;

/** One program as one input says it. */
export interface ImportedProgram {
  year: number;
  fields: ProgramFields;
  /** Where it was read: for conflict messages. */
  file: string;
  line?: number;
  /** The input column each field came from. */
  columns: Partial<Record<string, string>>;
}

/** The file name (without .md) of a program in content/programs/<year>/: its code, else a name from its title. */
export function programSlug(fields: ProgramFields): string | null {
  if (typeof fields.code === 'string') {
    const code = normaliseCode(fields.code);
    if (code !== null) return codeSlug(code);
  }
  if (typeof fields.title === 'string') return `program-${createHash('sha256').update(fields.title.normalize('NFKC')).digest('hex').slice(0, 8)}`;
  return null;
}
