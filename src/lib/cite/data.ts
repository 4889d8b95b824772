/**
 * The whole catalogue as data (/data/archive.json) and its published JSON
 * Schema (/data/archive.schema.json, generated from the zod schema below, so
 * the two cannot drift). Made from the same sources as the pages — the content
 * model, the ingested decks and the linked video catalog — so every fact on a
 * page is the same fact here. Unknown stays null.
 */
import { z } from 'astro/zod';
import type { ArchiveContent, ExternalMaterial, LocalMaterial, Program, ResolvedSpeaker, YearEvent } from '../content.ts';
import { deckKey, type SiteDecks } from '../decks.ts';
import type { SiteSettings } from '../schema.ts';
import { routes } from '../urls.ts';
import type { LinkedVideo } from '../videos/load.ts';
import { recurringSeries, seriesOf, type Series } from './eras.ts';
import { rightsOf } from './settings.ts';

export const DATA_VERSION = 2;

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u);
/** As much of a date as is known: 2007, 2007-11 or 2007-11-19. */
const partialDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/u);
const sourceData = z.strictObject({ url: z.string(), kind: nullable(z.string()), read: nullable(z.string()).describe('when the source was read') });
const sitePath = z.string().regex(/^\//u).describe('a path on this site, from its root');

const speakerData = z.strictObject({
  id: z.string().describe('the person: /speakers/<id>/'),
  name: z.string().describe('as written on the program'),
  affiliation: nullable(z.string()).describe('at the time of this program'),
  role: nullable(z.string()).describe('normalised: speaker, moderator, panelist, chair, organizer; null when the written role has no match'),
  roleAsWritten: nullable(z.string()).describe('the role in the words of the source (講師, モデレータ)'),
});

const localMaterialData = z.strictObject({
  kind: z.literal('file'),
  file: sitePath.describe('the PDF on this site'),
  page: sitePath.describe('the deck page with the text of every slide'),
  title: nullable(z.string()),
  speaker: nullable(z.string()),
  lang: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: nullable(z.string().regex(/^[0-9a-f]{64}$/u)),
  pages: nullable(z.number().int().nonnegative()),
  outcome: nullable(z.string()).describe('text extraction outcome: ok, partial, encrypted, empty, not-pdf, corrupt, no-text-layer, garbage, too-large'),
  pagesWithText: nullable(z.number().int().nonnegative()),
  ocrPages: nullable(z.number().int().nonnegative()).describe('pages whose text came from OCR; null while the archive does not record it'),
  originalUrl: nullable(z.string()).describe('where the file was first published: provenance, not identity'),
  rights: nullable(z.string()),
});

const externalMaterialData = z.strictObject({
  kind: z.literal('link'),
  url: z.string(),
  title: nullable(z.string()),
  speaker: nullable(z.string()),
  lang: z.string(),
  rights: nullable(z.string()),
});

const videoData = z.strictObject({
  id: z.string(),
  platform: z.string(),
  url: z.string(),
  title: z.string(),
  published: nullable(isoDate),
  duration: nullable(z.number().int().positive()).describe('seconds'),
  subTalk: nullable(z.string()),
  linkedBy: nullable(z.string()).describe('how the video was linked to the program: links, front-matter, export, code'),
});

const programData = z.strictObject({
  id: z.string().describe('stable citable id: iw2024-o1'),
  year: z.number().int(),
  code: nullable(z.string()).describe('as displayed'),
  normalisedCode: nullable(z.string()),
  url: sitePath,
  title: nullable(z.string()).describe('null when no source gives one'),
  titleEn: nullable(z.string()),
  date: nullable(partialDate).describe('as much as is known; null when unknown'),
  dateAsWritten: nullable(z.string()).describe('the date in the words of the source (第1日目(12/15))'),
  time: nullable(z.strictObject({ start: z.string(), end: z.string() })),
  type: nullable(z.string()),
  typeAsWritten: nullable(z.string()),
  room: nullable(z.string()),
  fee: nullable(z.string()),
  capacity: nullable(z.number()),
  organizer: nullable(z.string()),
  speakers: z.array(speakerData),
  subTalks: z.array(z.strictObject({ code: z.string(), title: z.string(), time: nullable(z.string()), speakers: z.array(speakerData) })),
  materials: z.array(z.discriminatedUnion('kind', [localMaterialData, externalMaterialData])),
  videos: z.array(videoData),
  tags: z.array(z.string()),
  abstract: z.string(),
  rights: nullable(z.string()).describe('the rights statement for this program\'s materials, unless a material states its own'),
  sources: z.array(sourceData).describe('where the facts and files came from: the sources recorded for the program, the materials\' original URLs, the event\'s page'),
  series: nullable(z.strictObject({ name: z.string(), programs: z.array(z.string()) })).describe('a program recurring across years under one name (IP Meeting, DNS DAY): its name and every program id in it, oldest first'),
  source: z.string().describe('the content file'),
});

export const archiveDataSchema = z.strictObject({
  version: z.literal(DATA_VERSION),
  site: nullable(z.string()).describe('the public address of the site root; URLs in this file are paths from it'),
  events: z.array(
    z.strictObject({
      year: z.number().int(),
      name: z.string(),
      nameEn: nullable(z.string()),
      theme: nullable(z.string()),
      start: nullable(partialDate),
      end: nullable(partialDate),
      organiser: z.string(),
      url: sitePath,
      officialUrl: nullable(z.string()),
      programCount: nullable(z.number().int()).describe('as the organiser published it; may exceed the programs in this archive'),
      rights: nullable(z.string()),
    }),
  ),
  programs: z.array(programData),
  speakers: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      reading: nullable(z.string()),
      romaji: nullable(z.string()),
      aliases: z.array(z.string()),
      registered: z.boolean(),
      url: sitePath,
    }),
  ),
});

