// A deck's traffic on its own: one thing at a time per workflow, and a command that may have run
// is never sent again; the card reads Campaign instead.
import { describe, expect, it } from "vitest";
import { CardTraffic } from "../src/lib/traffic.svelte";
import type { Card } from "../src/lib/types";
import { accepted, backend, refusal, sends, status } from "./backend";

const cards: Card[] = [{ workflowId: "WKF-A", label: "A" }];

function traffic() {
  const lane = new CardTraffic("p-stage", () => cards, () => 0, { followUpDelaysMs: [5] });
  lane.track("WKF-A");
  return lane;
}

describe("a deck's traffic", () => {
  it("refuses a second command while one is on its way, without asking the backend", async () => {
    let answer = (_: unknown) => {};
    const calls = backend({
      send_command: () => new Promise((resolve) => (answer = resolve)),
      read_workflow: () => status("inProgress"),
    });
    const lane = traffic();
    const first = lane.send("WKF-A", "start", { followUp: false });
    await expect(lane.send("WKF-A", "stop")).rejects.toMatchObject({ code: "already_sending" });
    answer(accepted("start"));
    await first;
    expect(sends(calls).map((c) => [c.args.connectionId, c.args.command])).toEqual([["p-stage", "start"]]);
    expect(cards[0]?.lastCommand?.command).toBe("start");
  });

  it("never resends a command whose answer was lost, and reads the workflow instead", async () => {
    const calls = backend({
      send_command: () => {
        throw refusal("no_answer", { mayHaveRun: true });
      },
      read_workflow: () => status("inProgress"),
    });
    const lane = traffic();
    await expect(lane.send("WKF-A", "start")).rejects.toMatchObject({ code: "no_answer" });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(sends(calls)).toHaveLength(1);
    expect(calls.some((c) => c.cmd === "read_workflow" && c.args.connectionId === "p-stage")).toBe(true);
    expect(lane.sending("WKF-A").problem?.error.details.mayHaveRun).toBe(true);
    expect(lane.status("WKF-A")).toBe("inProgress");
  });
});
