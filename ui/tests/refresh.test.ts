import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import { flushSync } from "svelte";
import WorkflowCard from "../src/components/WorkflowCard.svelte";
import { refreshBackoffMs, refreshClock, startRefreshing } from "../src/lib/refresh.svelte";

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
}

afterEach(() => {
  startRefreshing(0);
  setVisibility("visible");
  vi.useRealTimers();
});

describe("the refresh clock", () => {
  it("ticks on the chosen interval while visible, never while hidden", () => {
    vi.useFakeTimers();
    const start = refreshClock.tick;
    startRefreshing(60);
    vi.advanceTimersByTime(60_000);
    expect(refreshClock.tick).toBe(start + 1);
    setVisibility("hidden");
    vi.advanceTimersByTime(5 * 60_000);
    expect(refreshClock.tick).toBe(start + 1);
    setVisibility("visible");
    document.dispatchEvent(new Event("visibilitychange"));
    expect(refreshClock.tick).toBe(start + 2);
  });

  it("ticks at once when the window regains focus, even with the interval off", () => {
    startRefreshing(0);
    const start = refreshClock.tick;
    window.dispatchEvent(new Event("focus"));
    expect(refreshClock.tick).toBe(start + 1);
  });

  it("backs off longer after each failed refresh, up to a quarter of an hour", () => {
    expect(refreshBackoffMs(0)).toBe(0);
    expect(refreshBackoffMs(1)).toBe(30_000);
    expect(refreshBackoffMs(2)).toBe(60_000);
    expect(refreshBackoffMs(20)).toBe(15 * 60_000);
  });
});

describe("a card on the refresh clock", () => {
  it("re-reads its status on a tick, and after a failure waits before trying again", async () => {
    let reads = 0;
    let failing = false;
    mockIPC((cmd) => {
      if (cmd !== "read_workflow") throw new Error(cmd);
      reads += 1;
      if (failing) throw { code: "unreachable", message: "Campaign could not be reached", details: { mayHaveRun: false } };
      return { label: null, status: reads === 1 ? "editing" : "inProgress", unrecognisedStatus: null };
    });
    render(WorkflowCard, { props: { card: { workflowId: "WKF1", label: "Newsletter" }, onRemove: () => {} } });
    expect(await screen.findByText("Editing")).toBeTruthy();

    refreshClock.tick += 1;
    flushSync();
    expect(await screen.findByText("In progress")).toBeTruthy();
    expect(reads).toBe(2);

    failing = true;
    refreshClock.tick += 1;
    flushSync();
    expect((await screen.findByRole("alert")).textContent).toContain("could not reach Campaign");
    refreshClock.tick += 1;
    flushSync();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reads).toBe(3);
  });
});
