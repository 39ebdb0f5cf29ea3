import type { WorkflowCommand, WorkflowStatus } from "./types";

export const COMMANDS: readonly WorkflowCommand[] = ["start", "pause", "resume", "stop"];

/** The commands that make sense in each of Campaign's statuses (acs-api.md §3). */
const ALLOWED: Record<WorkflowStatus, readonly WorkflowCommand[]> = {
  editing: ["start"],
  inProgress: ["pause", "stop"],
  warning: ["resume", "stop"],
  finished: ["start"],
  erroneous: ["resume", "stop"],
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
};
