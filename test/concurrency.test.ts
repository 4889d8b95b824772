import { describe, expect, it } from 'vitest';
import { limiter } from '../src/lib/concurrency.ts';

describe('limiter', () => {
  it('never has more than its limit in flight, and starts the waiting tasks in the order given', async () => {
    const limit = limiter(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const gates = Array.from({ length: 6 }, () => Promise.withResolvers<void>());
    const tasks = gates.map((gate, index) =>
      limit(async () => {
        started.push(index);
        running += 1;
        most = Math.max(most, running);
        await gate.promise;
        running -= 1;
        return index;
      }),
    );
    // Finish them out of order, one at a time, letting the freed slot be taken each time.
    for (const index of [1, 0, 3, 2, 5, 4]) {
      gates[index]?.resolve();
      await new Promise((resolve) => setTimeout(resolve, 0));
      // A task arriving now must not overtake the ones waiting.
      expect(most).toBeLessThanOrEqual(2);
    }
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });
});
