/**
 * Which pages a build renders, decided from what changed since the published output was made
 * (its record: scripts/build/state.ts).
 *
 * What is tracked: a change confined to decks' own data — a PDF replaced, so its text, outcome,
 * page count, size and thumbnails change — with every other fact (events, programs, people, videos,
 * settings, which decks exist) as before. Then only the pages that read a deck's data are rendered
 * again: every deck page of its program (they link each other), the program page, the year page
 * (its charts count pages), the year's calendar and the program's citation files; and every page
 * that is not one entity's (the home page, the data exports, feed, sitemap, lists), which read the
 * whole archive and are cheap. Speaker pages do not read deck data and are carried over.
 *
 * Anything else — code, options, the environment, a program's front matter, a deck added or removed —
 * renders every page (the search index, the manifest and the link check stay incremental on their own).
 */
import { createHash } from 'node:crypto';
import type { SiteLoad } from '../content/load.ts';
import { deckKey } from '../../src/lib/decks.ts';

/** What the pages render: every entity page, or only those of these programs and years. */
export type RenderPlan =
  | { kind: 'full'; reason: string }
  | { kind: 'incremental'; reason: string; programs: string[]; years: number[]; decks: string[] };

export interface DataDigests {
  structure: string;
  decks: Record<string, string>;
}

function digest(value: unknown, replacer?: (key: string, value: unknown) => unknown): string {
  return createHash('sha256').update(JSON.stringify(value, replacer as (this: unknown, key: string, value: unknown) => unknown)).digest('hex');
}

/** A local material's size is the deck's data (it changes with the PDF): kept out of the structure. */
function withoutDeckBytes(this: unknown, key: string, value: unknown): unknown {
  if (key === 'bytes' && this && typeof this === 'object' && 'absolutePath' in this) return undefined;
  return value;
}

/** The digests the plan compares: everything but deck data, and each deck's data. */
export function dataDigests(site: SiteLoad): DataDigests {
  const decks: Record<string, string> = {};
  const keys: string[] = [];
  for (const program of site.archive.programs) {
    for (const deck of program.decks) {
      const key = deckKey(program.id, deck.deckSlug);
      keys.push(key);
      decks[key] = digest({ bytes: deck.bytes, absolutePath: deck.absolutePath, data: site.decks[key] ?? null, slides: site.slides.digest(key) ?? null });
    }
  }
  const structure = digest(
    {
      events: site.archive.events,
      programs: site.archive.programs,
      people: site.archive.people,
      videos: site.videos.videos,
      settings: site.settings,
      decks: keys,
    },
    withoutDeckBytes,
  );
  return { structure, decks };
}

/** The plan for `current` data given the data the previous output was rendered from. */
export function planRender(site: SiteLoad, current: DataDigests, previous: DataDigests | undefined): RenderPlan {
  if (!previous) return { kind: 'full', reason: 'no record of what the previous output was rendered from' };
  if (previous.structure !== current.structure) return { kind: 'full', reason: 'events, programs, people, videos, settings or the set of decks changed' };
  const changed = new Set(Object.keys(current.decks).filter((key) => previous.decks[key] !== current.decks[key]));
  const programs = site.archive.programs.filter((program) => program.decks.some((deck) => changed.has(deckKey(program.id, deck.deckSlug))));
  return {
    kind: 'incremental',
    reason: changed.size === 0 ? 'no page data changed' : `${changed.size} deck${changed.size === 1 ? '' : 's'} changed`,
    programs: programs.map((program) => program.id),
    years: [...new Set(programs.map((program) => program.year))],
    decks: [...changed],
  };
}
