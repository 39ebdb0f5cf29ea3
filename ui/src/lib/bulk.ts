// Runs one command on many cards at Campaign's pace (pace.ts), with a cancel that stops what
// has not been sent yet. Commands already sent are reported as sent, whatever the cancel.
// Waiting out a busy Campaign is the send's own business (retry.ts), so a card shows it either
// way; the send tells the pace, so the other cards slow down too.
import { FlowdeckError, toFlowdeckError } from "./ipc";
import { Pace, paced } from "./pace";

export type BulkResult<T> =
  | { state: "accepted"; value: T }
  | { state: "failed"; error: FlowdeckError }
  | { state: "notSent" };

export interface BulkOptions {
  pace?: Pace;
  cancelled: () => boolean;
  onSettled?: (index: number, settled: number) => void;
}

export async function runBulk<I, T>(items: readonly I[], send: (item: I, pace: Pace) => Promise<T>, options: BulkOptions): Promise<BulkResult<T>[]> {
  const { pace = new Pace(), cancelled, onSettled } = options;
  const results: BulkResult<T>[] = items.map(() => ({ state: "notSent" }));
  let settled = 0;
  await paced(
    items,
    pace,
    async (item, index) => {
      try {
        results[index] = { state: "accepted", value: await send(item, pace) };
        pace.answered();
      } catch (raw) {
        const error = toFlowdeckError(raw);
        results[index] = { state: "failed", error };
        if (error.code !== "campaign_busy") pace.answered();
      }
      settled += 1;
      onSettled?.(index, settled);
    },
    cancelled,
  );
  return results;
}
