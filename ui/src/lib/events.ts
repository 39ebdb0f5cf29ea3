// Generated from src-tauri/events.rs by the bindings test: run
// `FLOWDECK_WRITE_BINDINGS=1 cargo test -p flowdeck bindings` after changing it.
import type { CardRef, CloseAsked, Ran, WatchNews } from "./bindings";

/** Every event the backend tells the window, by name. */
export const EVENTS = {
  schedulesRan: "schedules-ran",
  schedulesPaused: "schedules-paused",
  watchNews: "watch-news",
  closeAsked: "close-asked",
  openCard: "open-card",
} as const;

/** What each event carries. */
export interface EventPayloads {
  "schedules-ran": Ran[];
  "schedules-paused": boolean;
  "watch-news": WatchNews[];
  "close-asked": CloseAsked;
  "open-card": CardRef;
}
