/**
 * scripts/tools/sample/decks.yaml: parsing and validation (format in
 * scripts/tools/sample/README.md). Errors name the entry (index and path) and field.
 */
import { parse } from 'yaml';
import { DECK_FONTS, type DeckFont, type DeckSpec, type SlideSpec } from './deck.ts';

export interface SampleDeck {
  /** Relative to content/materials/. */
  path: string;
  spec: DeckSpec;
}

const ENTRY_KEYS = ['path', 'font', 'footer', 'copyright', 'pageNumbers', 'overprint', 'kangxi', 'garbage', 'title', 'author', 'slides'];
const SLIDE_KEYS = ['title', 'lines', 'kind'];
const SLIDE_KINDS = ['text', 'image', 'outlines'] as const;

export class DecksError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`decks.yaml has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  ${problems.join('\n  ')}`);
    this.name = 'DecksError';
    this.problems = problems;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses and validates the YAML text; throws DecksError listing every problem. */
export function parseDecks(text: string): SampleDeck[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new DecksError([`not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
  if (doc === null || doc === undefined) return [];
  if (!Array.isArray(doc)) throw new DecksError(['the top level must be a list of decks (- path: ...)']);
  const problems: string[] = [];
  const decks: SampleDeck[] = [];
  const seen = new Map<string, number>();
  doc.forEach((entry: unknown, i) => {
    const where0 = `entry ${i + 1}`;
    if (!isRecord(entry)) {
      problems.push(`${where0}: must be a mapping with path, font and slides`);
      return;
    }
    const path = entry['path'];
    const where = typeof path === 'string' ? `${where0} (${path})` : where0;
    const bad = (field: string, why: string): void => void problems.push(`${where}: ${field}: ${why}`);
    for (const key of Object.keys(entry)) {
      if (!ENTRY_KEYS.includes(key)) bad(key, `unknown field (allowed: ${ENTRY_KEYS.join(', ')})`);
    }
    if (typeof path !== 'string' || path === '') bad('path', 'must be a non-empty string');
    else if (path.startsWith('/') || path.includes('\\') || path.split('/').some((s) => s === '..' || s === '.' || s === '')) {
      bad('path', 'must be a relative path under content/materials/ (no leading /, no . or .. segments)');
    } else if (!/\.pdf$/i.test(path)) bad('path', 'must end with .pdf (any case)');
    else if (seen.has(path.toLowerCase())) bad('path', `duplicates entry ${seen.get(path.toLowerCase())! + 1}`);
    else seen.set(path.toLowerCase(), i);

    const font = entry['font'] ?? 'embedded';
    if (typeof font !== 'string' || !DECK_FONTS.includes(font as DeckFont)) bad('font', `must be one of ${DECK_FONTS.join(', ')}`);
    const strings: Record<string, string> = {};
    for (const key of ['footer', 'copyright', 'title', 'author']) {
      const v = entry[key];
      if (v === undefined) continue;
      if (typeof v === 'string') strings[key] = v;
      else bad(key, `must be a string (quote it: ${key}: "${String(v)}")`);
    }
    const flags: Record<string, boolean> = {};
    for (const key of ['pageNumbers', 'overprint', 'kangxi', 'garbage']) {
      const v = entry[key];
      if (v === undefined) continue;
      if (typeof v === 'boolean') flags[key] = v;
      else bad(key, 'must be true or false');
    }
    if ((flags['kangxi'] || flags['garbage']) && font === 'standard') bad('kangxi/garbage', 'need a Japanese font, not standard');

    const slides: SlideSpec[] = [];
    const rawSlides = entry['slides'];
    if (!Array.isArray(rawSlides) || rawSlides.length === 0) bad('slides', 'must be a non-empty list');
    else {
      rawSlides.forEach((slide: unknown, j) => {
        const f = `slides[${j}]`;
        if (!isRecord(slide)) return bad(f, 'must be a mapping with title (and lines)');
        for (const key of Object.keys(slide)) {
          if (!SLIDE_KEYS.includes(key)) bad(`${f}.${key}`, `unknown field (allowed: ${SLIDE_KEYS.join(', ')})`);
        }
        const title = slide['title'];
        if (typeof title !== 'string' || title.trim() === '') bad(`${f}.title`, 'must be a non-empty string');
        const lines = slide['lines'] ?? [];
        const okLines: string[] = [];
        if (!Array.isArray(lines)) bad(`${f}.lines`, 'must be a list of strings');
        else {
          lines.forEach((line: unknown, k) => {
            if (typeof line === 'string') okLines.push(line);
            else bad(`${f}.lines[${k}]`, `must be a string (quote it: "${String(line)}")`);
          });
        }
        const kind = slide['kind'];
        if (kind !== undefined && !SLIDE_KINDS.includes(kind as (typeof SLIDE_KINDS)[number])) {
          bad(`${f}.kind`, `must be one of ${SLIDE_KINDS.join(', ')}`);
        }
        if (typeof title === 'string') {
          slides.push({ title, lines: okLines, ...(kind !== undefined ? { kind: kind as SlideSpec['kind'] & string } : {}) });
        }
      });
    }
    if (typeof path !== 'string') return;
    const firstTitle = slides[0]?.title;
    const titleInfo = strings['title'] ?? firstTitle;
    decks.push({
      path,
      spec: {
        font: font as DeckFont,
        slides,
        ...(strings['footer'] !== undefined ? { footer: strings['footer'] } : {}),
        ...(strings['copyright'] !== undefined ? { copyright: strings['copyright'] } : {}),
        ...flags,
        info: {
          ...(titleInfo !== undefined ? { title: titleInfo } : {}),
          ...(strings['author'] !== undefined ? { author: strings['author'] } : {}),
          creator: 'iw-archive sample (scripts/tools/sample/decks.yaml)',
        },
      },
    });
  });
  if (problems.length > 0) throw new DecksError(problems);
  return decks;
}
