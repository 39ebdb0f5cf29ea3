import { fireEvent, render, waitFor } from "@testing-library/svelte";
import { tick } from "svelte";
import { describe, expect, it } from "vitest";
import DeckPanel from "../src/components/DeckPanel.svelte";
import { FIRST_BATCH } from "../src/lib/batches.svelte";
import type { Card } from "../src/lib/types";
import { backend, deckView, quickDeck, status } from "./backend";
import { layOutOnScreen, scrollNear } from "./screen";

const someCards = (count: number): Card[] => Array.from({ length: count }, (_, n) => ({ workflowId: `WKF${n + 1}`, label: `Card ${n + 1}` }));

function showDeck(cards: Card[]) {
  const calls = backend({ read_workflow: () => status("finished"), list_schedules: () => [], status_timeline: () => ({ timeline: [], lastRunMs: null, usualRunMs: null, usualOfRuns: 0 }) });
  const deck = quickDeck(deckView("p-prod", "Acme Production", "production", cards));
  const { container } = render(DeckPanel, { props: { deck, adding: false, onAddingDone: () => {} } });
  const card = (workflowId: string) => container.querySelector<HTMLElement>(`article[data-workflow-id='${workflowId}']`) as HTMLElement;
  const drawnInFull = () => [...container.querySelectorAll("article.card:not(.shell)")].map((a) => a.getAttribute("data-workflow-id"));
  return { calls, deck, container, card, drawnInFull };
}

describe("a large deck", () => {
  it("shows a screenful of cards at once and the rest soon after, in the deck's order", async () => {
    const cards = someCards(180);
    const { container } = showDeck(cards);
    const shown = () => [...container.querySelectorAll("article.card")].map((card) => card.getAttribute("data-workflow-id"));

    expect(shown()).toEqual(cards.slice(0, FIRST_BATCH).map((c) => c.workflowId));
    await waitFor(() => expect(shown()).toHaveLength(cards.length));
    expect(shown()).toEqual(cards.map((c) => c.workflowId));
  });

  it("draws in full only the cards near the screen; the others are their name, until they come near", async () => {
    const { card, drawnInFull } = showDeck(someCards(180));
    await waitFor(() => expect(card("WKF180")).not.toBeNull());
    expect(drawnInFull()).toEqual([]);
    expect(card("WKF120").textContent?.trim()).toBe("Card 120");

    scrollNear([card("WKF120"), card("WKF121")]);
    await waitFor(() => expect(drawnInFull()).toEqual(["WKF120", "WKF121"]));
    expect(card("WKF120").querySelector("button[data-command='start']")).not.toBeNull();

    scrollNear([card("WKF120")], false);
    await waitFor(() => expect(drawnInFull()).toEqual(["WKF121"]));
  });

  it("draws the cards laid out on screen in full before the page is painted, without waiting for the observer", async () => {
    const onScreen = new Set(["WKF1", "WKF2", "WKF3", "WKF4"]);
    layOutOnScreen((element) => onScreen.has(element.getAttribute("data-workflow-id") ?? ""));
    const { drawnInFull } = showDeck(someCards(180));
    await tick();
    expect(drawnInFull()).toEqual([...onScreen]);
  });

  it("keeps a card drawn while the keyboard is on it or something of it is open, wherever it is scrolled to", async () => {
    const { card, drawnInFull } = showDeck(someCards(60));
    await tick();
    scrollNear([card("WKF7"), card("WKF8")]);
    await waitFor(() => expect(drawnInFull()).toEqual(["WKF7", "WKF8"]));

    const toggleHistory = async (of: string) => {
      await fireEvent.click(card(of).querySelector("[data-action='more']") as HTMLElement);
      await fireEvent.click(card(of).querySelector("[data-action='history']") as HTMLElement);
    };
    await toggleHistory("WKF8");
    card("WKF7").querySelector<HTMLElement>(".handle")?.focus();
    scrollNear([card("WKF7"), card("WKF8")], false);
    await Promise.resolve();
    expect(drawnInFull()).toEqual(["WKF7", "WKF8"]);
    expect(document.activeElement).toBe(card("WKF7").querySelector(".handle"));

    card("WKF7").querySelector<HTMLElement>(".handle")?.blur();
    await toggleHistory("WKF8");
    (document.activeElement as HTMLElement | null)?.blur();
    await waitFor(() => expect(drawnInFull()).toEqual([]));
  });

  it("reads the cards that come on screen before those still off it", async () => {
    const { calls, deck, card } = showDeck(someCards(60));
    await waitFor(() => expect(card("WKF60")).not.toBeNull());
    void deck.traffic.refreshDue();
    await Promise.resolve();
    scrollNear([card("WKF59"), card("WKF60")]);
    await waitFor(() => expect(calls.filter((c) => c.cmd === "read_workflow")).toHaveLength(60));
    const order = calls.filter((c) => c.cmd === "read_workflow").map((c) => c.args.workflowId);
    expect(order.slice(0, 10)).toEqual(["WKF1", "WKF2", "WKF3", "WKF4", "WKF5", "WKF6", "WKF7", "WKF8", "WKF59", "WKF60"]);
  });
});

describe("a small deck", () => {
  it("draws every card in full", () => {
    const cards = someCards(12);
    const { drawnInFull } = showDeck(cards);
    expect(drawnInFull()).toEqual(cards.map((c) => c.workflowId));
  });
});
