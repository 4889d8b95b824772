/**
 * The content model: one schema per content type, used by the site (src/pages)
 * and by every script. Year and slug come from the file's place in content/,
 * not from front matter, so they can never disagree with it.
 */
import { z } from 'astro/zod';
import { normaliseCode } from './codes.ts';
import { isIsoDate, parseTimeSpan } from './dates.ts';

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
export const fields = { text, isoDate, timeSpan, programCode, httpUrl } as const;

export const speakerRefSchema = z.strictObject({
  name: text,
  /** Registry id when the name alone is ambiguous. */
  id: z.string().regex(/^[a-z0-9-]+$/u, { error: 'expected a registry id of a-z, 0-9 and -' }).optional(),
  reading: text.optional(),
  romaji: text.optional(),
  affiliation: text.optional(),
  role: z.enum(SPEAKER_ROLES, { error: `expected one of ${SPEAKER_ROLES.join(', ')}` }).default('speaker'),
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
    /** User password of an encrypted deck, when the publisher gave one. */
    password: z.string().optional(),
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
  title: text,
  titleEn: text.optional(),
  date: isoDate,
  time: timeSpan.optional(),
  type: z.enum(PROGRAM_TYPES, { error: `expected one of ${PROGRAM_TYPES.join(', ')}` }),
  room: text.optional(),
  speakers: z.array(speakerRefSchema).default([]),
  subTalks: z.array(subTalkSchema).default([]),
  materials: z.array(materialSchema).default([]),
  videos: z.array(videoLinkSchema).default([]),
  tags: z.array(text).default([]),
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
  start: isoDate,
  end: isoDate,
  periods: z.array(periodSchema).default([]),
  venues: z.array(venueSchema).default([]),
  organiser: text.default('一般社団法人日本ネットワークインフォメーションセンター (JPNIC)'),
  url: httpUrl.optional(),
  /** The count the organiser published, which may include programs the archive lacks. */
  programCount: z.number().int().positive().optional(),
  notes: text.optional(),
});

export const speakerSchema = z.strictObject({
  name: text,
  reading: text.optional(),
  romaji: text.optional(),
  aliases: z.array(text).default([]),
});

export type SpeakerRef = z.output<typeof speakerRefSchema>;
export type Material = z.output<typeof materialSchema>;
export type SubTalk = z.output<typeof subTalkSchema>;
export type ProgramData = z.output<typeof programSchema>;
export type EventData = z.output<typeof eventSchema>;
export type SpeakerData = z.output<typeof speakerSchema>;
