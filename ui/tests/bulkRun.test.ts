// The bulk run on its own: it asks for the cards selected when asked, counts what Adobe advises
// against, and reads again only the cards Campaign accepted.
import { describe, expect, it } from "vitest";
import type { Card } from "../src/lib/types";
import { ADVISED_RUNNING } from "../src/lib/bulkRun.svelte";
import { accepted, backend, deckView, quickDeck, refusal, status } from "./backend";

const cards: Card[] = Array.from({ length: 25 }, (_, i) => ({ workflowId: `WKF${i}`, label: `Workflow ${i}` }));

describe("a bulk run", () => {
  it("confirms the cards selected when asked, even if the selection changes while it asks", () => {
    backend({});
    const deck = quickDeck(deckView("p-stage", "Acme Stage", "stage", cards.slice(0, 3)));
    deck.list.select("WKF0", true);
    deck.list.select("WKF1", true);
    deck.bulk.ask("stop");
    deck.list.select("WKF2", true);
    const phase = deck.bulk.phase;
    expect(phase.kind === "confirming" && phase.cards.map((c) => c.workflowId)).toEqual(["WKF0", "WKF1"]);
    deck.bulk.cancel();
    expect(deck.bulk.phase.kind).toBe("idle");
  });

  it("says how many would run when a start would pass Adobe's advice, counting those already running", async () => {
    backend({ read_workflow: (args) => status(args.workflowId === "WKF24" ? "inProgress" : "editing") });
    const deck = quickDeck(deckView("p-stage", "Acme Stage", "stage", cards));
    await deck.traffic.refreshDue();
    const picked = cards.slice(0, ADVISED_RUNNING);
    expect(deck.bulk.runningBeyondAdvice("start", picked)).toBe(ADVISED_RUNNING + 1);
    expect(deck.bulk.runningBeyondAdvice("start", picked.slice(1))).toBeNull();
    expect(deck.bulk.runningBeyondAdvice("stop", cards)).toBeNull();
  });

  it("reads again only the cards whose command Campaign accepted, and clears the selection when done", async () => {
    const calls = backend({
      read_workflow: () => status("editing"),
      send_command: (args) => {
        if (args.workflowId === "WKF1") throw refusal("command_refused");
        return accepted("start");
      },
    });
    const deck = quickDeck(deckView("p-stage", "Acme Stage", "stage", cards.slice(0, 3)));
    for (const card of cards.slice(0, 3)) deck.list.select(card.workflowId, true);
    deck.bulk.ask("start");
    expect(deck.bulk.includes("WKF0")).toBe(false);
    const run = deck.bulk.run();
    expect(deck.bulk.includes("WKF0")).toBe(true);
    await run;

    const phase = deck.bulk.phase;
    expect(phase.kind === "summary" && phase.results.map((r) => r.state)).toEqual(["accepted", "failed", "accepted"]);
    const reads = calls.filter((c) => c.cmd === "read_workflow").map((c) => c.args.workflowId);
    expect(reads.sort()).toEqual(["WKF0", "WKF2"]);
    deck.bulk.finish();
    expect(deck.list.selection.size).toBe(0);
    expect(deck.bulk.phase.kind).toBe("idle");
  });
});
