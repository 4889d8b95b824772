import { describe, expect, it } from 'vitest';
import { buildTimetable, fitsGrid } from '../src/lib/timetable.ts';

const program = (id: string, date: string | undefined, time?: [string, string], room?: string) => ({
  id,
  ...(date === undefined ? {} : { date }),
  ...(time ? { timeSpan: { start: time[0], end: time[1] } } : {}),
  ...(room ? { room } : {}),
});

describe('buildTimetable', () => {
  it('puts parallel programs of a day side by side in time order, the day-long track first', () => {
    const { days } = buildTimetable([
      program('s4', '2025-11-26', ['13:00', '15:30'], 'ホール'),
      program('lunch', '2025-11-26', ['12:00', '12:50'], '会議室'),
      program('d2', '2025-11-26', ['10:00', '17:30'], 'ホール B'),
      program('party', '2025-11-26', ['18:30', '20:30'], 'ホワイエ'),
    ]);
    const [day] = days;
    expect(day?.times).toEqual(['10:00', '12:00', '12:50', '13:00', '15:30', '17:30', '18:30', '20:30']);
    expect(day?.columns.map((column) => column.room)).toEqual(['ホール B', '会議室', 'ホール', 'ホワイエ']);
    expect(day?.slots.map((slot) => [slot.program.id, slot.column, slot.startIndex, slot.endIndex])).toEqual([
      ['d2', 1, 1, 6],
      ['lunch', 2, 2, 3],
      ['s4', 3, 4, 5],
      ['party', 4, 7, 8],
    ]);
  });

  it('gives a room holding two programs at once a second lane, and reuses a room once it is free', () => {
    const { days } = buildTimetable([
      program('a', '2024-11-20', ['10:00', '12:00'], 'Room 1'),
      program('b', '2024-11-20', ['11:00', '13:00'], 'Room 1'),
      program('c', '2024-11-20', ['13:00', '14:00'], 'Room 1'),
    ]);
    expect(days[0]?.columns.map((column) => column.room)).toEqual(['Room 1', 'Room 1']);
    expect(days[0]?.slots.map((slot) => `${slot.program.id}:${slot.column}`)).toEqual(['a:1', 'b:2', 'c:1']);
  });

  it('keeps unknown time and unknown day apart, inventing neither', () => {
    const timetable = buildTimetable([
      program('o1', '2024-11-19', undefined, 'オンライン'),
      program('h2', '2024-11-19', ['13:00', '17:00']),
      program('bof', undefined),
      program('partial', '2024-11'),
    ]);
    expect(timetable.days.map((day) => day.date)).toEqual(['2024-11-19']);
    expect(timetable.days[0]?.untimed.map((p) => p.id)).toEqual(['o1']);
    expect(timetable.days[0]?.slots.map((slot) => [slot.program.id, slot.room])).toEqual([['h2', undefined]]);
    expect(timetable.undated.map((p) => p.id)).toEqual(['bof', 'partial']);
  });

  it('orders days by date and says when a day is too large for the grid', () => {
    const many = Array.from({ length: 9 }, (_, index) => program(`p${index}`, '2024-11-21', ['10:00', '11:00'], `Room ${index}`));
    const { days } = buildTimetable([...many, program('early', '2024-11-20', ['10:00', '11:00'], 'A')]);
    expect(days.map((day) => day.date)).toEqual(['2024-11-20', '2024-11-21']);
    expect(days.map(fitsGrid)).toEqual([true, false]);
  });
});
