import { describe, expect, it } from 'vitest';
import { formatDateJa, isIsoDate, parseTimeSpan } from '../src/lib/dates.ts';
import { displayName, nameKey, nameKeys } from '../src/lib/names.ts';

describe('names', () => {
  it('makes one person of the spellings of one name', () => {
    expect(nameKey('馬渡 将隆')).toBe(nameKey('馬渡将隆'));
    expect(nameKey('馬渡　将隆')).toBe(nameKey('馬渡将隆'));
    expect(nameKeys('MAWATARI Masataka')).toContain(nameKeys('Masataka Mawatari').at(-1));
  });

  it('keeps different people apart', () => {
    expect(nameKey('馬渡 将隆')).not.toBe(nameKey('馬渡 将'));
    expect(nameKey('Kenji Sato')).not.toBe(nameKey('Kenta Sato'));
  });

  it('shows a name with one plain space', () => {
    expect(displayName('  馬渡　 将隆 ')).toBe('馬渡 将隆');
  });
});

describe('dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-11-19')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-13-45')).toBe(false);
    expect(isIsoDate('2024/11/19')).toBe(false);
  });

  it('parses time spans written in the ways people write them', () => {
    expect(parseTimeSpan('13:00-15:30')).toEqual({ start: '13:00', end: '15:30' });
    expect(parseTimeSpan('9:30〜12:00')).toEqual({ start: '09:30', end: '12:00' });
    expect(parseTimeSpan('１３:００–１５:３０')).toEqual({ start: '13:00', end: '15:30' });
    expect(parseTimeSpan('15:30-13:00')).toBeNull();
    expect(parseTimeSpan('25:00-26:00')).toBeNull();
  });

  it('formats dates in Japanese with the weekday', () => {
    expect(formatDateJa('2024-11-19')).toBe('2024年11月19日(火)');
    expect(formatDateJa('1997-12-01')).toBe('1997年12月1日(月)');
  });
});
