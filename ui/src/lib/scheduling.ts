// Words and defaults for scheduled commands, shared by the card's form, the card's list and the
// Schedules panel.
import { formatTime } from "./time";
import type { Ran, Repeat, ScheduleView, WorkflowCommand } from "./types";

type Translate = (key: string, options?: { values?: Record<string, string | number> }) => string;

export const SCHEDULABLE: readonly WorkflowCommand[] = ["start", "pause", "resume", "stop"];
export const REPEATS: readonly Repeat[] = ["once", "daily", "weekdays", "weekly"];

/** A date-time field's value (local wall clock, minutes): tomorrow at 06:00, a marketer's usual. */
export function tomorrowAtSix(now: Date = new Date()): string {
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 6, 0);
  return wallClock(day);
}

/** A local date as a date-time field writes it: `2026-12-03T06:00`. */
export function wallClock(date: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`;
}

export function formatWhen(ms: number, locale: string | null | undefined): string {
  return formatTime(ms, "due", locale);
}

/** What a schedule says on its card: what comes next, or what became of the last one. */
export function describeSchedule(t: Translate, view: ScheduleView, locale: string | null | undefined): string {
  const { schedule } = view;
  const command = t(`command.${schedule.command}`);
  if (view.nextDueMs !== null) {
    const time = formatWhen(view.nextDueMs, locale);
    return schedule.repeat === "once"
      ? t("schedule.next", { values: { command, time } })
      : t("schedule.nextRepeat", { values: { command, time, repeat: t(`schedule.repeatKind.${schedule.repeat}`).toLowerCase() } });
  }
  const last = schedule.last;
  if (last?.kind === "missed") return t(`schedule.missed.${last.reason}`, { values: { command, time: formatWhen(last.dueMs, locale) } });
  if (last?.kind === "sent") return t(last.accepted ? "schedule.sent" : "schedule.failed", { values: { command, time: formatWhen(last.dueMs, locale) } });
  return command;
}

/** What the window says when the backend sent or missed a scheduled command. */
export function describeRan(t: Translate, ran: Ran, label: string, locale: string | null | undefined): string {
  const command = t(`command.${ran.command}`);
  const time = formatWhen(ran.dueMs, locale);
  const key = ran.kind === "missed" ? `schedule.missed.${ran.reason}` : ran.accepted ? "schedule.sent" : "schedule.failed";
  return `${label}: ${t(key, { values: { command, time } })}`;
}
