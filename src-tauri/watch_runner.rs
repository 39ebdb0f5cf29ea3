//! Reads watched workflows at a slow pace, whether the window is shown, hidden or minimised,
//! and tells the window what is news (`watch-news`); the window words the notification in the
//! user's language.

use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager};

use crate::state::AppState;

/// Slow enough to cost Campaign nothing, quick enough for a marketer waiting on a send.
const WATCH_EVERY: Duration = Duration::from_secs(30);
pub const WATCH_NEWS: &str = "watch-news";

/// `WATCH_EVERY`, unless `FLOWDECK_WATCH_SECS` says otherwise (the end-to-end tests).
fn pace() -> Duration {
    std::env::var("FLOWDECK_WATCH_SECS")
        .ok()
        .and_then(|secs| secs.parse().ok())
        .map_or(WATCH_EVERY, Duration::from_secs)
}

pub fn start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let mut ticks = tokio::time::interval(pace());
        // A missed tick (a sleeping computer) is not made up for with a burst of reads.
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            let state = app.state::<AppState>();
            let Ok(connections) = state.connections() else {
                return;
            };
            let news = connections.check_watched().await;
            if !news.is_empty() {
                let _ = app.emit(WATCH_NEWS, &news);
            }
        }
    });
}
