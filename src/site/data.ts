/**
 * The archive as pages see it: the content collections (src/content.config.ts) gathered once per
 * build into the shapes of src/lib (Archive, SiteDecks, LinkedVideo); a deck's slides, by key,
 * from the slides live collection (src/live.config.ts).
 */
import { getCollection, getLiveEntry } from 'astro:content';
import { compareProgramsInYear, type Archive, type Person, type Program, type YearEvent } from '../lib/content.ts';
import { deckKey, type SiteDeck, type SiteDecks, type SiteSlides } from '../lib/decks.ts';
import type { SiteSettings } from '../lib/schema.ts';
import { videosOfProgram, type LinkedVideo } from '../lib/videos/load.ts';

export interface SiteData extends Omit<Archive, 'contentDir' | 'problems'> {
  decks: SiteDecks;
  videos: LinkedVideo[];
  /** content/site.yaml: the public address and the default rights. */
  settings: SiteSettings;
}

let loaded: Promise<SiteData> | undefined;

async function load(): Promise<SiteData> {
  const [events, programs, people, decks, videos, settings] = await Promise.all([
    getCollection('events'),
    getCollection('programs'),
    getCollection('people'),
    getCollection('decks'),
    getCollection('videos'),
    getCollection('settings'),
  ]);
  return {
    events: events.map((entry) => entry.data as YearEvent).sort((a, b) => b.year - a.year),
    programs: programs.map((entry) => entry.data as Program).sort(compareProgramsInYear),
    people: people.map((entry) => entry.data as Person).sort((a, b) => (a.reading ?? a.name).localeCompare(b.reading ?? b.name, 'ja')),
    decks: Object.fromEntries(decks.map((entry) => [entry.id, entry.data as SiteDeck])),
    videos: videos
      .map((entry) => entry.data as LinkedVideo)
      .sort((a, b) => (b.published ?? '').localeCompare(a.published ?? '') || a.id.localeCompare(b.id)),
    settings: (settings[0]?.data ?? {}) as SiteSettings,
  };
}

/** Loaded once per build; under `astro dev` every request reads the collections again, so edits show. */
export function siteData(): Promise<SiteData> {
  if (import.meta.env.DEV) return load();
  return (loaded ??= load());
}

/** Videos of one program (for the program page). */
export async function programVideos(programId: string): Promise<LinkedVideo[]> {
  return videosOfProgram((await siteData()).videos, programId);
}

/**
 * A deck's slides (text, flags, thumbnails) for its own page, from the slides live collection;
 * undefined for a deck that was not ingested (the page says its text was not extracted).
 */
export async function deckSlides(programId: string, deckSlug: string): Promise<SiteSlides | undefined> {
  const { entry, error } = await getLiveEntry('slides', deckKey(programId, deckSlug));
  if (entry) return entry.data as SiteSlides;
  if (error?.name === 'LiveEntryNotFoundError') return undefined;
  throw error ?? new Error(`no slides for ${deckKey(programId, deckSlug)}`);
}
