import type { WorkflowCommand, WorkflowStatus } from "./types";

export const COMMANDS: readonly WorkflowCommand[] = ["start", "pause", "resume", "stop"];

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

/** With no known status every command stays available: Campaign decides. */
export function isAllowed(command: WorkflowCommand, status: WorkflowStatus | null): boolean {
  return status === null || ALLOWED[status].includes(command);
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
