import { AUTO_STOP_AFTER_MS, STUCK_AFTER_MS } from "./bindings";
import type { Organisation, WorkflowCommand, WorkflowStatus } from "./types";

export const COMMANDS: readonly WorkflowCommand[] = ["start", "pause", "resume", "stop"];

/** What a card or a bulk run can do: one of Campaign's commands, or Restart (Stop, then Start). */
export type CardAction = WorkflowCommand | "restart";
export const ACTIONS: readonly CardAction[] = [...COMMANDS, "restart"];

/** Actions that cancel what the workflow is doing, and so ask first. */
export const asksFirst = (action: CardAction) => action === "stop" || action === "restart";

/** Start on a finished workflow runs it again from the beginning: what it delivers goes out
 *  again. Flowdeck asks first, saying when it finished. */
export const runsAgain = (action: CardAction, status: WorkflowStatus | null) => action === "start" && status === "finished";

/** When the workflow finished, as its status history saw it happen (oldest first): the first
 *  Finished after another status. Null where the history does not end Finished, or begins so:
 *  Flowdeck then only knows that it has finished, not when. */
export function finishedSince(history: readonly { status: WorkflowStatus; atMs: number }[]): number | null {
  let first = history.length;
  while (first > 0 && history[first - 1]?.status === "finished") first -= 1;
  if (first === history.length || first === 0) return null;
  return history[first]?.atMs ?? null;
}

/**
 * The commands that make sense in each of Campaign's statuses, in Adobe's words (acs-api.md §3):
 * Start also resumes a paused workflow; after an error, Start and Resume are both offered (once
 * the cause is fixed); Start follows a Stop only once the stop took effect (Finished), and
 * nothing is sent while a command is still taking effect.
 */
const ALLOWED: Record<WorkflowStatus, readonly WorkflowCommand[]> = {
  editing: ["start"],
  inProgress: ["pause", "stop"],
  warning: ["start", "resume", "stop"],
  finished: ["start"],
  erroneous: ["start", "resume", "stop"],
  inTransition: [],
};

/** With no known status every command stays available: Campaign decides. Restart needs a
 * status, to see the stop take effect, and a workflow that can be stopped. */
export function isAllowed(action: CardAction, status: WorkflowStatus | null, aborted = false): boolean {
  // Failed and stopped by its error management (v8's Abort): nothing runs to pause, resume
  // or stop.
  if (aborted) return action === "start";
  if (action === "restart") return status !== null && ALLOWED[status].includes("stop");
  return status === null || ALLOWED[status].includes(action);
}

export type Tone = "neutral" | "info" | "warning" | "success" | "danger";

/** Campaign's status colours: grey, blue, yellow, green, red (acs-api.md §3). */
export const STATUS_TONE: Record<WorkflowStatus, Tone> = {
  editing: "neutral",
  inProgress: "info",
  warning: "warning",
  finished: "success",
  erroneous: "danger",
  inTransition: "info",
};

/** A status that has lasted long enough to matter (the session tells watched ones by the same
 *  rules): Campaign will stop a paused or failed workflow, or a command is stuck taking effect.
 *  `sinceMs` is when Flowdeck first saw the status, so both are at the latest. */
export type Lingering = { kind: "stopsAt"; atMs: number } | { kind: "stuck"; sinceMs: number };

export function lingering(status: WorkflowStatus, sinceMs: number, nowMs: number, product: Organisation["product"] | null = null): Lingering | null {
  const stopsAfter = product?.product === "v8" ? product.stopsPausedAfterDays * 86_400_000 : AUTO_STOP_AFTER_MS;
  if (status === "warning" || status === "erroneous") return { kind: "stopsAt", atMs: sinceMs + stopsAfter };
  if (status === "inTransition" && nowMs - sinceMs >= STUCK_AFTER_MS) return { kind: "stuck", sinceMs };
  return null;
}