export type ArchiveData = z.output<typeof archiveDataSchema>;
export type ProgramRecord = ArchiveData['programs'][number];

/** The JSON Schema published next to the data. */
export function archiveJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(archiveDataSchema, { target: 'draft-2020-12' }),
    $id: 'archive.schema.json',
    title: 'Internet Week archive: the catalogue as data (data/archive.json)',
  };
}

function speakerRecord({ speakerId, name, affiliation, role, roleAsWritten }: ResolvedSpeaker) {
  return { id: speakerId, name, affiliation: affiliation ?? null, role: role ?? null, roleAsWritten: roleAsWritten ?? null };
}

function localMaterialRecord(program: Program, deck: LocalMaterial, decks: SiteDecks, rights: string | null) {
  const siteDeck = decks[deckKey(program.id, deck.deckSlug)];
  return {
    kind: 'file' as const,
    file: routes.material(program.year, deck.file),
    page: routes.deck(program.year, program.slug, deck.deckSlug),
    title: deck.title ?? null,
    speaker: deck.speaker ?? null,
    lang: deck.lang,
    bytes: deck.bytes,
    sha256: siteDeck?.sha256 ?? null,
    pages: siteDeck?.pageCount ?? null,
    outcome: siteDeck?.outcome ?? null,
    pagesWithText: siteDeck?.pagesWithText ?? null,
    ocrPages: null,
    originalUrl: deck.originalUrl ?? null,
    rights,
  };
}

function linkRecord(link: ExternalMaterial, rights: string | null) {
  return { kind: 'link' as const, url: link.url, title: link.title ?? null, speaker: link.speaker ?? null, lang: link.lang, rights };
}

export function videoRecord(video: LinkedVideo) {
  return {
    id: video.id,
    platform: video.platform,
    url: video.watchUrl,
    title: video.title,
    published: video.published ?? null,
    duration: video.duration ?? null,
    subTalk: video.program?.subTalk ?? null,
    linkedBy: video.program?.source ?? null,
  };
}

/** Links written in the program's own front matter that the video catalog does not know: the page shows them as plain links. */
export function writtenOnlyVideos(program: Program, linked: LinkedVideo[]): Program['videos'] {
  return program.videos.filter((written) => !linked.some((video) => video.url === written.url || written.url.includes(video.id)));
}

