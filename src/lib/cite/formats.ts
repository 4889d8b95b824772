/**
 * One citation record per program (CSL-JSON, the model Zotero, Mendeley and
 * citeproc share), written out as BibTeX and RIS. Every format is made from
 * the same record, so they cannot disagree; tests read each back with
 * citation-js and compare what a reader would see.
 */
import type { Person, Program, ResolvedSpeaker, YearEvent } from '../content.ts';
import { programPeople } from '../content.ts';
import { citedName, type CitedName } from './names.ts';

export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

/** The CSL-JSON fields we write (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html). */
type DateParts = [number] | [number, number] | [number, number, number];

/** The date parts of a partial date (2007, 2007-11, 2007-11-19), or the year alone when the date is unknown. */
export function dateParts(date: string | undefined, year: number): DateParts {
  const [y = year, month, day] = (date ?? String(year)).split('-').map(Number);
  return month === undefined ? [y] : day === undefined ? [y, month] : [y, month, day];
}

export interface CslItem {
  id: string;
  type: 'paper-conference';
  /** Absent when no source gives one: a citation without a title, never a made-up one. */
  title?: string;
  author?: CslName[];
  /** As much of the date as is known: [[2024]], [[2024, 11]] or [[2024, 11, 19]]. */
  issued: { 'date-parts': [DateParts] };
  'container-title': string;
  'event-title': string;
  'event-place'?: string;
  publisher: string;
  /** "Program O1": the code as written (CSL's `number` would read as "Article O1"). */
  note?: string;
  URL?: string;
  language: string;
}

export const PUBLISHER = '一般社団法人日本ネットワークインフォメーションセンター (JPNIC)';

export function toCslName(name: CitedName): CslName {
  return 'literal' in name ? { literal: name.literal } : { family: name.family, given: name.given };
}

/** The registry entry behind a speaker, for splitting the name. */
export type PeopleById = ReadonlyMap<string, Person>;

export function speakerName(speaker: ResolvedSpeaker, people: PeopleById): CitedName {
  const person = people.get(speaker.speakerId);
  const reading = speaker.reading ?? person?.reading;
  return citedName(speaker.name, {
    name: person?.registered ? person.name : speaker.name,
    aliases: person?.registered ? person.aliases : [],
    ...(reading ? { reading } : {}),
  });
}

/** Program code as cited: "O1", or nothing for a program without one. */
export function programNote(program: Program): string | undefined {
  return program.code ? `Program ${program.code}` : undefined;
}

export function conferenceName(program: Program, event: YearEvent | undefined): string {
  return event?.name ?? `Internet Week ${program.year}`;
}

export function cslItem(program: Program, event: YearEvent | undefined, url: string | undefined, people: PeopleById): CslItem {
  const authors = programPeople(program).map((speaker) => toCslName(speakerName(speaker, people)));
  // Several venues (online and onsite weeks): which one a program used is not recorded, so none is cited.
  const place = event?.venues.length === 1 ? event.venues[0]?.name : undefined;
  const note = programNote(program);
  const languages = new Set(program.decks.map((deck) => deck.lang));
  return {
    id: program.id,
    type: 'paper-conference',
    ...(program.title === undefined ? {} : { title: program.title }),
    ...(authors.length > 0 ? { author: authors } : {}),
    issued: { 'date-parts': [dateParts(program.date, program.year)] },
    'container-title': conferenceName(program, event),
    'event-title': conferenceName(program, event),
    ...(place ? { 'event-place': place } : {}),
    publisher: PUBLISHER,
    ...(note ? { note } : {}),
    ...(url ? { URL: url } : {}),
    language: languages.has('en') && !languages.has('ja') ? 'en' : 'ja',
  };
}

// BibTeX ---------------------------------------------------------------------

