//! Reads watched workflows at a slow pace, whether the window is shown, hidden or minimised,
//! and tells the window what is news (`watch-news`); the window words the notification in the
//! user's language.

use std::time::Duration;

use tauri::AppHandle;

use crate::state::SessionExt;
use crate::{events, overrides};

/// Slow enough to cost Campaign nothing, quick enough for a marketer waiting on a send.
const WATCH_EVERY: Duration = Duration::from_secs(30);

pub fn start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        // The end-to-end tests cannot wait half a minute.
        let pace = overrides::seconds("FLOWDECK_WATCH_SECS", WATCH_EVERY);
        let mut ticks = tokio::time::interval(pace);
        // A missed tick (a sleeping computer) is not made up for with a burst of reads.
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            let Ok(news) = app.session().check_watched().await else {
                return;
            };
            if !news.is_empty() {
                events::watch_news(&app, &news);
            }
        }
    });
}
