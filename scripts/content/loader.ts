/**
 * Astro content loaders for the archive (used by src/content.config.ts): each collection is one
 * view of the content stage's result (scripts/content/load.ts), so content and ingest results reach
 * the pages as collections Astro knows about. Validation happens in the content stage with the
 * schemas of src/lib/schema.ts, where a broken file becomes a named problem instead of stopping
 * the build; only valid, resolved entries reach the store.
 *
 * Under `astro dev` a change below content/ reloads the stage and every collection.
 */
import path from 'node:path';
import type { LiveLoader, Loader, LoaderContext } from 'astro/loaders';
import type { SiteSlides } from '../../src/lib/decks.ts';
import { currentRun, type ArchiveRun } from '../build/run.ts';
import type { SiteLoad } from './load.ts';

export type ArchiveCollection = 'events' | 'programs' | 'people' | 'decks' | 'videos' | 'settings' | 'plan';

const ENTRIES: Record<ArchiveCollection, (site: SiteLoad, run: ArchiveRun) => [string, object][] | Promise<[string, object][]>> = {
  events: (site) => site.archive.events.map((event) => [String(event.year), event]),
  programs: (site) => site.archive.programs.map((program) => [program.id, program]),
  people: (site) => site.archive.people.map((person) => [person.id, person]),
  decks: (site) => Object.entries(site.decks),
  videos: (site) => site.videos.videos.map((video) => [video.id, video]),
  settings: (site) => [['site', site.settings]],
  // Which entity pages this build renders (scripts/build/plan.ts): pages filter their getStaticPaths by it (src/site/render.ts).
  plan: async (_site, run) => [['plan', await run.renderPlan()]],
};

export function archiveLoader(collection: ArchiveCollection): Loader {
  return {
    name: `iw-archive:${collection}`,
    load: async (context: LoaderContext) => {
      const run = await currentRun();
      const fill = async () => {
        const entries = await ENTRIES[collection](await run.site(), run);
        const current = new Set(entries.map(([id]) => id));
        for (const id of context.store.keys()) if (!current.has(id)) context.store.delete(id);
        for (const [id, data] of entries) {
          context.store.set({ id, data: data as Record<string, unknown>, digest: context.generateDigest(data as Record<string, unknown>) });
        }
      };
      await fill();
      run.reloaders.set(collection, fill);
      const { watcher } = context;
      if (watcher && !run.watching) {
        run.watching = true;
        const contentDir = run.options.contentDir;
        watcher.add(contentDir);
        watcher.on('all', (_event, file) => {
          if (path.relative(contentDir, file).startsWith('..')) return;
          run.invalidate();
          void (async () => {
            for (const reload of run.reloaders.values()) await reload();
          })().catch((error: unknown) => context.logger.error(`reloading content after a change to ${file}: ${String(error)}`));
        });
      }
    },
  };
}

/**
 * The `slides` live collection (src/live.config.ts): one deck's slides by deckKey(), asked of the
 * run's content stage when the deck's page renders. Nothing of it enters Astro's content store.
 * A deck that was not ingested has no entry (getLiveEntry gives an error): its page says so.
 */
export function slidesLoader(): LiveLoader<SiteSlides, { id: string }> {
  return {
    name: 'iw-archive:slides',
    loadEntry: async ({ filter }) => {
      const site = await (await currentRun()).site();
      const slides = await site.slides.get(filter.id);
      return slides ? { id: filter.id, data: slides } : undefined;
    },
    // Only ever read one deck at a time: the whole archive's text is what this collection keeps out of memory.
    loadCollection: async () => ({ error: new Error('the slides collection is read one deck at a time: getLiveEntry(\'slides\', deckKey)') }),
  };
}
