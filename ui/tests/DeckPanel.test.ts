import { render, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import DeckPanel from "../src/components/DeckPanel.svelte";
import { FIRST_BATCH } from "../src/lib/batches.svelte";
import type { Card } from "../src/lib/types";
import { backend, deckView, quickDeck, status } from "./backend";

describe("a large deck", () => {
  it("shows a screenful of cards at once and the rest soon after, in the deck's order", async () => {
    backend({ read_workflow: () => status("finished"), list_schedules: () => [] });
    const cards: Card[] = Array.from({ length: 180 }, (_, n) => ({ workflowId: `WKF${n + 1}`, label: `Card ${n + 1}` }));
    const deck = quickDeck(deckView("p-prod", "Acme Production", "production", cards));
    const { container } = render(DeckPanel, { props: { deck, adding: false, onAddingDone: () => {} } });
    const shown = () => [...container.querySelectorAll("article.card")].map((card) => card.getAttribute("data-workflow-id"));

    expect(shown()).toEqual(cards.slice(0, FIRST_BATCH).map((c) => c.workflowId));
    await waitFor(() => expect(shown()).toHaveLength(cards.length));
    expect(shown()).toEqual(cards.map((c) => c.workflowId));
  });
});
