// Runs one command on many cards, a few requests at a time, with a cancel that stops what has
// not been sent yet. Commands already sent are reported as sent, whatever the cancel. Waiting
// out a busy Campaign is the send's own business (retry.ts), so a card shows it either way.
import { FlowdeckError, toFlowdeckError } from "./ipc";
import { pool } from "./pool";

/** Adobe advises few parallel requests; this many at once keeps a bulk action quick and polite. */
export const BULK_CONCURRENCY = 3;

export type BulkResult<T> =
  | { state: "accepted"; value: T }
  | { state: "failed"; error: FlowdeckError }
  | { state: "notSent" };

export interface BulkOptions {
  concurrency?: number;
  cancelled: () => boolean;
  onSettled?: (index: number, settled: number) => void;
}

export async function runBulk<I, T>(items: readonly I[], send: (item: I) => Promise<T>, options: BulkOptions): Promise<BulkResult<T>[]> {
  const { concurrency = BULK_CONCURRENCY, cancelled, onSettled } = options;
  const results: BulkResult<T>[] = items.map(() => ({ state: "notSent" }));
  let settled = 0;
  await pool(
    items,
    concurrency,
    async (item, index) => {
      try {
        results[index] = { state: "accepted", value: await send(item) };
      } catch (raw) {
        results[index] = { state: "failed", error: toFlowdeckError(raw) };
      }
      settled += 1;
      onSettled?.(index, settled);
    },
    cancelled,
  );
  return results;
}
