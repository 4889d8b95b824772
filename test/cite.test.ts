/**
 * Citations as a reader meets them: each format is read back by citation-js
 * (the parser behind many reference-manager imports) and formatted the way a
 * reference list shows it.
 */
import path from 'node:path';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import '@citation-js/plugin-csl';
import { describe, expect, it } from 'vitest';
import { citedName } from '../src/lib/cite/names.ts';
import { cslItem, formatItems, type CiteFormat } from '../src/lib/cite/formats.ts';
import { loadArchive } from '../src/lib/content.ts';
import { PROJECT_ROOT } from './helpers/build.ts';

const archive = loadArchive(path.join(PROJECT_ROOT, 'content'));
const people = new Map(archive.people.map((person) => [person.id, person]));
const eventOf = (year: number) => archive.events.find((event) => event.year === year);

function itemOf(id: string) {
  const program = archive.programs.find((candidate) => candidate.id === id);
  if (!program) throw new Error(`no ${id} in the sample archive`);
  return cslItem(program, eventOf(program.year), `https://iw-archive.example.jp/${program.year}/${program.slug}/`, people);
}

interface ParsedItem {
  type: string;
  title: string;
  author?: { family?: string; given?: string; literal?: string }[];
  issued?: { 'date-parts': number[][] };
  URL?: string;
  note?: string;
}

async function readBack(text: string): Promise<{ data: ParsedItem[]; reference: string }> {
  const cite = await Cite.async(text);
  return { data: cite.data as ParsedItem[], reference: String(cite.format('bibliography', { format: 'text', template: 'apa', lang: 'en-US' })) };
}

describe('names', () => {
  it('splits a Japanese name by the registry, the written space (full-width too) or keeps it whole', () => {
    const registry = { name: '馬渡 将隆', aliases: ['馬渡将隆'] };
    expect(citedName('馬渡将隆', registry)).toEqual({ family: '馬渡', given: '将隆' });
    expect(citedName('山口　健一')).toEqual({ family: '山口', given: '健一' });
    expect(citedName('馬渡将隆')).toEqual({ literal: '馬渡将隆' });
    expect(citedName('さくらたなか', { name: 'さくらたなか', reading: 'さくら たなか', aliases: [] })).toEqual({ family: 'さくら', given: 'たなか' });
  });

  it('reads romaji in either order', () => {
    expect(citedName('MAWATARI Masataka')).toEqual({ family: 'Mawatari', given: 'Masataka' });
    expect(citedName('Anna Lindqvist')).toEqual({ family: 'Lindqvist', given: 'Anna' });
  });
});

describe('every format read back by citation-js', () => {
  const formats: CiteFormat[] = ['bib', 'ris', 'json'];

  it.each(formats)('%s: 馬渡将隆 has family name 馬渡, so the reference reads 馬渡将隆, not 将隆馬渡', async (format) => {
    const { data, reference } = await readBack(formatItems([itemOf('iw2024-o1')], format));
    expect(data).toHaveLength(1);
    expect(data[0]?.type).toBe('paper-conference');
    expect(data[0]?.author).toEqual([{ family: '馬渡', given: '将隆' }]);
    expect(data[0]?.issued?.['date-parts']).toEqual([[2024, 11, 19]]);
    expect(data[0]?.URL).toBe('https://iw-archive.example.jp/2024/o1/');
    expect(reference.startsWith('馬渡将隆. (2024')).toBe(true);
    expect(reference).not.toContain('将隆馬渡');
    expect(reference).toContain('https://iw-archive.example.jp/2024/o1/');
  });

  it.each(formats)('%s: sub-talk speakers are authors, the full-width space splits 山口　健一', async (format) => {
    const { data, reference } = await readBack(formatItems([itemOf('iw2024-d2')], format));
    expect(data[0]?.author).toEqual([
      { family: '山口', given: '健一' },
      { family: '中村', given: '直樹' },
    ]);
    expect(reference).toMatch(/^山口健一, & 中村直樹\. \(2024[^)]*\)\. DNS DAY\./u);
  });

  it('keeps an unsplittable name whole in BibTeX (double braces), and it reads back whole', async () => {
    const item = { ...itemOf('iw2024-o1'), author: [{ literal: '馬渡将隆' }] };
    const bib = formatItems([item], 'bib');
    expect(bib).toContain('author = {{馬渡将隆}}');
    const { reference } = await readBack(bib);
    expect(reference.startsWith('馬渡将隆.')).toBe(true);
  });

  it.each(formats)('%s: the whole archive reads back, one entry per program, each with its code and URL', async (format) => {
    const items = archive.programs.map((program) => itemOf(program.id));
    const { data } = await readBack(formatItems(items, format));
    expect(data).toHaveLength(archive.programs.length);
    expect(data.every((entry) => entry.URL?.startsWith('https://iw-archive.example.jp/'))).toBe(true);
    const coded = archive.programs.filter((program) => program.code).length;
    expect(data.filter((entry) => /^Program [A-Z]\d/u.test(entry.note ?? '')).length).toBe(coded);
  });
});
