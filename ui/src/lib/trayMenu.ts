// The tray menu's words: the backend draws the menu, the window says it in the user's language.
import { formatWhen } from "./scheduling";
import type { ScheduleView, TrayMenu } from "./types";

type Translate = (key: string, options?: { values?: Record<string, string | number> }) => string;

/** The schedule that sends next, if any is still to come. */
export function nextScheduled(all: readonly ScheduleView[], now: number): ScheduleView | null {
  let next: ScheduleView | null = null;
  for (const view of all) {
    if (view.nextDueMs === null || view.nextDueMs < now) continue;
    if (next === null || view.nextDueMs < (next.nextDueMs ?? Infinity)) next = view;
  }
  return next;
}

export function trayMenu(
  t: Translate,
  all: readonly ScheduleView[],
  paused: boolean,
  where: (view: ScheduleView) => string,
  locale: string | null | undefined,
  now: number = Date.now(),
): TrayMenu {
  const next = nextScheduled(all, now);
  let nextText = t("tray.nothingScheduled");
  if (paused) nextText = t("tray.paused");
  else if (next?.nextDueMs != null) {
    const values = { command: t(`command.${next.schedule.command}`), where: where(next), time: formatWhen(next.nextDueMs, locale) };
    nextText = t("tray.next", { values });
  }
  return {
    open: t("tray.open"),
    next: nextText,
    pauseAll: t("schedule.pauseAll"),
    quit: t("tray.quit"),
    tooltip: paused || next === null ? "Flowdeck" : `Flowdeck · ${nextText}`,
  };
}
