/**
 * A spreadsheet export (CSV or TSV, header row, columns in any order, extra columns ignored)
 * to program records. Each bad cell is a problem naming file, line and column; a row that
 * cannot name a program is skipped, every other row is imported.
 */
import { normaliseCode } from '../codes.ts';
import { CsvError, parseCsv } from '../csv.ts';
import { parseWrittenDate, parseWrittenMaterials, parseWrittenSpeakers, parseWrittenTime, parseWrittenType } from './fields.ts';
import type { ImportedProgram, ImportProblem, ProgramFields } from './model.ts';

export const LISTING_COLUMNS = ['year', 'code', 'title', 'title_en', 'date', 'time', 'type', 'room', 'speakers', 'materials', 'source_url', 'notes'] as const;
const OPTIONAL_COLUMNS = ['source_read', 'fee', 'capacity', 'organizer'] as const;
export type Column = (typeof LISTING_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/** Header words a Japanese spreadsheet may use for the same columns. */
const HEADER_ALIASES: Record<string, Column> = {
  年: 'year', 開催年: 'year', コード: 'code', 番号: 'code', タイトル: 'title', 題目: 'title', プログラム: 'title',
  英題: 'title_en', 日付: 'date', 日時: 'date', 開催日: 'date', 時間: 'time', 時刻: 'time', 種別: 'type', 形式: 'type', 会場: 'room',
  講師: 'speakers', 講演者: 'speakers', 資料: 'materials', 出典: 'source_url', 備考: 'notes', 参加費: 'fee', 定員: 'capacity', 主催: 'organizer',
};

export function columnOf(header: string): Column | undefined {
  const key = header.normalize('NFKC').trim().toLowerCase().replace(/[\s-]+/gu, '_');
  if ((LISTING_COLUMNS as readonly string[]).includes(key) || (OPTIONAL_COLUMNS as readonly string[]).includes(key)) return key as Column;
  return HEADER_ALIASES[header.trim()];
}

export interface ListingOptions {
  file: string;
  /** --year: the year of rows that do not say. */
  year?: number;
  delimiter?: ',' | '\t';
}

/** The delimiter of a listing: tab when the header has more tabs than commas. */
export function sniffDelimiter(text: string): ',' | '\t' {
  const header = text.split('\n', 1)[0] ?? '';
  return (header.match(/\t/gu)?.length ?? 0) > (header.match(/,/gu)?.length ?? 0) ? '\t' : ',';
}

export function readListing(text: string, options: ListingOptions): { programs: ImportedProgram[]; problems: ImportProblem[] } {
  const { file } = options;
  const problems: ImportProblem[] = [];
  const programs: ImportedProgram[] = [];
  let rows;
  try {
    rows = parseCsv(text, { delimiter: options.delimiter ?? sniffDelimiter(text) });
  } catch (error) {
    if (error instanceof CsvError) return { programs, problems: [{ file, line: error.line, message: `${error.message}; nothing in this file was imported` }] };
    throw error;
  }
  const [header, ...body] = rows;
  if (!header) return { programs, problems: [{ file, message: 'expected a header row and program rows; found an empty file' }] };
  const columns = new Map<Column, number>();
  header.fields.forEach((name, index) => {
    const column = columnOf(name);
    if (column !== undefined && !columns.has(column)) columns.set(column, index);
  });
  if (!columns.has('code') && !columns.has('title')) {
    return {
      programs,
      problems: [{ file, line: header.line, message: `expected a header row with columns ${LISTING_COLUMNS.join(', ')} (code or title at least); found ${header.fields.map((name) => JSON.stringify(name)).join(', ')}` }],
    };
  }

  for (const row of body) {
    const cell = (column: Column): string => {
      const index = columns.get(column);
      return index === undefined ? '' : (row.fields[index] ?? '').trim();
    };
    if (row.fields.every((field) => field.trim() === '')) continue;
    const at = (column: Column, message: string): void => {
      problems.push({ file, line: row.line, column, message });
    };

    const yearText = cell('year').normalize('NFKC');
    let year = options.year;
    if (yearText !== '') {
      const match = /^(?:IW)?((?:19|20)\d\d)年?$/iu.exec(yearText);
      if (!match) {
        at('year', `expected a year such as 2007; found "${cell('year')}" (row skipped)`);
        continue;
      }
      year = Number(match[1]);
    }
    if (year === undefined) {
      at('year', 'expected the year of the program (a year column, or --year); found none (row skipped)');
      continue;
    }
    const codeText = cell('code');
    const title = cell('title');
    if (codeText === '' && title === '') {
      at('code', 'expected a code or a title to name the program; found both empty (row skipped)');
      continue;
    }
    if (codeText !== '' && normaliseCode(codeText) === null) {
      at('code', `expected a program code such as C3, T13-2 or H2; found "${codeText}" (row skipped)`);
      continue;
    }

    const fields: ProgramFields = {};
    const from: Partial<Record<string, string>> = {};
    const set = (field: keyof ProgramFields, value: unknown, column: Column): void => {
      fields[field] = value;
      from[field] = column;
    };
    if (codeText !== '') set('code', codeText, 'code');
    if (title !== '') set('title', title, 'title');
    if (cell('title_en') !== '') set('titleEn', cell('title_en'), 'title_en');

    const date = parseWrittenDate(cell('date'), year);
    if ('error' in date) {
      at('date', `${date.error} (the program is imported without a date; the written form is kept as dateAsWritten)`);
      set('dateAsWritten', cell('date'), 'date');
    } else {
      if (date.value.date !== undefined) {
        if (!date.value.date.startsWith(String(year)) && !date.value.date.startsWith(String(year + 1))) {
          at('date', `expected a date in ${year}, the row's year; found "${cell('date')}" (date not imported)`);
        } else set('date', date.value.date, 'date');
      }
      if (date.value.dateAsWritten !== undefined) set('dateAsWritten', date.value.dateAsWritten, 'date');
    }
    const time = parseWrittenTime(cell('time'));
    if ('error' in time) at('time', `${time.error} (time not imported)`);
    else if (time.value !== undefined) set('time', time.value, 'time');
    const type = parseWrittenType(cell('type'));
    if (type.type !== undefined) set('type', type.type, 'type');
    if (type.typeAsWritten !== undefined) set('typeAsWritten', type.typeAsWritten, 'type');
    if (cell('room') !== '') set('room', cell('room'), 'room');
    if (cell('fee') !== '') set('fee', cell('fee'), 'fee');
    if (cell('capacity') !== '') {
      const capacity = Number(cell('capacity').normalize('NFKC').replace(/[,名人\s]/gu, ''));
      if (Number.isInteger(capacity) && capacity > 0) set('capacity', capacity, 'capacity');
      else at('capacity', `expected a number of seats such as 80; found "${cell('capacity')}" (not imported)`);
    }
    if (cell('organizer') !== '') set('organizer', cell('organizer'), 'organizer');
    const speakers = parseWrittenSpeakers(cell('speakers'));
    if ('error' in speakers) at('speakers', `${speakers.error} (speakers not imported)`);
    else if (speakers.value.length > 0) set('speakers', speakers.value, 'speakers');
    const materials = parseWrittenMaterials(cell('materials'));
    if ('error' in materials) at('materials', `${materials.error} (materials not imported)`);
    else if (materials.value.length > 0) set('materials', materials.value, 'materials');
    if (cell('notes') !== '') set('notes', cell('notes'), 'notes');
    const sourceUrl = cell('source_url');
    if (sourceUrl !== '') {
      if (!/^https?:\/\/\S+$/iu.test(sourceUrl)) at('source_url', `expected an http(s) URL; found "${sourceUrl}" (not imported)`);
      else {
        const read = parseWrittenDate(cell('source_read'), year);
        const readDay = 'value' in read && read.value.date?.length === 10 ? read.value.date : undefined;
        if (cell('source_read') !== '' && readDay === undefined) at('source_read', `expected the day the source was read, such as 2026-11-20; found "${cell('source_read')}"`);
        set('sources', [{ url: sourceUrl, ...(readDay ? { read: readDay } : {}) }], 'source_url');
      }
    }
    programs.push({ year, fields, file, line: row.line, columns: from });
  }
  return { programs, problems };
}
