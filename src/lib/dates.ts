/** Calendar dates and time spans as written in front matter. */

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

const WEEKDAYS_JA = ['日', '月', '火', '水', '木', '金', '土'] as const;

/** 2024-11-19 → 2024年11月19日(火) */
export function formatDateJa(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS_JA[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${y}年${m}月${d}日(${weekday})`;
}

/** 2024-11-19 → 11月19日(火), for timetables inside one year. */
export function formatMonthDayJa(iso: string): string {
  return formatDateJa(iso).replace(/^\d+年/u, '');
}
