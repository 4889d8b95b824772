/** Citations of a program: a line of text and a BibTeX entry, keyed by the stable id. */
import { programPeople, type Program, type YearEvent } from './content.ts';

function bibEscape(text: string): string {
  return text.replace(/([{}\\&%$#_])/gu, '\\$1');
}

export function citationText(program: Program, event: YearEvent | undefined, url: string | undefined): string {
  const people = programPeople(program).map((speaker) => speaker.name).join('、');
  const code = program.code ? `${program.code} ` : '';
  const eventName = event?.name ?? `Internet Week ${program.year}`;
  // An unknown title is not made up: the code (or the first material) names the program, as on its page.
  const label = `${code}${program.title ?? (code ? '' : program.displayTitle)}`.trim();
  return [people && `${people}.`, `「${label}」`, `${eventName}, ${program.date ?? program.year}.`, url ?? program.id]
    .filter(Boolean)
    .join(' ');
}

export function bibtex(program: Program, event: YearEvent | undefined, url: string | undefined): string {
  const people = programPeople(program).map((speaker) => bibEscape(speaker.name));
  const fields: [string, string][] = [
    // Unknown facts are omitted, never guessed: no title field without a title, no month without one.
    ...(program.title === undefined ? [] : [['title', `{${bibEscape(program.title)}}`] as [string, string]]),
    ...(people.length > 0 ? [['author', people.join(' and ')] as [string, string]] : []),
    ['booktitle', bibEscape(event?.name ?? `Internet Week ${program.year}`)],
    ['year', String(program.year)],
    ...(program.date !== undefined && program.date.length >= 7 ? [['month', program.date.slice(5, 7)] as [string, string]] : []),
    ['publisher', 'JPNIC'],
    ...(program.code ? [['note', `Program ${bibEscape(program.code)}`] as [string, string]] : []),
    ...(url ? [['url', url] as [string, string]] : []),
  ];
  const body = fields.map(([key, value]) => `  ${key} = {${value}}`).join(',\n');
  return `@inproceedings{${program.id},\n${body}\n}`;
}
