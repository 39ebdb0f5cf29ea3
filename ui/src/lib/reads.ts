// Every status read of one deck goes through one queue: at most a few in flight, the cards
// asked for first ahead of the rest, a card already waiting not queued twice, and nothing new
// sent while Campaign has asked for a pause (429/503 with Retry-After).

interface Waiting {
  first: boolean;
  done: Promise<void>;
  resolve: () => void;
}

export class ReadQueue {
  readonly #read: (workflowId: string) => Promise<void>;
  readonly #limit: number;
  readonly #now: () => number;
  readonly #waiting = new Map<string, Waiting>();
  readonly #inFlight = new Set<string>();
  #resumeAt = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #pumpQueued = false;

  constructor(read: (workflowId: string) => Promise<void>, limit: number, now: () => number = Date.now) {
    this.#read = read;
    this.#limit = limit;
    this.#now = now;
  }

  /**
   * Reads the card's workflow soon; resolves once it was read. A read of it still waiting is
   * shared; one already on its way is not, since what was asked may be news since it left.
   */
  request(workflowId: string, first = false): Promise<void> {
    const waiting = this.#waiting.get(workflowId);
    if (waiting) {
      waiting.first ||= first;
      return waiting.done;
    }
    let resolve = () => {};
    const done = new Promise<void>((r) => (resolve = r));
    this.#waiting.set(workflowId, { first, done, resolve });
    // Reads asked for together (a whole deck) are ordered before the first is sent.
    if (!this.#pumpQueued) {
      this.#pumpQueued = true;
      queueMicrotask(() => {
        this.#pumpQueued = false;
        this.#pump();
      });
    }
    return done;
  }

  /** A read still waiting goes ahead of the others (its card came on screen); none is added. */
  hurry(workflowId: string): void {
    const waiting = this.#waiting.get(workflowId);
    if (waiting) waiting.first = true;
  }

  /** Campaign asked for a pause: nothing new is sent for `ms`. */
  hold(ms: number): void {
    this.#resumeAt = Math.max(this.#resumeAt, this.#now() + ms);
  }

  #next(): string | undefined {
    let fallback: string | undefined;
    for (const [workflowId, waiting] of this.#waiting) {
      if (this.#inFlight.has(workflowId)) continue;
      if (waiting.first) return workflowId;
      fallback ??= workflowId;
    }
    return fallback;
  }

  #pump(): void {
    while (this.#inFlight.size < this.#limit) {
      const wait = this.#resumeAt - this.#now();
      if (wait > 0) {
        this.#timer ??= setTimeout(() => {
          this.#timer = null;
          this.#pump();
        }, wait);
        return;
      }
      const workflowId = this.#next();
      if (workflowId === undefined) return;
      const waiting = this.#waiting.get(workflowId) as Waiting;
      this.#waiting.delete(workflowId);
      this.#inFlight.add(workflowId);
      void this.#read(workflowId).finally(() => {
        this.#inFlight.delete(workflowId);
        waiting.resolve();
        this.#pump();
      });
    }
  }
}
