/**
 * The archive's collections. Their entries come from the content stage (content/ validated with
 * src/lib/schema.ts, PDFs ingested), through the loaders of scripts/content/loader.ts; pages read
 * them with siteData() (src/site/data.ts).
 */
import { defineCollection } from 'astro:content';
import { archiveLoader } from '../scripts/content/loader.ts';

export const collections = {
  events: defineCollection({ loader: archiveLoader('events') }),
  programs: defineCollection({ loader: archiveLoader('programs') }),
  people: defineCollection({ loader: archiveLoader('people') }),
  decks: defineCollection({ loader: archiveLoader('decks') }),
  videos: defineCollection({ loader: archiveLoader('videos') }),
  settings: defineCollection({ loader: archiveLoader('settings') }),
  plan: defineCollection({ loader: archiveLoader('plan') }),
};