function bibEscape(text: string): string {
  return text.replace(/([{}\\&%$#_])/gu, '\\$1').replace(/~/gu, '\\textasciitilde{}').replace(/\^/gu, '\\textasciicircum{}');
}

function bibName(name: CslName): string {
  if (name.literal !== undefined) return `{${bibEscape(name.literal)}}`;
  return `${bibEscape(name.family ?? '')}, ${bibEscape(name.given ?? '')}`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;

export function bibtexEntry(item: CslItem): string {
  const [[year, month, day]] = item.issued['date-parts'];
  const isoDate = [String(year).padStart(4, '0'), ...(month === undefined ? [] : [String(month).padStart(2, '0')]), ...(day === undefined ? [] : [String(day).padStart(2, '0')])].join('-');
  const fields: [string, string][] = [
    ...(item.title === undefined ? [] : [['title', `{{${bibEscape(item.title)}}}`] as [string, string]]),
    ...(item.author ? [['author', `{${item.author.map(bibName).join(' and ')}}`] as [string, string]] : []),
    ['booktitle', `{${bibEscape(item['container-title'])}}`],
    ['eventtitle', `{${bibEscape(item['event-title'])}}`],
    ...(item['event-place'] ? [['venue', `{${bibEscape(item['event-place'])}}`] as [string, string]] : []),
    ['year', `{${year}}`],
    ...(month === undefined ? [] : [['month', MONTHS[month - 1] ?? `{${month}}`] as [string, string]]),
    ['date', `{${isoDate}}`],
    ['publisher', `{${bibEscape(item.publisher)}}`],
    ...(item.note ? [['note', `{${bibEscape(item.note)}}`] as [string, string]] : []),
    ...(item.URL ? [['url', `{${item.URL}}`] as [string, string]] : []),
    ['language', `{${item.language === 'en' ? 'english' : 'japanese'}}`],
  ];
  return `@inproceedings{${item.id},\n${fields.map(([key, value]) => `  ${key} = ${value}`).join(',\n')}\n}\n`;
}

// RIS ------------------------------------------------------------------------

function risLine(tag: string, value: string): string {
  return `${tag}  - ${value.replace(/\s*\n\s*/gu, ' ')}`;
}

function risName(name: CslName): string {
  return name.literal ?? `${name.family ?? ''}, ${name.given ?? ''}`;
}

export function risEntry(item: CslItem): string {
  const [[year, month, day]] = item.issued['date-parts'];
  const date = `${year}/${month === undefined ? '' : String(month).padStart(2, '0')}/${day === undefined ? '' : String(day).padStart(2, '0')}/`;
  const lines = [
    risLine('TY', 'CONF'),
    risLine('ID', item.id),
    ...(item.title === undefined ? [] : [risLine('TI', item.title)]),
    ...(item.author ?? []).map((name) => risLine('AU', risName(name))),
    risLine('PY', date),
    risLine('DA', date),
    risLine('T2', item['event-title']),
    risLine('C3', item['container-title']),
    ...(item['event-place'] ? [risLine('CY', item['event-place'])] : []),
    risLine('PB', item.publisher),
    ...(item.note ? [risLine('N1', item.note)] : []),
    ...(item.URL ? [risLine('UR', item.URL)] : []),
    risLine('LA', item.language),
    'ER  - ',
  ];
  return `${lines.join('\r\n')}\r\n`;
}

// CSL-JSON -------------------------------------------------------------------

export function cslJson(items: CslItem[]): string {
  return `${JSON.stringify(items, null, 1)}\n`;
}

/** The one-line citation shown on the program page, in the order a Japanese reference list uses. */
/** As much of a date as is known, zero-padded: 2009, 2009-11 or 2009-11-19 (with `-`; `/` for meta tags). */
export function datePartsText([year, month, day]: readonly (number | undefined)[], separator: string): string {
  return [year, month, day].filter((part): part is number => part !== undefined).map((part, index) => String(part).padStart(index === 0 ? 4 : 2, '0')).join(separator);
}

export function citationLine(item: CslItem, code: string | undefined): string {
  const names = (item.author ?? []).map((name) => name.literal ?? (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(`${name.family}${name.given}`) ? `${name.family} ${name.given}` : `${name.given} ${name.family}`));
  const [[year, month, day]] = item.issued['date-parts'];
  return [
    names.length > 0 ? `${names.join('、')}.` : '',
    `「${[code, item.title].filter(Boolean).join(' ')}」`,
    `${item['container-title']}, ${datePartsText([year, month, day], '-')}.`,
    item.URL ?? item.id,
  ]
    .filter(Boolean)
    .join(' ');
}

export const CITE_FORMATS = {
  bib: { label: 'BibTeX', extension: 'bib', mime: 'application/x-bibtex; charset=utf-8' },
  ris: { label: 'RIS', extension: 'ris', mime: 'application/x-research-info-systems; charset=utf-8' },
  json: { label: 'CSL-JSON', extension: 'csl.json', mime: 'application/vnd.citationstyles.csl+json; charset=utf-8' },
} as const;
export type CiteFormat = keyof typeof CITE_FORMATS;

export function formatItems(items: CslItem[], format: CiteFormat): string {
  if (format === 'bib') return items.map(bibtexEntry).join('\n');
  if (format === 'ris') return items.map(risEntry).join('\r\n');
  return cslJson(items);
}
