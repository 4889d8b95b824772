/**
 * Chapters from a description, the way YouTube reads them: lines that start with
 * a timestamp (`00:00 はじめに`, `1:02:03 まとめ`, `[12:30] Q&A`), ascending,
 * the first at 0:00, at least three of them.
 */
import type { Chapter } from './schema.ts';
import { formatClock, parseClock } from './youtube.ts';

const LINE = /^\s*(?:[-*・•▶►]\s*)?[[(（【]?((?:\d{1,2}:)?\d{1,2}:\d{2})[\])）】]?\s*(?:[-–—:：|｜]\s*)?(.*?)\s*$/u;

export interface ChapterResult {
  chapters: Chapter[];
  /** Why timestamp lines were not taken as chapters; null when there were none or they were taken. */
  rejected: string | null;
}

export const MIN_CHAPTERS = 3;

export function parseChapters(description: string, duration?: number): ChapterResult {
  const found: Chapter[] = [];
  for (const rawLine of description.split(/\r?\n/u)) {
    const line = rawLine.normalize('NFKC');
    const match = LINE.exec(line);
    if (!match) continue;
    const start = parseClock(match[1] ?? '');
    const title = (match[2] ?? '').trim();
    if (start === null || title === '') continue;
    found.push({ start, title });
  }
  if (found.length === 0) return { chapters: [], rejected: null };
  const first = found[0];
  if (first === undefined || first.start !== 0) {
    return { chapters: [], rejected: `timestamp lines found but the first is ${formatClock(first?.start ?? 0)}, not 0:00 (YouTube needs a first chapter at 0:00)` };
  }
  for (let index = 1; index < found.length; index += 1) {
    const previous = found[index - 1];
    const current = found[index];
    if (previous && current && current.start <= previous.start) {
      return { chapters: [], rejected: `timestamp lines are not in ascending order: ${formatClock(current.start)} "${current.title}" follows ${formatClock(previous.start)}` };
    }
  }
  if (found.length < MIN_CHAPTERS) {
    return { chapters: [], rejected: `only ${found.length} timestamp line(s); YouTube needs at least ${MIN_CHAPTERS} to show chapters` };
  }
  const last = found[found.length - 1];
  if (duration !== undefined && last && last.start >= duration) {
    return { chapters: [], rejected: `chapter ${formatClock(last.start)} "${last.title}" starts after the end of the video (${formatClock(duration)})` };
  }
  return { chapters: found, rejected: null };
}
