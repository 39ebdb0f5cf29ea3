import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import WorkflowCard from "../src/components/WorkflowCard.svelte";
import type { Card, WorkflowRecord } from "../src/lib/types";

const newsletter: Card = { workflowId: "WKF-NEWSLETTER", label: "Weekly newsletter" };

interface Call {
  cmd: string;
  args: Record<string, unknown>;
}

/** A fake backend: answers read_workflow with `records` in turn and send_command with `send`. */
function backend(records: WorkflowRecord[], send: (args: Record<string, unknown>) => unknown = () => accepted("start")) {
  const calls: Call[] = [];
  let reads = 0;
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (cmd === "read_workflow") {
      const record = records[Math.min(reads, records.length - 1)];
      reads += 1;
      return record;
    }
    if (cmd === "send_command") return send(args);
    throw new Error(`unexpected command ${cmd}`);
  });
  return calls;
}

const status = (value: WorkflowRecord["status"]): WorkflowRecord => ({ label: null, status: value, unrecognisedStatus: null });
const accepted = (command: string) => ({ lastCommand: { command, acceptedAtMs: Date.UTC(2026, 10, 22, 9, 30) }, requestId: "sim-1" });
const sends = (calls: Call[]) => calls.filter((c) => c.cmd === "send_command");

function renderCard(card: Card = newsletter) {
  return render(WorkflowCard, { props: { card, onRemove: () => {}, followUpDelaysMs: [5, 5, 5] } });
}

describe("a workflow card", () => {
  it("shows Campaign's status and offers only the commands that make sense in it", async () => {
    backend([status("editing")]);
    renderCard();
    expect(await screen.findByText("Editing")).toBeTruthy();
    const button = (name: string) => screen.getByRole("button", { name }) as HTMLButtonElement;
    expect(button("Start Weekly newsletter").disabled).toBe(false);
    expect(button("Pause Weekly newsletter").disabled).toBe(true);
    expect(button("Resume Weekly newsletter").disabled).toBe(true);
    expect(button("Stop Weekly newsletter").disabled).toBe(true);
  });

  it("keeps every command available when Campaign reports no status", async () => {
    backend([status(null)]);
    renderCard();
    expect(await screen.findByText("Campaign does not report this workflow's status.")).toBeTruthy();
    for (const name of ["Start", "Pause", "Resume", "Stop"]) {
      expect((screen.getByRole("button", { name: `${name} Weekly newsletter` }) as HTMLButtonElement).disabled).toBe(false);
    }
  });

  it("waits while the command is in flight, sends it once, then shows it was requested and the new status", async () => {
    let release: (value: unknown) => void = () => {};
    const calls = backend([status("editing"), status("editing"), status("inProgress")], (args) => {
      expect(args).toEqual({ workflowId: "WKF-NEWSLETTER", command: "start" });
      return new Promise((resolve) => (release = resolve));
    });
    renderCard();
    const user = userEvent.setup();
    const start = await screen.findByRole("button", { name: "Start Weekly newsletter" });
    await waitFor(() => expect((start as HTMLButtonElement).disabled).toBe(false));

    await user.dblClick(start);
    expect(await screen.findByText("Sending Start to Campaign…")).toBeTruthy();
    expect((start as HTMLButtonElement).disabled).toBe(true);
    release(accepted("start"));

    expect(await screen.findByText("Start requested. Campaign accepted it and applies it shortly.")).toBeTruthy();
    expect(await screen.findByText("In progress")).toBeTruthy();
    expect(screen.getByText(/^Last sent by Flowdeck: Start,/)).toBeTruthy();
    expect(sends(calls)).toHaveLength(1);
  });

  it("says what went wrong and what to do, with Adobe's request ID", async () => {
    backend([status(null)], () => {
      throw {
        code: "workflow_not_found",
        message: "Campaign does not know this workflow ID (HTTP 404)",
        details: { httpStatus: 404, adobeCode: "RST-360011", requestId: "req-77", mayHaveRun: false },
      };
    });
    renderCard();
    await userEvent.click(await screen.findByRole("button", { name: "Start Weekly newsletter" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Campaign does not know a workflow with the ID “WKF-NEWSLETTER”.");
    expect(alert.textContent).toContain("Its ID was probably changed in Campaign.");
    expect(alert.textContent).toContain("edit this card (✎) and enter the new ID");
    expect(alert.textContent).toContain("Adobe request ID: req-77");
    expect(screen.queryByText(/requested/)).toBeNull();
  });

  it("after a lost answer, says the command may have run and re-reads the status instead of resending", async () => {
    const calls = backend([status("editing"), status("inProgress")], () => {
      throw { code: "no_answer", message: "Campaign did not answer in time", details: { mayHaveRun: true } };
    });
    renderCard();
    await userEvent.click(await screen.findByRole("button", { name: "Start Weekly newsletter" }));
    expect((await screen.findByRole("alert")).textContent).toContain("The command may or may not have run.");
    expect(await screen.findByText("In progress")).toBeTruthy();
    expect(sends(calls)).toHaveLength(1);
    expect(calls.filter((c) => c.cmd === "read_workflow")).toHaveLength(2);
  });

  it("asks before stopping, and Cancel sends nothing", async () => {
    const calls = backend([status("inProgress")], () => accepted("stop"));
    renderCard();
    const user = userEvent.setup();
    await waitFor(() =>
      expect((screen.getByRole("button", { name: "Stop Weekly newsletter" }) as HTMLButtonElement).disabled).toBe(false),
    );
    await user.click(screen.getByRole("button", { name: "Stop Weekly newsletter" }));
    expect(screen.getByText(/A stopped workflow cannot be resumed/)).toBeTruthy();
    expect(document.activeElement?.textContent).toBe("Cancel");
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(sends(calls)).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Stop Weekly newsletter" }));
    await user.click(screen.getByRole("button", { name: "Stop workflow" }));
    await waitFor(() => expect(sends(calls)).toHaveLength(1));
    expect(sends(calls)[0]?.args).toEqual({ workflowId: "WKF-NEWSLETTER", command: "stop" });
  });
});

describe("a workflow card when Campaign is busy", () => {
  it("waits as asked, says so, and sends again: a 429 means the command did not run", async () => {
    let attempts = 0;
    const calls = backend([status("editing")], () => {
      attempts += 1;
      if (attempts === 1) {
        throw { code: "campaign_busy", message: "Campaign is busy (HTTP 429)", details: { httpStatus: 429, retryAfterSeconds: 1, mayHaveRun: false } };
      }
      return accepted("start");
    });
    renderCard();
    await userEvent.click(await screen.findByRole("button", { name: "Start Weekly newsletter" }));
    expect(await screen.findByText("Campaign is busy. Trying again in 1 s…")).toBeTruthy();
    expect(await screen.findByText("Start requested. Campaign accepted it and applies it shortly.", {}, { timeout: 3000 })).toBeTruthy();
    expect(sends(calls)).toHaveLength(2);
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
