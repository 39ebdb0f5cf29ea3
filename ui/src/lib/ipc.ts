// The only place the front end talks to the backend. Components call `ipc.*`, never `invoke`.
import { invoke } from "@tauri-apps/api/core";
import type {
  ActivityEntry,
  AppInfo,
  Card,
  CommandOutcome,
  DeckView,
  ErrorCode,
  ErrorDetails,
  Link,
  ProfileDraft,
  Settings,
  SettingsView,
  ProfilesView,
  ProfileView,
  TokenStatus,
  WorkflowCommand,
  WorkflowRecord,
} from "./types";

interface Commands {
  load_deck: { args: Record<string, never>; result: DeckView };
  select_profile: { args: { profileId: string }; result: DeckView };
  list_profiles: { args: Record<string, never>; result: ProfilesView };
  save_profile: { args: { draft: ProfileDraft }; result: ProfileView };
  delete_profile: { args: { profileId: string }; result: null };
  paste_token: { args: { profileId: string; accessToken: string }; result: TokenStatus };
  test_connection: { args: { profileId: string }; result: null };
  app_info: { args: Record<string, never>; result: AppInfo };
  open_link: { args: { link: Link }; result: null };
  system_locale: { args: Record<string, never>; result: string | null };
  get_settings: { args: Record<string, never>; result: SettingsView };
  activity: { args: Record<string, never>; result: ActivityEntry[] };
  export_activity: { args: Record<string, never>; result: boolean };
  save_settings: { args: { settings: Settings }; result: Settings };
  read_workflow: { args: { workflowId: string }; result: WorkflowRecord };
  send_command: { args: { workflowId: string; command: WorkflowCommand }; result: CommandOutcome };
  add_card: { args: { workflowId: string; label: string }; result: Card };
  remove_card: { args: { workflowId: string }; result: null };
  edit_card: { args: { workflowId: string; newWorkflowId: string; label: string; tags: string[] }; result: Card };
  move_card: { args: { workflowId: string; position: number }; result: null };
  export_cards: { args: Record<string, never>; result: boolean };
  import_cards: { args: Record<string, never>; result: number | null };
}

/** A backend failure, with the stable code the message catalogue is keyed on. */
export class FlowdeckError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails) {
    super(message);
    this.name = "FlowdeckError";
    this.code = code;
    this.details = details;
  }
}

function isIpcError(value: unknown): value is { code: ErrorCode; message: string; details?: ErrorDetails } {
  return typeof value === "object" && value !== null && "code" in value && "message" in value;
}

export function toFlowdeckError(raw: unknown): FlowdeckError {
  if (raw instanceof FlowdeckError) return raw;
  if (isIpcError(raw)) {
    return new FlowdeckError(raw.code, raw.message, raw.details ?? { mayHaveRun: false });
  }
  return new FlowdeckError("unknown", String(raw), { mayHaveRun: false });
}

async function call<K extends keyof Commands>(name: K, args: Commands[K]["args"]): Promise<Commands[K]["result"]> {
  try {
    return await invoke<Commands[K]["result"]>(name, args);
  } catch (raw) {
    throw toFlowdeckError(raw);
  }
}

export const ipc = {
  loadDeck: () => call("load_deck", {}),
  selectProfile: (profileId: string) => call("select_profile", { profileId }),
  listProfiles: () => call("list_profiles", {}),
  saveProfile: (draft: ProfileDraft) => call("save_profile", { draft }),
  deleteProfile: (profileId: string) => call("delete_profile", { profileId }),
  pasteToken: (profileId: string, accessToken: string) => call("paste_token", { profileId, accessToken }),
  testConnection: (profileId: string) => call("test_connection", { profileId }),
  appInfo: () => call("app_info", {}),
  openLink: (link: Link) => call("open_link", { link }),
  systemLocale: () => call("system_locale", {}),
  getSettings: () => call("get_settings", {}),
  activity: () => call("activity", {}),
  exportActivity: () => call("export_activity", {}),
  saveSettings: (settings: Settings) => call("save_settings", { settings }),
  readWorkflow: (workflowId: string) => call("read_workflow", { workflowId }),
  sendCommand: (workflowId: string, command: WorkflowCommand) => call("send_command", { workflowId, command }),
  addCard: (workflowId: string, label: string) => call("add_card", { workflowId, label }),
  removeCard: (workflowId: string) => call("remove_card", { workflowId }),
  editCard: (workflowId: string, newWorkflowId: string, label: string, tags: string[]) =>
    call("edit_card", { workflowId, newWorkflowId, label, tags }),
  moveCard: (workflowId: string, position: number) => call("move_card", { workflowId, position }),
  exportCards: () => call("export_cards", {}),
  importCards: () => call("import_cards", {}),
};
