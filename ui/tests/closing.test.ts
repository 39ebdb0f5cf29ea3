import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { get } from "svelte/store";
import { locale, _ } from "svelte-i18n";
import { describe, expect, it } from "vitest";
import ClosingDialog from "../src/components/ClosingDialog.svelte";
import { trayMenu } from "../src/lib/trayMenu";
import type { CloseAsked, ScheduleView } from "../src/lib/types";
import { backend } from "./backend";

function scheduled(id: string, command: "start" | "stop", nextDueMs: number | null): ScheduleView {
  return {
    schedule: {
      id,
      connectionId: "p-prod",
      workflowId: `WKF-${id}`,
      command,
      localTime: "2026-12-03T06:00",
      repeat: "once",
      handledThroughMs: null,
      handledThroughLocal: null,
      last: null,
      createdMs: 0,
    },
    nextDueMs,
  };
}

const NOW = Date.UTC(2026, 11, 2, 21, 0);
const where = (view: ScheduleView) => `${view.schedule.workflowId} on Acme Production`;

describe("the tray menu's words", () => {
  it("name the soonest command still to come, with its card and connection", () => {
    const t = get(_);
    const all = [
      scheduled("LATER", "stop", Date.UTC(2026, 11, 4, 5, 0)),
      scheduled("PAST", "stop", NOW - 60_000),
      scheduled("DONE", "stop", null),
      scheduled("SOON", "start", Date.UTC(2026, 11, 3, 5, 0)),
    ];
    const menu = trayMenu(t, all, false, where, "en-GB", NOW);
    expect(menu.next).toMatch(/^Next: Start WKF-SOON on Acme Production, Thu 3 Dec/);
    expect(menu.tooltip).toBe(`Flowdeck · ${menu.next}`);
    expect(menu).toMatchObject({ open: "Open Flowdeck", pauseAll: "Pause all schedules", quit: "Quit Flowdeck" });
  });

  it("say when nothing will be sent: none scheduled, or all paused", () => {
    const t = get(_);
    expect(trayMenu(t, [], false, where, "en", NOW).next).toBe("No command scheduled");
    const soon = [scheduled("SOON", "start", NOW + 60_000)];
    const paused = trayMenu(t, soon, true, where, "en", NOW);
    expect(paused.next).toBe("Schedules are paused");
    expect(paused.tooltip).toBe("Flowdeck");
  });

  it("follow the user's language", async () => {
    // German is loaded when chosen.
    await locale.set("de");
    try {
      const menu = trayMenu(get(_), [], false, where, "de", NOW);
      expect(menu).toMatchObject({ open: "Flowdeck öffnen", quit: "Flowdeck beenden", next: "Kein Befehl geplant" });
    } finally {
      await locale.set("en");
    }
  });
});

function ask(question: CloseAsked["question"], watched: number, scheduled: number) {
  const calls = backend({ answer_close: () => null });
  render(ClosingDialog, { props: { asked: { question, work: { watched, scheduled, starting: 0 } } } });
  return calls;
}

const answers = (calls: ReturnType<typeof backend>) => calls.filter((c) => c.cmd === "answer_close").map((c) => c.args.answer);

describe("closing with watches and schedules active", () => {
  it("explains the tray once, with the keyboard on Keep running", async () => {
    const calls = ask("keepRunning", 3, 1);
    const dialog = screen.getByRole("dialog", { name: "Flowdeck keeps running in the tray" });
    expect(dialog.textContent).toContain("1 scheduled command is still sent on time");
    expect(dialog.textContent).toContain("notified about 3 watched workflows");
    const keep = screen.getByRole("button", { name: "Keep running in the tray" });
    await waitFor(() => expect(document.activeElement).toBe(keep));
    await userEvent.setup().click(keep);
    expect(answers(calls)).toEqual(["keepRunning"]);
  });

  it("asks before quitting, says what will not run, and Escape keeps Flowdeck running", async () => {
    const calls = ask("quit", 0, 2);
    const dialog = screen.getByRole("dialog", { name: "Quit Flowdeck?" });
    expect(dialog.textContent).toContain("2 scheduled commands are not sent while Flowdeck is closed");
    expect(dialog.textContent).not.toContain("watched");
    const user = userEvent.setup();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("button", { name: "Keep Flowdeck running" })));
    await user.keyboard("{Escape}");
    expect(answers(calls)).toEqual(["stay"]);
  });

  it("offers to minimise where the desktop has no tray, and quits only when asked to", async () => {
    const calls = ask("quitWithoutTray", 1, 0);
    expect(screen.getByRole("dialog").textContent).toContain("shows no tray icons");
    await userEvent.setup().click(screen.getByRole("button", { name: "Quit" }));
    expect(answers(calls)).toEqual(["quit"]);
  });
});
