import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import DeckPanel from "../src/components/DeckPanel.svelte";
import type { Card } from "../src/lib/types";
import { backend, deckView, quickDeck, refusal, status } from "./backend";

const cards: Card[] = [
  { workflowId: "WKF1", label: "Newsletter" },
  { workflowId: "WKF2", label: "Import" },
  { workflowId: "WKF3", label: "Win-back" },
];

function stageDeck() {
  const deck = quickDeck(deckView("p-stage", "Acme Stage", "stage", cards.map((c) => ({ ...c }))));
  render(DeckPanel, { props: { deck, adding: false, onAddingDone: () => {} } });
  return deck;
}

const titles = () => screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent);

describe("removing a card", () => {
  it("offers Undo, with the keyboard on it, and puts the card back whole in its place", async () => {
    const calls = backend({
      read_workflow: () => status("editing"),
      remove_card: () => null,
      restore_card: () => ({ ...cards[1], tags: ["crm"] }),
    });
    const deck = stageDeck();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Remove Import" }));
    expect(titles()).toEqual(["Newsletter", "Win-back"]);
    expect(screen.getByRole("status", { name: "" }).textContent).toContain("Removed “Import” from Acme Stage.");
    const undo = screen.getByRole("button", { name: "Undo removing Import" });
    await waitFor(() => expect(document.activeElement).toBe(undo));

    await user.keyboard("{Enter}");
    await waitFor(() => expect(titles()).toEqual(["Newsletter", "Import", "Win-back"]));
    expect(deck.list.cards[1]?.tags).toEqual(["crm"]);
    expect(calls.filter((c) => c.cmd === "restore_card").map((c) => c.args)).toEqual([{ connectionId: "p-stage", workflowId: "WKF2" }]);
    expect(screen.queryByTestId("removed-notice")).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("button", { name: "Move Import: arrow keys, or drag" })));
  });

  it("holds the offer while the keyboard is on it, and lets it lapse ten seconds after it leaves", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const calls = backend({ read_workflow: () => status("editing"), remove_card: () => null, restore_card: () => cards[1] });
      stageDeck();
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      await user.click(screen.getByRole("button", { name: "Remove Import" }));
      const undo = screen.getByRole("button", { name: "Undo removing Import" });
      await waitFor(() => expect(document.activeElement).toBe(undo));
      // Focus holds the offer open: it lapses only once the keyboard has left it.
      await vi.advanceTimersByTimeAsync(15_000);
      expect(screen.getByTestId("removed-notice")).toBeTruthy();
      undo.blur();
      await vi.advanceTimersByTimeAsync(10_500);
      expect(screen.queryByTestId("removed-notice")).toBeNull();
      expect(calls.some((c) => c.cmd === "restore_card")).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it("says so when the card can no longer be put back", async () => {
    backend({
      read_workflow: () => status("editing"),
      remove_card: () => null,
      restore_card: () => {
        throw refusal("nothing_to_restore", { connection: "Acme Stage" });
      },
    });
    stageDeck();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Remove Import" }));
    await user.click(screen.getByRole("button", { name: "Undo removing Import" }));
    expect((await screen.findByRole("alert")).textContent).toContain("“WKF2” can no longer be put back on Acme Stage.");
    expect(titles()).toEqual(["Newsletter", "Win-back"]);
  });
});
