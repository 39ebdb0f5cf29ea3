// The names the front end uses for the values that cross IPC. Every one is generated from the
// Rust types (bindings.ts); the backend sends the `_Serialize` shape and reads `_Deserialize`.
import type * as B from "./bindings";

export type ActivityEntry = B.ActivityEntry_Serialize;
export type AppInfo = B.AppInfo_Serialize;
export type AvailableUpdate = B.AvailableUpdate_Serialize;
export type AttentionEntry = B.AttentionEntry;
export type AwaySummary = B.AwaySummary;
export type AwayLine = B.AwayLine;
export type Batch = B.BatchWire_Serialize;
export type BatchItem = B.BatchItemWire_Serialize;
export type UpdateCheck = B.UpdateCheck_Serialize;
export type Card = B.Card_Serialize;
export type CloseAnswer = B.CloseAnswer;
export type CloseAsked = B.CloseAsked;
export type CardRef = B.CardRef;
export type CommandOutcome = B.CommandOutcome_Serialize;
export type ConnectionKind = B.ConnectionKind;
export type DeckView = B.DeckView_Serialize;
export type ErrorDetails = B.ErrorDetails_Serialize;
export type IpcError = B.IpcError_Serialize;
export type LastCommand = B.LastCommand;
export type Link = B.Link;
export type NotSaved = B.NotSaved;
export type Organisation = B.Organisation;
export type Outcome = B.Outcome;
export type ParameterKind = B.ParameterKind;
export type ParameterValue = B.ParameterValue;
export type NamedValue = B.NamedValue;
export type ConnectionDefaults = B.ConnectionDefaults;
export type ConnectionDraft = B.ConnectionDraft_Deserialize;
export type ConnectionsView = B.ConnectionsView_Serialize;
export type ConnectionView = B.ConnectionView_Serialize;
export type Ran = B.Ran;
export type WatchNews = B.WatchNews;
export type Repeat = B.Repeat;
export type ScheduleRequest = B.ScheduleRequest;
export type ScheduleView = B.ScheduleView_Serialize;
export type SchedulesView = B.SchedulesView_Serialize;
export type Settings = B.Settings_Serialize;
export type SettingsChange = B.SettingsChange_Deserialize;
export type ProxySetting = B.ProxySetting_Serialize;
export type SettingsView = B.SettingsView_Serialize;
export type SignalActivity = B.SignalActivity_Serialize;
export type SignalOutcome = B.SignalOutcome_Serialize;
export type SignalToSend = B.SignalToSend;
export type StatusSeen = B.StatusSeen_Serialize;
export type StatusHistory = B.StatusHistory;
export type TokenStatus = B.TokenStatus_Serialize;
export type TrayMenu = B.TrayMenu;
export type WorkflowCommand = B.WorkflowCommand;
export type WorkflowRecord = B.WorkflowRecord_Serialize;
export type WorkflowStatus = B.WorkflowStatus;

/** The backend's codes, and one for a failure that never reached it. */
export type ErrorCode = B.ErrorCode | "unknown";
