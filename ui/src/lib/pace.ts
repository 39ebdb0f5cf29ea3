// How many commands a bulk run keeps in flight. Adobe publishes no rate limit (acs-api.md §5),
// so a run starts with a few, adds one more after each round Campaign answered normally, and
// halves them, waiting as long as Campaign asked, when it answers 429 or 503.

export const START_IN_FLIGHT = 4;
export const MOST_IN_FLIGHT = 8;

export class Pace {
  #limit: number;
  readonly #most: number;
  #answeredInRound = 0;
  #resumeAt = 0;
  readonly #now: () => number;

  constructor(start = START_IN_FLIGHT, most = MOST_IN_FLIGHT, now: () => number = Date.now) {
    this.#limit = start;
    this.#most = most;
    this.#now = now;
  }

  /** Requests allowed in flight now. */
  get limit(): number {
    return this.#limit;
  }

  /** How long before the next request may start: Campaign's Retry-After, while it lasts. */
  waitMs(): number {
    return Math.max(0, this.#resumeAt - this.#now());
  }

  /** Campaign answered (accepted or refused, but not busy). */
  answered(): void {
    // Answers to requests sent before Campaign said busy are no sign that it is ready for more.
    if (this.waitMs() > 0) return;
    this.#answeredInRound += 1;
    if (this.#answeredInRound >= this.#limit) {
      this.#answeredInRound = 0;
      this.#limit = Math.min(this.#most, this.#limit + 1);
    }
  }

  /** Campaign said it is busy and asked for `waitSeconds`. */
  busy(waitSeconds: number): void {
    this.#answeredInRound = 0;
    this.#limit = Math.max(1, Math.floor(this.#limit / 2));
    this.#resumeAt = Math.max(this.#resumeAt, this.#now() + waitSeconds * 1000);
  }
}

/** While paused, how often a cancel is looked at. */
const PAUSE_STEP_MS = 250;

/**
 * Runs `work` over `items` in order, as many at once as `pace` allows at each moment, until
 * `stopped` says so. Work already started always finishes. `work` must not reject.
 */
export function paced<I>(items: readonly I[], pace: Pace, work: (item: I, index: number) => Promise<void>, stopped: () => boolean): Promise<void> {
  let next = 0;
  let inFlight = 0;
  return new Promise((resolve) => {
    const launch = () => {
      while (!stopped() && next < items.length && inFlight < pace.limit) {
        const wait = pace.waitMs();
        if (wait > 0) {
          setTimeout(launch, Math.min(wait, PAUSE_STEP_MS));
          return;
        }
        const index = next;
        next += 1;
        inFlight += 1;
        void work(items[index] as I, index).finally(() => {
          inFlight -= 1;
          launch();
        });
      }
      if (inFlight === 0 && (next >= items.length || stopped())) resolve();
    };
    launch();
  });
}
