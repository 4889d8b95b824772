/**
 * One cell of a listing, as the organisers wrote it, to what the content model can hold.
 * Nothing is guessed: what cannot be read is an error naming what was expected, and a
 * written form that says more than the normalised value (第1日目, 講師) is kept beside it.
 */
import { isIsoDate, parseTimeSpan } from '../dates.ts';
import { PROGRAM_TYPES, type ProgramType, type SpeakerRole } from '../schema.ts';
import { normaliseRole, normaliseType } from '../vocabulary.ts';

export type Parsed<T> = { value: T } | { error: string };

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

export interface WrittenDate {
  /** As much as is known: YYYY, YYYY-MM or YYYY-MM-DD; absent when only the written form is known. */
  date?: string;
  /** Kept when it says more than the date (a day of the event, a weekday) or when the year came from the row. */
  dateAsWritten?: string;
}

const DATE_EXAMPLES = 'a date such as 2007-11-19, 2007年11月19日, 2007-11, 2007, 11/26(火), 12月1日 or 第1日目(12/15)';

/**
 * 2007-11-19, 2007/11/19, 2007年11月19日 → the day; 2007-11, 2007年11月 → the month; 2007, 2007年 → the year;
 * 11/26(火), 12月1日 → the day in `year` (a weekday written is checked); 第1日目(12/15) → the day, kept as written;
 * 第1日目 alone → nothing known but the written form.
 */
export function parseWrittenDate(written: string, year: number | undefined): Parsed<WrittenDate> {
  const original = written.trim();
  if (original === '') return { value: {} };
  const text = original.normalize('NFKC').replace(/\s+/gu, '');

  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\(([日月火水木金土])(?:曜日?)?\))?$/u.exec(text);
  if (full) return day(Number(full[1]), Number(full[2]), Number(full[3]), full[4], original, false);
  const month = /^(\d{4})[-/.年](\d{1,2})月?$/u.exec(text);
  if (month) {
    const m = Number(month[2]);
    if (m < 1 || m > 12) return { error: `expected a month from 1 to 12; found "${original}"` };
    return { value: { date: `${month[1]}-${pad(m)}` } };
  }
  const yearOnly = /^(\d{4})年?$/u.exec(text);
  if (yearOnly) return { value: { date: yearOnly[1] ?? '' } };

  // A day of the event, with its month/day in brackets when the organisers gave it.
  const eventDay = /^(?:第?\d+日目|day\d+)(?:\((\d{1,2})[/月](\d{1,2})日?(?:\(?([日月火水木金土])\)?)?\))?$/iu.exec(text);
  if (eventDay) {
    if (eventDay[1] === undefined) return { value: { dateAsWritten: original } };
    return withYear(year, original, (y) => day(y, Number(eventDay[1]), Number(eventDay[2]), eventDay[3], original, true));
  }
  const monthDay = /^(\d{1,2})[/月](\d{1,2})日?(?:\(([日月火水木金土])(?:曜日?)?\))?$/u.exec(text);
  if (monthDay) return withYear(year, original, (y) => day(y, Number(monthDay[1]), Number(monthDay[2]), monthDay[3], original, true));
  return { error: `expected ${DATE_EXAMPLES}; found "${original}"` };
}

function withYear(year: number | undefined, original: string, read: (year: number) => Parsed<WrittenDate>): Parsed<WrittenDate> {
  if (year === undefined) return { error: `expected a year for "${original}" (the row's year column or --year); found none` };
  return read(year);
}

function day(y: number, m: number, d: number, weekday: string | undefined, original: string, keepWritten: boolean): Parsed<WrittenDate> {
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  if (!isIsoDate(iso)) return { error: `expected a real calendar date; found "${original}" (${iso} does not exist)` };
  if (weekday !== undefined) {
    const actual = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
    if (actual !== weekday) return { error: `expected the weekday written to match the date; found "${original}", but ${iso} is a ${actual}曜日` };
  }
  return { value: { date: iso, ...(keepWritten ? { dateAsWritten: original } : {}) } };
}

/** 9:30〜12:30, 13:00 ~ 18:30, 9時30分-12時 → "09:30-12:30". */
export function parseWrittenTime(written: string): Parsed<string | undefined> {
  const original = written.trim();
  if (original === '') return { value: undefined };
  const text = original
    .normalize('NFKC')
    .replace(/[〜~～–—−ー]/gu, '-')
    .replace(/(\d+)時(\d+)分?/gu, '$1:$2')
    .replace(/(\d+)時/gu, '$1:00')
    .replace(/\s+/gu, '');
  const span = parseTimeSpan(text);
  if (!span) return { error: `expected a time span such as 9:30〜12:30 or 13:00 ~ 18:30 that ends after it starts; found "${original}"` };
  return { value: `${span.start}-${span.end}` };
}

export interface WrittenType {
  type?: ProgramType;
  typeAsWritten?: string;
}

/** チュートリアル → tutorial (written form kept); tutorial → tutorial; カンファレンス → unknown type, written form kept. */
export function parseWrittenType(written: string): WrittenType {
  const original = written.trim();
  if (original === '') return {};
  const type = normaliseType(original);
  const isSchemaWord = (PROGRAM_TYPES as readonly string[]).includes(original);
  return { ...(type ? { type } : {}), ...(isSchemaWord ? {} : { typeAsWritten: original }) };
}

export interface WrittenSpeaker {
  name: string;
  affiliation?: string;
  role?: SpeakerRole;
  roleAsWritten?: string;
}

/** `name (affiliation) [role]; …`, each part but the name optional, full- or half-width brackets. */
export function parseWrittenSpeakers(written: string): Parsed<WrittenSpeaker[]> {
  const speakers: WrittenSpeaker[] = [];
  const parts = written.split(/[;；\n]/u).map((part) => part.trim()).filter(Boolean);
  for (const [index, part] of parts.entries()) {
    const match = /^(.*?)\s*(?:[(（]\s*([^()（）]*?)\s*[)）])?\s*(?:[[［]\s*([^[\]［］]*?)\s*[\]］])?$/u.exec(part);
    const name = match?.[1]?.trim() ?? '';
    if (!match || name === '' || /[()（）[\]［］]/u.test(name)) {
      return { error: `expected speakers written "name (affiliation) [role]; …"; speaker ${index + 1} is "${part}"` };
    }
    const affiliation = match[2]?.trim();
    const roleWritten = match[3]?.trim();
    const role = roleWritten ? normaliseRole(roleWritten) : undefined;
    speakers.push({
      name,
      ...(affiliation ? { affiliation } : {}),
      ...(role ? { role } : {}),
      ...(roleWritten && roleWritten !== role ? { roleAsWritten: roleWritten } : {}),
    });
  }
  return { value: speakers };
}

export type WrittenMaterial = { url: string } | { file: string };

/** URLs or file names separated by `;`. A file name is a path under content/materials/<year>/. */
export function parseWrittenMaterials(written: string): Parsed<WrittenMaterial[]> {
  const materials: WrittenMaterial[] = [];
  for (const part of written.split(/[;；\n]/u).map((item) => item.trim()).filter(Boolean)) {
    if (/^https?:\/\//iu.test(part)) materials.push({ url: part });
    else if (part.startsWith('/') || part.includes('\\') || part.split('/').includes('..')) {
      return { error: `expected a URL or a file name under content/materials/<year>/; found "${part}"` };
    } else materials.push({ file: part });
  }
  return { value: materials };
}
