//! Every event the backend tells the window, named once. The front end's names and payload
//! types are generated from this list (`ui/src/lib/events.ts`, in the bindings test).

/// Scheduled commands were sent or missed: `Vec<flowdeck_session::Ran>`.
pub const SCHEDULES_RAN: &str = "schedules-ran";
/// The tray paused or resumed every schedule: `bool`, whether they are paused now.
pub const SCHEDULES_PAUSED: &str = "schedules-paused";
/// Watched workflows changed: `Vec<flowdeck_session::WatchNews>`.
pub const WATCH_NEWS: &str = "watch-news";
/// The window must ask before closing or quitting: `flowdeck_session::CloseAsked`.
pub const CLOSE_ASKED: &str = "close-asked";
/// A notification about a card was clicked: `crate::notifications::CardRef`. Only Linux hears
/// such clicks so far; Tauri's notification plugin tells none on Windows and macOS.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
pub const OPEN_CARD: &str = "open-card";
