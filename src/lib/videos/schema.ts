/**
 * Videos: one catalog entry per video, written by importers (metadata from the
 * host, regenerated on every import), and mappings people make, which no import
 * ever overwrites. Layout under content/videos/ (documented in its README.md):
 *
 *   catalog/<videoId>.yaml  importer-owned: what the host or export says about a video
 *   links.yaml              person-owned: { videoId: { year, code } } or { videoId: none }
 *   review.yaml             importer-written suggestions for a person to accept or reject
 */
import { z } from 'astro/zod';
import { fields, TEXT_LIMITS } from '../schema.ts';

export const VIDEO_PLATFORMS = ['youtube', 'vimeo', 'nicovideo', 'other'] as const;
export type VideoPlatform = (typeof VIDEO_PLATFORMS)[number];

/** YouTube video ids are 11 characters of A-Z a-z 0-9 _ -. Other hosts: a-z 0-9 _ - (used as the file name). */
export const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/u;
export const VIDEO_ID = /^[A-Za-z0-9_-]{1,64}$/u;

const { text, isoDate, programCode } = fields;

const year = z
  .number({ error: 'expected a year as a number, like 2024' })
  .int({ error: 'expected a whole year, like 2024' })
  .min(1997, { error: 'expected a year of Internet Week, 1997 or later' })
  .max(2100, { error: 'expected a year of Internet Week, 2100 or earlier' });

export const chapterSchema = z.strictObject({
  /** Seconds from the start of the video. */
  start: z.number({ error: 'expected seconds as a number' }).int().min(0, { error: 'expected seconds of 0 or more' }),
  title: text,
});

/** Which program a video belongs to: a program (year, code), optionally one sub-talk, speaker or part of it. */
export const programRefSchema = z.strictObject({
  year,
  code: programCode,
  /** A sub-talk code of the program, like D2-1. */
  subTalk: programCode.optional(),
  /** A speaker's name, when the video is one speaker's part of a panel. */
  speaker: text.optional(),
  /** 1, 2, … when a program was published as several videos. */
  part: z.number().int().positive().optional(),
  /** Why, for the next person reading the mapping. */
  note: text.optional(),
});

export const videoSchema = z.strictObject({
  id: z.string({ error: 'expected a video id' }).regex(VIDEO_ID, { error: 'expected a video id of A-Z, a-z, 0-9, _ and - (YouTube: 11 characters)' }),
  platform: z.enum(VIDEO_PLATFORMS, { error: `expected one of ${VIDEO_PLATFORMS.join(', ')}` }),
  url: z.string({ error: 'expected a URL' }).regex(/^https:\/\/\S+$/u, { error: 'expected an https URL' }),
  title: text,
  published: isoDate.optional(),
  /** Length in seconds. */
  duration: z.number({ error: 'expected seconds as a number' }).int().positive().optional(),
  description: z.string().max(TEXT_LIMITS.body, { error: `expected a description of at most ${TEXT_LIMITS.body} characters` }).default(''),
  channel: text.optional(),
  chapters: z.array(chapterSchema).default([]),
  /** A series the video belongs to, e.g. basic-ondemand (Internet Week Basic オンデマンド). */
  series: z.string().regex(/^[a-z0-9-]+$/u, { error: 'expected a series id of a-z, 0-9 and -' }).optional(),
  /** A program the export itself names (a CSV's year and code columns); links.yaml overrides it. */
  program: programRefSchema.optional(),
});

export type Chapter = z.output<typeof chapterSchema>;
export type ProgramRef = z.output<typeof programRefSchema>;
export type VideoData = z.output<typeof videoSchema>;
export type VideoInput = z.input<typeof videoSchema>;

/** links.yaml: a person's decision per video. `none` = not a program video (or no suggestion fits). */
export const linkEntrySchema = z.union([z.literal('none'), programRefSchema], {
  error: 'expected { year, code } (optionally subTalk, speaker, part, note) or the word none',
});
export const linksFileSchema = z.record(
  z.string().regex(VIDEO_ID, { error: 'expected a video id as the key' }),
  linkEntrySchema,
);
export type LinkEntry = z.output<typeof linkEntrySchema>;
export type LinksFile = z.output<typeof linksFileSchema>;

export const suggestionSchema = z.strictObject({
  program: z.string(),
  year,
  code: programCode,
  title: text,
  score: z.number(),
  reasons: z.array(z.string()),
});
export const reviewEntrySchema = z.strictObject({
  video: z.string(),
  title: text,
  published: isoDate.optional(),
  suggestions: z.array(suggestionSchema),
});
export const reviewFileSchema = z.array(reviewEntrySchema);
export type Suggestion = z.output<typeof suggestionSchema>;
export type ReviewEntry = z.output<typeof reviewEntrySchema>;
