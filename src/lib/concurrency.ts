/**
 * Work over a list with at most `limit` items in flight: enough reads in parallel to keep the disk
 * and the worker pool busy without holding every item's data at once.
 */
export async function eachConcurrently<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(items.length, limit) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index] as T, index);
      }
    }),
  );
}
