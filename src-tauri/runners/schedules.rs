//! Sends scheduled commands when they come due, looking once a second, and tells the window
//! what it did (`schedules-ran`) so that the cards and the Schedules panel follow.

use std::time::Duration;

use tauri::AppHandle;

use crate::events;
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
                events::schedules_ran(&app, &ran);
            }
        }
    });
}
