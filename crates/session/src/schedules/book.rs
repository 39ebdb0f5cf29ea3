//! The schedules of every connection, and sending what is due: exactly once, to the card's own
//! connection, with the same checks as a click. An occurrence is taken out of the schedule (and
//! that is saved) before its command leaves, so a crash can make it missed, never doubled. What
//! came due while Flowdeck was not running, or while the computer slept, is missed: never sent
//! late.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use flowdeck_campaign::{WorkflowCommand, WorkflowId};
use flowdeck_secrets::SecretError;
use flowdeck_store::{MissedReason, Repeat, Schedule, ScheduleEvent, ScheduleStore};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use super::plan::{Handled, Occurrence, next_due, next_occurrence, parse_local_time};
use crate::clock::{Clock, millis};
use crate::connections::Connections;
use crate::deck::lock;
use crate::error::SessionError;

/// How late an occurrence may still be sent: the runner looks every second, but a busy or
/// waking computer may be a little slow. Later than this, it is missed.
pub const GRACE: Duration = Duration::from_secs(120);
/// Occurrences passed over at once when a repeat was missed many times (a long holiday).
const MOST_PASSED: usize = 1000;

/// What the window is asked to schedule.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ScheduleRequest {
    pub connection_id: String,
    pub workflow_id: String,
    pub command: WorkflowCommand,
    /// Wall-clock time, as a date-time field gives it: `2026-12-03T06:00`.
    pub local_time: String,
    pub repeat: Repeat,
}

/// A schedule, and when it comes next in the computer's time zone now.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ScheduleView {
    pub schedule: Schedule,
    #[cfg_attr(feature = "wire-types", specta(type = Option<f64>))]
    pub next_due_ms: Option<u64>,
}

/// What one run of the due schedules did, for the window and for notifications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "kind"
)]
pub enum Ran {
    Sent {
        schedule_id: String,
        connection_id: String,
        workflow_id: WorkflowId,
        command: WorkflowCommand,
        /// When it was due, which is what the user chose and what the window says.
        due_ms: u64,
        accepted: bool,
    },
    Missed {
        schedule_id: String,
        connection_id: String,
        workflow_id: WorkflowId,
        command: WorkflowCommand,
        due_ms: u64,
        reason: MissedReason,
    },
}

pub struct Schedules {
    store: Mutex<ScheduleStore>,
    /// When this Flowdeck started: what came due before then was missed.
    started: Timestamp,
    set_aside: Option<PathBuf>,
}

fn instant(ms: u64) -> Option<Timestamp> {
    Timestamp::from_millisecond(i64::try_from(ms).ok()?).ok()
}

/// The occurrence a schedule handled last, if any.
fn handled_of(schedule: &Schedule) -> Option<Handled> {
    Some(Handled {
        at: instant(schedule.handled_through_ms?)?,
        wall: schedule
            .handled_through_local
            .as_deref()
            .and_then(parse_local_time),
    })
}

fn occurrence_after(
    schedule: &Schedule,
    zone: &TimeZone,
    after: Option<Handled>,
) -> Option<Occurrence> {
    let start = parse_local_time(&schedule.local_time)?;
    next_occurrence(start, schedule.repeat, zone, after)
}

impl Schedules {
    pub fn open(config_dir: &Path, started: Timestamp) -> Result<Self, SessionError> {
        let (store, set_aside) = ScheduleStore::open(config_dir.join("schedules.json"))?;
        Ok(Self {
            store: Mutex::new(store),
            started,
            set_aside,
        })
    }

    /// Where an unreadable schedules file was set aside, to tell the user.
    pub fn set_aside_file(&self) -> Option<&PathBuf> {
        self.set_aside.as_ref()
    }

    pub fn list(&self, zone: &TimeZone) -> Vec<ScheduleView> {
        lock(&self.store)
            .schedules()
            .iter()
            .map(|schedule| ScheduleView {
                next_due_ms: occurrence_after(schedule, zone, handled_of(schedule))
                    .map(|next| millis(next.due)),
                schedule: schedule.clone(),
            })
            .collect()
    }

    /// How many schedules have a command still to send; none while they are paused.
    pub fn upcoming_count(&self, zone: &TimeZone) -> usize {
        let store = lock(&self.store);
        if store.paused() {
            return 0;
        }
        store
            .schedules()
            .iter()
            .filter(|schedule| occurrence_after(schedule, zone, handled_of(schedule)).is_some())
            .count()
    }

    pub fn paused(&self) -> bool {
        lock(&self.store).paused()
    }

    pub fn set_paused(&self, paused: bool) -> Result<(), SessionError> {
        Ok(lock(&self.store).set_paused(paused)?)
    }

    /// Schedules a command for one card of one connection, checked as a click would be.
    pub async fn add(
        &self,
        connections: &Connections,
        request: &ScheduleRequest,
        zone: &TimeZone,
        now: Timestamp,
    ) -> Result<ScheduleView, SessionError> {
        let deck = connections.deck(&request.connection_id).await?;
        let workflow_id = deck.card_id(&request.workflow_id)?;
        let start = parse_local_time(&request.local_time).ok_or_else(|| {
            SessionError::ScheduleTimeInvalid {
                local_time: request.local_time.clone(),
            }
        })?;
        // A repeat may begin in the past: its next occurrence counts from now.
        let handled_through = (request.repeat != Repeat::Once).then_some(millis(now));
        let next = next_due(
            start,
            request.repeat,
            zone,
            handled_through.and_then(instant).map(Handled::from),
        );
        if next.is_none_or(|due| due <= now) {
            return Err(SessionError::ScheduleInThePast {
                local_time: request.local_time.clone(),
            });
        }
        let schedule = lock(&self.store).add(
            &request.connection_id,
            workflow_id,
            request.command,
            (&request.local_time, request.repeat),
            handled_through,
        )?;
        Ok(ScheduleView {
            next_due_ms: next.map(millis),
            schedule,
        })
    }

