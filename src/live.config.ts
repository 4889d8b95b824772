/**
 * The archive's live collections: data pages read by key while they render, never copied into
 * Astro's content store.
 *
 * `slides`: a deck's pages (text, search form, flags, OCR confidence, errors, thumbnails), keyed
 * like the decks collection (deckKey()). Only the deck's own page needs them; holding the slide
 * text of every deck in the content store made Astro serialise, write and compile it as one
 * module on every build (about 40 MB at 3,000 decks). The loader asks the run's content stage
 * (scripts/build/run.ts, in-process, as the build-time loaders do) for the one deck.
 */
import { defineLiveCollection } from 'astro:content';
import { slidesLoader } from '../scripts/content/loader.ts';

export const collections = {
  slides: defineLiveCollection({ loader: slidesLoader() }),
};
