import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import WorkflowCard from "../src/components/WorkflowCard.svelte";
import { tomorrowAtSix } from "../src/lib/scheduling";
import { schedules } from "../src/lib/schedules.svelte";
import type { Card, ScheduleView } from "../src/lib/types";
import { backend, deckView, quickDeck, refusal, status } from "./backend";

const newsletter: Card = { workflowId: "WKF-NEWSLETTER", label: "Weekly newsletter" };

function stageCard() {
  const deck = quickDeck(deckView("p-stage", "Acme Stage", "stage", [{ ...newsletter }]));
  render(WorkflowCard, { props: { deck, card: deck.list.cards[0] as Card } });
  return deck;
}

function kept(request: Record<string, unknown>): ScheduleView {
  return {
    schedule: {
      id: "s-1",
      connectionId: request.connectionId as string,
      workflowId: request.workflowId as string,
      command: request.command as "start",
      localTime: request.localTime as string,
      repeat: request.repeat as "once",
      handledThroughMs: null,
      handledThroughLocal: null,
      last: null,
      createdMs: 0,
    },
    nextDueMs: Date.UTC(2026, 11, 3, 5, 0),
  };
}

describe("scheduling from a card", () => {
  it("starts at tomorrow 06:00 on the wall clock", () => {
    expect(tomorrowAtSix(new Date(2026, 11, 31, 22, 15))).toBe("2027-01-01T06:00");
  });

  it("schedules for the card's own connection, warns before a Stop, and lists it on the card", async () => {
    const calls = backend({
      read_workflow: () => status("inProgress"),
      add_schedule: (args) => kept((args as { request: Record<string, unknown> }).request),
    });
    stageCard();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "More for Weekly newsletter" }));
    await user.click(screen.getByRole("menuitem", { name: "Schedule…" }));
    await user.selectOptions(screen.getByLabelText("Command"), "stop");
    expect(screen.getByText(/A stopped workflow cannot be resumed/)).toBeTruthy();
    await user.selectOptions(screen.getByLabelText("Repeat"), "weekdays");
    await user.click(screen.getByRole("button", { name: "Schedule" }));
    const requests = calls.filter((c) => c.cmd === "add_schedule").map((c) => c.args.request);
    expect(requests).toEqual([
      { connectionId: "p-stage", workflowId: "WKF-NEWSLETTER", command: "stop", localTime: tomorrowAtSix(), repeat: "weekdays" },
    ]);
    await waitFor(() => expect(screen.getByTestId("card-schedules").textContent).toContain("Stop at"));
    expect(screen.queryByTestId("schedule-form")).toBeNull();
  });

  it("says why a time cannot be scheduled and keeps the form", async () => {
    backend({
      read_workflow: () => status("editing"),
      add_schedule: () => {
        throw refusal("schedule_in_the_past");
      },
    });
    stageCard();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "More for Weekly newsletter" }));
    await user.click(screen.getByRole("menuitem", { name: "Schedule…" }));
    await user.click(screen.getByRole("button", { name: "Schedule" }));
    expect((await screen.findByRole("alert")).textContent).toContain("That time has already passed.");
    expect(screen.getByTestId("schedule-form")).toBeTruthy();
  });
});

describe("a scheduled command that was not sent", () => {
  function missed(reason: "notRunning" | "keyringLocked" | "tooLate"): ScheduleView {
    const view = kept({ connectionId: "p-stage", workflowId: "WKF-NEWSLETTER", command: "start", localTime: "2026-12-03T06:00", repeat: "once" });
    return { ...view, nextDueMs: null, schedule: { ...view.schedule, last: { kind: "missed", dueMs: Date.UTC(2026, 11, 3, 5, 0), reason } } };
  }

  it.each([
    ["notRunning", "Flowdeck was not running"],
    ["keyringLocked", "the keyring was locked, so Flowdeck could not sign in"],
    ["tooLate", "signing in took more than two minutes"],
  ] as const)("says on its card why it was missed (%s)", async (reason, why) => {
    backend({ read_workflow: () => status("editing") });
    schedules.all = [missed(reason)];
    stageCard();
    await waitFor(() => expect(screen.getByTestId("card-schedules").textContent).toContain(why));
  });
});
