// One command to many cards of one deck: asked once, run a few at a time at Campaign's pace,
// cancellable, with a result for each card. It runs on the deck it began on, whichever deck
// the window shows meanwhile.
import { runBulk, type BulkResult } from "./bulk";
import type { CardList } from "./cardList.svelte";
import type { Pace } from "./pace";
import { sleep, type CardTraffic } from "./traffic.svelte";
import type { Card, CommandOutcome } from "./types";
import { runsAgain, type CardAction } from "./workflow";

/** When the cards of a bulk run are read again, once. */
export const BULK_FOLLOW_UP_MS = 1500;
/** Adobe advises at most this many running executions at once on one instance; it queues the rest. */
export const ADVISED_RUNNING = 20;
const LEAVES_RUNNING: ReadonlySet<CardAction> = new Set(["start", "resume", "restart"]);

export type BulkPhase =
  | { kind: "idle" }
  | { kind: "confirming"; command: CardAction; cards: Card[] }
  | { kind: "running"; command: CardAction; cards: Card[]; done: number; cancelling: boolean }
  | { kind: "summary"; command: CardAction; cards: Card[]; results: BulkResult<CommandOutcome>[] };

export interface BulkOptions {
  bulkFollowUpMs?: number;
}

export class BulkRun {
  readonly #list: CardList;
  readonly #traffic: CardTraffic;
  readonly #options: BulkOptions;
  readonly #revision: () => number;
  phase = $state<BulkPhase>({ kind: "idle" });
  /** The cards of the run going on or last run; not reactive, since `phase` is. */
  #runCards = new Set<string>();

  constructor(list: CardList, traffic: CardTraffic, revision: () => number, options: BulkOptions) {
    this.#list = list;
    this.#traffic = traffic;
    this.#revision = revision;
    this.#options = options;
  }

  /**
   * How many of this deck's workflows would be running once `command` reached `cards`, if that
   * is more than Adobe advises for one instance; null otherwise.
   */
  runningBeyondAdvice(command: CardAction, cards: readonly Card[]): number | null {
    if (!LEAVES_RUNNING.has(command)) return null;
    const picked = new Set(cards.map((c) => c.workflowId));
    const running = this.#list.cards.filter((c) => picked.has(c.workflowId) || this.#traffic.status(c.workflowId) === "inProgress").length;
    return running > ADVISED_RUNNING ? running : null;
  }

  /** How many of `cards` a Start would run again from the beginning (they have finished). */
  runningAgain(command: CardAction, cards: readonly Card[]): number {
    return cards.filter((c) => runsAgain(command, this.#traffic.status(c.workflowId))).length;
  }

  /** Asks to confirm `command` for the cards selected now. */
  ask(command: CardAction): void {
    this.phase = { kind: "confirming", command, cards: [...this.#list.selectedCards] };
  }

  cancel(): void {
    if (this.phase.kind === "running") this.phase.cancelling = true;
    else if (this.phase.kind === "confirming") this.phase = { kind: "idle" };
  }

  finish(): void {
    this.phase = { kind: "idle" };
    this.#list.selection.clear();
  }

  /**
   * Whether the card is in the run going on. Asked by every card whenever the run starts or
   * ends, so it is a set's answer: searching the run's (reactive) list from each of 500 cards
   * held the window for about 100 ms.
   */
  includes(workflowId: string): boolean {
    return this.phase.kind === "running" && this.#runCards.has(workflowId);
  }

  async run(): Promise<void> {
    if (this.phase.kind !== "confirming") return;
    const { command, cards } = this.phase;
    this.#runCards = new Set(cards.map((c) => c.workflowId));
    this.phase = { kind: "running", command, cards, done: 0, cancelling: false };
    const cancelled = () => this.phase.kind === "running" && this.phase.cancelling;
    const traffic = this.#traffic;
    // The whole run goes to the connection as it was saved when the run began: edited meanwhile,
    // the rest is refused, never sent to the new settings.
    const revision = this.#revision();
    const act = (card: Card, pace: Pace) =>
      command === "restart"
        ? traffic.restart(card.workflowId, revision)
        : traffic.send(card.workflowId, command, { cancelled, followUp: false, onBusy: (seconds) => pace.busy(seconds), revision });
    const results = await runBulk(cards, act, {
      cancelled,
      onSettled: (_index, settled) => {
        if (this.phase.kind === "running") this.phase.done = settled;
      },
    });
    this.phase = { kind: "summary", command, cards, results };
    // Campaign applies commands a moment after accepting them: read those cards once more.
    const accepted = cards.filter((_card, index) => results[index]?.state === "accepted").map((c) => c.workflowId);
    await sleep(this.#options.bulkFollowUpMs ?? BULK_FOLLOW_UP_MS);
    await Promise.all(accepted.map((id) => traffic.refresh(id)));
  }
}
