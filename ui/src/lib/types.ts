// The values that cross IPC, mirroring the Rust types serialised by `src-tauri/commands.rs`.

export type WorkflowCommand = "start" | "pause" | "resume" | "stop";

export type WorkflowStatus = "editing" | "inProgress" | "warning" | "finished" | "erroneous";

export interface LastCommand {
  command: WorkflowCommand;
  acceptedAtMs: number;
}

export interface Card {
  workflowId: string;
  label: string;
  lastCommand?: LastCommand;
}

export interface Organisation {
  name: string;
  tenant: string;
  isDemo: boolean;
}

export interface DeckView {
  organisation: Organisation;
  cards: Card[];
  setAsideCardFile: string | null;
}

export interface WorkflowRecord {
  label: string | null;
  status: WorkflowStatus | null;
  unrecognisedStatus: string | null;
}

export interface CommandOutcome {
  lastCommand: LastCommand;
  requestId: string | null;
}

export type ErrorCode =
  | "invalid_workflow_id"
  | "token_rejected"
  | "api_key_rejected"
  | "product_profile_mismatch"
  | "access_denied"
  | "workflow_not_found"
  | "wrong_tenant"
  | "campaign_busy"
  | "command_refused"
  | "campaign_error"
  | "no_answer"
  | "connection_lost"
  | "unreachable"
  | "unexpected_answer"
  | "client_setup"
  | "duplicate_card"
  | "card_not_found"
  | "newer_card_file"
  | "storage_failed"
  | "demo_unavailable"
  | "unknown";

export interface ErrorDetails {
  httpStatus?: number;
  adobeCode?: string;
  requestId?: string;
  retryAfterSeconds?: number;
  mayHaveRun: boolean;
}
