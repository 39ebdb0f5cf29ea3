//! What Flowdeck does while its window is closed: it reads watched workflows and sends the
//! schedules to come. Closing the window or quitting says what would stop, so it is counted here.

use jiff::tz::TimeZone;
use serde::Serialize;

use crate::connections::Connections;
use crate::schedules::Schedules;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BackgroundWork {
    /// Workflows with "Notify me", on every connection.
    pub watched: u32,
    /// Scheduled commands still to come; none while schedules are paused.
    pub scheduled: u32,
    /// Workflows of steady starts still to start or running (a batch waits for them).
    pub starting: u32,
}

impl BackgroundWork {
    /// Whether quitting would stop nothing.
    pub fn is_idle(&self) -> bool {
        self.watched == 0 && self.scheduled == 0 && self.starting == 0
    }
}

pub async fn background_work(
    connections: &Connections,
    schedules: &Schedules,
    zone: &TimeZone,
) -> BackgroundWork {
    BackgroundWork {
        watched: count(connections.watched_count().await),
        scheduled: count(schedules.upcoming_count(zone)),
        starting: 0,
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
#[path = "background_tests.rs"]
mod tests;
