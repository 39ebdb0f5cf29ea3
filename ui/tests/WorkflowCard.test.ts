import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import StatusHistory from "../src/components/StatusHistory.svelte";
import WorkflowCard from "../src/components/WorkflowCard.svelte";
import type { Card, WorkflowRecord } from "../src/lib/types";
import { finishedSince } from "../src/lib/workflow";
import { listenToLiveRegion } from "./live";
import { accepted, backend, deckView, quickDeck, refusal, sends, status } from "./backend";

const newsletter: Card = { workflowId: "WKF-NEWSLETTER", label: "Weekly newsletter" };

/** Answers read_workflow with `records` in turn and send_command with `send`. */
function campaign(records: WorkflowRecord[], send: (args: Record<string, unknown>) => unknown = () => accepted("start")) {
  let reads = 0;
  return backend({
    read_workflow: () => {
      const record = records[Math.min(reads, records.length - 1)];
      reads += 1;
      return record;
    },
    send_command: send,
  });
}

function renderCardWithUnmount(card: Card = newsletter) {
  const deck = quickDeck(deckView("p-production", "Acme Production", "production", [card]));
  void deck.traffic.refreshDue();
  const rendered = render(WorkflowCard, { props: { deck, card: deck.list.cards[0] as Card } });
  return { deck, unmount: rendered.unmount };
}

function renderCard(card: Card = newsletter) {
  return renderCardWithUnmount(card).deck;
}

