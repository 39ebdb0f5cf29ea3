// When Campaign answers 429 or 503 the command surely did not run, so it can be sent again
// (acs-api.md §5): after the wait Campaign asked for, or with a growing, jittered backoff.

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
