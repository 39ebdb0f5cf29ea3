// The decks the window knows, one per connection, and everything on them: cards, statuses,
// selection, filters, commands on their way, busy waits and bulk runs. Each deck sends only
// to its own connection: work started on a deck finishes there, whichever deck is shown.
import { untrack } from "svelte";
import { SvelteMap, SvelteSet } from "svelte/reactivity";
import { runBulk, type BulkResult } from "./bulk";
import { FlowdeckError, ipc, toFlowdeckError } from "./ipc";
import type { Pace } from "./pace";
import { ReadQueue } from "./reads";
import { refreshBackoffMs } from "./refresh.svelte";
import { withBusyRetry } from "./retry";
import type {
  Card,
  CommandOutcome,
  DeckView,
  NotSaved,
  Organisation,
  SignalOutcome,
  SignalToSend,
  StatusSeen,
  TokenStatus,
  WorkflowCommand,
  WorkflowRecord,
  WorkflowStatus,
} from "./types";
import type { CardAction } from "./workflow";

/** Status reads at once, at most: a deck of hundreds must not flood Campaign. */
export const READ_CONCURRENCY = 8;
/** How long to wait between re-reads after a command was accepted, until the status moves. */
export const FOLLOW_UP_DELAYS_MS: readonly number[] = [700, 1500, 3000, 6000];
/** How long reads pause when Campaign is busy without saying for how long. */
const BUSY_READ_PAUSE_SECONDS = 5;
/** When the cards of a bulk run are read again, once. */
export const BULK_FOLLOW_UP_MS = 1500;

/** Adobe advises at most this many running executions at once on one instance; it queues the rest. */
export const ADVISED_RUNNING = 20;
const LEAVES_RUNNING: ReadonlySet<CardAction> = new Set(["start", "resume", "restart"]);

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

export type BulkPhase =
  | { kind: "idle" }
  | { kind: "confirming"; command: CardAction; cards: Card[] }
  | { kind: "running"; command: CardAction; cards: Card[]; done: number; cancelling: boolean }
  | { kind: "summary"; command: CardAction; cards: Card[]; results: BulkResult<CommandOutcome>[] };

const IDLE_READING: CardReading = { record: null, reading: true, problem: null, failedReads: 0, nextReadAt: 0 };
const IDLE_SENDING: CardSending = { command: null, retryingIn: null, requested: null, problem: null, notSaved: [] };
const IDLE_SIGNAL: CardSignal = { sending: null, sent: null, problem: null };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface DeckOptions {
  followUpDelaysMs?: readonly number[];
  bulkFollowUpMs?: number;
  /** The connection's credential needs the user: a token or a secret is missing or expired. */
  onAuthProblem?: () => void;
}

export class Deck {
  /** The connection every request of this deck goes to. It never changes. */
  readonly profileId: string;
  organisation = $state<Organisation>() as Organisation;
  cards = $state<Card[]>([]);
  credential = $state<TokenStatus>({ state: "missing" });
  setAsideFiles = $state<DeckView["setAsideFiles"]>([]);
  readonly reads = new SvelteMap<string, CardReading>();
  readonly sends = new SvelteMap<string, CardSending>();
  readonly signals = new SvelteMap<string, CardSignal>();
  readonly selection = new SvelteSet<string>();
  query = $state("");
  statusFilter = $state<WorkflowStatus | "">("");
  tagFilter = $state("");
  bulk = $state<BulkPhase>({ kind: "idle" });
  /** The card removed last, while its removal can still be undone. */
  removed = $state<{ card: Card; position: number } | null>(null);
  readonly #options: DeckOptions;
  readonly #reads = new ReadQueue((workflowId) => this.#read(workflowId), READ_CONCURRENCY);
  /** The cards of the bulk run going on or last run; not reactive, since `bulk` is. */
  #bulkRunCards = new Set<string>();
  #refreshing = false;

  constructor(view: DeckView, options: DeckOptions = {}) {
    this.profileId = view.organisation.profileId;
    this.#options = options;
    this.load(view);
  }

  readonly allTags = $derived([...new Set(this.cards.flatMap((c) => c.tags ?? []))].sort((a, b) => a.localeCompare(b)));