describe("a workflow card", () => {
  it("shows Campaign's status and offers only the commands that make sense in it", async () => {
    campaign([status("editing")]);
    renderCard();
    expect(await screen.findByText("Editing")).toBeTruthy();
    const button = (name: string) => screen.getByRole("button", { name }) as HTMLButtonElement;
    expect(button("Start Weekly newsletter").disabled).toBe(false);
    expect(button("Pause Weekly newsletter").disabled).toBe(true);
    expect(button("Resume Weekly newsletter").disabled).toBe(true);
    expect(button("Stop Weekly newsletter").disabled).toBe(true);
  });

  it("offers the commands Adobe's words allow in each status, and none while one takes effect", async () => {
    const offered: Record<string, string[]> = {
      warning: ["Start", "Resume", "Stop"],
      erroneous: ["Start", "Resume", "Stop"],
      finished: ["Start"],
      inTransition: [],
    };
    for (const [state, commands] of Object.entries(offered)) {
      campaign([status(state as never)]);
      const { unmount } = renderCardWithUnmount();
      await screen.findByTestId("status");
      const enabled = ["Start", "Pause", "Resume", "Stop"].filter(
        (name) => !(screen.getByRole("button", { name: `${name} Weekly newsletter` }) as HTMLButtonElement).disabled,
      );
      expect(enabled, state).toEqual(commands);
      if (state === "inTransition") {
        expect(screen.getByText("In transition")).toBeTruthy();
        expect(screen.getByText(/still carrying out the last command/)).toBeTruthy();
      }
      unmount();
    }
  });

  it("offers only Start on a workflow its error management stopped (v8's Abort), and says why", async () => {
    campaign([{ ...status("erroneous"), aborted: true }]);
    renderCard();
    expect(await screen.findByText("Erroneous")).toBeTruthy();
    const enabled = ["Start", "Pause", "Resume", "Stop"].filter(
      (command) => !(screen.getByRole("button", { name: `${command} Weekly newsletter` }) as HTMLButtonElement).disabled,
    );
    expect(enabled).toEqual(["Start"]);
    expect(screen.getByTestId("aborted").textContent).toContain("only Start applies");
    expect(screen.queryByTestId("stops-soon")).toBeNull();
  });

  it("keeps every command available when Campaign reports no status", async () => {
    campaign([status(null)]);
    renderCard();
    expect(await screen.findByText("Campaign does not report this workflow's status.")).toBeTruthy();
    for (const name of ["Start", "Pause", "Resume", "Stop"]) {
      expect((screen.getByRole("button", { name: `${name} Weekly newsletter` }) as HTMLButtonElement).disabled).toBe(false);
    }
  });

  it("waits while the command is in flight, sends it once, then shows it was requested and the new status", async () => {
    let release: (value: unknown) => void = () => {};
    const calls = campaign([status("editing"), status("editing"), status("inProgress")], (args) => {
      expect(args).toEqual({ connectionId: "p-production", revision: 0, workflowId: "WKF-NEWSLETTER", command: "start" });
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
    campaign([status(null)], () => {
      throw refusal("workflow_not_found", { httpStatus: 404, adobeCode: "RST-360011", requestId: "req-77" });
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

  it("on Campaign v8, says a refusal may mean the profiles the move to v8 gave were taken away", async () => {
    const refused = () => {
      throw refusal("access_denied", { httpStatus: 403 });
    };
    campaign([status("editing")], refused);
    const view = deckView("p-v8", "Acme v8", "production", [newsletter]);
    view.organisation.product = { product: "v8", stopsPausedAfterDays: 30 };
    const v8 = quickDeck(view);
    render(WorkflowCard, { props: { deck: v8, card: v8.list.cards[0] as Card } });
    await userEvent.click(await screen.findByRole("button", { name: "Start Weekly newsletter" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Campaign refused access.");
    expect(alert.textContent).toContain("Administrator and Message center profiles");
  });

  it("after a lost answer, says the command may have run and re-reads the status until it moves, never resending", async () => {
    // Campaign applies commands asynchronously: the first read after the lost answer may
    // still show the old status.
    const calls = campaign([status("editing"), status("editing"), status("inProgress")], () => {
      throw refusal("no_answer", { mayHaveRun: true });
    });
    renderCard();
    await userEvent.click(await screen.findByRole("button", { name: "Start Weekly newsletter" }));
    expect((await screen.findByRole("alert")).textContent).toContain("The command may or may not have run.");
    expect(await screen.findByText("In progress")).toBeTruthy();
    expect(sends(calls)).toHaveLength(1);
    expect(calls.filter((c) => c.cmd === "read_workflow")).toHaveLength(3);
  });

  it("asks before stopping, and Cancel sends nothing", async () => {
    const calls = campaign([status("inProgress")], () => accepted("stop"));
    renderCard();
    const user = userEvent.setup();
    await waitFor(() =>
      expect((screen.getByRole("button", { name: "Stop Weekly newsletter" }) as HTMLButtonElement).disabled).toBe(false),
    );
    await user.click(screen.getByRole("button", { name: "Stop Weekly newsletter" }));
    expect(screen.getByText(/^Stop “Weekly newsletter” on Acme Production\? A stopped workflow cannot be resumed/)).toBeTruthy();
    expect(document.activeElement?.textContent).toBe("Cancel");
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(sends(calls)).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Stop Weekly newsletter" }));
    await user.click(screen.getByRole("button", { name: "Stop workflow" }));
    await waitFor(() => expect(sends(calls)).toHaveLength(1));
    expect(sends(calls)[0]?.args).toEqual({ connectionId: "p-production", revision: 0, workflowId: "WKF-NEWSLETTER", command: "stop" });
  });
});

describe("a card's menu", () => {
  it("keeps Start, Pause, Resume and Stop in front and the rest one step away, for the keyboard too", async () => {
    campaign([status("inProgress")]);
    renderCard();
    await screen.findByText("In progress");
    const front = [...document.querySelectorAll(".commands button")].map((b) => b.textContent);
    expect(front).toEqual(["Start", "Pause", "Resume", "Stop"]);
    expect(screen.queryByRole("menu")).toBeNull();

    const user = userEvent.setup();
    const more = screen.getByRole("button", { name: "More for Weekly newsletter" });
    more.focus();
    await user.keyboard("{ArrowDown}");
    const menu = await screen.findByRole("menu", { name: "More for Weekly newsletter" });
    const items = [...menu.querySelectorAll("[role^='menuitem']")].map((item) => item.firstChild?.textContent);
    expect(items).toEqual(["Restart…", "Schedule…", "Notify me", "Copy link", "Status history"]);
    expect(document.activeElement?.textContent).toBe("Restart…");
    await user.keyboard("{ArrowUp}");
    expect(document.activeElement?.textContent).toBe("Status history");
    await user.keyboard("{Home}{ArrowDown}");
    expect(document.activeElement?.textContent).toBe("Schedule…");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("menu")).toBeNull();
    expect(document.activeElement).toBe(more);

    // Enter opens it, the arrows reach Status history, Enter shows it and closes the menu.
    await user.keyboard("{Enter}");
    await user.keyboard("{End}{Enter}");
    expect(screen.queryByRole("menu")).toBeNull();
    expect(await screen.findByRole("heading", { name: /Status history/ })).toBeTruthy();
    await user.click(more);
    expect(screen.getByRole("menuitemcheckbox", { name: "Status history" }).getAttribute("aria-checked")).toBe("true");
  });
});

describe("Start on a workflow that has finished", () => {
  it("says when it finished and that it runs again from the beginning, and sends only when asked to", async () => {
    const twelveMinutesAgo = Date.now() - 12 * 60_000;
    const calls = backend({
      read_workflow: () => status("finished"),
      send_command: () => accepted("start"),
      status_timeline: () => ({
        timeline: [
          { status: "inProgress", atMs: twelveMinutesAgo - 3_600_000 },
          { status: "finished", atMs: twelveMinutesAgo },
          { status: "finished", atMs: Date.now() - 60_000 },
        ],
        lastRunMs: 3_600_000,
        usualRunMs: null,
        usualOfRuns: 1,
      }),
    });
    renderCard();
    const user = userEvent.setup();
    const start = screen.getByRole("button", { name: "Start Weekly newsletter" }) as HTMLButtonElement;
    await waitFor(() => expect(start.disabled).toBe(false));
    await user.click(start);
    await waitFor(() =>
      expect(screen.getByTestId("confirm-question").textContent).toBe(
        "“Weekly newsletter” on Acme Production finished 12 minutes ago. Start runs it again from the beginning: whatever it sends is sent again.",
      ),
    );
    expect(document.activeElement?.textContent).toBe("Cancel");
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(sends(calls)).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Start Weekly newsletter" }));
    await user.click(screen.getByRole("button", { name: "Run it again" }));
    await waitFor(() => expect(sends(calls)).toHaveLength(1));
  });

  it("starts a workflow that never ran without asking", async () => {
    const calls = campaign([status("editing")]);
    renderCard();
    const user = userEvent.setup();
    const start = screen.getByRole("button", { name: "Start Weekly newsletter" }) as HTMLButtonElement;
    await waitFor(() => expect(start.disabled).toBe(false));
    await user.click(start);
    await waitFor(() => expect(sends(calls)).toHaveLength(1));
    expect(screen.queryByTestId("confirm-question")).toBeNull();
  });
});

describe("a workflow card when Campaign is busy", () => {
  it("waits as asked, says so, and sends again: a 429 means the command did not run", async () => {
    let attempts = 0;
    const calls = campaign([status("editing")], () => {
      attempts += 1;
      if (attempts === 1) {
        throw refusal("campaign_busy", { httpStatus: 429, retryAfterSeconds: 1 });
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

describe("what a card says happened", () => {
  it("passes on Campaign's own reason for a refusal, with a next step that fits it", async () => {
    campaign([status("editing")], () => {
      throw refusal("refused_with_reason", {
        httpStatus: 500,
        adobeCode: "RST-360012",
        reason: "XTK-170006 The workflow 'WKF-NEWSLETTER' is already started.",
      });
    });
    renderCard();
    await userEvent.click(await screen.findByRole("button", { name: "Start Weekly newsletter" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Campaign refused “Start” and says: XTK-170006 The workflow 'WKF-NEWSLETTER' is already started.");
    expect(alert.textContent).toContain("Wait until the card shows a status that allows it");
    expect(alert.textContent).not.toContain("Try again later");
  });

  it("keeps an accepted command accepted when it could not be saved, and warns beside it", async () => {
    const calls = campaign([status("editing")], () => accepted("start", ["activityLog", "card"]));
    renderCard();
    await userEvent.click(await screen.findByRole("button", { name: "Start Weekly newsletter" }));
    expect(await screen.findByText("Start requested. Campaign accepted it and applies it shortly.")).toBeTruthy();
    const warning = screen.getByTestId("save-warning");
    expect(warning.textContent).toContain("Campaign accepted the command: do not send it again.");
    expect(warning.textContent).toContain("missing from the activity log");
    expect(warning.textContent).toContain("“Last sent” line will be missing after Flowdeck restarts");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(sends(calls)).toHaveLength(1);
  });
});

describe("a card's signal form", () => {
  const running: WorkflowRecord = {
    ...status("inProgress"),
    signals: [
      {
        name: "signal1",
        parameters: [
          { name: "segmentCode", kind: "text" },
          { name: "audienceSize", kind: "number" },
          { name: "isTest", kind: "boolean" },
        ],
      },
    ],
  };

  it("sends what was typed, each value as the type the activity declares", async () => {
    const calls = backend({
      read_workflow: () => running,
      send_signal: () => ({ activity: "signal1", requestId: null, againAtMs: Date.now() + 600_000, notSaved: [] }),
    });
    renderCard();
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "More for Weekly newsletter" }));
    await user.click(await screen.findByRole("menuitem", { name: "Send signal…" }));
    await user.type(screen.getByLabelText(/segmentCode/), "VIP");
    await user.type(screen.getByLabelText(/audienceSize/), "1500");
    await user.selectOptions(screen.getByLabelText(/isTest/), "true");
    await user.click(screen.getByRole("button", { name: "Send signal" }));
    expect(await screen.findByText(/Campaign accepted signal signal1/)).toBeTruthy();
    const signals = calls.filter((call) => call.cmd === "send_signal");
    expect(signals).toHaveLength(1);
    expect(signals[0]?.args).toMatchObject({
      workflowId: "WKF-NEWSLETTER",
      signal: {
        activity: "signal1",
        source: "Flowdeck",
        parameters: [
          { name: "segmentCode", value: { kind: "text", value: "VIP" } },
          { name: "audienceSize", value: { kind: "number", value: 1500 } },
          { name: "isTest", value: { kind: "boolean", value: true } },
        ],
      },
    });
  });
});

describe("what a card tells a screen reader", () => {
  it("announces a command's progress and outcome once each, with the card's name, without taking the keyboard", async () => {
    let attempts = 0;
    campaign([status("editing"), status("inProgress")], () => {
      attempts += 1;
      if (attempts === 1) throw refusal("campaign_busy", { httpStatus: 429, retryAfterSeconds: 2 });
      return accepted("start");
    });
    const heard = await listenToLiveRegion("polite");
    renderCard();
    const start = await screen.findByRole("button", { name: "Start Weekly newsletter" });
    await userEvent.click(start);
    await screen.findByText("Start requested. Campaign accepted it and applies it shortly.", {}, { timeout: 4000 });
    await waitFor(() => expect(heard.at(-1)).toBe("Weekly newsletter: Start requested. Campaign accepted it and applies it shortly."));
    // The countdown ticked from 2 to 1 on the card; it was announced once, as it began.
    expect(heard).toEqual([
      "Weekly newsletter: Sending Start to Campaign…",
      "Weekly newsletter: Campaign is busy. Trying again in 2 s…",
      "Weekly newsletter: Sending Start to Campaign…",
      "Weekly newsletter: Start requested. Campaign accepted it and applies it shortly.",
    ]);
    expect(document.activeElement).toBe(start);
    expect(screen.getByRole("region", { name: "Weekly newsletter" })).toBeTruthy();
  });
});

describe("when a workflow finished, from its status history", () => {
  it("is known only where Flowdeck saw it finish", () => {
    expect(finishedSince([{ status: "inProgress", atMs: 1 }, { status: "finished", atMs: 5 }, { status: "finished", atMs: 9 }])).toBe(5);
    expect(finishedSince([{ status: "finished", atMs: 5 }])).toBeNull();
    expect(finishedSince([{ status: "finished", atMs: 5 }, { status: "inProgress", atMs: 7 }])).toBeNull();
    expect(finishedSince([])).toBeNull();
  });
});

describe("a card's status history", () => {
  it("says how long the last run took and how long one usually takes", async () => {
    const minutes = (n: number) => Date.UTC(2026, 11, 3, 6, n);
    backend({
      // As the backend times them (run_time.rs): 30 and 12 minutes, usually 21.
      status_timeline: () => ({
        timeline: [
          { status: "editing", atMs: minutes(0) },
          { status: "inProgress", atMs: minutes(1) },
          { status: "finished", atMs: minutes(31) },
          { status: "inProgress", atMs: minutes(40) },
          { status: "finished", atMs: minutes(52) },
        ],
        lastRunMs: 12 * 60_000,
        usualRunMs: 21 * 60_000,
        usualOfRuns: 2,
      }),
    });
    const deck = quickDeck(deckView("p-production", "Acme Production", "production", [newsletter]));
    render(StatusHistory, { props: { deck, workflowId: "WKF-NEWSLETTER", label: "Weekly newsletter" } });
    await waitFor(() =>
      expect(screen.getByTestId("run-durations").textContent).toBe(
        "The last run took 12 minutes; usually 21 minutes (the middle of the last 2 runs).",
      ),
    );
  });

  it("tells a workflow Campaign stopped when it failed from one that failed and waits", async () => {
    const failedAt = Date.UTC(2026, 11, 5, 9, 0);
    backend({
      status_timeline: () => ({
        timeline: [
          { status: "inProgress", atMs: failedAt - 60_000 },
          { status: "erroneous", atMs: failedAt },
          { status: "erroneous", atMs: failedAt + 60_000, aborted: true },
        ],
        lastRunMs: null,
        usualRunMs: null,
        usualOfRuns: 0,
      }),
    });
    const deck = quickDeck(deckView("p-production", "Acme Production", "production", [newsletter]));
    render(StatusHistory, { props: { deck, workflowId: "WKF-NEWSLETTER", label: "Weekly newsletter" } });
    const newestFirst = await screen.findAllByRole("listitem");
    expect(newestFirst).toHaveLength(3);
    expect(newestFirst[0]?.textContent).toContain("stopped by Campaign (error management: Abort)");
    expect(newestFirst[1]?.textContent).not.toContain("stopped by Campaign");
  });
});
