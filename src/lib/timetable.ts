/**
 * A year's programs as a timetable: each day a time × room grid where parallel tracks sit side
 * by side, programs of a known day but unknown time after the grid, programs of an unknown day
 * at the end. Date, time and room are often unknown for old years: unknown stays unknown here
 * (no invented slot), and the page says so.
 */
import { isIsoDate, type TimeSpan } from './dates.ts';

/** What the timetable needs of a program; date, time and room may all be unknown. */
export interface TimetableProgram {
  date?: string | undefined;
  timeSpan?: TimeSpan | undefined;
  room?: string | undefined;
}

export interface TimetableColumn {
  /** The room as written; undefined when the program does not say. */
  room: string | undefined;
}

export interface TimetableSlot<P> {
  program: P;
  start: string;
  end: string;
  room: string | undefined;
  /** 1-based column of the day's grid (a room, or a second lane of a room holding two programs at once). */
  column: number;
  /** 1-based index into the day's `times` where the slot starts and ends. */
  startIndex: number;
  endIndex: number;
}

export interface TimetableDay<P> {
  date: string;
  columns: TimetableColumn[];
  /** Every start and end time of the day, in order: the grid's rows. */
  times: string[];
  /** Timed programs in time order (start, then column): the reading order on a phone. */
  slots: TimetableSlot<P>[];
  /** Programs of this day whose time is unknown. */
  untimed: P[];
}

export interface Timetable<P> {
  days: TimetableDay<P>[];
  /** Programs whose day is unknown (or written only in part). */
  undated: P[];
}

/** Grids larger than this are shown as the phone list instead (the stylesheet has classes for this many). */
export const GRID_LIMITS = { columns: 8, times: 40 } as const;

export function fitsGrid(day: TimetableDay<unknown>): boolean {
  return day.slots.length > 0 && day.columns.length <= GRID_LIMITS.columns && day.times.length <= GRID_LIMITS.times;
}

/** Programs in the order given (the year's order) arranged by day, time and room. */
export function buildTimetable<P extends TimetableProgram>(programs: readonly P[]): Timetable<P> {
  const byDate = new Map<string, P[]>();
  const undated: P[] = [];
  for (const program of programs) {
    if (typeof program.date === 'string' && isIsoDate(program.date)) byDate.set(program.date, [...(byDate.get(program.date) ?? []), program]);
    else undated.push(program);
  }
  const days = [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, list]) => buildDay(date, list));
  return { days, undated };
}

function buildDay<P extends TimetableProgram>(date: string, programs: P[]): TimetableDay<P> {
  const timed = programs
    .filter((program) => program.timeSpan !== undefined)
    .map((program, order) => ({ program, span: program.timeSpan as TimeSpan, order }))
    .sort((a, b) => a.span.start.localeCompare(b.span.start) || b.span.end.localeCompare(a.span.end) || a.order - b.order);
  // Rooms in the order their first program starts; a room holding two programs at once gets a second lane.
  const lanes: { room: string | undefined; busyUntil: string[] }[] = [];
  const placed = timed.map(({ program, span }) => {
    const room = program.room?.trim() || undefined;
    let column = lanes.findIndex((lane) => lane.room === room && lane.busyUntil.every((end) => end <= span.start));
    if (column === -1) {
      const lastOfRoom = lanes.findLastIndex((lane) => lane.room === room);
      column = lastOfRoom === -1 ? lanes.length : lastOfRoom + 1;
      lanes.splice(column, 0, { room, busyUntil: [] });
    }
    lanes[column]?.busyUntil.push(span.end);
    return { program, span, lane: lanes[column] };
  });
  const times = [...new Set(timed.flatMap(({ span }) => [span.start, span.end]))].sort();
  const slots = placed
    .map(({ program, span, lane }) => ({
      program,
      start: span.start,
      end: span.end,
      room: lane?.room,
      column: lanes.indexOf(lane as (typeof lanes)[number]) + 1,
      startIndex: times.indexOf(span.start) + 1,
      endIndex: times.indexOf(span.end) + 1,
    }))
    .sort((a, b) => a.start.localeCompare(b.start) || a.column - b.column);
  return {
    date,
    columns: lanes.map((lane) => ({ room: lane.room })),
    times,
    slots,
    untimed: programs.filter((program) => program.timeSpan === undefined),
  };
}
