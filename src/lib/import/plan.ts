/**
 * What an import changes in content/, decided without touching the disk.
 *
 * Merge rules (README "Importing the archive"):
 * - Rows of one import that describe one program (same year and code, or same title
 *   without code) are combined; a field they disagree on is a problem, the first row's value stays.
 * - A new program gets a new file; an existing file is only ever filled in: a field it lacks is
 *   added, a field it has is kept even when the import says otherwise (reported as kept), lists of
 *   materials, sources and sub-talks gain the entries they lack. The body (abstract) is never touched.
 * - A file that gains nothing is not rewritten: the same import twice changes nothing.
 */
import { parseDocument, Document, isSeq, Scalar, type Node } from 'yaml';
import { codeSlug, normaliseCode } from '../codes.ts';
import { nameKey } from '../names.ts';
import { formatProblem, problemsFromZod } from '../problems.ts';
import { programSchema } from '../schema.ts';
import { parseMaterialName } from './filenames.ts';
import { FIELD_ORDER, programSlug, type ImportedProgram, type ImportProblem, type ProgramFields } from './model.ts';

export interface ExistingProgram {
  year: number;
  /** File name without .md. */
  slug: string;
  /** Path relative to content/: programs/2007/c1.md */
  path: string;
  text: string;
}

export interface MaterialFile {
  year: number;
  /** Path under content/materials/<year>/, with forward slashes. */
  file: string;
  /** The input file, for messages. */
  source: string;
}

export interface RegistryPerson {
  name: string;
  romaji?: string;
  aliases?: string[];
}

export interface PlannedWrite {
  /** Relative to content/. */
  path: string;
  text: string;
  action: 'create' | 'update' | 'unchanged';
  /** What was added, for the report. */
  changes: string[];
}

export interface ImportPlan {
  writes: PlannedWrite[];
  /** Material files to copy to content/materials/<year>/<file>, each attached to a program. */
  attached: MaterialFile[];
  unmatched: MaterialFile[];
  problems: ImportProblem[];
  /** Values kept because the file already says otherwise, and other things to look at. */
  notices: string[];
}

export interface PlanInput {
  programs: ImportedProgram[];
  materials: MaterialFile[];
  existing: ExistingProgram[];
  existingEventYears: number[];
  registry: RegistryPerson[];
}

interface Group {
  year: number;
  slug: string;
  fields: ProgramFields;
  origin: Map<string, { file: string; line?: number; column?: string }>;
}

const LIST_FIELDS = new Set(['materials', 'sources', 'subTalks']);

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

function identity(field: string, item: unknown): string {
  const record = (item ?? {}) as Record<string, unknown>;
  if (field === 'subTalks') return normaliseCode(String(record['code'] ?? '')) ?? String(record['code']);
  if (field === 'speakers') return nameKey(String(record['name'] ?? ''));
  return String(record['file'] ?? record['url'] ?? JSON.stringify(item));
}

