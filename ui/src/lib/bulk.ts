// Runs one command on many cards: a few requests at a time, a busy Campaign waited out as it
// asks, and a cancel that stops what has not been sent yet. Commands already sent are
// reported as sent, whatever the cancel.
import { FlowdeckError, toFlowdeckError } from "./ipc";
import { busyRetryDelay } from "./retry";

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
  wait?: (seconds: number) => Promise<void>;
}

const realWait = (seconds: number) => new Promise<void>((resolve) => setTimeout(resolve, seconds * 1000));

export async function runBulk<I, T>(items: readonly I[], send: (item: I) => Promise<T>, options: BulkOptions): Promise<BulkResult<T>[]> {
  const { concurrency = BULK_CONCURRENCY, cancelled, onSettled, wait = realWait } = options;
  const results: BulkResult<T>[] = items.map(() => ({ state: "notSent" }));
  let next = 0;
  let settled = 0;

  async function sendWithRetries(item: I): Promise<BulkResult<T>> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return { state: "accepted", value: await send(item) };
      } catch (raw) {
        const error = toFlowdeckError(raw);
        const delay = error.code === "campaign_busy" ? busyRetryDelay(attempt, error.details.retryAfterSeconds) : null;
        // A busy answer means it did not run: safe to send again, unless the user cancelled.
        if (delay === null || cancelled()) return { state: "failed", error };
        await wait(delay);
        if (cancelled()) return { state: "failed", error };
      }
    }
  }

  async function worker() {
    while (next < items.length && !cancelled()) {
      const index = next;
      next += 1;
      results[index] = await sendWithRetries(items[index] as I);
      settled += 1;
      onSettled?.(index, settled);
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
