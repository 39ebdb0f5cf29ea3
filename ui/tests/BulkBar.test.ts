import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import BulkBar from "../src/components/BulkBar.svelte";
import type { Card } from "../src/lib/types";

const cards: Card[] = [
  { workflowId: "WKF1", label: "Newsletter" },
  { workflowId: "WKF2", label: "Import" },
  { workflowId: "WKF3", label: "Win-back" },
];

describe("a bulk action", () => {
  it("asks once, naming the workflows, then shows progress and what happened to each", async () => {
    const sent: string[] = [];
    mockIPC((cmd, payload) => {
      const args = payload as { workflowId: string; command: string };
      if (cmd !== "send_command") throw new Error(cmd);
      sent.push(`${args.command} ${args.workflowId}`);
      if (args.workflowId === "WKF2") {
        throw { code: "command_refused", message: "refused", details: { httpStatus: 400, mayHaveRun: false } };
      }
      return { lastCommand: { command: args.command, acceptedAtMs: 1 }, requestId: "r" };
    });
    const accepted: string[] = [];
    render(BulkBar, {
      props: { selected: cards, visibleCount: 5, onSelectAll: () => {}, onClear: () => {}, onAccepted: (id: string) => accepted.push(id) },
    });
    const user = userEvent.setup();
    expect(screen.getByText("3 workflows selected")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Stop" }));
    expect(screen.getByText("Stop: 3 workflows?")).toBeTruthy();
    expect(screen.getByText("Newsletter, Import, Win-back")).toBeTruthy();
    expect(screen.getByText(/Stopped workflows cannot be resumed/)).toBeTruthy();
    expect(sent).toEqual([]);

    await user.click(screen.getByRole("button", { name: "Stop 3 workflows" }));
    expect(await screen.findByText("Stop: 2 accepted, 1 failed, 0 not sent")).toBeTruthy();
    expect(screen.getByText(/Campaign refused “Stop” for this workflow/)).toBeTruthy();
    expect(sent.sort()).toEqual(["stop WKF1", "stop WKF2", "stop WKF3"]);
    expect(accepted.sort()).toEqual(["WKF1", "WKF3"]);
  });

  it("Cancel at the confirmation sends nothing", async () => {
    let sends = 0;
    mockIPC(() => {
      sends += 1;
    });
    render(BulkBar, { props: { selected: cards, visibleCount: 3, onSelectAll: () => {}, onClear: () => {}, onAccepted: () => {} } });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Start" }));
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(sends).toBe(0);
    expect(screen.getByText("3 workflows selected")).toBeTruthy();
  });
});
