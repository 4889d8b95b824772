/**
 * iCalendar (RFC 5545) for a year's timetable. Times are Japan's wall clock (TZID Asia/Tokyo with
 * its VTIMEZONE); a program whose day is known but not its time is an all-day event that says the
 * time is unknown; one whose day is unknown is left out, since a calendar event needs a day.
 * Deterministic: DTSTAMP comes from the year's content (its last day), never from the clock.
 */
import { isIsoDate, type TimeSpan } from './dates.ts';

export interface CalendarEvent {
  /** Globally unique and stable: derived from the program id. */
  uid: string;
  summary: string;
  date?: string | undefined;
  timeSpan?: TimeSpan | undefined;
  location?: string | undefined;
  description?: string | undefined;
  url?: string | undefined;
}

export interface CalendarOptions {
  /** The calendar's name (X-WR-CALNAME). */
  name: string;
  /** A YYYY-MM-DD day from the content (the year's last day): DTSTAMP of every event. */
  stampDate: string;
}

const encoder = new TextEncoder();
const PRODUCT_ID = '-//JPNIC Internet Week Archive//iw-archive//JA';
const TIME_ZONE = 'Asia/Tokyo';
/** Japan has kept +09:00 without daylight saving since 1952. */
const VTIMEZONE = ['BEGIN:VTIMEZONE', `TZID:${TIME_ZONE}`, 'BEGIN:STANDARD', 'DTSTART:19700101T000000', 'TZOFFSETFROM:+0900', 'TZOFFSETTO:+0900', 'TZNAME:JST', 'END:STANDARD', 'END:VTIMEZONE'];

/** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline. */
export function escapeText(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/gu, '')
    .replace(/\\/gu, '\\\\')
    .replace(/;/gu, '\\;')
    .replace(/,/gu, '\\,')
    .replace(/\r\n|\r|\n/gu, '\\n');
}

/** Folds a content line to at most 75 octets per physical line (RFC 5545 3.1), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with one space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function compactDate(iso: string): string {
  return iso.replaceAll('-', '');
}

function nextDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

function localDateTime(iso: string, time: string): string {
  return `${compactDate(iso)}T${time.replace(':', '')}00`;
}

function eventLines(event: CalendarEvent, stamp: string): string[] {
  const date = event.date;
  if (date === undefined || !isIsoDate(date)) return [];
  const lines = ['BEGIN:VEVENT', `UID:${event.uid}`, `DTSTAMP:${stamp}`];
  if (event.timeSpan) {
    lines.push(`DTSTART;TZID=${TIME_ZONE}:${localDateTime(date, event.timeSpan.start)}`, `DTEND;TZID=${TIME_ZONE}:${localDateTime(date, event.timeSpan.end)}`);
  } else {
    lines.push(`DTSTART;VALUE=DATE:${compactDate(date)}`, `DTEND;VALUE=DATE:${compactDate(nextDay(date))}`);
  }
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  const description = [event.timeSpan ? undefined : '開始・終了時刻は記録されていません（不明）。', event.description].filter(Boolean).join('\n');
  if (description) lines.push(`DESCRIPTION:${escapeText(description)}`);
  if (event.url) lines.push(`URL:${event.url}`);
  lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
  return lines;
}

/** The whole calendar as an .ics file's text: CRLF line ends, folded lines. */
export function icalendar(events: readonly CalendarEvent[], options: CalendarOptions): string {
  if (!isIsoDate(options.stampDate)) throw new Error(`icalendar: stampDate must be a YYYY-MM-DD day, found ${JSON.stringify(options.stampDate)}`);
  const stamp = `${compactDate(options.stampDate)}T000000Z`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODUCT_ID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
    `X-WR-TIMEZONE:${TIME_ZONE}`,
    ...VTIMEZONE,
    ...events.flatMap((event) => eventLines(event, stamp)),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/** What a calendar event needs of a program (see Program in content.ts); any of it may be unknown. */
export interface CalendarProgram {
  id: string;
  code?: string | undefined;
  title?: string | undefined;
  date?: string | undefined;
  timeSpan?: TimeSpan | undefined;
  room?: string | undefined;
  speakers: readonly { name: string }[];
}

/** One event per program; `typeLabel` and `url` come from the site (labels, absolute URL when the site's address is known). */
export function programEvent(program: CalendarProgram, extra: { typeLabel?: string | undefined; url?: string | undefined } = {}): CalendarEvent {
  const title = program.title ?? 'タイトル不明';
  const speakers = program.speakers.map((speaker) => speaker.name).join('、');
  return {
    // The program id is the archive's stable citable id; the suffix keeps it apart from other calendars' UIDs.
    uid: `${program.id}@internetweek-archive`,
    summary: program.code ? `${program.code} ${title}` : title,
    date: program.date,
    timeSpan: program.timeSpan,
    location: program.room,
    description: [extra.typeLabel, speakers && `講演者: ${speakers}`, extra.url].filter(Boolean).join('\n'),
    url: extra.url,
  };
}
