/** Citations of a program: a line of text and a BibTeX entry, keyed by the stable id. */
import { programPeople, type Program, type YearEvent } from './content.ts';

function bibEscape(text: string): string {
  return text.replace(/([{}\\&%$#_])/gu, '\\$1');
}

export function citationText(program: Program, event: YearEvent | undefined, url: string | undefined): string {
  const people = programPeople(program).map((speaker) => speaker.name).join('、');
  const code = program.code ? `${program.code} ` : '';
  const eventName = event?.name ?? `Internet Week ${program.year}`;
  return [people && `${people}.`, `「${code}${program.title}」`, `${eventName}, ${program.date}.`, url ?? program.id]
    .filter(Boolean)
    .join(' ');
}

export function bibtex(program: Program, event: YearEvent | undefined, url: string | undefined): string {
  const people = programPeople(program).map((speaker) => bibEscape(speaker.name));
  const fields: [string, string][] = [
    ['title', `{${bibEscape(program.title)}}`],
    ...(people.length > 0 ? [['author', people.join(' and ')] as [string, string]] : []),
    ['booktitle', bibEscape(event?.name ?? `Internet Week ${program.year}`)],
    ['year', String(program.year)],
    ['month', program.date.slice(5, 7)],
    ['publisher', 'JPNIC'],
    ...(program.code ? [['note', `Program ${bibEscape(program.code)}`] as [string, string]] : []),
    ...(url ? [['url', url] as [string, string]] : []),
  ];
  const body = fields.map(([key, value]) => `  ${key} = {${value}}`).join(',\n');
  return `@inproceedings{${program.id},\n${body}\n}`;
}
