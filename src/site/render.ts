/**
 * Which entity pages this build renders (the `plan` collection, decided in scripts/build/plan.ts):
 * every page, or — when only some decks' data changed since the published output — the pages of
 * those decks' programs and years; the build carries every other page over from the previous output.
 * Entity routes filter their getStaticPaths with it; pages that are not one entity's always render.
 */
import { getCollection } from 'astro:content';
import type { RenderPlan } from '../../scripts/build/plan.ts';

export interface RenderFilter {
  program(id: string): boolean;
  year(year: number): boolean;
  person(id: string): boolean;
}

const EVERY_PAGE: RenderFilter = { program: () => true, year: () => true, person: () => true };

export async function renderFilter(): Promise<RenderFilter> {
  // Under `astro dev` (and any build without a previous output) the plan is `full`.
  const plan = (await getCollection('plan'))[0]?.data as RenderPlan | undefined;
  if (!plan || plan.kind === 'full') return EVERY_PAGE;
  const programs = new Set(plan.programs);
  const years = new Set(plan.years);
  return { program: (id) => programs.has(id), year: (year) => years.has(year), person: () => false };
}