/** Entries of `items` that `into` lacks are added; an entry both have gains the keys it lacks (a sub-talk or speaker a file name says). */
function unionList(field: string, into: unknown[], items: unknown[]): unknown[] {
  const merged = [...into];
  for (const item of items) {
    const index = merged.findIndex((other) => identity(field, other) === identity(field, item));
    if (index === -1) merged.push(item);
    else if (isRecord(merged[index]) && isRecord(item)) merged[index] = { ...item, ...merged[index] };
  }
  return merged;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function where(origin: { file: string; line?: number } | undefined): string {
  return origin ? `${origin.file}${origin.line === undefined ? '' : ` line ${origin.line}`}` : 'the import';
}

/** Rows about one program become one group; sub-talk rows (T13-2) join their program (T13). */
function groupPrograms(programs: ImportedProgram[], problems: ImportProblem[]): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const record of programs) {
    let fields = record.fields;
    const code = typeof fields.code === 'string' ? normaliseCode(fields.code) : null;
    if (code !== null && code.includes('-')) {
      const base = code.split('-')[0] ?? code;
      if (typeof fields.title !== 'string') {
        problems.push({ file: record.file, ...(record.line === undefined ? {} : { line: record.line }), column: record.columns['code'] ?? 'code', message: `expected a title for the sub-talk ${fields.code as string} of ${base}; found none (row skipped)` });
        continue;
      }
      const talk = Object.fromEntries(
        (['code', 'title', 'titleEn', 'time', 'speakers'] as const).filter((key) => fields[key] !== undefined).map((key) => [key, fields[key]]),
      );
      const materials = Array.isArray(fields.materials) ? fields.materials.map((material) => ({ ...(material as object), subTalk: fields.code })) : [];
      fields = { code: base, subTalks: [talk], ...(materials.length > 0 ? { materials } : {}), ...(fields.sources ? { sources: fields.sources } : {}) };
    }
    const slug = programSlug(fields);
    if (slug === null) continue;
    const key = `${record.year}/${slug}`;
    let group = groups.get(key);
    if (!group) {
      group = { year: record.year, slug, fields: {}, origin: new Map() };
      groups.set(key, group);
    }
    for (const field of FIELD_ORDER) {
      const value = fields[field];
      if (value === undefined) continue;
      const origin = { file: record.file, ...(record.line === undefined ? {} : { line: record.line }), ...(record.columns[field] ? { column: record.columns[field] } : {}) };
      const before = group.fields[field];
      if (before === undefined) {
        group.fields[field] = value;
        group.origin.set(field, origin);
      } else if (LIST_FIELDS.has(field) && Array.isArray(before) && Array.isArray(value)) {
        group.fields[field] = unionList(field, before, value);
      } else if (field === 'code' ? normaliseCode(String(before)) !== normaliseCode(String(value)) : !same(before, value)) {
        problems.push({
          file: record.file,
          ...(record.line === undefined ? {} : { line: record.line }),
          column: origin.column ?? field,
          message: `two rows disagree about ${field} of ${record.year} ${String(group.fields.code ?? group.slug)}: this row says ${shown(value)}, ${where(group.origin.get(field))} says ${shown(before)} (the first is kept)`,
        });
      }
    }
  }
  return groups;
}

function romajiTokens(text: string): string[] {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/gu, '').toLowerCase().split(/[^a-z]+/u).filter(Boolean);
}

