import { describe, expect, it } from "vitest";
import { runBulk } from "../src/lib/bulk";

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
      { concurrency: 3, cancelled: () => false },
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
      { concurrency: 1, cancelled: () => cancel },
    );
    expect(sent).toEqual([0, 1]);
    expect(results.map((r) => r.state)).toEqual(["accepted", "accepted", "notSent", "notSent", "notSent", "notSent"]);
  });

  it("counts progress as each card settles", async () => {
    const progress: number[] = [];
    await runBulk([1, 2, 3], async (n) => n, { cancelled: () => false, onSettled: (_, settled) => progress.push(settled) });
    expect(progress).toEqual([1, 2, 3]);
  });
});
