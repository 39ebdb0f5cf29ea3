// The deck store: each connection's deck keeps its own cards, sends and bulk runs, and every
// request names that deck's connection, whichever deck the window shows meanwhile.
import { describe, expect, it } from "vitest";
import { Decks } from "../src/lib/decks.svelte";
import type { Card } from "../src/lib/types";
import { accepted, backend, deckView, refusal, sends, status } from "./backend";

const shared: Card[] = ["WKF1", "WKF2", "WKF3", "WKF4"].map((id) => ({ workflowId: id, label: `Workflow ${id}` }));
const views = {
  stage: deckView("p-stage", "Acme Stage", "stage", shared),
  production: deckView("p-production", "Acme Production", "production", shared),
};

function twoConnections(send: (args: Record<string, unknown>) => unknown) {
  const calls = backend({
    open_deck: (args) => structuredClone(args.connectionId === "p-stage" ? views.stage : views.production),
    send_command: send,
    read_workflow: () => status(null),
  });
  return { calls, decks: new Decks({ followUpDelaysMs: [5], bulkFollowUpMs: 5 }) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("decks keyed by connection", () => {
  it("a bulk run started on Stage finishes on Stage after the window switches to Production", async () => {
    const { calls, decks } = twoConnections(async (args) => {
      await sleep(20);
      return accepted(args.command as "start");
    });
    const stage = await decks.show("p-stage");
    for (const card of shared) stage.list.select(card.workflowId, true);
    stage.bulk.ask("start");
    const run = stage.bulk.run();

    await sleep(5);
    const production = await decks.show("p-production");
    expect(decks.shown).toBe(production);
    expect(decks.busyElsewhere).toEqual([stage]);
    await run;

    expect(sends(calls).map((c) => c.args.connectionId)).toEqual(["p-stage", "p-stage", "p-stage", "p-stage"]);
    expect(stage.bulk.phase.kind).toBe("summary");
    expect(stage.list.cards.every((c) => c.lastCommand?.command === "start")).toBe(true);
    expect(production.list.cards.some((c) => c.lastCommand), "nothing was sent to Production's cards").toBe(false);
    expect(production.bulk.phase.kind).toBe("idle");

    // Back on Stage, its results are still there.
    expect(await decks.show("p-stage")).toBe(stage);
    expect(stage.bulk.phase.kind).toBe("summary");
  });

  it("a Stage bulk run edited halfway sends nothing more, to the new settings or the old, and keeps its summary", async () => {
    // The backend as it is: a command names the revision its work began on, and is refused
    // once the connection was saved since.
    let revision = 0;
    const many: Card[] = Array.from({ length: 16 }, (_, i) => ({ workflowId: `WKF${i}`, label: `Workflow ${i}` }));
    const calls = backend({
      open_deck: () => ({ ...deckView("p-stage", "Acme Stage", "stage", structuredClone(many)), organisation: { ...views.stage.organisation, revision } }),
      read_workflow: () => status(null),
      send_command: async (args) => {
        await sleep(15);
        if (args.revision !== revision) throw refusal("connection_changed", { connection: "Acme Stage" });
        return accepted(args.command as "stop");
      },
    });
    const decks = new Decks({ followUpDelaysMs: [5], bulkFollowUpMs: 5 });
    const stage = await decks.show("p-stage");
    for (const card of many) stage.list.select(card.workflowId, true);
    stage.bulk.ask("stop");
    const run = stage.bulk.run();

    await sleep(25);
    // The user corrects Stage's tenant and saves: the window takes the new settings.
    revision = 1;
    await decks.reload("p-stage");
    await run;

    const sent = sends(calls);
    expect(sent.every((c) => c.args.connectionId === "p-stage" && c.args.revision === 0), "the run named the revision it began on").toBe(true);
    expect(decks.byId.get("p-stage"), "the deck and its summary stay").toBe(stage);
    const phase = stage.bulk.phase;
    if (phase.kind !== "summary") throw new Error(`no summary: ${phase.kind}`);
    const states = phase.results.map((r) => (r.state === "failed" ? r.error.code : r.state));
    expect(states.filter((s) => s === "accepted").length).toBeGreaterThan(0);
    expect(states.filter((s) => s === "connection_changed").length).toBeGreaterThan(0);
    expect(states.every((s) => s === "accepted" || s === "connection_changed")).toBe(true);
    expect(stage.organisation.revision).toBe(1);
  });

  it("knows which cards are in the bulk run while it runs, and none after", async () => {
    const { decks } = twoConnections(async (args) => {
      await sleep(20);
      return accepted(args.command as "start");
    });
    const stage = await decks.show("p-stage");
    stage.list.select("WKF2", true);
    stage.list.select("WKF3", true);
    stage.bulk.ask("start");
    expect(stage.bulk.includes("WKF2"), "not while it is only asked").toBe(false);
    const run = stage.bulk.run();

    expect(["WKF1", "WKF2", "WKF3", "WKF4"].map((id) => stage.bulk.includes(id))).toEqual([false, true, true, false]);
    await run;
    expect(stage.bulk.includes("WKF2")).toBe(false);
  });

  it("a card's busy-retry countdown goes on to its own connection after a switch", async () => {
    let attempts = 0;
    const { calls, decks } = twoConnections((args) => {
      attempts += 1;
      if (attempts === 1) throw refusal("campaign_busy", { retryAfterSeconds: 1 });
      return accepted(args.command as "pause");
    });
    const stage = await decks.show("p-stage");
    const sent = stage.traffic.send("WKF2", "pause");
    await sleep(10);
    expect(stage.traffic.sending("WKF2").retryingIn).toBe(1);
    await decks.show("p-production");
    await sent;

    expect(sends(calls).map((c) => `${c.args.connectionId} ${c.args.workflowId}`)).toEqual(["p-stage WKF2", "p-stage WKF2"]);
    expect(stage.traffic.sending("WKF2").requested).toBe("pause");
    expect(decks.shown?.traffic.sending("WKF2").requested ?? null).toBeNull();
  });

  it("a card already sending is not sent to again from the window", async () => {
    const { calls, decks } = twoConnections(async (args) => {
      await sleep(20);
      return accepted(args.command as "start");
    });
    const stage = await decks.show("p-stage");
    const first = stage.traffic.send("WKF1", "start");
    await expect(stage.traffic.send("WKF1", "start")).rejects.toMatchObject({ code: "already_sending" });
    await first;
    expect(sends(calls)).toHaveLength(1);
  });

  it("cancelling a bulk run cuts a busy wait short and sends nothing more", async () => {
    const { calls, decks } = twoConnections(() => {
      throw refusal("campaign_busy", { retryAfterSeconds: 30 });
    });
    const stage = await decks.show("p-stage");
    for (const card of shared) stage.list.select(card.workflowId, true);
    stage.bulk.ask("start");
    const run = stage.bulk.run();
    await sleep(20);
    stage.bulk.cancel();
    const started = Date.now();
    await run;
    expect(Date.now() - started).toBeLessThan(1500);
    // All four went out at once (a run starts with four in flight); after the cancel none is
    // sent again, although Campaign only asked for a wait.
    expect(sends(calls)).toHaveLength(4);
    const summary = stage.bulk.phase;
    expect(summary.kind === "summary" && summary.results.map((r) => r.state)).toEqual(["failed", "failed", "failed", "failed"]);
  });

  it("reads a card's status as soon as it is added", async () => {
    const calls = backend({
      open_deck: () => structuredClone(views.stage),
      add_card: (args) => ({ workflowId: args.workflowId, label: "New" }),
      read_workflow: () => status("editing"),
    });
    const decks = new Decks();
    const stage = await decks.show("p-stage");
    await stage.list.add("WKF9", "");
    await sleep(5);
    expect(calls.filter((c) => c.cmd === "read_workflow").map((c) => `${c.args.connectionId} ${c.args.workflowId}`)).toEqual(["p-stage WKF9"]);
    expect(stage.traffic.status("WKF9")).toBe("editing");
  });
});
