/**
 * Reads content/ into the archive model. Every file is validated on its own:
 * a broken file becomes a Problem and the rest of the archive still loads.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { parse as parseYaml } from 'yaml';
import type { z } from 'astro/zod';
import { codeSlug, codeSortKey, normaliseCode, programId } from './codes.ts';
import { listContentFiles, readContentText, resolveInside } from './content-files.ts';
import { parseTimeSpan, partialDateSortKey, type TimeSpan } from './dates.ts';
import { readablePersonId } from './cite/people.ts';
import { displayName, nameKey, nameKeys } from './names.ts';
import { describeValue, findMarkup, problemsFromZod, type Problem } from './problems.ts';
import {
  eventSchema,
  programSchema,
  speakerSchema,
  TEXT_LIMITS,
  type EventData,
  type Material,
  type ProgramData,
  type SpeakerRef,
  type SubTalk,
} from './schema.ts';

export interface YearEvent extends EventData {
  year: number;
  /** Markdown overview (the file's body). */
  overview: string;
  file: string;
}

export interface ResolvedSpeaker extends SpeakerRef {
  /** The person: a registry id, or one derived from the name. */
  speakerId: string;
}

export interface LocalMaterial extends Material {
  file: string;
  /** URL segment of the deck page: the file name without extension, lower case. */
  deckSlug: string;
  /** Absolute path on disk, checked to be inside content/materials/. */
  absolutePath: string;
  bytes: number;
}

export interface ExternalMaterial extends Material {
  url: string;
}

export interface ResolvedSubTalk extends Omit<SubTalk, 'speakers'> {
  normalisedCode: string;
  speakers: ResolvedSpeaker[];
}

export interface Program extends Omit<ProgramData, 'speakers' | 'subTalks' | 'materials'> {
  /** Stable citable id: iw2024-o1. */
  id: string;
  year: number;
  /** URL segment: the lower-case normalised code, or the file name for a program without code. */
  slug: string;
  /** What pages call the program: its title, else its code as written, else its first material. */
  displayTitle: string;
  normalisedCode?: string;
  timeSpan?: TimeSpan;
  speakers: ResolvedSpeaker[];
  subTalks: ResolvedSubTalk[];
  decks: LocalMaterial[];
  links: ExternalMaterial[];
  /** Markdown abstract (the file's body). */
  abstract: string;
  file: string;
}

export interface Person {
  id: string;
  name: string;
  reading?: string;
  romaji?: string;
  aliases: string[];
  bio: string;
  registered: boolean;
}

export interface Archive {
  contentDir: string;
  events: YearEvent[];
  programs: Program[];
  people: Person[];
  problems: Problem[];
}

/** What pages and exports need of the archive: its entries, without where they came from. */
export type ArchiveContent = Pick<Archive, 'events' | 'programs' | 'people'>;

interface SourceFile {
  file: string;
  data: unknown;
  body: string;
}

const FRONT_MATTER_OPTIONS = {
  // YAML 1.2: 2024-11-19 stays a string and 13:00 is not read as the number 780.
  engines: { yaml: (source: string) => parseYaml(source) as object },
};

/** Files under dir; symbolic links that leave content/ are problems (content-files.ts), never read. */
function listFiles(root: string, contentRoot: string, dir: string, extension: string, problems: Problem[]): string[] {
  if (!existsSync(dir)) return [];
  return listContentFiles(contentRoot, dir, extension, (file) => path.relative(root, file), problems);
}

function readSource(root: string, contentRoot: string, absolute: string, problems: Problem[]): SourceFile | null {
  const file = path.relative(root, absolute);
  const read = readContentText(contentRoot, absolute, (name) => path.relative(root, name));
  if ('problem' in read) {
    problems.push({ file, ...read.problem });
    return null;
  }
  try {
    const parsed = matter(read.text, FRONT_MATTER_OPTIONS);
    if (parsed.content.length > TEXT_LIMITS.body) {
      problems.push({ file, field: 'body', kind: 'schema', message: `expected a body of at most ${TEXT_LIMITS.body} characters; found ${parsed.content.length} characters (the file was skipped)` });
      return null;
    }
    return { file, data: parsed.data, body: parsed.content };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    problems.push({ file, kind: 'front-matter', message: `front matter is not valid YAML: ${message}` });
    return null;
  }
}

function validate<T extends z.ZodType>(schema: T, source: SourceFile, problems: Problem[]): z.output<T> | null {
  const result = schema.safeParse(source.data);
  if (!result.success) {
    problems.push(...problemsFromZod(source.file, result.error, source.data));
    return null;
  }
  problems.push(...findMarkup(source.file, source.data, source.body));
  return result.data;
}

