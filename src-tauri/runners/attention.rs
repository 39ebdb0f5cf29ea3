//! Needs attention: the rest of every open connection's cards read slowly in the background
//! (under the one read budget), and the list told to the window whenever it changes.

use std::time::Duration;

use flowdeck_session::SWEEP_PACE;
use tauri::AppHandle;

use crate::state::SessionExt;
use crate::{events, overrides};

/// Often enough to follow the window's own reads into the list within a few seconds' wait.
const LOOK_EVERY: Duration = Duration::from_secs(5);

pub fn start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        // The end-to-end tests cannot wait for a quarter of an hour's re-read.
        let pace = flowdeck_session::SweepPace {
            reread_after: overrides::seconds("FLOWDECK_SWEEP_SECS", SWEEP_PACE.reread_after),
            ..SWEEP_PACE
        };
        let mut ticks = tokio::time::interval(LOOK_EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut told = None;
        loop {
            ticks.tick().await;
            if app.session().sweep_reads(&pace).await.is_err() {
                return;
            }
            let Ok(now) = app.session().attention().await else {
                return;
            };
            if told.as_ref() != Some(&now) {
                events::attention_changed(&app, &now);
                told = Some(now);
            }
        }
    });
}
