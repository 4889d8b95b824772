/**
 * The archive as pages see it: the content collections (src/content.config.ts) gathered once per
 * build into the shapes of src/lib (Archive, SiteDecks, LinkedVideo).
 */
import { getCollection } from 'astro:content';
import { compareProgramsInYear, type Archive, type Person, type Program, type YearEvent } from '../lib/content.ts';
import type { SiteDeck, SiteDecks } from '../lib/decks.ts';
import { videosOfProgram, type LinkedVideo } from '../lib/videos/load.ts';

export interface SiteData extends Omit<Archive, 'contentDir' | 'problems'> {
  decks: SiteDecks;
  videos: LinkedVideo[];
}

let loaded: Promise<SiteData> | undefined;

async function load(): Promise<SiteData> {
  const [events, programs, people, decks, videos] = await Promise.all([
    getCollection('events'),
    getCollection('programs'),
    getCollection('people'),
    getCollection('decks'),
    getCollection('videos'),
  ]);
  return {
    events: events.map((entry) => entry.data as YearEvent).sort((a, b) => b.year - a.year),
    programs: programs.map((entry) => entry.data as Program).sort(compareProgramsInYear),
    people: people.map((entry) => entry.data as Person).sort((a, b) => (a.reading ?? a.name).localeCompare(b.reading ?? b.name, 'ja')),
    decks: Object.fromEntries(decks.map((entry) => [entry.id, entry.data as SiteDeck])),
    videos: videos
      .map((entry) => entry.data as LinkedVideo)
      .sort((a, b) => (b.published ?? '').localeCompare(a.published ?? '') || a.id.localeCompare(b.id)),
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