/** Options exist for tests and for alternative archives (`--content DIR`). */
export function loadArchive(contentDir: string, projectRoot = path.dirname(path.resolve(contentDir))): Archive {
  const root = projectRoot;
  const contentRoot = path.resolve(contentDir);
  const problems: Problem[] = [];

  const events = loadEvents(root, contentRoot, problems);
  const registry = loadRegistry(root, contentRoot, problems);
  const programs = loadPrograms(root, contentRoot, problems);
  const people = resolvePeople(programs, registry, problems);

  const eventYears = new Set(events.map((event) => event.year));
  for (const year of new Set(programs.map((program) => program.year))) {
    if (!eventYears.has(year)) {
      problems.push({
        file: path.relative(root, path.join(contentRoot, 'programs', String(year))),
        kind: 'reference',
        message: `programs of ${year} have no event file; expected content/events/${year}.md (a plain year page is built)`,
      });
      events.push({
        year,
        name: `Internet Week ${year}`,
        // Only the year is known: no start or end is made up.
        periods: [],
        venues: [],
        organiser: '',
        sources: [],
        overview: '',
        file: '',
      });
    }
  }
  events.sort((a, b) => b.year - a.year);
  return { contentDir: contentRoot, events, programs, people, problems };
}

function yearFromName(name: string): number | null {
  return /^(19|20)\d\d$/u.test(name) ? Number(name) : null;
}

function loadEvents(root: string, contentRoot: string, problems: Problem[]): YearEvent[] {
  const events: YearEvent[] = [];
  for (const absolute of listFiles(root, contentRoot, path.join(contentRoot, 'events'), '.md', problems)) {
    const source = readSource(root, contentRoot, absolute, problems);
    if (!source) continue;
    const year = yearFromName(path.basename(absolute, '.md'));
    if (year === null) {
      problems.push({ file: source.file, kind: 'path', message: `expected an event file named after its year, like 2024.md; found "${path.basename(absolute)}"` });
      continue;
    }
    const data = validate(eventSchema, source, problems);
    if (!data) continue;
    if (data.start !== undefined && data.end !== undefined && partialDateSortKey(data.end) < data.start) {
      problems.push({ file: source.file, field: 'end', kind: 'schema', message: `expected an end date on or after start ${data.start}; found "${data.end}"` });
    }
    events.push({ ...data, year, overview: source.body, file: source.file });
  }
  return events;
}

interface RegistryEntry extends Person {
  file: string;
}

function loadRegistry(root: string, contentRoot: string, problems: Problem[]): RegistryEntry[] {
  const entries: RegistryEntry[] = [];
  for (const absolute of listFiles(root, contentRoot, path.join(contentRoot, 'speakers'), '.md', problems)) {
    const source = readSource(root, contentRoot, absolute, problems);
    if (!source) continue;
    const id = path.basename(absolute, '.md');
    if (!/^[a-z0-9-]+$/u.test(id)) {
      problems.push({ file: source.file, kind: 'path', message: `expected a speaker file named with a-z, 0-9 and - (the id in URLs); found "${id}"` });
      continue;
    }
    const data = validate(speakerSchema, source, problems);
    if (!data) continue;
    entries.push({
      id,
      name: displayName(data.name),
      ...(data.reading ? { reading: data.reading } : {}),
      ...(data.romaji ? { romaji: data.romaji } : {}),
      aliases: data.aliases,
      bio: source.body,
      registered: true,
      file: source.file,
    });
  }
  return entries;
}

