/** The year's .ics as calendar software reads it: parsed back with ical.js, a full RFC 5545 parser. */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, icalendar, programEvent } from '../src/lib/ical.ts';

const programs = [
  { id: 'iw2024-d2', code: 'D2', title: 'DNS DAY', date: '2024-11-26', timeSpan: { start: '10:00', end: '17:30' }, room: 'ヒューリックホール', speakers: [{ name: '山口 健一' }, { name: '中村 直樹' }] },
  { id: 'iw2024-o1', code: 'O1', title: 'インターネット業界の今をのぞいてみよう ～ そして「つなげて、広げて、楽しもう」～', date: '2024-11-19', room: 'オンライン（Zoom）', speakers: [{ name: '馬渡 将隆' }] },
  { id: 'iw2024-bof-1', title: 'BoF; 経路, フィルタ\\運用', speakers: [] },
];

function calendar(): string {
  return icalendar(
    programs.map((program) => programEvent(program, { typeLabel: 'セミナー', url: `https://example.org/2024/${program.id.slice(7)}/` })),
    { name: 'Internet Week 2024', stampDate: '2024-11-29' },
  );
}

describe('iCalendar of a year', () => {
  it('parses with ical.js: Tokyo times, an all-day event for a day without time, no event for no day', () => {
    const component = new ICAL.Component(ICAL.parse(calendar()));
    const vtimezone = component.getFirstSubcomponent('vtimezone');
    expect(vtimezone?.getFirstPropertyValue('tzid')).toBe('Asia/Tokyo');
    // As calendar software does: the file's own VTIMEZONE defines Asia/Tokyo.
    if (vtimezone) ICAL.TimezoneService.register(vtimezone);
    const events = component.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
    expect(events.map((event) => event.uid)).toEqual(['iw2024-d2@internetweek-archive', 'iw2024-o1@internetweek-archive']);

    const [dnsDay, online] = events;
    expect(dnsDay?.summary).toBe('D2 DNS DAY');
    expect(dnsDay?.location).toBe('ヒューリックホール');
    expect(dnsDay?.startDate.zone.tzid).toBe('Asia/Tokyo');
    // 10:00 in Tokyo is 01:00 UTC.
    expect(dnsDay?.startDate.toJSDate().toISOString()).toBe('2024-11-26T01:00:00.000Z');
    expect(dnsDay?.endDate.toJSDate().toISOString()).toBe('2024-11-26T08:30:00.000Z');
    expect(dnsDay?.description).toBe('セミナー\n講演者: 山口 健一、中村 直樹\nhttps://example.org/2024/d2/');

    expect(online?.startDate.isDate).toBe(true);
    expect(online?.startDate.toString()).toBe('2024-11-19');
    expect(online?.endDate.toString()).toBe('2024-11-20');
    expect(online?.summary).toBe('O1 インターネット業界の今をのぞいてみよう ～ そして「つなげて、広げて、楽しもう」～');
    expect(online?.description).toContain('時刻は記録されていません（不明）');
  });

  it('writes CRLF lines of at most 75 octets, folded between characters, and the same bytes every time', () => {
    const text = calendar();
    expect(text).toBe(calendar());
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    const physical = text.split('\r\n');
    expect(Math.max(...physical.map((line) => Buffer.byteLength(line, 'utf8')))).toBeLessThanOrEqual(75);
    expect(physical.some((line) => line.startsWith(' '))).toBe(true);
    expect(text).not.toContain('\uFFFD');
    expect(text).toContain('DTSTAMP:20241129T000000Z');
  });

  it('escapes text values and folds multi-byte text without splitting a character', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    const folded = foldLine(`SUMMARY:${'経路'.repeat(40)}`);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n').map((line, index) => (index === 0 ? line : line.slice(1))).join('')).toBe(`SUMMARY:${'経路'.repeat(40)}`);
  });

  it('refuses a stamp that is not a day', () => {
    expect(() => icalendar([], { name: 'x', stampDate: 'now' })).toThrow(/stampDate must be a YYYY-MM-DD day, found "now"/u);
  });
});
