import { describe, expect, it } from "vitest";
import { runBulk } from "../src/lib/bulk";
import { Pace } from "../src/lib/pace";

describe("a bulk action", () => {
  it("never has more than the allowed number of requests in flight, and reports each card", async () => {
    let inFlight = 0;
    let most = 0;
    const results = await runBulk(
      Array.from({ length: 20 }, (_, i) => i),
      async (n) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        if (n === 7) throw { code: "command_refused", message: "no", details: { mayHaveRun: false } };
        return n * 10;
      },
      { pace: new Pace(3, 3), cancelled: () => false },
    );
    expect(most).toBe(3);
    expect(results.filter((r) => r.state === "accepted")).toHaveLength(19);
    expect(results[7]).toMatchObject({ state: "failed", error: { code: "command_refused" } });
    expect(results[3]).toEqual({ state: "accepted", value: 30 });
  });

  it("on cancel sends nothing more, and keeps what was already sent", async () => {
    let cancel = false;
    const sent: number[] = [];
    const results = await runBulk(
      [0, 1, 2, 3, 4, 5],
      async (n) => {
        sent.push(n);
        if (n === 1) cancel = true;
        return n;
      },
      { pace: new Pace(1, 1), cancelled: () => cancel },
    );
    expect(sent).toEqual([0, 1]);
    expect(results.map((r) => r.state)).toEqual(["accepted", "accepted", "notSent", "notSent", "notSent", "notSent"]);
  });

  it("counts progress as each card settles", async () => {
    const progress: number[] = [];
    await runBulk([1, 2, 3], async (n) => n, { cancelled: () => false, onSettled: (_, settled) => progress.push(settled) });
    expect(progress).toEqual([1, 2, 3]);
  });

  it("starts with 4 in flight and grows to 8 while Campaign answers normally", async () => {
    const inFlightAtEachStart: number[] = [];
    let inFlight = 0;
    await runBulk(
      Array.from({ length: 60 }, (_, i) => i),
      async () => {
        inFlight += 1;
        inFlightAtEachStart.push(inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight -= 1;
      },
      { cancelled: () => false },
    );
    expect(Math.max(...inFlightAtEachStart.slice(0, 4))).toBe(4);
    expect(Math.max(...inFlightAtEachStart)).toBe(8);
  });

  it("halves what is in flight when Campaign is busy, and starts nothing more until its Retry-After has passed", async () => {
    let now = 0;
    const pace = new Pace(8, 8, () => now);
    const started: number[] = [];
    let busyOnce = true;
    const run = runBulk(
      Array.from({ length: 20 }, (_, i) => i),
      async (n, p) => {
        started.push(n);
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (busyOnce) {
          busyOnce = false;
          p.busy(2);
          throw { code: "campaign_busy", message: "busy", details: { mayHaveRun: false, retryAfterSeconds: 2 } };
        }
      },
      { pace, cancelled: () => false },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pace.limit).toBe(4);
    expect(started, "the 8 started at once, then nothing during the wait").toHaveLength(8);
    now = 2000;
    const results = await run;
    expect(started).toHaveLength(20);
    expect(results.filter((r) => r.state === "failed")).toHaveLength(1);
  });
});
