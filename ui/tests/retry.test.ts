import { describe, expect, it } from "vitest";
import { busyRetryDelay, MAX_BUSY_RETRIES, withBusyRetry } from "../src/lib/retry";
import { refusal } from "./backend";

describe("retrying a busy Campaign", () => {
  it("waits exactly as long as Retry-After asks", () => {
    expect(busyRetryDelay(0, 7)).toBe(7);
    expect(busyRetryDelay(2, 0)).toBe(0);
  });

  it("backs off with jitter when Campaign names no wait", () => {
    expect(busyRetryDelay(0, undefined, () => 0)).toBe(2);
    expect(busyRetryDelay(1, undefined, () => 0)).toBe(4);
    expect(busyRetryDelay(1, undefined, () => 1)).toBe(6);
  });

  it("gives up after a few tries, or when the wait is too long to sit through", () => {
    expect(busyRetryDelay(MAX_BUSY_RETRIES, 1)).toBeNull();
    expect(busyRetryDelay(0, 600)).toBeNull();
  });
});

describe("sending while Campaign is busy", () => {
  const noSleep = async () => {};

  it("waits as Campaign asks, counting down, then sends again", async () => {
    const waits: (number | null)[] = [];
    let calls = 0;
    const result = await withBusyRetry(
      async () => {
        calls += 1;
        if (calls === 1) throw refusal("campaign_busy", { retryAfterSeconds: 3 });
        return "ok";
      },
      { cancelled: () => false, onWait: (left) => waits.push(left), sleep: noSleep },
    );
    expect(result).toBe("ok");
    expect(calls).toBe(2);
    expect(waits).toEqual([3, 2, 1, null]);
  });

  it("never sends again after anything but busy: a lost answer may have run", async () => {
    let calls = 0;
    await expect(
      withBusyRetry(
        async () => {
          calls += 1;
          throw refusal("no_answer", { mayHaveRun: true });
        },
        { cancelled: () => false, sleep: noSleep },
      ),
    ).rejects.toMatchObject({ code: "no_answer" });
    expect(calls).toBe(1);
  });

  it("a cancel cuts a wait short and sends nothing more", async () => {
    let cancel = false;
    let calls = 0;
    let slept = 0;
    await expect(
      withBusyRetry(
        async () => {
          calls += 1;
          throw refusal("campaign_busy", { retryAfterSeconds: 30 });
        },
        {
          cancelled: () => cancel,
          sleep: async () => {
            slept += 1;
            if (slept === 2) cancel = true;
          },
        },
      ),
    ).rejects.toMatchObject({ code: "campaign_busy" });
    expect(calls).toBe(1);
    expect(slept).toBe(2);
  });
});
