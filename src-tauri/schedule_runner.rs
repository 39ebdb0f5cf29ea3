//! Sends scheduled commands when they come due, looking once a second, and tells the window
//! what it did (`schedules-ran`) so that the cards and the Schedules panel follow.

use std::time::Duration;

use flowdeck_session::jiff::Timestamp;
use flowdeck_session::jiff::tz::TimeZone;
use tauri::{AppHandle, Emitter, Manager};

use crate::state::AppState;

const LOOK_EVERY: Duration = Duration::from_secs(1);
pub const SCHEDULES_RAN: &str = "schedules-ran";

pub fn start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let mut ticks = tokio::time::interval(LOOK_EVERY);
        loop {
            ticks.tick().await;
            let state = app.state::<AppState>();
            let (Ok(connections), Ok(schedules)) = (state.connections(), state.schedules()) else {
                return;
            };
            // The zone is asked each time: 06:00 follows the computer to another time zone.
            let ran = schedules
                .run_due(connections, Timestamp::now(), &TimeZone::system())
                .await;
            if !ran.is_empty() {
                let _ = app.emit(SCHEDULES_RAN, &ran);
            }
        }
    });
}
