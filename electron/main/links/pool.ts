/**
 * Runs `task` over `items` with at most `limit` tasks in flight, and returns the results in the
 * order of `items` (not the order they finished). Bounded so that checking a long list neither
 * floods one slow government server nor opens dozens of sockets at once.
 */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`The concurrency limit must be a positive integer, not ${String(limit)}.`);
  const results: R[] = new Array<R>(items.length);
  // One iterator shared by every worker: each `next()` hands out the next item exactly once.
  const queue = items.entries();
  const worker = async (): Promise<void> => {
    for (const [index, item] of queue) results[index] = await task(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
