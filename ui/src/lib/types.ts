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
  tags?: string[];
  lastCommand?: LastCommand;
}

export interface Organisation {
  profileId: string;
  name: string;
  tenant: string;
  isDemo: boolean;
}

/** All the web view ever knows of a credential. */
export type TokenStatus = { state: "connected"; expiresAtMs: number | null } | { state: "expired" } | { state: "missing" };

export interface DeckView {
  organisation: Organisation;
  cards: Card[];
  credential: TokenStatus;
  setAsideFiles: string[];
}

export type AuthView = { kind: "oauth"; scopes: string; imsUrl: string } | { kind: "pastedToken" };

export interface ProfileView {
  id: string;
  name: string;
  isDemo: boolean;
  tenant: string;
  apiKey: string;
  baseUrl: string;
  auth: AuthView;
  credential: TokenStatus;
}

export interface ProfileDefaults {
  baseUrl: string;
  imsUrl: string;
  scopes: string;
}

export interface ProfilesView {
  profiles: ProfileView[];
  selected: string;
  defaults: ProfileDefaults;
}

/** Secrets travel only this way, and only when the user typed a new one. */
export type AuthDraft =
  | { kind: "oauth"; scopes: string; imsUrl: string; clientSecret: string | null }
  | { kind: "pastedToken"; accessToken: string | null };

export interface ProfileDraft {
  id: string | null;
  name: string;
  tenant: string;
  apiKey: string;
  baseUrl: string;
  auth: AuthDraft;
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
  | "newer_file"
  | "storage_failed"
  | "demo_unavailable"
  | "invalid_client_id"
  | "invalid_client_secret"
  | "invalid_scope"
  | "ims_busy"
  | "ims_refused"
  | "ims_unreachable"
  | "token_missing"
  | "secret_missing"
  | "token_expired"
  | "keyring_unavailable"
  | "keyring_locked"
  | "keyring_denied"
  | "secret_too_long"
  | "keyring_failed"
  | "invalid_address"
  | "invalid_tenant"
  | "tenant_is_ims_org"
  | "invalid_api_key"
  | "profile_name_missing"
  | "duplicate_profile_name"
  | "profile_not_found"
  | "demo_is_built_in"
  | "not_pasted_token"
  | "open_failed"
  | "export_failed"
  | "invalid_card_list"
  | "folder_unknown"
  | "unknown";

export interface ErrorDetails {
  httpStatus?: number;
  adobeCode?: string;
  requestId?: string;
  retryAfterSeconds?: number;
  mayHaveRun: boolean;
}

export interface AppInfo {
  version: string;
  package: string | null;
  tauriVersion: string;
  configFolder: string;
  logFolder: string;
}

/** The only places the web view can ask the OS to open. */
export type Link = "developerConsole" | "logFolder" | "configFolder";

export interface Settings {
  /** "en", "de" or "sv"; null follows the operating system. */
  language: string | null;
  refreshSeconds: number;
}

export interface SettingsView {
  settings: Settings;
  refreshChoices: number[];
}

export type Outcome = "accepted" | "failed" | "unknown";

export interface ActivityEntry {
  atMs: number;
  profile: string;
  workflowId: string;
  command: WorkflowCommand;
  outcome: Outcome;
  httpStatus: number | null;
  adobeCode: string | null;
  requestId: string | null;
  error: string | null;
}
