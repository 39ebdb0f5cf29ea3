// Runs work over many items a few at a time, in order of the items, until `stopped` says so.
// Work already started always finishes: a stop only keeps the rest from starting.

export async function pool<I>(
  items: readonly I[],
  concurrency: number,
  work: (item: I, index: number) => Promise<void>,
  stopped: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  async function worker() {
    while (next < items.length && !stopped()) {
      const index = next;
      next += 1;
      await work(items[index] as I, index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
