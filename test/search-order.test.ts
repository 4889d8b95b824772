import { describe, expect, it } from 'vitest';
import { type Checked, settledFirst } from '../src/lib/search/order.ts';

const match = (tier: number): Checked => ({ match: true, tier });
const miss: Checked = { match: false };

/** The first of a fully checked batch as the search page orders it: lowest tier, Pagefind's order within it. */
function firstWhenComplete(batch: readonly Checked[]): number | undefined {
  const order = batch.flatMap((checked, index) => (checked?.match ? [{ index, tier: checked.tier }] : [])).sort((a, b) => a.tier - b.tier);
  return order[0]?.index;
}

describe('the first search result is drawn as soon as its place is certain', () => {
  it('draws a first-tier match from the first fragment in', () => {
    expect(settledFirst([match(0), undefined, undefined, undefined, undefined])).toBe(0);
  });

  it('waits while an earlier result is still loading', () => {
    expect(settledFirst([undefined, match(0), undefined])).toBeUndefined();
    expect(settledFirst([miss, match(0), undefined])).toBe(1);
  });

  it('waits for the whole batch when a later result could rank above a lower-tier match', () => {
    expect(settledFirst([match(1), miss, undefined])).toBeUndefined();
    expect(settledFirst([match(3), miss, match(1)])).toBe(2);
  });

  it('draws nothing from a batch without a real match', () => {
    expect(settledFirst([miss, miss, miss])).toBeUndefined();
  });

  it('never draws a result other than the one the complete batch puts first', () => {
    // Every batch of 4 over {loading, miss, tiers 0–3}, against its completions.
    const states: Checked[] = [undefined, miss, match(0), match(1), match(2), match(3)];
    const done = states.slice(1);
    const all = (n: number, from: readonly Checked[]): Checked[][] => (n === 0 ? [[]] : all(n - 1, from).flatMap((rest) => from.map((s) => [...rest, s])));
    let settledEarly = 0;
    for (const partial of all(4, states)) {
      const settled = settledFirst(partial);
      if (settled === undefined) continue;
      if (partial.includes(undefined)) settledEarly += 1;
      const holes = partial.flatMap((s, i) => (s === undefined ? [i] : []));
      for (const filling of all(holes.length, done)) {
        const complete = [...partial];
        holes.forEach((at, k) => (complete[at] = filling[k]));
        expect(firstWhenComplete(complete), JSON.stringify(partial)).toBe(settled);
      }
    }
    expect(settledEarly).toBeGreaterThan(0);
  });
});