    pub fn cancel(&self, id: &str) -> Result<(), SessionError> {
        lock(&self.store).remove(id)?;
        Ok(())
    }

    /// Every schedule of a connection that was deleted goes with it.
    pub fn forget_connection(&self, connection_id: &str) -> Result<(), SessionError> {
        Ok(lock(&self.store).remove_connection(connection_id)?)
    }

    /// Sends what is due now and marks missed what is past; says what it did. Lateness is
    /// judged twice: when it is looked at, and again just before the command leaves, after the
    /// keyring and the sign-in, which can take minutes (a prompt nobody answers at once).
    pub async fn run_due(&self, connections: &Connections, clock: &dyn Clock) -> Vec<Ran> {
        let (now, zone) = (clock.now(), clock.zone());
        let (schedules, paused) = {
            let store = lock(&self.store);
            (store.schedules().to_vec(), store.paused())
        };
        let mut ran = Vec::new();
        for schedule in schedules {
            let Some(Occurrence { due, wall }) = latest_passed(&schedule, &zone, now) else {
                continue;
            };
            let (due_ms, wall) = (millis(due), wall.to_string());
            let missed = if paused {
                Some(MissedReason::Paused)
            } else if due < self.started {
                Some(MissedReason::NotRunning)
            } else if past_grace(now, due) {
                Some(MissedReason::Asleep)
            } else {
                None
            };
            let event = match missed {
                Some(reason) => ScheduleEvent::Missed { due_ms, reason },
                None => ScheduleEvent::Sending { due_ms },
            };
            // Taken out of the schedule before anything leaves: a crash makes it missed, never
            // doubled.
            if let Err(error) = lock(&self.store).handled(&schedule.id, (due_ms, &wall), event) {
                // Not taken out of the schedule, so not sent: it could be sent again.
                log::error!(
                    "schedule {}: not sent, could not be saved: {error}",
                    schedule.id
                );
                continue;
            }
            let outcome = match missed {
                Some(reason) => Err(reason),
                None => self.send(connections, &schedule, due, clock).await,
            };
            let event = match outcome {
                Ok(accepted) => ScheduleEvent::Sent { due_ms, accepted },
                Err(reason) => ScheduleEvent::Missed { due_ms, reason },
            };
            if missed.is_none()
                && let Err(error) = lock(&self.store).handled(&schedule.id, (due_ms, &wall), event)
            {
                log::warn!(
                    "schedule {}: handled, but not recorded: {error}",
                    schedule.id
                );
            }
            let Schedule {
                id: schedule_id,
                connection_id,
                workflow_id,
                command,
                ..
            } = schedule;
            ran.push(match outcome {
                Ok(accepted) => Ran::Sent {
                    schedule_id,
                    connection_id,
                    workflow_id,
                    command,
                    due_ms,
                    accepted,
                },
                Err(reason) => {
                    log::info!("schedule {schedule_id}: missed {command} ({reason:?})");
                    Ran::Missed {
                        schedule_id,
                        connection_id,
                        workflow_id,
                        command,
                        due_ms,
                        reason,
                    }
                }
            });
        }
        ran
    }

    /// Whether Campaign accepted the command; missed, and not sent, where the connection's
    /// secret is locked away or the command would leave later than its grace.
    async fn send(
        &self,
        connections: &Connections,
        schedule: &Schedule,
        due: Timestamp,
        clock: &dyn Clock,
    ) -> Result<bool, MissedReason> {
        let failed = |what: &str, error: &SessionError| {
            log::warn!("schedule {}: {what}: {error}", schedule.id);
            Ok(false)
        };
        let deck = match connections.deck(&schedule.connection_id).await {
            Ok(deck) => deck,
            Err(SessionError::Secrets(SecretError::Locked)) => {
                return Err(MissedReason::KeyringLocked);
            }
            Err(error) => return failed("connection not opened", &error),
        };
        if let Err(error) = deck.sign_in().await {
            return failed("not signed in", &error);
        }
        if past_grace(clock.now(), due) {
            return Err(MissedReason::TooLate);
        }
        let workflow = schedule.workflow_id.to_string();
        match deck.send_scheduled(&workflow, schedule.command).await {
            Ok(_) => Ok(true),
            Err(error) => failed(&format!("{} {workflow} failed", schedule.command), &error),
        }
    }
}

/// Too late to send an occurrence due at `due`, at `now`.
fn past_grace(now: Timestamp, due: Timestamp) -> bool {
    now.duration_since(due).unsigned_abs() > GRACE
}

/// The last occurrence at or before `now` that is not handled yet, if any came.
fn latest_passed(schedule: &Schedule, zone: &TimeZone, now: Timestamp) -> Option<Occurrence> {
    let mut latest = None;
    let mut after = handled_of(schedule);
    for _ in 0..MOST_PASSED {
        match occurrence_after(schedule, zone, after) {
            Some(occurrence) if occurrence.due <= now => {
                latest = Some(occurrence);
                after = Some(Handled {
                    at: occurrence.due,
                    wall: Some(occurrence.wall),
                });
            }
            _ => break,
        }
    }
    latest
}

#[cfg(test)]
#[path = "book_tests.rs"]
mod tests;
