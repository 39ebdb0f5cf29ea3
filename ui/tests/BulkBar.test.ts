import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import BulkBar from "../src/components/BulkBar.svelte";
import type { Card, ConnectionKind } from "../src/lib/types";
import { listenToLiveRegion } from "./live";
import { accepted, backend, deckView, quickDeck, refusal, sends, status } from "./backend";

const cards: Card[] = [
  { workflowId: "WKF1", label: "Newsletter" },
  { workflowId: "WKF2", label: "Import" },
  { workflowId: "WKF3", label: "Win-back" },
];

function selectedDeck(kind: ConnectionKind, name: string) {
  const deck = quickDeck(deckView(`p-${kind}`, name, kind, cards.map((c) => ({ ...c }))));
  for (const card of cards) deck.list.select(card.workflowId, true);
  return deck;
}

describe("a bulk action", () => {
  it("asks once, naming the workflows and the connection, then shows what happened to each", async () => {
    const calls = backend({
      send_command: (args) => {
        if (args.workflowId === "WKF2") throw refusal("command_refused", { httpStatus: 400 });
        return accepted("stop");
      },
      read_workflow: () => status("finished"),
    });
    const deck = selectedDeck("stage", "Acme Stage");
    render(BulkBar, { props: { deck } });
    const user = userEvent.setup();
    expect(screen.getByText("3 workflows selected")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Stop" }));
    expect(screen.getByText("Stop: 3 workflows on Acme Stage?")).toBeTruthy();
    expect(screen.getByTestId("connection-tag").textContent).toContain("Acme Stage · Stage");
    expect(screen.getByText("Newsletter, Import, Win-back")).toBeTruthy();
    expect(screen.getByText(/Stopped workflows cannot be resumed/)).toBeTruthy();
    expect(screen.queryByText(/Production instance/)).toBeNull();
    expect(sends(calls)).toEqual([]);

    await user.click(screen.getByRole("button", { name: "Stop 3 workflows" }));
    expect(await screen.findByText("Stop on Acme Stage: 2 accepted, 1 failed, 0 not sent")).toBeTruthy();
    expect(screen.getByText(/Campaign refused “Stop” for this workflow/)).toBeTruthy();
    expect(sends(calls).map((c) => `${c.args.connectionId} ${c.args.command} ${c.args.workflowId}`).sort()).toEqual([
      "p-stage stop WKF1",
      "p-stage stop WKF2",
      "p-stage stop WKF3",
    ]);
    expect(deck.list.cards.filter((c) => c.lastCommand).map((c) => c.workflowId)).toEqual(["WKF1", "WKF3"]);
  });

  it("counts a command whose answer was lost as may have run, apart from the failures, and never sends it again", async () => {
    const calls = backend({
      send_command: (args) => {
        if (args.workflowId === "WKF2") throw refusal("no_answer", { mayHaveRun: true });
        if (args.workflowId === "WKF3") throw refusal("command_refused", { httpStatus: 400 });
        return accepted("start");
      },
      read_workflow: () => status("inProgress"),
    });
    const deck = selectedDeck("stage", "Acme Stage");
    render(BulkBar, { props: { deck } });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Start" }));
    await user.click(screen.getByRole("button", { name: "Start 3 workflows" }));

    expect(await screen.findByText("Start on Acme Stage: 1 accepted, 1 may have run (check them), 1 failed, 0 not sent")).toBeTruthy();
    const unsure = screen.getByText(/may have run \(check its status\)/);
    expect(unsure.closest("li")?.className).toBe("summary-unsure");
    expect(unsure.closest("li")?.textContent).toContain("Import");
    expect(sends(calls).filter((c) => c.args.workflowId === "WKF2")).toHaveLength(1);
  });

  it("before a Start, says how many of the selected have finished and would run again", async () => {
    const calls = backend({
      read_workflow: (args) => status(args.workflowId === "WKF2" ? "editing" : "finished"),
      send_command: () => accepted("start"),
    });
    const deck = selectedDeck("stage", "Acme Stage");
    await deck.traffic.refreshDue();
    render(BulkBar, { props: { deck } });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Start" }));
    expect(screen.getByTestId("rerun-note").textContent).toBe(
      "2 of them have finished and would run again from the beginning: whatever they send is sent again.",
    );
    expect(sends(calls)).toEqual([]);
  });

  it("on Production says so before any bulk action", async () => {
    backend({});
    render(BulkBar, { props: { deck: selectedDeck("production", "Acme Production") } });
    await userEvent.click(screen.getByRole("button", { name: "Start" }));
    expect(screen.getByText("Start: 3 workflows on Acme Production?")).toBeTruthy();
    expect(screen.getByText(/This is a Production instance/)).toBeTruthy();
  });

  it("Cancel at the confirmation sends nothing", async () => {
    const calls = backend({});
    render(BulkBar, { props: { deck: selectedDeck("development", "Acme Dev") } });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Start" }));
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(calls).toHaveLength(0);
    expect(screen.getByText("3 workflows selected")).toBeTruthy();
  });

  it("tells a screen reader how the run starts and ends, the failures at once", async () => {
    backend({
      send_command: (args) => {
        if (args.workflowId === "WKF2") throw refusal("command_refused", { httpStatus: 400 });
        return accepted("stop");
      },
      read_workflow: () => status("finished"),
    });
    const polite = await listenToLiveRegion("polite");
    const assertive = await listenToLiveRegion("assertive");
    render(BulkBar, { props: { deck: selectedDeck("stage", "Acme Stage") } });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Stop" }));
    await user.click(screen.getByRole("button", { name: "Stop 3 workflows" }));
    await waitFor(() => expect(assertive).toEqual(["Stop on Acme Stage: 2 accepted, 1 failed, 0 not sent"]));
    expect(polite[0]).toBe("Stop on Acme Stage: 0 of 3 done");
    expect(polite.length).toBeLessThanOrEqual(4);
    // The run is over: no progress is left in the polite region to be read later.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.getByTestId("live-polite").textContent).toBe("");
  });

  it("Notify me watches the whole selection in one change, and Stop notifying undoes it", async () => {
    const calls = backend({
      set_watched: (args) => (args.workflowIds as string[]).map((id) => ({ ...cards.find((c) => c.workflowId === id), watched: args.watched })),
    });
    const polite = await listenToLiveRegion("polite");
    const deck = selectedDeck("stage", "Acme Stage");
    render(BulkBar, { props: { deck } });
    const user = userEvent.setup();
    const stop = screen.getByRole("button", { name: "Stop notifying" });
    expect(stop.hasAttribute("disabled")).toBe(true);

    await user.click(screen.getByRole("button", { name: "Notify me" }));
    await waitFor(() => expect(deck.list.cards.every((c) => c.watched)).toBe(true));
    const watchCalls = () => calls.filter((c) => c.cmd === "set_watched");
    expect(watchCalls().map((c) => [c.cmd, c.args])).toEqual([
      ["set_watched", { connectionId: "p-stage", workflowIds: ["WKF1", "WKF2", "WKF3"], watched: true }],
    ]);
    await waitFor(() => expect(polite).toContain("You are notified about 3 workflows on Acme Stage."));
    expect(screen.getByRole("button", { name: "Notify me" }).hasAttribute("disabled")).toBe(true);

    await user.click(screen.getByRole("button", { name: "Stop notifying" }));
    await waitFor(() => expect(deck.list.cards.some((c) => c.watched)).toBe(false));
    expect(watchCalls()).toHaveLength(2);
  });

  it("says why the selection could not be watched, and changes no card", async () => {
    backend({ set_watched: () => { throw refusal("not_a_card", { connection: "Acme Stage" }); } });
    const deck = selectedDeck("stage", "Acme Stage");
    render(BulkBar, { props: { deck } });
    await userEvent.click(screen.getByRole("button", { name: "Notify me" }));
    expect(await screen.findByRole("alert")).toBeTruthy();
    expect(deck.list.cards.some((c) => c.watched)).toBe(false);
  });

  it("before a Start that would leave more than 20 workflows running on the instance, says so", async () => {
    backend({ read_workflow: (args) => status(args.workflowId === "RUN" ? "inProgress" : "editing") });
    const many: Card[] = Array.from({ length: 20 }, (_, i) => ({ workflowId: `WKF${i}`, label: `Workflow ${i}` }));
    const deck = quickDeck(deckView("p-stage", "Acme Stage", "stage", [...many, { workflowId: "RUN", label: "Running" }]));
    await deck.traffic.refreshDue();
    for (const card of many) deck.list.select(card.workflowId, true);
    render(BulkBar, { props: { deck } });
    const user = userEvent.setup();

    await user.click(screen.getByRole("button", { name: "Start" }));
    expect(screen.getByTestId("running-note").textContent).toContain("Afterwards 21 workflows would be running on Acme Stage");
    await user.click(screen.getByRole("button", { name: "Cancel" }));

    await user.click(screen.getByRole("button", { name: "Pause" }));
    expect(screen.queryByTestId("running-note")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Cancel" }));

    deck.list.select("WKF0", false);
    await user.click(screen.getByRole("button", { name: "Start" }));
    expect(screen.queryByTestId("running-note"), "20 is what Adobe advises, not more").toBeNull();
  });
});
