//! Whether Flowdeck may restart now (to install an update): never while a command is on its way
//! (its outcome would go unseen, and a retry could send it twice) or shortly before a scheduled
//! command is due (it would be sent late, or missed while Flowdeck starts again).

use std::time::Duration;

use serde::Serialize;

use crate::clock::millis;
use crate::session::Session;

/// A scheduled command due within this is waited for: a restart, with the sign-in after it,
/// takes well under a minute, and the margin covers a slow one.
pub const SCHEDULE_MARGIN: Duration = Duration::from_secs(10 * 60);

/// What a restart now would interrupt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum RestartWouldInterrupt {
    /// Commands on their way to Campaign.
    Sending { commands: u32 },
    /// A batch has Starts to send or workflows running that it waits for.
    Batch { starts: u32 },
    /// A scheduled command is due at this time (milliseconds since the epoch).
    ScheduleDue { due_ms: u64 },
}

impl Session {
    /// What a restart now would interrupt, if anything.
    pub fn restart_would_interrupt(&self) -> Option<RestartWouldInterrupt> {
        if let Ok(connections) = self.connections() {
            let commands = connections.sending_count();
            if commands > 0 {
                return Some(RestartWouldInterrupt::Sending {
                    commands: u32::try_from(commands).unwrap_or(u32::MAX),
                });
            }
        }
        let starts = self.batch_starts_under_way();
        if starts > 0 {
            return Some(RestartWouldInterrupt::Batch { starts });
        }
        let schedules = self.schedules().ok()?;
        if schedules.paused() {
            return None;
        }
        let now_ms = millis(self.clock().now());
        let margin_ms = u64::try_from(SCHEDULE_MARGIN.as_millis()).unwrap_or(u64::MAX);
        schedules
            .list(&self.clock().zone())
            .iter()
            .filter_map(|view| view.next_due_ms)
            .filter(|due_ms| *due_ms <= now_ms.saturating_add(margin_ms))
            .min()
            .map(|due_ms| RestartWouldInterrupt::ScheduleDue { due_ms })
    }
}

#[cfg(test)]
#[path = "restart_guard_tests.rs"]
mod tests;
