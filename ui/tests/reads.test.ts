import { describe, expect, it } from "vitest";
import { ReadQueue } from "../src/lib/reads";

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a deck's read queue", () => {
  it("sends a read asked for twice while it waits once, and one asked for while on its way once more after", async () => {
    const sent: string[] = [];
    let release = () => {};
    const queue = new ReadQueue(
      (id) => {
        sent.push(id);
        return new Promise<void>((resolve) => (release = resolve));
      },
      1,
    );
    const a = queue.request("WKF1");
    const b = queue.request("WKF2");
    const c = queue.request("WKF2");
    await tick();
    expect(sent).toEqual(["WKF1"]);
    const d = queue.request("WKF1");
    release();
    await a;
    await tick();
    expect(sent).toEqual(["WKF1", "WKF2"]);
    release();
    await Promise.all([b, c]);
    await tick();
    expect(sent, "WKF1 again: it was asked for after its read had left").toEqual(["WKF1", "WKF2", "WKF1"]);
    release();
    await d;
  });

  it("sends the cards asked for first ahead of the rest, never more than the limit at once", async () => {
    const sent: string[] = [];
    let inFlight = 0;
    let most = 0;
    const queue = new ReadQueue(async (id) => {
      sent.push(id);
      inFlight += 1;
      most = Math.max(most, inFlight);
      await tick(2);
      inFlight -= 1;
    }, 8);
    await Promise.all([...Array.from({ length: 40 }, (_, n) => queue.request(`WKF${n}`)), queue.request("WATCHED", true)]);
    expect(sent[0]).toBe("WATCHED");
    expect(sent).toHaveLength(41);
    expect(most).toBe(8);
  });

  it("sends a waiting read ahead of the rest once its card comes on screen, and adds none", async () => {
    const sent: string[] = [];
    const queue = new ReadQueue(async (id) => {
      sent.push(id);
      await tick(2);
    }, 2);
    const all = Array.from({ length: 20 }, (_, n) => queue.request(`WKF${n}`));
    await tick();
    expect(sent).toEqual(["WKF0", "WKF1"]);
    queue.hurry("WKF17");
    queue.hurry("NOT-WAITING");
    await Promise.all(all);
    expect(sent.slice(0, 3)).toEqual(["WKF0", "WKF1", "WKF17"]);
    expect(sent).toHaveLength(20);
  });

  it("sends nothing new while Campaign asked for a pause, then goes on", async () => {
    let now = 0;
    const sent: string[] = [];
    const queue = new ReadQueue(
      async (id) => {
        sent.push(id);
      },
      8,
      () => now,
    );
    queue.hold(1000);
    const read = queue.request("WKF1");
    await tick(20);
    expect(sent).toEqual([]);
    now = 1000;
    await read;
    expect(sent).toEqual(["WKF1"]);
  });
});