  readonly visibleCards = $derived.by(() => {
    const needle = this.query.trim().toLowerCase();
    return this.cards.filter(
      (card) =>
        (needle === "" || card.label.toLowerCase().includes(needle) || card.workflowId.toLowerCase().includes(needle)) &&
        (this.statusFilter === "" || this.status(card.workflowId) === this.statusFilter) &&
        (this.tagFilter === "" || (card.tags ?? []).includes(this.tagFilter)),
    );
  });

  readonly selectedCards = $derived(this.cards.filter((c) => this.selection.has(c.workflowId)));

  /** Takes what the backend says of this deck; what cards are doing now is kept. */
  load(view: DeckView): void {
    this.organisation = view.organisation;
    this.cards = view.cards;
    this.credential = view.credential;
    this.setAsideFiles = view.setAsideFiles;
    const present = new Set(view.cards.map((c) => c.workflowId));
    for (const id of [...this.reads.keys()]) if (!present.has(id)) this.reads.delete(id);
    for (const id of [...this.selection]) if (!present.has(id)) this.selection.delete(id);
    for (const id of present) this.#track(id);
  }

  /**
   * Gives a card its entry in each of the deck's maps before anything reads them. A map read
   * for a key it lacks follows the whole map, so without this each card's first read or send
   * would wake every other card: on a deck of hundreds, hundreds of times hundreds.
   */
  #track(workflowId: string): void {
    untrack(() => {
      if (!this.reads.has(workflowId)) this.reads.set(workflowId, IDLE_READING);
      if (!this.sends.has(workflowId)) this.sends.set(workflowId, IDLE_SENDING);
      if (!this.signals.has(workflowId)) this.signals.set(workflowId, IDLE_SIGNAL);
    });
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
      const record = await ipc.readWorkflow(this.profileId, workflowId);
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
      const due = this.cards.filter((c) => !this.busy(c.workflowId) && now >= this.reading(c.workflowId).nextReadAt);
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
   */
  async send(
    workflowId: string,
    command: WorkflowCommand,
    {
      cancelled = () => false,
      followUp = true,
      onBusy,
    }: { cancelled?: () => boolean; followUp?: boolean; onBusy?: (waitSeconds: number) => void } = {},
  ): Promise<CommandOutcome> {
    this.#refuseWhileBusy(workflowId);
    const before = this.status(workflowId);
    this.#patchSending(workflowId, { command, requested: null, problem: null, notSaved: [] });
    try {
      const outcome = await withBusyRetry(() => ipc.sendCommand(this.profileId, workflowId, command), {
        cancelled,
        onBusy,
        onWait: (retryingIn) => this.#patchSending(workflowId, { retryingIn }),
      });
      const card = this.cards.find((c) => c.workflowId === workflowId);
      if (card) card.lastCommand = outcome.lastCommand;
      this.#patchSending(workflowId, { command: null, requested: command, notSaved: outcome.notSaved });
      if (followUp) void this.#followUp(workflowId, before);
      return outcome;
    } catch (raw) {
      const error = toFlowdeckError(raw);
      this.#noticeAuthProblem(error);
      this.#patchSending(workflowId, { command: null, problem: { error, command } });
      // The command may have run although no answer came: show what Campaign says, reading
      // again while the status may still be moving (commands apply asynchronously).
      if (error.details.mayHaveRun) void (followUp ? this.#followUp(workflowId, before) : this.refresh(workflowId));
      throw error;
    }
  }

  /**
   * Stop, then Start once Campaign reports the stop effective (the backend waits, bounded, and
   * never sends Start otherwise). Resolves with the Start's outcome.
   */
  async restart(workflowId: string): Promise<CommandOutcome> {
    this.#refuseWhileBusy(workflowId);
    this.#patchSending(workflowId, { command: "restart", requested: null, problem: null, notSaved: [] });
    try {
      const outcome = await ipc.restartWorkflow(this.profileId, workflowId);
      const card = this.cards.find((c) => c.workflowId === workflowId);
      if (card) card.lastCommand = outcome.start.lastCommand;
      const notSaved = [...new Set([...outcome.stop.notSaved, ...outcome.start.notSaved])];
      this.#patchSending(workflowId, { command: null, requested: "restart", notSaved });
      void this.#followUp(workflowId, "finished");
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
      const sent = await ipc.sendSignal(this.profileId, workflowId, signal);
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
  async #followUp(workflowId: string, before: WorkflowStatus | null) {
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

  /**
   * How many of this deck's workflows would be running once `command` reached `cards`, if that
   * is more than Adobe advises for one instance; null otherwise.
   */
  runningBeyondAdvice(command: CardAction, cards: readonly Card[]): number | null {
    if (!LEAVES_RUNNING.has(command)) return null;
    const picked = new Set(cards.map((c) => c.workflowId));
    const running = this.cards.filter((c) => picked.has(c.workflowId) || this.status(c.workflowId) === "inProgress").length;
    return running > ADVISED_RUNNING ? running : null;
  }

  askBulk(command: CardAction): void {
    this.bulk = { kind: "confirming", command, cards: [...this.selectedCards] };
  }

  cancelBulk(): void {
    if (this.bulk.kind === "running") this.bulk.cancelling = true;
    else if (this.bulk.kind === "confirming") this.bulk = { kind: "idle" };
  }

  finishBulk(): void {
    this.bulk = { kind: "idle" };
    this.selection.clear();
  }

  /**
   * Whether the card is in the bulk run going on. Asked by every card whenever the run starts
   * or ends, so it is a set's answer: searching the run's (reactive) list from each of 500
   * cards held the window for about 100 ms.
   */
  inBulkRun(workflowId: string): boolean {
    return this.bulk.kind === "running" && this.#bulkRunCards.has(workflowId);
  }

  async runBulk(): Promise<void> {
    if (this.bulk.kind !== "confirming") return;
    const { command, cards } = this.bulk;
    this.#bulkRunCards = new Set(cards.map((c) => c.workflowId));
    const running = { kind: "running" as const, command, cards, done: 0, cancelling: false };
    this.bulk = running;
    const cancelled = () => this.bulk.kind === "running" && this.bulk.cancelling;
    const act = (card: Card, pace: Pace) =>
      command === "restart"
        ? this.restart(card.workflowId)
        : this.send(card.workflowId, command, { cancelled, followUp: false, onBusy: (seconds) => pace.busy(seconds) });
    const results = await runBulk(cards, act, {
      cancelled,
      onSettled: (_index, settled) => {
        if (this.bulk.kind === "running") this.bulk.done = settled;
      },
    });
    this.bulk = { kind: "summary", command, cards, results };
    // Campaign applies commands a moment after accepting them: read those cards once more.
    const accepted = cards.filter((_card, index) => results[index]?.state === "accepted").map((c) => c.workflowId);
    await sleep(this.#options.bulkFollowUpMs ?? BULK_FOLLOW_UP_MS);
    await Promise.all(accepted.map((id) => this.refresh(id)));
  }

  /** The statuses Flowdeck saw of a card's workflow, oldest first, kept across restarts. */
  timeline(workflowId: string): Promise<StatusSeen[]> {
    return ipc.statusTimeline(this.profileId, workflowId);
  }

  /** "Notify me" for one card or a selection: kept with the cards, so it holds across restarts. */
  async setWatched(workflowIds: string[], watched: boolean): Promise<void> {
    const saved = new Map((await ipc.setWatched(this.profileId, workflowIds, watched)).map((c) => [c.workflowId, c]));
    this.cards = this.cards.map((c) => saved.get(c.workflowId) ?? c);
  }

  /** The backend sent a scheduled command to one of this deck's cards: its last command and status follow. */
  async afterScheduled(workflowId: string): Promise<void> {
    const before = this.status(workflowId);
    this.load(await ipc.openDeck(this.profileId));
    // As after a click: Campaign applies it asynchronously, so read until the status settles.
    await this.#followUp(workflowId, before);
  }

  select(workflowId: string, picked: boolean): void {
    if (picked) this.selection.add(workflowId);
    else this.selection.delete(workflowId);
  }

  selectAllVisible(): void {
    for (const card of this.visibleCards) this.selection.add(card.workflowId);
  }

  async add(workflowId: string, label: string): Promise<Card> {
    const card = await ipc.addCard(this.profileId, workflowId, label);
    this.#track(card.workflowId);
    this.cards.push(card);
    void this.refresh(card.workflowId);
    return card;
  }

  async remove(workflowId: string): Promise<void> {
    await ipc.removeCard(this.profileId, workflowId);
    const position = this.cards.findIndex((c) => c.workflowId === workflowId);
    this.removed = position < 0 ? null : { card: this.cards[position] as Card, position };
    this.cards = this.cards.filter((c) => c.workflowId !== workflowId);
    this.selection.delete(workflowId);
    this.reads.delete(workflowId);
    this.sends.delete(workflowId);
    this.signals.delete(workflowId);
  }

  /** Undo for the last removal: the backend puts the card back as it was, in its old place. */
  async undoRemove(): Promise<Card | null> {
    const removed = this.removed;
    if (removed === null) return null;
    const restored = await ipc.restoreCard(this.profileId, removed.card.workflowId);
    this.removed = null;
    this.#track(restored.workflowId);
    // Where the backend put it back: the old place, or the end of a deck that has shrunk since.
    this.cards.splice(Math.min(removed.position, this.cards.length), 0, restored);
    void this.refresh(restored.workflowId);
    return restored;
  }

  /** The removal can no longer be undone from here (the notice timed out or was dismissed). */
  forgetRemoved(): void {
    this.removed = null;
  }

  async edit(workflowId: string, newWorkflowId: string, label: string, tags: string[]): Promise<Card> {
    const saved = await ipc.editCard(this.profileId, workflowId, newWorkflowId, label, tags);
    this.cards = this.cards.map((c) => (c.workflowId === workflowId ? saved : c));
    if (workflowId !== saved.workflowId) {
      if (this.selection.delete(workflowId)) this.selection.add(saved.workflowId);
      this.reads.delete(workflowId);
      this.sends.delete(workflowId);
      this.signals.delete(workflowId);
      this.#track(saved.workflowId);
      void this.refresh(saved.workflowId);
    }
    return saved;
  }

  /** Moves a card, then tells the backend; on failure the deck is reloaded as it was saved. */
  async moveTo(workflowId: string, position: number): Promise<void> {
    const from = this.cards.findIndex((c) => c.workflowId === workflowId);
    if (from < 0 || position < 0 || position >= this.cards.length || position === from) return;
    const reordered = [...this.cards];
    const [moved] = reordered.splice(from, 1);
    if (!moved) return;
    reordered.splice(position, 0, moved);
    this.cards = reordered;
    try {
      await ipc.moveCard(this.profileId, workflowId, position);
    } catch (error) {
      this.load(await ipc.openDeck(this.profileId));
      throw error;
    }
  }

  moveBy(workflowId: string, delta: number): Promise<void> {
    return this.moveTo(workflowId, this.cards.findIndex((c) => c.workflowId === workflowId) + delta);
  }

  /** How many cards were added; null when the user cancelled. */
  async importCards(): Promise<number | null> {
    const added = await ipc.importCards(this.profileId);
    if (added !== null) {
      this.load(await ipc.openDeck(this.profileId));
      void this.refreshDue();
    }
    return added;
  }

  exportCards(): Promise<boolean> {
    return ipc.exportCards(this.profileId);
  }
}

/** Every deck opened since the app started, and the one the window shows. */
export class Decks {
  readonly byId = new SvelteMap<string, Deck>();
  shownId = $state<string | null>(null);
  readonly #options: DeckOptions;

  constructor(options: DeckOptions = {}) {
    this.#options = options;
  }

  readonly shown = $derived(this.shownId === null ? null : (this.byId.get(this.shownId) ?? null));

  /** Decks other than the shown one with a bulk run going or a summary unread. */
  readonly busyElsewhere = $derived([...this.byId.values()].filter((d) => d.profileId !== this.shownId && d.bulk.kind !== "idle" && d.bulk.kind !== "confirming"));

  setOptions(options: DeckOptions): void {
    Object.assign(this.#options, options);
  }

  /** How a workflow is named on a deck's card; its ID where that deck is not open or has no such card. */
  labelOf(profileId: string, workflowId: string): string {
    return this.byId.get(profileId)?.cards.find((c) => c.workflowId === workflowId)?.label ?? workflowId;
  }

  /** Shows a connection's deck, opening it on first use; work on other decks goes on. */
  async show(profileId: string): Promise<Deck> {
    const view = await ipc.openDeck(profileId);
    performance.mark("flowdeck:deck-answered");
    let deck = this.byId.get(profileId);
    if (deck) deck.load(view);
    else {
      deck = new Deck(view, this.#options);
      this.byId.set(profileId, deck);
    }
    this.shownId = profileId;
    return deck;
  }

  /** The connection was changed or removed: its deck is opened afresh when next shown. */
  forget(profileId: string): void {
    this.byId.delete(profileId);
    if (this.shownId === profileId) this.shownId = null;
  }
}

export const decks = new Decks();
