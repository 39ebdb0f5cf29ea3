// The card list on its own: what is shown and selected, and what its changes tell the rest of
// the deck, every call naming the list's own connection.
import { describe, expect, it } from "vitest";
import { CardList } from "../src/lib/cardList.svelte";
import type { Card, WorkflowStatus } from "../src/lib/types";
import { backend } from "./backend";

const card = (id: string, tags: string[] = []): Card => ({ workflowId: id, label: `Workflow ${id}`, tags });

function list(statuses: Record<string, WorkflowStatus> = {}) {
  const arrived: string[] = [];
  const left: string[] = [];
  const reloads: boolean[] = [];
  const cards = new CardList("p-stage", {
    status: (id) => statuses[id] ?? null,
    arrived: (id) => arrived.push(id),
    left: (id) => left.push(id),
    reload: async (readDue) => {
      reloads.push(readDue);
    },
  });
  cards.load([card("WKF-A", ["crm"]), card("WKF-B"), card("WKF-C", ["crm"])]);
  return { cards, arrived, left, reloads };
}

describe("the card list", () => {
  it("shows the cards that match the search, the status and the tag together", () => {
    const { cards } = list({ "WKF-A": "inProgress", "WKF-C": "finished" });
    expect(cards.allTags).toEqual(["crm"]);
    cards.tagFilter = "crm";
    expect(cards.visibleCards.map((c) => c.workflowId)).toEqual(["WKF-A", "WKF-C"]);
    cards.statusFilter = "finished";
    expect(cards.visibleCards.map((c) => c.workflowId)).toEqual(["WKF-C"]);
    cards.statusFilter = "";
    cards.query = "wkf-a";
    expect(cards.visibleCards.map((c) => c.workflowId)).toEqual(["WKF-A"]);
  });

  it("selects what is shown, and forgets a selected card the backend no longer has", () => {
    const { cards } = list();
    cards.query = "WKF-B";
    cards.selectAllVisible();
    cards.select("WKF-A", true);
    expect(cards.selectedCards.map((c) => c.workflowId)).toEqual(["WKF-A", "WKF-B"]);
    cards.load([card("WKF-B")]);
    expect([...cards.selection]).toEqual(["WKF-B"]);
  });

  it("removes on its own connection, tells the deck, and puts the card back in its place on Undo", async () => {
    const calls = backend({
      remove_card: () => null,
      restore_card: (args) => card(args.workflowId as string, ["crm"]),
    });
    const { cards, arrived, left } = list();
    cards.select("WKF-A", true);
    await cards.remove("WKF-A");
    expect(cards.cards.map((c) => c.workflowId)).toEqual(["WKF-B", "WKF-C"]);
    expect([...cards.selection]).toEqual([]);
    expect(left).toEqual(["WKF-A"]);

    await cards.undoRemove();
    expect(cards.cards.map((c) => c.workflowId)).toEqual(["WKF-A", "WKF-B", "WKF-C"]);
    expect(arrived).toEqual(["WKF-A"]);
    expect(cards.removed).toBeNull();
    expect(calls.map((c) => [c.cmd, c.args.connectionId])).toEqual([
      ["remove_card", "p-stage"],
      ["restore_card", "p-stage"],
    ]);
  });

  it("follows a card to its new ID: the selection moves, the old workflow is forgotten, the new one read", async () => {
    backend({ edit_card: (args) => card(args.newWorkflowId as string) });
    const { cards, arrived, left } = list();
    cards.select("WKF-B", true);
    await cards.edit("WKF-B", "WKF-B2", "Renamed", []);
    expect(cards.cards.map((c) => c.workflowId)).toEqual(["WKF-A", "WKF-B2", "WKF-C"]);
    expect([...cards.selection]).toEqual(["WKF-B2"]);
    expect(left).toEqual(["WKF-B"]);
    expect(arrived).toEqual(["WKF-B2"]);
  });

  it("takes the backend's order again when a move was not saved, without reading every card", async () => {
    backend({
      move_card: () => {
        throw { code: "storage_failed", message: "disk full", details: { mayHaveRun: false } };
      },
    });
    const { cards, reloads } = list();
    await expect(cards.moveBy("WKF-A", 1)).rejects.toMatchObject({ code: "storage_failed" });
    expect(reloads).toEqual([false]);
  });
});
