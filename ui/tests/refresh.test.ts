import { render, screen } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import WorkflowCard from "../src/components/WorkflowCard.svelte";
import type { Card } from "../src/lib/types";
import { backend, deckView, quickDeck, refusal, status } from "./backend";
import { refreshBackoffMs, refreshClock, startRefreshing } from "../src/lib/refresh.svelte";

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
}

afterEach(() => {
  startRefreshing(0);
  setVisibility("visible");
  vi.useRealTimers();
});

describe("the refresh clock", () => {
  it("ticks on the chosen interval while visible, never while hidden", () => {
    vi.useFakeTimers();
    const start = refreshClock.tick;
    startRefreshing(60);
    vi.advanceTimersByTime(60_000);
    expect(refreshClock.tick).toBe(start + 1);
    setVisibility("hidden");
    vi.advanceTimersByTime(5 * 60_000);
    expect(refreshClock.tick).toBe(start + 1);
    setVisibility("visible");
    document.dispatchEvent(new Event("visibilitychange"));
    expect(refreshClock.tick).toBe(start + 2);
  });

  it("ticks at once when the window regains focus, even with the interval off", () => {
    startRefreshing(0);
    const start = refreshClock.tick;
    window.dispatchEvent(new Event("focus"));
    expect(refreshClock.tick).toBe(start + 1);
  });

  it("backs off longer after each failed refresh, up to a quarter of an hour", () => {
    expect(refreshBackoffMs(0)).toBe(0);
    expect(refreshBackoffMs(1)).toBe(30_000);
    expect(refreshBackoffMs(2)).toBe(60_000);
    expect(refreshBackoffMs(20)).toBe(15 * 60_000);
  });
});

describe("a deck's status reads", () => {
  it("reads every card, then after a failure waits before asking again", async () => {
    let reads = 0;
    let failing = false;
    backend({
      read_workflow: () => {
        reads += 1;
        if (failing) throw refusal("unreachable");
        return status(reads === 1 ? "editing" : "inProgress");
      },
    });
    const deck = quickDeck(deckView("p1", "Acme Stage", "stage", [{ workflowId: "WKF1", label: "Newsletter" }]));
    render(WorkflowCard, { props: { deck, card: deck.list.cards[0] as Card } });
    await deck.traffic.refreshDue();
    expect(await screen.findByText("Editing")).toBeTruthy();
    await deck.traffic.refreshDue();
    expect(await screen.findByText("In progress")).toBeTruthy();
    expect(reads).toBe(2);

    failing = true;
    await deck.traffic.refreshDue();
    expect((await screen.findByRole("alert")).textContent).toContain("could not reach Campaign");
    await deck.traffic.refreshDue();
    expect(reads, "backing off: no read during the wait").toBe(3);
  });

  it("keeps at most eight reads in flight, and does not start a refresh that is still going", async () => {
    let inFlight = 0;
    let most = 0;
    let reads = 0;
    const calls = backend({
      read_workflow: async () => {
        reads += 1;
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        return status("finished");
      },
    });
    const cards = Array.from({ length: 30 }, (_, n) => ({ workflowId: `WKF${n}`, label: `Card ${n}` }));
    const deck = quickDeck(deckView("p1", "Acme Stage", "stage", cards));
    const first = deck.traffic.refreshDue(new Set(["WKF29"]));
    const again = deck.traffic.refreshDue();
    await Promise.all([first, again]);
    expect(reads).toBe(30);
    expect(most).toBe(8);
    expect(calls[0]?.args.workflowId, "the card asked for first is read first").toBe("WKF29");
  });
});