/** The videos a program page shows: the linked catalog videos, then the written-only links. */
export function programVideoRecords(program: Program, linked: LinkedVideo[]): ProgramRecord['videos'] {
  const catalog = linked.map(videoRecord);
  const written = writtenOnlyVideos(program, linked)
    .map((video) => ({ id: video.url, platform: 'link', url: video.url, title: video.title ?? video.url, published: null, duration: null, subTalk: null, linkedBy: 'front-matter' }));
  return [...catalog, ...written];
}

export interface DataInputs {
  archive: ArchiveContent;
  decks: SiteDecks;
  /** Linked videos per program id (the same the pages show). */
  videosOf: (programId: string) => LinkedVideo[];
  settings: SiteSettings;
}

function eventOf(archive: ArchiveContent, year: number): YearEvent | undefined {
  return archive.events.find((event) => event.year === year);
}

export function programRecord(program: Program, inputs: DataInputs, series: readonly Series[] = recurringSeries(inputs.archive.programs)): ProgramRecord {
  const event = eventOf(inputs.archive, program.year);
  const recurring = seriesOf(series, program);
  const rights = rightsOf(inputs.settings, event);
  return {
    id: program.id,
    year: program.year,
    code: program.code ?? null,
    normalisedCode: program.normalisedCode ?? null,
    url: routes.program(program.year, program.slug),
    title: program.title ?? null,
    titleEn: program.titleEn ?? null,
    date: program.date ?? null,
    dateAsWritten: program.dateAsWritten ?? null,
    time: program.timeSpan ? { start: program.timeSpan.start, end: program.timeSpan.end } : null,
    type: program.type ?? null,
    typeAsWritten: program.typeAsWritten ?? null,
    room: program.room ?? null,
    fee: program.fee ?? null,
    capacity: program.capacity ?? null,
    organizer: program.organizer ?? null,
    speakers: program.speakers.map(speakerRecord),
    subTalks: program.subTalks.map((talk) => ({ code: talk.code, title: talk.title, time: talk.time ?? null, speakers: talk.speakers.map(speakerRecord) })),
    materials: [
      ...program.decks.map((deck) => localMaterialRecord(program, deck, inputs.decks, rightsOf(inputs.settings, event, deck))),
      ...program.links.map((link) => linkRecord(link, rightsOf(inputs.settings, event, link))),
    ],
    videos: programVideoRecords(program, inputs.videosOf(program.id)),
    tags: program.tags,
    abstract: program.abstract.trim(),
    rights,
    sources: [
      ...program.sources.map((source) => ({ url: source.url, kind: source.kind ?? null, read: source.read ?? null })),
      ...[...new Set(program.decks.flatMap((deck) => (deck.originalUrl ? [deck.originalUrl] : [])))].map((url) => ({ url, kind: 'material', read: null })),
      ...(event?.url ? [{ url: event.url, kind: 'event', read: null }] : []),
    ],
    series: recurring ? { name: recurring.name, programs: recurring.programs.map((member) => member.id) } : null,
    source: program.file,
  };
}

export function archiveData(inputs: DataInputs): ArchiveData {
  const { archive, settings } = inputs;
  const series = recurringSeries(archive.programs);
  return {
    version: DATA_VERSION,
    site: settings.url ?? null,
    events: [...archive.events]
      .sort((a, b) => a.year - b.year)
      .map((event) => ({
        year: event.year,
        name: event.name,
        nameEn: event.nameEn ?? null,
        theme: event.theme ?? null,
        start: event.start ?? null,
        end: event.end ?? null,
        organiser: event.organiser,
        url: routes.year(event.year),
        officialUrl: event.url ?? null,
        programCount: event.programCount ?? null,
        rights: rightsOf(settings, event),
      })),
    programs: [...archive.programs].sort((a, b) => a.id.localeCompare(b.id)).map((program) => programRecord(program, inputs, series)),
    speakers: archive.people.map(({ id, name, reading, romaji, aliases, registered }) => ({
      id,
      name,
      reading: reading ?? null,
      romaji: romaji ?? null,
      aliases,
      registered,
      url: routes.speaker(id),
    })),
  };
}
