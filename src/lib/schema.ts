/**
 * The content model: one schema per content type, used by the site (src/pages)
 * and by every script. Year and slug come from the file's place in content/,
 * not from front matter, so they can never disagree with it.
 */
import { z } from 'astro/zod';
import { normaliseCode } from './codes.ts';
import { isIsoDate, isPartialDate, parseTimeSpan } from './dates.ts';
import { normaliseRole } from './vocabulary.ts';

export const PROGRAM_TYPES = [
  'tutorial',
  'seminar',
  'hands-on',
  'bof',
  'lunch-seminar',
  'plenary',
  'keynote',
  'other',
] as const;
export type ProgramType = (typeof PROGRAM_TYPES)[number];

export const SPEAKER_ROLES = ['speaker', 'moderator', 'panelist', 'chair', 'organizer'] as const;
export type SpeakerRole = (typeof SPEAKER_ROLES)[number];

export const LANGUAGES = ['ja', 'en', 'ja-en'] as const;

/**
 * Markup in text fields is reported (see findMarkup) but the entry is kept: it is
 * shown escaped, so a stray <b> or a hostile <script> loses nothing and runs nothing.
 */
/** Limits that keep one careless or hostile file from stalling the build (a 5 MB title took Pagefind 7 minutes). */
export const TEXT_LIMITS = {
  /** Characters in one text field: a title, a name, a tag, a note. */
  field: 2000,
  /** Characters in a Markdown body (abstract, overview, biography) or a video description. */
  body: 100_000,
  /** Bytes of one content or catalog file; a larger one is not parsed at all. */
  fileBytes: 1_000_000,
} as const;

const text = z
  .string({ error: 'expected text' })
  .max(TEXT_LIMITS.field, { error: (issue) => `expected at most ${TEXT_LIMITS.field} characters (this text has ${String(issue.input ?? '').length}; the entry was skipped)` })
  .trim()
  .min(1, { error: 'expected non-empty text' });

const isoDate = z
  .string({ error: 'expected a date written YYYY-MM-DD' })
  .refine(isIsoDate, { error: 'expected a real calendar date written YYYY-MM-DD' });

/** What is known of a date: the year (2007), the year and month (2007-11) or the day (2007-11-19). */
const partialDate = z
  .string({ error: 'expected a date written YYYY, YYYY-MM or YYYY-MM-DD' })
  .refine(isPartialDate, { error: 'expected a real date written YYYY, YYYY-MM or YYYY-MM-DD (as much as is known)' });

const timeSpan = z
  .string({ error: 'expected a time span in quotes, like "13:00-15:30"' })
  .refine((value) => parseTimeSpan(value) !== null, {
    error: 'expected a time span like "13:00-15:30" that ends after it starts',
  });

const programCode = z
  .string({ error: 'expected a program code such as O1, T13-2 or C03' })
  .refine((value) => normaliseCode(value) !== null, {
    error: 'expected a program code: letters then a number, such as O1, T13-2 or C03',
  });

const httpUrl = z
  .string({ error: 'expected a URL' })
  .refine((value) => /^https?:\/\/[^\s/$.?#][^\s]*$/iu.test(value), {
    error: 'expected an http(s) URL',
  });

/** A path inside content/materials/<year>/; escaping content/ is refused at load time with the resolved path. */
const materialPath = z
  .string({ error: 'expected a path relative to content/materials/<year>/' })
  .trim()
  .min(1)
  .refine((value) => !value.startsWith('/') && !value.includes('\\'), {
    error: 'expected a relative path with forward slashes',
  });

/** Field types shared by every content type's schema (programs, events, speakers, videos). */
export const fields = { text, isoDate, partialDate, timeSpan, programCode, httpUrl } as const;

export const SOURCE_KINDS = ['program-page', 'proceedings', 'listing', 'news', 'newsletter', 'citation', 'video', 'other'] as const;

/** Where a fact was read: provenance of a program or an event. */
export const sourceSchema = z.strictObject({
  url: httpUrl,
  kind: z.enum(SOURCE_KINDS, { error: `expected one of ${SOURCE_KINDS.join(', ')}` }).optional(),
  /** The day the source was read. */
  read: isoDate.optional(),
});

export const speakerRefSchema = z.strictObject({
  name: text,
  /** Registry id when the name alone is ambiguous. */
  id: z.string().regex(/^[a-z0-9-]+$/u, { error: 'expected a registry id of a-z, 0-9 and -' }).optional(),
  reading: text.optional(),
  romaji: text.optional(),
  affiliation: text.optional(),
  role: z.enum(SPEAKER_ROLES, { error: `expected one of ${SPEAKER_ROLES.join(', ')}` }).optional(),
  /** The role in the organisers' words (講師, モデレータ, ハンズオンの説明), kept beside the normalised role. */
  roleAsWritten: text.optional(),
}).transform((speaker) => {
  // A listed person with no role written is a speaker; a written word the archive does not know leaves the role unknown.
  if (speaker.role !== undefined) return speaker;
  const role = speaker.roleAsWritten === undefined ? 'speaker' : normaliseRole(speaker.roleAsWritten);
  return role === undefined ? speaker : { ...speaker, role };
});

