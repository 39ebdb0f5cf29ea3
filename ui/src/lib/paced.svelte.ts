// Batches of Starts at Campaign's pace: the backend keeps the queue and sends each Start (so it
// goes on with the window closed); the window shows every batch, on every connection, as the
// backend tells it.
import type { Deck } from "./decks.svelte";
import { EVENTS, ipc, listenTo } from "./ipc";
import type { Batch, Card } from "./types";

/** What a batch runs at once unless the user chooses otherwise: a few, well under Adobe's 20. */
export const DEFAULT_AT_MOST = 5;

class PacedBatches {
  all = $state<Batch[]>([]);

  /** From start-up on: the backend's word on every batch. */
  async follow(): Promise<void> {
    await listenTo(EVENTS.batchesChanged, (batches) => {
      this.all = batches;
    });
    this.all = await ipc.batches();
  }

  /** Queues Starts for `cards` of `deck`'s connection, at most `atMost` running at once. */
  async start(deck: Deck, cards: readonly Card[], atMost: number): Promise<void> {
    const started = await ipc.startBatch(
      deck.connectionId,
      deck.organisation.revision,
      cards.map((c) => c.workflowId),
      atMost,
    );
    this.#put(started);
  }

  async cancel(id: number): Promise<void> {
    this.#put(await ipc.cancelBatch(id));
  }

  async dismiss(id: number): Promise<void> {
    await ipc.dismissBatch(id);
    this.all = this.all.filter((batch) => batch.id !== id);
  }

  #put(batch: Batch): void {
    const known = this.all.some((b) => b.id === batch.id);
    this.all = known ? this.all.map((b) => (b.id === batch.id ? batch : b)) : [...this.all, batch];
  }
}

export const paced = new PacedBatches();

/** Whether a batch still has Starts to send or workflows it waits for. */
export const underWay = (batch: Batch) => batch.items.some((item) => item.state === "queued" || item.state === "sending" || item.state === "running");
