//! Moves batches on, whether the window is shown or not: reads their running workflows and
//! starts the next ones, and tells the window what changed (`batches-changed`).

use std::time::Duration;

use tauri::AppHandle;

use crate::commands::batches::BatchWire;
use crate::state::SessionExt;
use crate::{events, overrides};

/// Often enough that a finished workflow's place is taken soon; each pass reads only the
/// batches' running workflows.
const PASS_EVERY: Duration = Duration::from_secs(5);

pub fn start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let pace = overrides::seconds("FLOWDECK_BATCH_SECS", PASS_EVERY);
        let mut ticks = tokio::time::interval(pace);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            let session = app.session();
            if session.advance_batches().await {
                let views: Vec<BatchWire> =
                    session.batches().into_iter().map(BatchWire::from).collect();
                events::batches_changed(&app, &views);
            }
        }
    });
}