export const materialSchema = z
  .strictObject({
    file: materialPath.optional(),
    url: httpUrl.optional(),
    title: text.optional(),
    speaker: text.optional(),
    lang: z.enum(LANGUAGES, { error: `expected one of ${LANGUAGES.join(', ')}` }).default('ja'),
    /** Where the file was published originally: provenance, never identity. */
    originalUrl: httpUrl.optional(),
    /** The sub-talk (D1-3) the file belongs to, when its name says so. */
    subTalk: programCode.optional(),
    /** User password of an encrypted deck, when the publisher gave one. */
    password: z.string().optional(),
    /** Rights in this file when they differ from the event's (e.g. "CC BY 4.0"). */
    rights: text.optional(),
  })
  .refine((material) => (material.file === undefined) !== (material.url === undefined), {
    error: 'expected exactly one of file (a local PDF) or url (an external page)',
  });

export const videoLinkSchema = z.strictObject({
  url: httpUrl,
  title: text.optional(),
});

export const subTalkSchema = z.strictObject({
  code: programCode,
  title: text,
  titleEn: text.optional(),
  time: timeSpan.optional(),
  speakers: z.array(speakerRefSchema).default([]),
});

export const programSchema = z.strictObject({
  code: programCode.optional(),
  /** May be absent when the program has a code or materials (pages then show the code). */
  title: text.optional(),
  titleEn: text.optional(),
  /** As much of the date as is known; absent when unknown. */
  date: partialDate.optional(),
  /** The date as the organisers wrote it (第1日目(12/15), 11/26(火)), kept beside what can be known. */
  dateAsWritten: text.optional(),
  time: timeSpan.optional(),
  /** Absent when unknown. */
  type: z.enum(PROGRAM_TYPES, { error: `expected one of ${PROGRAM_TYPES.join(', ')}` }).optional(),
  /** The type in the organisers' words (カンファレンス, IP Meeting). */
  typeAsWritten: text.optional(),
  room: text.optional(),
  fee: text.optional(),
  capacity: z.number({ error: 'expected a number of seats' }).int().positive().optional(),
  organizer: text.optional(),
  /** Remarks that came with the record (not the abstract, which is the file's body). */
  notes: text.optional(),
  sources: z.array(sourceSchema).default([]),
  speakers: z.array(speakerRefSchema).default([]),
  subTalks: z.array(subTalkSchema).default([]),
  materials: z.array(materialSchema).default([]),
  videos: z.array(videoLinkSchema).default([]),
  tags: z.array(text).default([]),
}).refine((program) => program.title !== undefined || program.code !== undefined || program.materials.length > 0, {
  error: 'expected a title, or a code or materials to name the program by',
  path: ['title'],
});

export const periodSchema = z.strictObject({
  name: text,
  start: isoDate,
  end: isoDate,
  mode: z.enum(['online', 'onsite', 'hybrid']).optional(),
});

export const venueSchema = z.strictObject({
  name: text,
  address: text.optional(),
  url: httpUrl.optional(),
});

export const eventSchema = z.strictObject({
  name: text,
  nameEn: text.optional(),
  theme: text.optional(),
  themeEn: text.optional(),
  /** As much as is known: an event made by the importer knows only its year. */
  start: partialDate.optional(),
  end: partialDate.optional(),
  periods: z.array(periodSchema).default([]),
  venues: z.array(venueSchema).default([]),
  organiser: text.default('一般社団法人日本ネットワークインフォメーションセンター (JPNIC)'),
  url: httpUrl.optional(),
  /** The count the organiser published, which may include programs the archive lacks. */
  programCount: z.number().int().positive().optional(),
  notes: text.optional(),
  sources: z.array(sourceSchema).default([]),
  /** Rights in this year's materials, when they differ from content/site.yaml's default. */
  rights: text.optional(),
});

/** content/site.yaml: settings of the whole archive, set once. */
export const siteSettingsSchema = z.strictObject({
  /** The public address of the site's root, sub-path included: canonical links, citations, sitemap and feed. */
  url: httpUrl.refine((value) => value.endsWith('/'), { error: 'expected the address to end with "/"' }).optional(),
  /** Default rights statement for every material. */
  rights: text.optional(),
  /** Where the rights statement is explained in full. */
  rightsUrl: httpUrl.optional(),
});

export const speakerSchema = z.strictObject({
  name: text,
  reading: text.optional(),
  romaji: text.optional(),
  aliases: z.array(text).default([]),
});

export type SpeakerRef = z.output<typeof speakerRefSchema>;
export type Source = z.output<typeof sourceSchema>;
export type Material = z.output<typeof materialSchema>;
export type SubTalk = z.output<typeof subTalkSchema>;
export type ProgramData = z.output<typeof programSchema>;
export type EventData = z.output<typeof eventSchema>;
export type SpeakerData = z.output<typeof speakerSchema>;
export type SiteSettings = z.output<typeof siteSettingsSchema>;
