/**
 * The search page checks a batch of Pagefind's results at once (their fragments load in parallel)
 * and orders the real matches by tier, keeping Pagefind's order within a tier. Fragments arrive one
 * by one; the first result can be drawn as soon as its place in that order is certain, instead of
 * after the whole batch.
 */

/** What is known of one result of a batch: not yet loaded, not a real match, or a match of a tier (0 ranks first). */
export type Checked = undefined | { match: false } | { match: true; tier: number };

/**
 * The index of the result that will be first once the whole batch is checked, if that is certain
 * already; otherwise undefined. Certain when every result before it is checked (an earlier one
 * could match in the same or a better tier) and either it is of tier 0 (nothing later can rank
 * above it) or every result after it is checked too. Without tiers (a date order), every tier is 0.
 */
export function settledFirst(batch: readonly Checked[]): number | undefined {
  let best: number | undefined;
  let bestTier = Number.POSITIVE_INFINITY;
  for (const [index, checked] of batch.entries()) {
    if (checked === undefined) return bestTier === 0 ? best : undefined;
    if (checked.match && checked.tier < bestTier) {
      best = index;
      bestTier = checked.tier;
    }
  }
  return best;
}
