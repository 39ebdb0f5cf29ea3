// What goes between one deck's cards and its Campaign: status reads (a bounded queue, the cards
// on screen first), commands (a busy Campaign waited out, a lost answer never resent but read
// again) and signals. Every request goes to the deck's own connection.
import { untrack } from "svelte";
import { SvelteMap } from "svelte/reactivity";
import { FlowdeckError, ipc, toFlowdeckError } from "./ipc";
import { ReadQueue } from "./reads";
import { refreshBackoffMs } from "./refresh.svelte";
import { withBusyRetry } from "./retry";
import type { Card, CommandOutcome, NotSaved, SignalOutcome, SignalToSend, StatusHistory, WorkflowCommand, WorkflowRecord, WorkflowStatus } from "./types";
import type { CardAction } from "./workflow";

/** Status reads at once, at most: a deck of hundreds must not flood Campaign. */
export const READ_CONCURRENCY = 8;
/** How long to wait between re-reads after a command was accepted, until the status moves. */
export const FOLLOW_UP_DELAYS_MS: readonly number[] = [700, 1500, 3000, 6000];
/** How long reads pause when Campaign is busy without saying for how long. */
const BUSY_READ_PAUSE_SECONDS = 5;

const AUTH_PROBLEMS = new Set(["token_expired", "token_missing", "secret_missing"]);

/** What a card last read of its workflow. */
export interface CardReading {
  record: WorkflowRecord | null;
  reading: boolean;
  problem: FlowdeckError | null;
  /** Reads that failed in a row; each one makes the next automatic read wait longer. */
  failedReads: number;
  nextReadAt: number;
}

/** A card's command: on its way, waiting out a busy Campaign, accepted, or refused. */
export interface CardSending {
  command: CardAction | null;
  retryingIn: number | null;
  requested: CardAction | null;
  problem: { error: FlowdeckError; command: CardAction } | null;
  notSaved: NotSaved[];
}

/** A card's signal: on its way, accepted, or refused. */
export interface CardSignal {
  sending: string | null;
  sent: SignalOutcome | null;
  problem: FlowdeckError | null;
}

const IDLE_READING: CardReading = { record: null, reading: true, problem: null, failedReads: 0, nextReadAt: 0 };
const IDLE_SENDING: CardSending = { command: null, retryingIn: null, requested: null, problem: null, notSaved: [] };
const IDLE_SIGNAL: CardSignal = { sending: null, sent: null, problem: null };

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface TrafficOptions {
  followUpDelaysMs?: readonly number[];
  /** The connection's credential needs the user: a token or a secret is missing or expired. */
  onAuthProblem?: () => void;
}

export class CardTraffic {
  readonly #connectionId: string;
  /** The deck's cards, as the list holds them now. */
  readonly #cards: () => Card[];
  /** The connection's revision the deck shows now: what work begun now names. */
  readonly #revision: () => number;
  readonly #options: TrafficOptions;
  readonly reads = new SvelteMap<string, CardReading>();
  readonly sends = new SvelteMap<string, CardSending>();
  readonly signals = new SvelteMap<string, CardSignal>();
  readonly #reads = new ReadQueue((workflowId) => this.#read(workflowId), READ_CONCURRENCY);
  #refreshing = false;

  constructor(connectionId: string, cards: () => Card[], revision: () => number, options: TrafficOptions) {
    this.#connectionId = connectionId;
    this.#cards = cards;
    this.#revision = revision;
    this.#options = options;
  }

  /**
   * Gives a card its entry in each map before anything reads them. A map read for a key it
   * lacks follows the whole map, so without this each card's first read or send would wake
   * every other card: on a deck of hundreds, hundreds of times hundreds.
   */
  track(workflowId: string): void {
    untrack(() => {
      if (!this.reads.has(workflowId)) this.reads.set(workflowId, IDLE_READING);
      if (!this.sends.has(workflowId)) this.sends.set(workflowId, IDLE_SENDING);
      if (!this.signals.has(workflowId)) this.signals.set(workflowId, IDLE_SIGNAL);
    });
  }

  /** The card left the deck: what was known of its workflow goes with it. */
  forget(workflowId: string): void {
    this.reads.delete(workflowId);
    this.sends.delete(workflowId);
    this.signals.delete(workflowId);
  }

  /** Keeps what is known of these cards only; each has its entries. */
  keepOnly(present: ReadonlySet<string>): void {
    for (const id of [...this.reads.keys()]) if (!present.has(id)) this.reads.delete(id);
    for (const id of present) this.track(id);
  }

