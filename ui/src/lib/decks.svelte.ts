// The decks the window knows, one per connection. A deck is its connection's organisation and
// credential and three parts, each with one job: the card list (what the user arranges and
// filters), the traffic (reads, commands and signals to Campaign) and the bulk run. Each deck
// sends only to its own connection: work started on a deck finishes there, whichever deck is
// shown.
import { BulkRun, type BulkOptions } from "./bulkRun.svelte";
import { CardList } from "./cardList.svelte";
import { SvelteMap } from "svelte/reactivity";
import { ipc } from "./ipc";
import { CardTraffic, type TrafficOptions } from "./traffic.svelte";
import type { DeckView, Organisation, TokenStatus } from "./types";

export interface DeckOptions extends TrafficOptions, BulkOptions {}

export class Deck {
  /** The connection every request of this deck goes to. It never changes. */
  readonly connectionId: string;
  organisation = $state<Organisation>() as Organisation;
  credential = $state<TokenStatus>({ state: "missing" });
  setAsideFiles = $state<DeckView["setAsideFiles"]>([]);
  readonly list: CardList;
  readonly traffic: CardTraffic;
  readonly bulk: BulkRun;

  constructor(view: DeckView, options: DeckOptions = {}) {
    this.connectionId = view.organisation.connectionId;
    const revision = () => this.organisation.revision;
    this.traffic = new CardTraffic(this.connectionId, () => this.list.cards, revision, options);
    this.list = new CardList(this.connectionId, {
      status: (workflowId) => this.traffic.status(workflowId),
      arrived: (workflowId) => {
        this.traffic.track(workflowId);
        void this.traffic.refresh(workflowId);
      },
      left: (workflowId) => this.traffic.forget(workflowId),
      reload: async (readDue) => {
        await this.reload();
        if (readDue) void this.traffic.refreshDue();
      },
    });
    this.bulk = new BulkRun(this.list, this.traffic, revision, options);
    this.load(view);
  }

  /** Whether commands of this deck are on their way or waiting to be sent again. */
  sending(): boolean {
    return this.bulk.phase.kind === "running" || this.list.cards.some((c) => this.traffic.busy(c.workflowId));
  }

  /** Takes what the backend says of this deck; what cards are doing now is kept. */
  load(view: DeckView): void {
    this.organisation = view.organisation;
    this.credential = view.credential;
    this.setAsideFiles = view.setAsideFiles;
    this.list.load(view.cards);
    this.traffic.keepOnly(new Set(view.cards.map((c) => c.workflowId)));
  }

  /** Takes the deck as the backend keeps it now. */
  async reload(): Promise<void> {
    this.load(await ipc.openDeck(this.connectionId));
  }

  /** The backend sent a scheduled command to one of this deck's cards: its last command and status follow. */
  async afterScheduled(workflowId: string): Promise<void> {
    const before = this.traffic.status(workflowId);
    await this.reload();
    // As after a click: Campaign applies it asynchronously, so read until the status settles.
    await this.traffic.followUp(workflowId, before);
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
  /** A bulk run is sending on some connection: Flowdeck must not restart now. */
  readonly bulkRunning = $derived([...this.byId.values()].some((d) => d.bulk.phase.kind === "running"));

  readonly busyElsewhere = $derived(
    [...this.byId.values()].filter((d) => d.connectionId !== this.shownId && d.bulk.phase.kind !== "idle" && d.bulk.phase.kind !== "confirming"),
  );

  setOptions(options: DeckOptions): void {
    Object.assign(this.#options, options);
  }

  /** How a workflow is named on a deck's card; its ID where that deck is not open or has no such card. */
  labelOf(connectionId: string, workflowId: string): string {
    return this.byId.get(connectionId)?.list.find(workflowId)?.label ?? workflowId;
  }

  /** Shows a connection's deck, opening it on first use; work on other decks goes on. */
  async show(connectionId: string): Promise<Deck> {
    const view = await ipc.openDeck(connectionId);
    performance.mark("flowdeck:deck-answered");
    let deck = this.byId.get(connectionId);
    if (deck) deck.load(view);
    else {
      deck = new Deck(view, this.#options);
      this.byId.set(connectionId, deck);
    }
    this.shownId = connectionId;
    return deck;
  }

  /** An edited connection's deck, if open, takes its new settings; what its cards are doing stays. */
  async reload(connectionId: string): Promise<void> {
    await this.byId.get(connectionId)?.reload();
  }

  /** The connection was deleted: its deck goes. */
  forget(connectionId: string): void {
    this.byId.delete(connectionId);
    if (this.shownId === connectionId) this.shownId = null;
  }
}

export const decks = new Decks();
