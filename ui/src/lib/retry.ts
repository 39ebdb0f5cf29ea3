// When Campaign answers 429 or 503 the command surely did not run, so it can be sent again
// (acs-api.md §5): after the wait Campaign asked for, or with a growing, jittered backoff.
import { toFlowdeckError } from "./ipc";

export const MAX_BUSY_RETRIES = 3;
/** A longer wait than this is shown to the user instead of waited out behind a spinner. */
export const LONGEST_AUTOMATIC_WAIT_SECONDS = 60;

/** Seconds to wait before retry number `attempt` (0-based), or null to stop retrying. */
export function busyRetryDelay(attempt: number, retryAfterSeconds: number | undefined, random: () => number = Math.random): number | null {
  if (attempt >= MAX_BUSY_RETRIES) return null;
  if (retryAfterSeconds !== undefined) {
    return retryAfterSeconds <= LONGEST_AUTOMATIC_WAIT_SECONDS ? retryAfterSeconds : null;
  }
  const backoff = 2 ** (attempt + 1);
  return backoff + Math.round(random() * backoff * 0.5);
}

export interface BusyRetryHooks {
  /** Checked before every retry and every second of a wait: a cancel cuts a wait short. */
  cancelled: () => boolean;
  /** Seconds left before the next try, or null when no wait is under way. */
  onWait?: (secondsLeft: number | null) => void;
  /** Campaign answered busy, asking for this many seconds (or none, then 0). */
  onBusy?: (waitSeconds: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The one place a command is sent again: only after Campaign said it is busy (it surely did
 * not run), after the wait it asked for, and never once the user cancelled.
 */
export async function withBusyRetry<T>(send: () => Promise<T>, hooks: BusyRetryHooks): Promise<T> {
  const { cancelled, onWait, onBusy, sleep = realSleep } = hooks;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await send();
    } catch (raw) {
      const error = toFlowdeckError(raw);
      const busy = error.code === "campaign_busy";
      const delay = busy ? busyRetryDelay(attempt, error.details.retryAfterSeconds) : null;
      if (busy) onBusy?.(error.details.retryAfterSeconds ?? delay ?? 0);
      if (delay === null || cancelled()) throw error;
      try {
        for (let left = delay; left > 0; left -= 1) {
          onWait?.(left);
          await sleep(1000);
          if (cancelled()) throw error;
        }
      } finally {
        onWait?.(null);
      }
    }
  }
}