/** The program speaker whose romaji (own, or from the registry) has the surname of a file name; only when exactly one does. */
function speakerBySurname(surname: string, speakers: unknown, registry: RegistryPerson[]): string | undefined {
  if (!Array.isArray(speakers)) return undefined;
  const matches = speakers
    .map((speaker) => speaker as { name?: string; romaji?: string })
    .filter((speaker) => {
      if (typeof speaker.name !== 'string') return false;
      const key = nameKey(speaker.name);
      const person = registry.find((entry) => [entry.name, ...(entry.aliases ?? [])].some((name) => nameKey(name) === key));
      // A name written in Latin letters (Anna Lindqvist, Kenichi YAMAGUCHI) is its own romaji.
      const romaji = [speaker.romaji, person?.romaji, speaker.name].filter((value): value is string => typeof value === 'string');
      return romaji.some((written) => romajiTokens(written).includes(surname));
    });
  return matches.length === 1 ? matches[0]?.name : undefined;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/u;

function splitFile(text: string): { yaml: string; body: string } | null {
  const match = FRONT_MATTER.exec(text);
  if (!match) return null;
  return { yaml: match[1] ?? '', body: text.slice(match[0].length) };
}

/** Dates and times quoted, as README asks of people, so YAML 1.1 readers do not turn them into numbers or dates. */
function quoteDatesAndTimes(document: Document, keys: string[]): void {
  for (const key of keys) {
    const node = document.get(key, true) as Node | undefined;
    if (node instanceof Scalar && typeof node.value === 'string') node.type = Scalar.QUOTE_DOUBLE;
  }
}

const YAML_OPTIONS = { lineWidth: 0 } as const;

export function serialiseNew(fields: ProgramFields, body = ''): string {
  const ordered = Object.fromEntries(FIELD_ORDER.filter((field) => fields[field] !== undefined).map((field) => [field, fields[field]]));
  const document = new Document(ordered);
  quoteDatesAndTimes(document, ['date', 'time']);
  return `---\n${document.toString(YAML_OPTIONS)}---\n${body}`;
}

function mergeExisting(existing: ExistingProgram, group: Group, notices: string[], problems: ImportProblem[]): PlannedWrite {
  const path = existing.path;
  const parts = splitFile(existing.text);
  const document = parts ? parseDocument(parts.yaml) : null;
  if (!parts || !document || document.errors.length > 0) {
    problems.push({ file: `content/${path}`, message: `expected front matter between --- lines that is valid YAML; the file was left as it is (fix it, then import again)` });
    return { path, text: existing.text, action: 'unchanged', changes: [] };
  }
  const current = (document.toJS() ?? {}) as Record<string, unknown>;
  const changes: string[] = [];
  for (const field of FIELD_ORDER) {
    const value = group.fields[field];
    if (value === undefined) continue;
    const have = current[field];
    if (have === undefined || (Array.isArray(have) && have.length === 0 && Array.isArray(value))) {
      document.set(field, document.createNode(value));
      changes.push(field);
    } else if (LIST_FIELDS.has(field) && Array.isArray(have) && Array.isArray(value)) {
      const merged = unionList(field, have, value);
      const added = merged.slice(have.length);
      // Keys an entry of the file lacks (a material's subTalk) are filled in place; its own keys are kept.
      let filled = 0;
      have.forEach((item, index) => {
        const now = merged[index];
        if (!isRecord(item) || !isRecord(now)) return;
        for (const key of Object.keys(now).filter((name) => item[name] === undefined)) {
          document.setIn([field, index, key], now[key]);
          filled += 1;
        }
      });
      if (added.length > 0) {
        const node = document.get(field, true);
        if (isSeq(node)) for (const item of added) document.addIn([field], item);
      }
      if (added.length > 0 || filled > 0) changes.push([field, added.length > 0 ? `+${added.length}` : '', filled > 0 ? `(${filled} filled)` : ''].filter(Boolean).join(' '));
    } else if (field === 'speakers' && Array.isArray(have) && Array.isArray(value)) {
      const names = (list: unknown[]) => list.map((item) => identity('speakers', item)).sort().join('|');
      if (names(have) !== names(value)) notices.push(`content/${path} field "speakers": kept the file's ${have.length} speaker(s); ${where(group.origin.get(field))} lists ${shown(value.map((item) => (item as { name: string }).name).join('; '))}`);
    } else if (field === 'code' ? normaliseCode(String(have)) !== normaliseCode(String(value)) : !same(have, value)) {
      notices.push(`content/${path} field "${field}": kept the file's ${shown(have)}; ${where(group.origin.get(field))} says ${shown(value)}`);
    }
  }
  if (changes.length === 0) return { path, text: existing.text, action: 'unchanged', changes };
  quoteDatesAndTimes(document, changes.filter((field) => field === 'date' || field === 'time'));
  return { path, text: `---\n${document.toString(YAML_OPTIONS)}---\n${parts.body}`, action: 'update', changes };
}

export function planImport(input: PlanInput): ImportPlan {
  const problems: ImportProblem[] = [];
  const notices: string[] = [];
  const groups = groupPrograms(input.programs, problems);
  const existingBySlot = new Map(input.existing.map((program) => [`${program.year}/${program.slug}`, program]));
  // A program without code is found by its title (bof-3.md written by hand is the BoF a listing names).
  const existingByTitle = new Map<string, ExistingProgram>();
  for (const program of input.existing) {
    const parts = splitFile(program.text);
    const data = parts ? (parseDocument(parts.yaml).toJS() as Record<string, unknown> | null) : null;
    if (data && data['code'] === undefined && typeof data['title'] === 'string') existingByTitle.set(`${program.year}/${data['title'].normalize('NFKC')}`, program);
  }
  const existingData = (slot: string): Record<string, unknown> => {
    const existing = existingBySlot.get(slot);
    const parts = existing ? splitFile(existing.text) : null;
    const data: unknown = parts ? parseDocument(parts.yaml).toJS() : null;
    return isRecord(data) ? data : {};
  };
  /** The people of a program and its sub-talks (of one sub-talk when `talk` is given), each once. */
  const peopleOf = (group: Group, slot: string, talk?: string): unknown[] => {
    const data = existingData(slot);
    const talks = [...(Array.isArray(group.fields.subTalks) ? group.fields.subTalks : []), ...(Array.isArray(data['subTalks']) ? data['subTalks'] : [])].filter(isRecord);
    const talkPeople = talks.filter((item) => talk === undefined || normaliseCode(String(item['code'] ?? '')) === normaliseCode(talk)).flatMap((item) => (Array.isArray(item['speakers']) ? item['speakers'] : []));
    const programPeople = talk === undefined ? [group.fields.speakers, data['speakers']].flatMap((list) => (Array.isArray(list) ? list : [])) : [];
    return unionList('speakers', [], [...programPeople, ...talkPeople]);
  };

  const attached: MaterialFile[] = [];
  const unmatched: MaterialFile[] = [];
  for (const material of [...input.materials].sort((a, b) => a.year - b.year || a.file.localeCompare(b.file))) {
    const name = parseMaterialName(material.file);
    if (name === null || (name.year !== undefined && name.year !== material.year)) {
      unmatched.push(material);
      notices.push(`${material.source}: ${name === null ? 'named in no era\'s style (expected a code such as C03, IW2008-H3-07, t3-ohara or d1-3-moriwaka-1)' : `the name says ${name.year}, the folder or --year says ${material.year}`}; not imported`);
      continue;
    }
    const slug = codeSlug(name.code);
    const slot = `${material.year}/${slug}`;
    let group = groups.get(slot);
    if (!group) {
      group = { year: material.year, slug, fields: existingBySlot.has(slot) ? {} : { code: name.code }, origin: new Map() };
      groups.set(slot, group);
    }
    // The sub-talk's speakers first (d1-3-moriwaka: the speaker of D1-3), then everyone of the program.
    const surname = name.surname;
    const speaker = surname === undefined ? undefined : ((name.subTalk === undefined ? undefined : speakerBySurname(surname, peopleOf(group, slot, name.subTalk), input.registry)) ?? speakerBySurname(surname, peopleOf(group, slot), input.registry));
    if (name.surname !== undefined && speaker === undefined) notices.push(`${material.source}: the surname "${name.surname}" matches no single speaker of ${material.year} ${name.code}; attached without a speaker`);
    const entry = { file: material.file, ...(speaker ? { speaker } : {}), ...(name.subTalk ? { subTalk: name.subTalk } : {}) };
    group.fields.materials = unionList('materials', Array.isArray(group.fields.materials) ? group.fields.materials : [], [entry]);
    if (!group.origin.has('materials')) group.origin.set('materials', { file: material.source });
    attached.push(material);
  }

  const writes: PlannedWrite[] = [];
  for (const group of [...groups.values()].sort((a, b) => a.year - b.year || a.slug.localeCompare(b.slug))) {
    const title = group.fields.code === undefined && typeof group.fields.title === 'string' ? group.fields.title.normalize('NFKC') : undefined;
    const existing = existingBySlot.get(`${group.year}/${group.slug}`) ?? (title === undefined ? undefined : existingByTitle.get(`${group.year}/${title}`));
    if (existing) writes.push(mergeExisting(existing, group, notices, problems));
    else {
      const made = Object.keys(group.fields).filter((field) => field !== 'code' && field !== 'materials').length === 0;
      if (made) notices.push(`programs/${group.year}/${group.slug}.md: made from its material files only (code ${String(group.fields.code)}; no title, date or type known)`);
      writes.push({ path: `programs/${group.year}/${group.slug}.md`, text: serialiseNew(group.fields), action: 'create', changes: Object.keys(group.fields) });
    }
  }
  // Every file the import writes must load: one that would not is reported and not written.
  const valid = writes.filter((write) => {
    if (write.action === 'unchanged') return true;
    const data: unknown = parseDocument(splitFile(write.text)?.yaml ?? '').toJS();
    const result = programSchema.safeParse(data);
    if (result.success) return true;
    for (const problem of problemsFromZod(`content/${write.path}`, result.error, data)) {
      problems.push({ file: `content/${write.path}`, message: `the import would make this file invalid, so it was not written: ${formatProblem(problem)}` });
    }
    return false;
  });
  writes.splice(0, writes.length, ...valid);
  const eventYears = new Set(input.existingEventYears);
  for (const year of [...new Set([...groups.values()].map((group) => group.year))].sort()) {
    if (eventYears.has(year)) continue;
    // Only the year is known of an event the importer makes: no dates, no theme.
    writes.push({ path: `events/${year}.md`, text: `---\nname: Internet Week ${year}\n---\n`, action: 'create', changes: ['name'] });
  }
  return { writes, attached, unmatched, problems, notices };
}