  reading(workflowId: string): CardReading {
    return this.reads.get(workflowId) ?? IDLE_READING;
  }

  sending(workflowId: string): CardSending {
    return this.sends.get(workflowId) ?? IDLE_SENDING;
  }

  status(workflowId: string): WorkflowStatus | null {
    return this.reads.get(workflowId)?.record?.status ?? null;
  }

  signal(workflowId: string): CardSignal {
    return this.signals.get(workflowId) ?? IDLE_SIGNAL;
  }

  /** A command or a signal is on its way to this card's workflow, or waiting to be sent again. */
  busy(workflowId: string): boolean {
    const sending = this.sends.get(workflowId);
    const commandBusy = sending !== undefined && (sending.command !== null || sending.retryingIn !== null);
    return commandBusy || this.signal(workflowId).sending !== null;
  }

  #patchReading(workflowId: string, changes: Partial<CardReading>) {
    this.reads.set(workflowId, { ...this.reading(workflowId), ...changes });
  }

  #patchSending(workflowId: string, changes: Partial<CardSending>) {
    this.sends.set(workflowId, { ...this.sending(workflowId), ...changes });
  }

  /** One thing at a time per workflow, as the backend also insists: refused before it is asked. */
  #refuseWhileBusy(workflowId: string): void {
    if (this.busy(workflowId)) throw new FlowdeckError("already_sending", workflowId, { mayHaveRun: false });
  }

  #noticeAuthProblem(error: FlowdeckError) {
    if (AUTH_PROBLEMS.has(error.code)) this.#options.onAuthProblem?.();
  }

  #noteLastCommand(workflowId: string, lastCommand: Card["lastCommand"]) {
    const card = this.#cards().find((c) => c.workflowId === workflowId);
    if (card) card.lastCommand = lastCommand;
  }

  /**
   * Reads one card's workflow from this deck's Campaign, in turn with every other read of
   * the deck (`first`: ahead of the others); null when that failed.
   */
  async refresh(workflowId: string, first = false): Promise<WorkflowRecord | null> {
    await this.#reads.request(workflowId, first);
    const reading = this.reading(workflowId);
    return reading.problem === null ? reading.record : null;
  }

  /** The card came on screen: its read, if one is waiting, goes before those of cards off screen. */
  onScreen(workflowId: string): void {
    this.#reads.hurry(workflowId);
  }

  async #read(workflowId: string): Promise<void> {
    this.#patchReading(workflowId, { reading: true });
    try {
      const record = await ipc.readWorkflow(this.#connectionId, workflowId);
      this.#patchReading(workflowId, { record, reading: false, problem: null, failedReads: 0, nextReadAt: 0 });
    } catch (raw) {
      const error = toFlowdeckError(raw);
      this.#noticeAuthProblem(error);
      if (error.code === "campaign_busy") this.#reads.hold((error.details.retryAfterSeconds ?? BUSY_READ_PAUSE_SECONDS) * 1000);
      const failedReads = this.reading(workflowId).failedReads + 1;
      this.#patchReading(workflowId, { reading: false, problem: error, failedReads, nextReadAt: Date.now() + refreshBackoffMs(failedReads) });
    }
  }

  /**
   * Reads every card that is due: not busy, not backing off. Watched cards and those in
   * `first` go ahead of the rest, the rest in the deck's order (the cards on screen first,
   * as the window shows the deck from its top); a refresh still under way is not started again.
   */
  async refreshDue(first: ReadonlySet<string> = new Set()): Promise<void> {
    if (this.#refreshing) return;
    this.#refreshing = true;
    try {
      const now = Date.now();
      const due = this.#cards().filter((c) => !this.busy(c.workflowId) && now >= this.reading(c.workflowId).nextReadAt);
      await Promise.all(due.map((c) => this.refresh(c.workflowId, first.has(c.workflowId) || c.watched === true)));
    } finally {
      this.#refreshing = false;
    }
  }

  clearProblem(workflowId: string): void {
    this.#patchSending(workflowId, { problem: null });
    this.#patchReading(workflowId, { problem: null });
  }

  /**
   * Sends one command to one card's workflow on this deck's connection; a busy Campaign is
   * waited out (the card counts down). Rejects with the failure after recording it on the card.
   * The command names the connection's revision it began on (`revision`: a bulk run's, else
   * now): once the connection is edited, the backend refuses it, retries included.
   */
  async send(
    workflowId: string,
    command: WorkflowCommand,
    {
      cancelled = () => false,
      followUp = true,
      onBusy,
      revision = this.#revision(),
    }: { cancelled?: () => boolean; followUp?: boolean; onBusy?: (waitSeconds: number) => void; revision?: number } = {},
  ): Promise<CommandOutcome> {
    this.#refuseWhileBusy(workflowId);
    const before = this.status(workflowId);
    this.#patchSending(workflowId, { command, requested: null, problem: null, notSaved: [] });
    try {
      const outcome = await withBusyRetry(() => ipc.sendCommand(this.#connectionId, revision, workflowId, command), {
        cancelled,
        onBusy,
        onWait: (retryingIn) => this.#patchSending(workflowId, { retryingIn }),
      });
      this.#noteLastCommand(workflowId, outcome.lastCommand);
      this.#patchSending(workflowId, { command: null, requested: command, notSaved: outcome.notSaved });
      if (followUp) void this.followUp(workflowId, before);
      return outcome;
    } catch (raw) {
      const error = toFlowdeckError(raw);
      this.#noticeAuthProblem(error);
      this.#patchSending(workflowId, { command: null, problem: { error, command } });
      // The command may have run although no answer came: show what Campaign says, reading
      // again while the status may still be moving (commands apply asynchronously).
      if (error.details.mayHaveRun) void (followUp ? this.followUp(workflowId, before) : this.refresh(workflowId));
      throw error;
    }
  }

  /**
   * Stop, then Start once Campaign reports the stop effective (the backend waits, bounded, and
   * never sends Start otherwise). Resolves with the Start's outcome.
   */
  async restart(workflowId: string, revision = this.#revision()): Promise<CommandOutcome> {
    this.#refuseWhileBusy(workflowId);
    this.#patchSending(workflowId, { command: "restart", requested: null, problem: null, notSaved: [] });
    try {
      const outcome = await ipc.restartWorkflow(this.#connectionId, revision, workflowId);
      this.#noteLastCommand(workflowId, outcome.start.lastCommand);
      const notSaved = [...new Set([...outcome.stop.notSaved, ...outcome.start.notSaved])];
      this.#patchSending(workflowId, { command: null, requested: "restart", notSaved });
      void this.followUp(workflowId, "finished");
      return outcome.start;
    } catch (raw) {
      const error = toFlowdeckError(raw);
      this.#noticeAuthProblem(error);
      this.#patchSending(workflowId, { command: null, problem: { error, command: "restart" } });
      // The Stop was probably sent: show what Campaign says now.
      void this.refresh(workflowId);
      throw error;
    }
  }

  /**
   * Triggers one of the card's signal activities on this deck's connection. The backend reads
   * the trigger's address from Campaign itself; the outcome is kept on the card.
   */
  async sendSignal(workflowId: string, signal: SignalToSend): Promise<SignalOutcome> {
    this.#refuseWhileBusy(workflowId);
    this.signals.set(workflowId, { sending: signal.activity, sent: null, problem: null });
    try {
      const sent = await ipc.sendSignal(this.#connectionId, this.#revision(), workflowId, signal);
      this.signals.set(workflowId, { sending: null, sent, problem: null });
      return sent;
    } catch (raw) {
      const error = toFlowdeckError(raw);
      this.#noticeAuthProblem(error);
      this.signals.set(workflowId, { sending: null, sent: null, problem: error });
      throw error;
    }
  }

  clearSignal(workflowId: string): void {
    this.signals.set(workflowId, IDLE_SIGNAL);
  }

  /** For a click: the outcome is on the card, whatever it was. */
  click(workflowId: string, action: CardAction): void {
    const done = action === "restart" ? this.restart(workflowId) : this.send(workflowId, action);
    done.catch(() => {});
  }

  /** Commands apply asynchronously: re-read a few times until the status moves and settles. */
  async followUp(workflowId: string, before: WorkflowStatus | null): Promise<void> {
    for (const delay of this.#options.followUpDelaysMs ?? FOLLOW_UP_DELAYS_MS) {
      await sleep(delay);
      const latest = await this.refresh(workflowId);
      if (latest === null) return;
      if (latest.status !== before && latest.status !== "inTransition") {
        this.#patchSending(workflowId, { requested: null });
        return;
      }
    }
  }

  /** The statuses Flowdeck saw of a card's workflow, oldest first, kept across restarts, and
   *  how long its runs take. */
  history(workflowId: string): Promise<StatusHistory> {
    return ipc.statusTimeline(this.#connectionId, workflowId);
  }
}
