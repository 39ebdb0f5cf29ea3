// One deck's cards as the user arranges them: the list itself (add, edit, remove and undo,
// reorder, import and export, "Notify me"), and which of them are shown and selected.
// Every change goes to the deck's own connection.
import { SvelteSet } from "svelte/reactivity";
import { ipc } from "./ipc";
import type { Card, DeckView, WorkflowStatus } from "./types";
import { loginOffer } from "./loginOffer.svelte";

/** What the list needs from the rest of its deck. */
export interface CardListHooks {
  /** The status last read of a card's workflow, for the status filter. */
  status: (workflowId: string) => WorkflowStatus | null;
  /** A card comes onto the list (added, put back, or under a new ID): its workflow is read. */
  arrived: (workflowId: string) => void;
  /** A card left the list (removed, or its ID changed): what was known of it goes. */
  left: (workflowId: string) => void;
  /**
   * The backend's list replaces this one: after a move that failed, or after an import (then
   * `readDue`: every card due for a read is read, the new ones among them).
   */
  reload: (readDue: boolean) => Promise<void>;
}

export class CardList {
  readonly #connectionId: string;
  readonly #hooks: CardListHooks;
  cards = $state<Card[]>([]);
  readonly selection = new SvelteSet<string>();
  query = $state("");
  statusFilter = $state<WorkflowStatus | "">("");
  tagFilter = $state("");
  /** The card removed last, while its removal can still be undone. */
  removed = $state<{ card: Card; position: number } | null>(null);

  constructor(connectionId: string, hooks: CardListHooks) {
    this.#connectionId = connectionId;
    this.#hooks = hooks;
  }

  readonly allTags = $derived([...new Set(this.cards.flatMap((c) => c.tags ?? []))].sort((a, b) => a.localeCompare(b)));

  readonly visibleCards = $derived.by(() => {
    const needle = this.query.trim().toLowerCase();
    return this.cards.filter(
      (card) =>
        (needle === "" || card.label.toLowerCase().includes(needle) || card.workflowId.toLowerCase().includes(needle)) &&
        (this.statusFilter === "" || this.#hooks.status(card.workflowId) === this.statusFilter) &&
        (this.tagFilter === "" || (card.tags ?? []).includes(this.tagFilter)),
    );
  });

  readonly selectedCards = $derived(this.cards.filter((c) => this.selection.has(c.workflowId)));

  /** Takes the backend's list; a selection of cards no longer there is dropped. */
  load(cards: DeckView["cards"]): void {
    this.cards = cards;
    const present = new Set(cards.map((c) => c.workflowId));
    for (const id of [...this.selection]) if (!present.has(id)) this.selection.delete(id);
  }

  find(workflowId: string): Card | undefined {
    return this.cards.find((c) => c.workflowId === workflowId);
  }

  select(workflowId: string, picked: boolean): void {
    if (picked) this.selection.add(workflowId);
    else this.selection.delete(workflowId);
  }

  selectAllVisible(): void {
    for (const card of this.visibleCards) this.selection.add(card.workflowId);
  }

  async add(workflowId: string, label: string): Promise<Card> {
    const card = await ipc.addCard(this.#connectionId, workflowId, label);
    this.#hooks.arrived(card.workflowId);
    this.cards.push(card);
    return card;
  }

  async remove(workflowId: string): Promise<void> {
    await ipc.removeCard(this.#connectionId, workflowId);
    const position = this.cards.findIndex((c) => c.workflowId === workflowId);
    this.removed = position < 0 ? null : { card: this.cards[position] as Card, position };
    this.cards = this.cards.filter((c) => c.workflowId !== workflowId);
    this.selection.delete(workflowId);
    this.#hooks.left(workflowId);
  }

  /** Undo for the last removal: the backend puts the card back as it was, in its old place. */
  async undoRemove(): Promise<Card | null> {
    const removed = this.removed;
    if (removed === null) return null;
    const restored = await ipc.restoreCard(this.#connectionId, removed.card.workflowId);
    this.removed = null;
    this.#hooks.arrived(restored.workflowId);
    // Where the backend put it back: the old place, or the end of a deck that has shrunk since.
    this.cards.splice(Math.min(removed.position, this.cards.length), 0, restored);
    return restored;
  }

  /** The removal can no longer be undone from here (the notice timed out or was dismissed). */
  forgetRemoved(): void {
    this.removed = null;
  }

  async edit(workflowId: string, newWorkflowId: string, label: string, tags: string[]): Promise<Card> {
    const saved = await ipc.editCard(this.#connectionId, workflowId, newWorkflowId, label, tags);
    this.cards = this.cards.map((c) => (c.workflowId === workflowId ? saved : c));
    if (workflowId !== saved.workflowId) {
      if (this.selection.delete(workflowId)) this.selection.add(saved.workflowId);
      this.#hooks.left(workflowId);
      this.#hooks.arrived(saved.workflowId);
    }
    return saved;
  }

  /** Moves a card, then tells the backend; on failure the list is reloaded as it was saved. */
  async moveTo(workflowId: string, position: number): Promise<void> {
    const from = this.cards.findIndex((c) => c.workflowId === workflowId);
    if (from < 0 || position < 0 || position >= this.cards.length || position === from) return;
    const reordered = [...this.cards];
    const [moved] = reordered.splice(from, 1);
    if (!moved) return;
    reordered.splice(position, 0, moved);
    this.cards = reordered;
    try {
      await ipc.moveCard(this.#connectionId, workflowId, position);
    } catch (error) {
      await this.#hooks.reload(false);
      throw error;
    }
  }

  moveBy(workflowId: string, delta: number): Promise<void> {
    return this.moveTo(workflowId, this.cards.findIndex((c) => c.workflowId === workflowId) + delta);
  }

  /** How many cards were added; null when the user cancelled. */
  async importCards(): Promise<number | null> {
    const added = await ipc.importCards(this.#connectionId);
    if (added !== null) await this.#hooks.reload(true);
    return added;
  }

  exportCards(): Promise<boolean> {
    return ipc.exportCards(this.#connectionId);
  }

  /** "Notify me" for one card or a selection: kept with the cards, so it holds across restarts. */
  async setWatched(workflowIds: string[], watched: boolean): Promise<void> {
    const saved = new Map((await ipc.setWatched(this.#connectionId, workflowIds, watched)).map((c) => [c.workflowId, c]));
    this.cards = this.cards.map((c) => saved.get(c.workflowId) ?? c);
    if (watched) void loginOffer.afterBackgroundWork();
  }
}
