//! Sends scheduled commands when they come due, looking once a second, and tells the window
//! what it did (`schedules-ran`) so that the cards and the Schedules panel follow.

use std::time::Duration;

use tauri::{AppHandle, Emitter};

use crate::events::SCHEDULES_RAN;
use crate::state::SessionExt;

const LOOK_EVERY: Duration = Duration::from_secs(1);

pub fn start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let mut ticks = tokio::time::interval(LOOK_EVERY);
        loop {
            ticks.tick().await;
            let Ok(ran) = app.session().run_due_schedules().await else {
                return;
            };
            if !ran.is_empty() {
                let _ = app.emit(SCHEDULES_RAN, &ran);
            }
        }
    });
}
