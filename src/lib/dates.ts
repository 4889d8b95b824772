/** Calendar dates and time spans as written in front matter. */
import { UNKNOWN_JA } from './labels.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_SPAN = /^([01]?\d|2[0-3]):([0-5]\d)\s*[-–〜~]\s*([01]?\d|2[0-3]):([0-5]\d)$/;

/** True for a real calendar date written as YYYY-MM-DD (2024-02-30 is not one). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export interface TimeSpan {
  start: string;
  end: string;
}

/** "13:00-15:30" → { start: "13:00", end: "15:30" }; null when malformed or ending before it starts. */
export function parseTimeSpan(text: string): TimeSpan | null {
  const match = TIME_SPAN.exec(text.normalize('NFKC').trim());
  if (!match) return null;
  const [, sh = '', sm = '', eh = '', em = ''] = match;
  const start = `${sh.padStart(2, '0')}:${sm}`;
  const end = `${eh.padStart(2, '0')}:${em}`;
  return start < end ? { start, end } : null;
}

const UTC = { timeZone: 'UTC' } as const;
const FULL_JA = new Intl.DateTimeFormat('ja-JP', { ...UTC, year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' });
const MONTH_DAY_JA = new Intl.DateTimeFormat('ja-JP', { ...UTC, month: 'long', day: 'numeric', weekday: 'short' });
const YEAR_MONTH_JA = new Intl.DateTimeFormat('ja-JP', { ...UTC, year: 'numeric', month: 'long' });
const YEAR_JA = new Intl.DateTimeFormat('ja-JP', { ...UTC, year: 'numeric' });


function utcDate(iso: string): Date {
  const [y = 1970, m = 1, d = 1] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** 2024-11-19 → 2024年11月19日(火) */
export function formatDateJa(iso: string): string {
  return FULL_JA.format(utcDate(iso));
}

/** 2024-11-19 → 11月19日(火), for timetables inside one year. */
export function formatMonthDayJa(iso: string): string {
  return MONTH_DAY_JA.format(utcDate(iso));
}

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/u;

/** True for a year (2007), a year and month (2007-11) or a real calendar date (2007-11-19). */
export function isPartialDate(text: string): boolean {
  const match = PARTIAL_DATE.exec(text);
  if (!match) return false;
  if (match[3] !== undefined) return isIsoDate(text);
  return match[2] === undefined || (Number(match[2]) >= 1 && Number(match[2]) <= 12);
}

/** How much of a partial date is known. */
export function datePrecision(date: string | undefined): 'day' | 'month' | 'year' | 'unknown' {
  if (date === undefined) return 'unknown';
  return date.length === 10 ? 'day' : date.length === 7 ? 'month' : 'year';
}

/**
 * A partial date in Japanese, saying which part is unknown:
 * 2007-11-19 → 2007年11月19日(月); 2007-11 → 2007年11月（日は不明）; 2007 → 2007年（月日は不明）; none → 不明.
 */
export function formatPartialDateJa(date: string | undefined): string {
  switch (datePrecision(date)) {
    case 'day':
      return formatDateJa(date ?? '');
    case 'month':
      return `${YEAR_MONTH_JA.format(utcDate(date ?? ''))}（日は${UNKNOWN_JA}）`;
    case 'year':
      return `${YEAR_JA.format(utcDate(date ?? ''))}（月日は${UNKNOWN_JA}）`;
    default:
      return UNKNOWN_JA;
  }
}

/** Like formatPartialDateJa without the year, for timetables inside one year: 11月19日(月), 11月（日は不明）, 不明. */
export function formatPartialMonthDayJa(date: string | undefined): string {
  const precision = datePrecision(date);
  if (precision === 'day') return formatMonthDayJa(date ?? '');
  if (precision === 'month') return `${Number(date?.slice(5, 7))}月（日は${UNKNOWN_JA}）`;
  return `日付${UNKNOWN_JA}`;
}

/**
 * Sort key of a partial date inside its year: a known day first, then the days of
 * a known month after that month's dated programs, then year-only and undated ones last.
 */
export function partialDateSortKey(date: string | undefined): string {
  if (date === undefined) return '9999-99-99';
  return `${date}-99-99`.slice(0, 10);
}
