/**
 * One build (or dev server) of the archive: its settings, and what the content stage found,
 * shared by the Astro integration (scripts/build/integration.ts) and the content loaders
 * (scripts/content/loader.ts).
 *
 * Why on globalThis: Astro evaluates `astro.config.mjs` (and so the integration) and
 * `src/content.config.ts` (and so the loaders) in two separate module graphs of one process,
 * so a module-level variable would exist twice. The integration opens the run in
 * `astro:config:setup`; loaders and hooks find it here.
 */
import { archiveOptions, type ArchiveOptions } from './options.ts';
import type { SiteLoad } from '../content/load.ts';
import type { RenderPlan } from './plan.ts';

export interface ArchiveRun {
  options: ArchiveOptions;
  /** The content stage's result for the current content; loaded once, again after a change in dev. */
  site(): Promise<SiteLoad>;
  /** Forget the loaded content (a file changed under `astro dev`). */
  invalidate(): void;
  /** Called after invalidate(): each collection reloads itself (registered by the loaders). */
  reloaders: Map<string, () => Promise<void>>;
  watching: boolean;
  /**
   * Which entity pages this build renders (scripts/build/plan.ts); every page unless the build's
   * integration knows a previous output to carry the others over from. Read by the `plan` collection.
   */
  renderPlan: () => Promise<RenderPlan>;
}

const KEY = Symbol.for('iw-archive.run');
type Holder = { [KEY]?: ArchiveRun };

export function openRun(options: ArchiveOptions, load: (options: ArchiveOptions) => Promise<SiteLoad>): ArchiveRun {
  let loaded: Promise<SiteLoad> | undefined;
  const run: ArchiveRun = {
    options,
    site: () => (loaded ??= load(options)),
    invalidate: () => {
      loaded = undefined;
    },
    reloaders: new Map(),
    watching: false,
    renderPlan: async () => ({ kind: 'full', reason: 'every page (no previous output to carry over)' }),
  };
  (globalThis as Holder)[KEY] = run;
  return run;
}

/** The open run; `astro sync` or a config without the integration gets one with the default settings. */
export async function currentRun(): Promise<ArchiveRun> {
  const open = (globalThis as Holder)[KEY];
  if (open) return open;
  const { loadSite } = await import('../content/load.ts');
  return openRun(archiveOptions(), loadSite);
}