function deckSlugOf(file: string): string {
  return path
    .basename(file, path.extname(file))
    .toLowerCase()
    .replace(/[^a-z0-9-]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
}

interface ProgramCandidate {
  source: SourceFile;
  data: ProgramData;
  year: number;
  slug: string;
  stem: string;
  normalisedCode: string | undefined;
}

function loadPrograms(root: string, contentRoot: string, problems: Problem[]): Program[] {
  const programsDir = path.join(contentRoot, 'programs');
  const materialsRoot = path.join(contentRoot, 'materials');
  const programs: Program[] = [];
  const bySlot = new Map<string, ProgramCandidate[]>();

  for (const absolute of listFiles(root, contentRoot, programsDir, '.md', problems)) {
    const source = readSource(root, contentRoot, absolute, problems);
    if (!source) continue;
    const yearDir = path.relative(programsDir, path.dirname(absolute));
    const year = yearFromName(yearDir);
    if (year === null) {
      problems.push({ file: source.file, kind: 'path', message: `expected the file in content/programs/<year>/; found it in "${yearDir}"` });
      continue;
    }
    const data = validate(programSchema, source, problems);
    if (!data) continue;

    const normalisedCode = data.code === undefined ? undefined : (normaliseCode(data.code) ?? undefined);
    const stem = path.basename(absolute, '.md');
    const slug = normalisedCode === undefined ? deckSlugOf(stem) : codeSlug(normalisedCode);
    const stemCode = normaliseCode(stem);
    if (normalisedCode === undefined && stemCode !== null) {
      problems.push({ file: source.file, field: 'code', kind: 'schema', message: `expected a code for a file named like one ("${stem}"), or a file name that is not a code; found no code` });
      continue;
    }
    if (normalisedCode !== undefined && stemCode !== null && stemCode !== normalisedCode) {
      problems.push({
        file: source.file,
        field: 'code',
        kind: 'schema',
        message: `expected the code to match the file name: the file ${stem}.md names ${stemCode}, the front matter says code ${describeValue(data.code)} (${normalisedCode}); this file was skipped (rename the file or fix the code)`,
      });
      continue;
    }
    if (data.date !== undefined && !data.date.startsWith(String(year)) && !data.date.startsWith(`${year + 1}-`)) {
      problems.push({ file: source.file, field: 'date', kind: 'schema', message: `expected a date in ${year} (the folder's year); found "${data.date}"` });
    }
    const slot = `${year}/${slug}`;
    bySlot.set(slot, [...(bySlot.get(slot) ?? []), { source, data, year, slug, stem, normalisedCode }]);
  }

  // One program, one file: the file named with the code's own slug (o1.md for O1) wins whatever the sort order; then the first by name.
  for (const claimants of bySlot.values()) {
    const winner = claimants.find((candidate) => candidate.stem === candidate.slug) ?? claimants[0];
    if (!winner) continue;
    for (const other of claimants) {
      if (other === winner) continue;
      problems.push({
        file: other.source.file,
        ...(other.normalisedCode === undefined ? {} : { field: 'code' }),
        kind: 'duplicate',
        message: `duplicate program ${other.normalisedCode ?? other.slug} in ${other.year}: ${winner.source.file} has it${winner.stem === winner.slug ? ` (its file name is the code's own, ${winner.slug}.md)` : ''}; this file was skipped`,
      });
    }
    const { source, data, year, slug, normalisedCode } = winner;
    const decks: LocalMaterial[] = [];
    const links: ExternalMaterial[] = [];
    data.materials.forEach((material, index) => {
      if (material.url !== undefined) {
        links.push({ ...material, url: material.url });
        return;
      }
      const file = material.file ?? '';
      const yearMaterials = path.join(materialsRoot, String(year));
      const resolved = path.resolve(yearMaterials, file);
      if (!resolved.startsWith(`${materialsRoot}${path.sep}`)) {
        problems.push({
          file: source.file,
          field: `materials.${index}.file`,
          kind: 'path',
          message: `expected a path inside content/materials/${year}/; found "${file}", which resolves outside content/materials/ (${path.relative(root, resolved)})`,
        });
        return;
      }
      // The path is written inside content/materials/; its real location (symlinks followed) must be too.
      const inside = resolveInside(materialsRoot, resolved, (name) => path.relative(root, name));
      if ('problem' in inside || !statSync(inside.real).isFile()) {
        problems.push({
          file: source.file,
          field: `materials.${index}.file`,
          ...('problem' in inside ? inside.problem : { kind: 'path', message: `expected a file at ${path.relative(root, resolved)}; found a folder` }),
        });
        return;
      }
      const real = inside.real;
      if (decks.some((deck) => deck.absolutePath === real)) {
        problems.push({ file: source.file, field: `materials.${index}.file`, kind: 'duplicate', message: `the file "${file}" is listed twice; the second entry was skipped` });
        return;
      }
      const relative = path.relative(yearMaterials, resolved).split(path.sep).join('/');
      // Era naming reuses a file name across folders (1999: notes/C3.PDF and proceedings/C03.PDF,
      // or notes/C10.PDF and proceedings/C10.PDF): the first keeps the short name, later ones take their folder.
      const taken = new Set(decks.map((deck) => deck.deckSlug));
      const deckSlug = [deckSlugOf(file), deckSlugOf(relative.replaceAll('/', '-')), `deck-${index + 1}`].find((slug) => slug && !taken.has(slug)) ?? `deck-${index + 1}-${decks.length}`;
      decks.push({
        ...material,
        file: relative,
        deckSlug,
        absolutePath: real,
        bytes: statSync(real).size,
      });
    });

    const timeSpan = data.time === undefined ? null : parseTimeSpan(data.time);
    const program: Program = {
      ...data,
      id: programId(year, slug),
      year,
      slug,
      displayTitle: data.title ?? data.code ?? decks[0]?.title ?? links[0]?.title ?? decks[0]?.file.split('/').pop() ?? slug,
      ...(normalisedCode === undefined ? {} : { normalisedCode }),
      ...(timeSpan ? { timeSpan } : {}),
      speakers: data.speakers.map((speaker) => ({ ...speaker, speakerId: '' })),
      subTalks: data.subTalks.map((talk) => ({
        ...talk,
        normalisedCode: normaliseCode(talk.code) ?? talk.code,
        speakers: talk.speakers.map((speaker) => ({ ...speaker, speakerId: '' })),
      })),
      decks,
      links,
      abstract: source.body,
      file: source.file,
    };
    programs.push(program);
  }
  return programs.sort(compareProgramsInYear);
}

/** Years newest first; inside a year by date (a month known but not its day after that month's dated programs, undated last), start time, then code. */
export function compareProgramsInYear(a: Program, b: Program): number {
  return (
    b.year - a.year ||
    partialDateSortKey(a.date).localeCompare(partialDateSortKey(b.date)) ||
    (a.timeSpan?.start ?? '99').localeCompare(b.timeSpan?.start ?? '99') ||
    codeSortKey(a.normalisedCode ?? a.slug).localeCompare(codeSortKey(b.normalisedCode ?? b.slug))
  );
}

/** Gives every program speaker a person id and builds the list of people. */
function resolvePeople(programs: Program[], registry: RegistryEntry[], problems: Problem[]): Person[] {
  const byKey = new Map<string, RegistryEntry>();
  const byId = new Map(registry.map((entry) => [entry.id, entry]));
  for (const entry of registry) {
    for (const written of [entry.name, ...entry.aliases, ...(entry.romaji ? [entry.romaji] : [])]) {
      for (const key of nameKeys(written)) {
        const other = byKey.get(key);
        if (other && other.id !== entry.id) {
          problems.push({ file: entry.file, field: 'aliases', kind: 'duplicate', message: `the name "${written}" also belongs to ${other.file}; it stays with ${other.id}` });
          continue;
        }
        byKey.set(key, entry);
      }
    }
  }

  // Oldest first, so an unregistered person's id comes from their first appearance and stays put as the archive grows.
  const chronological = [...programs].reverse();
  const unregistered = new Map<string, Person>();
  const takenIds = new Set(byId.keys());
  const people = new Map<string, Person>();

  const resolve = (program: Program, speaker: ResolvedSpeaker, field: string): void => {
    if (speaker.id !== undefined) {
      const entry = byId.get(speaker.id);
      if (entry) {
        speaker.speakerId = entry.id;
        people.set(entry.id, entry);
        return;
      }
      problems.push({ file: program.file, field: `${field}.id`, kind: 'reference', message: `expected a speaker id from content/speakers/; found "${speaker.id}", which has no file there (matched by name instead)` });
    }
    const keys = [...nameKeys(speaker.name), ...(speaker.romaji ? nameKeys(speaker.romaji) : [])];
    const entry = keys.map((key) => byKey.get(key)).find((found) => found !== undefined);
    if (entry) {
      speaker.speakerId = entry.id;
      people.set(entry.id, entry);
      return;
    }
    const key = nameKey(speaker.name);
    let person = unregistered.get(key);
    if (!person) {
      const id = readablePersonId(speaker, takenIds);
      takenIds.add(id);
      person = {
        id,
        name: displayName(speaker.name),
        ...(speaker.reading ? { reading: speaker.reading } : {}),
        ...(speaker.romaji ? { romaji: speaker.romaji } : {}),
        aliases: [],
        bio: '',
        registered: false,
      };
      unregistered.set(key, person);
      if (speaker.romaji) for (const romajiKey of nameKeys(speaker.romaji)) unregistered.set(romajiKey, person);
    }
    speaker.speakerId = person.id;
    people.set(person.id, person);
  };

  for (const program of chronological) {
    program.speakers.forEach((speaker, index) => resolve(program, speaker, `speakers.${index}`));
    program.subTalks.forEach((talk, talkIndex) =>
      talk.speakers.forEach((speaker, index) => resolve(program, speaker, `subTalks.${talkIndex}.speakers.${index}`)),
    );
  }
  return [...people.values()]
    .map(({ id, name, reading, romaji, aliases, bio, registered }) => ({
      id,
      name,
      ...(reading ? { reading } : {}),
      ...(romaji ? { romaji } : {}),
      aliases,
      bio,
      registered,
    }))
    .sort((a, b) => (a.reading ?? a.name).localeCompare(b.reading ?? b.name, 'ja'));
}

/** Every speaker of a program, sub-talks included, each person once. */
export function programPeople(program: Program): ResolvedSpeaker[] {
  const seen = new Set<string>();
  return [...program.speakers, ...program.subTalks.flatMap((talk) => talk.speakers)].filter((speaker) => {
    if (seen.has(speaker.speakerId)) return false;
    seen.add(speaker.speakerId);
    return true;
  });
}
