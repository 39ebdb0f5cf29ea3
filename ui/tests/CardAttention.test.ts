import { render, screen } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import CardAttention from "../src/components/CardAttention.svelte";
import StatusLine from "../src/components/StatusLine.svelte";

const NOW = Date.UTC(2026, 11, 5, 9, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("a status that has lasted", () => {
  beforeEach(() => vi.useFakeTimers({ now: NOW, toFake: ["Date"] }));
  afterEach(() => vi.useRealTimers());

  it("says when Campaign stops a workflow paused for five days, and that Resume keeps it", () => {
    render(CardAttention, { props: { status: "warning", sinceMs: NOW - 5 * DAY, lastCommand: null } });
    const said = screen.getByTestId("stops-soon").textContent ?? "";
    expect(said).toContain("this one in 2 days");
    expect(said).toContain("Resume it to keep it going.");
  });

  it("says a failed one must be fixed first, and one past its week may be stopped any time", () => {
    render(CardAttention, { props: { status: "erroneous", sinceMs: NOW - 8 * DAY, lastCommand: null } });
    const said = screen.getByTestId("stops-soon").textContent ?? "";
    expect(said).toContain("it may be stopped at any time");
    expect(said).toContain("Fix what failed, then Resume it.");
  });

  it("calls a Stop stuck after a quarter of an hour, with Adobe's remedies, and not before", () => {
    const stop = { command: "stop" as const, acceptedAtMs: NOW - 40 * 60_000 };
    const { unmount } = render(CardAttention, { props: { status: "inTransition", sinceMs: NOW - 10 * 60_000, lastCommand: stop } });
    expect(screen.queryByTestId("stuck")).toBeNull();
    unmount();
    render(CardAttention, { props: { status: "inTransition", sinceMs: NOW - 40 * 60_000, lastCommand: stop } });
    const said = screen.getByTestId("stuck").textContent ?? "";
    expect(said).toContain("Stopping began 40 minutes ago and has not finished.");
    expect(said).toContain("Do not send another Stop");
    expect(said).toContain("stop it unconditionally in Campaign's console");
    expect(said).not.toContain("more than 20 workflows");
  });

  it("on Campaign v8, counts the instance's own period and uses v8's words", () => {
    const v8 = { product: "v8" as const, stopsPausedAfterDays: 28 };
    render(CardAttention, { props: { status: "warning", sinceMs: NOW - 5 * DAY, lastCommand: null, product: v8 } });
    expect(screen.getByTestId("stops-soon").textContent).toContain("for 28 days: this one in 23 days");
    render(StatusLine, {
      props: { record: { label: null, status: "warning", unrecognisedStatus: null, signals: [], aborted: false }, reading: false, lastCommand: null, product: v8 },
    });
    expect(screen.getByTestId("status").textContent).toBe("Paused");
  });

  it("says nothing of a workflow running or finished", () => {
    render(CardAttention, { props: { status: "inProgress", sinceMs: NOW - 30 * DAY, lastCommand: null } });
    expect(screen.queryByTestId("stops-soon")).toBeNull();
    expect(screen.queryByTestId("stuck")).toBeNull();
  });
});
