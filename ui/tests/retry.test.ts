import { describe, expect, it } from "vitest";
import { busyRetryDelay, MAX_BUSY_RETRIES } from "../src/lib/retry";

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
