import { describe, expect, it } from 'vitest';
import { codeSlug, codeSortKey, normaliseCode, programId } from '../src/lib/codes.ts';

describe('normaliseCode', () => {
  it.each([
    ['O1', 'O1'],
    ['o1', 'O1'],
    ['C03', 'C3'],
    ['c3', 'C3'],
    ['t04', 'T4'],
    ['T13-2', 'T13-2'],
    ['d2-01', 'D2-1'],
    ['H10', 'H10'],
    ['Ｃ１４', 'C14'],
    [' S9 ', 'S9'],
  ])('%s → %s', (displayed, normalised) => {
    expect(normaliseCode(displayed)).toBe(normalised);
  });

  it.each(['', 'BoF', '12', 'O-1', 'IW2024', 'O1a', 'OO1'])('%s is not a code', (text) => {
    expect(normaliseCode(text)).toBeNull();
  });
});

describe('ids and slugs', () => {
  it('gives the lower-case code as the URL segment and a year-qualified id', () => {
    expect(codeSlug('O1')).toBe('o1');
    expect(programId(2024, codeSlug('D2-1'))).toBe('iw2024-d2-1');
  });

  it('sorts codes numerically, parts after their program', () => {
    const codes = ['O10', 'D2-1', 'O2', 'D2', 'C14', 'C3', 'D2-10', 'D2-2'];
    expect([...codes].sort((a, b) => codeSortKey(a).localeCompare(codeSortKey(b)))).toEqual([
      'C3', 'C14', 'D2', 'D2-1', 'D2-2', 'D2-10', 'O2', 'O10',
    ]);
  });
});
