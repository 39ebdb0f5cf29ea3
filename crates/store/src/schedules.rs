//! The commands a user asked to be sent later, kept durably. What a schedule holds is a wall
//! clock time ("06:00 on 3 December"), never an instant: 06:00 stays 06:00 in whatever time zone
//! the computer is in when it comes. When each one is due is the session's to work out.

use std::path::PathBuf;

use flowdeck_campaign::{WorkflowCommand, WorkflowId};
use serde::{Deserialize, Serialize};

use crate::StoreError;
use crate::versioned_file::{self, now_ms};

const SCHEMA_VERSION: u32 = 1;
/// More than anyone schedules by hand; a bound on what a damaged or crafted file can hold.
pub const MAX_SCHEDULES: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Repeat {
    Once,
    Daily,
    /// Monday to Friday.
    Weekdays,
    Weekly,
}

/// What became of the occurrence handled last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "kind"
)]
pub enum ScheduleEvent {
    /// Taken out of the schedule before it was sent: it is never sent twice.
    Sending {
        due_ms: u64,
    },
    Sent {
        due_ms: u64,
        accepted: bool,
    },
    /// Not sent at its time, and so never sent late.
    Missed {
        due_ms: u64,
        /// Files from before Flowdeck said why hold none: those only missed what came due
        /// while it was not running, or paused.
        #[serde(default)]
        reason: MissedReason,
    },
}

/// Why an occurrence was missed: what the user can do about it differs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum MissedReason {
    /// Flowdeck was not running when it came due.
    #[default]
    NotRunning,
    /// The computer was asleep (or too busy) through its time and the grace after it.
    Asleep,
    /// "Pause all schedules" was on.
    Paused,
    /// The keyring was locked, so the connection's secret could not be read.
    KeyringLocked,
    /// Ready to go only after its grace had passed: a keyring prompt or a sign-in took that
    /// long.
    TooLate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Schedule {
    pub id: String,
    /// The connection the command goes to: the card's own. Saved as `profileId` before
    /// connections took that name.
    #[serde(alias = "profileId")]
    pub connection_id: String,
    pub workflow_id: WorkflowId,
    pub command: WorkflowCommand,
    /// The first time, on the wall clock: `2026-12-03T06:00`.
    pub local_time: String,
    pub repeat: Repeat,
    /// Occurrences up to this instant are handled (sent or missed); the next one is later.
    pub handled_through_ms: Option<u64>,
    /// The wall-clock date and time of the occurrence handled last, where it was handled: the
    /// next one is later on the wall clock too, whatever time zone the computer moved to.
    #[serde(default)]
    pub handled_through_local: Option<String>,
    pub last: Option<ScheduleEvent>,
    pub created_ms: u64,
}

#[derive(Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct ScheduleFile {
    schedules: Vec<Schedule>,
    /// "Pause all schedules": nothing is sent, and what comes due meanwhile is missed.
    paused: bool,
}

pub struct ScheduleStore {
    path: PathBuf,
    file: ScheduleFile,
}

impl ScheduleStore {
    /// Opens the schedules at `path`; also says where an unreadable file was set aside.
    pub fn open(path: impl Into<PathBuf>) -> Result<(Self, Option<PathBuf>), StoreError> {
        let path = path.into();
        let loaded = versioned_file::load::<ScheduleFile>(&path, SCHEMA_VERSION)?;
        let mut file = loaded.document.unwrap_or_default();
        file.schedules.truncate(MAX_SCHEDULES);
        Ok((Self { path, file }, loaded.set_aside))
    }

    pub fn schedules(&self) -> &[Schedule] {
        &self.file.schedules
    }

    pub fn paused(&self) -> bool {
        self.file.paused
    }

    pub fn set_paused(&mut self, paused: bool) -> Result<(), StoreError> {
        self.file.paused = paused;
        self.save()
    }

    /// Adds a schedule with a fresh ID; returns it as kept. A repeat that began in the past
    /// says from when on its occurrences count (`handled_through_ms`).
    pub fn add(
        &mut self,
        connection_id: &str,
        workflow_id: WorkflowId,
        command: WorkflowCommand,
        when: (&str, Repeat),
        handled_through_ms: Option<u64>,
    ) -> Result<Schedule, StoreError> {
        let (local_time, repeat) = when;
        if self.file.schedules.len() >= MAX_SCHEDULES {
            return Err(StoreError::TooManySchedules);
        }
        let created_ms = now_ms();
        let schedule = Schedule {
            id: format!("s-{created_ms}-{}", self.file.schedules.len()),
            connection_id: connection_id.to_owned(),
            workflow_id,
            command,
            local_time: local_time.to_owned(),
            repeat,
            handled_through_ms,
            handled_through_local: None,
            last: None,
            created_ms,
        };
        self.file.schedules.push(schedule.clone());
        self.save()?;
        Ok(schedule)
    }

    pub fn remove(&mut self, id: &str) -> Result<Schedule, StoreError> {
        let index = self.index_of(id)?;
        let removed = self.file.schedules.remove(index);
        self.save()?;
        Ok(removed)
    }

    /// Marks the occurrence due at `due_ms` handled, with what became of it, and saves that
    /// before anything is sent.
    pub fn handled(
        &mut self,
        id: &str,
        (due_ms, due_local): (u64, &str),
        event: ScheduleEvent,
    ) -> Result<(), StoreError> {
        let index = self.index_of(id)?;
        let schedule = &mut self.file.schedules[index];
        schedule.handled_through_ms = Some(due_ms);
        schedule.handled_through_local = Some(due_local.to_owned());
        schedule.last = Some(event);
        self.save()
    }

    /// Every schedule of one connection goes with it.
    pub fn remove_connection(&mut self, connection_id: &str) -> Result<(), StoreError> {
        self.file
            .schedules
            .retain(|s| s.connection_id != connection_id);
        self.save()
    }

    fn index_of(&self, id: &str) -> Result<usize, StoreError> {
        self.file
            .schedules
            .iter()
            .position(|s| s.id == id)
            .ok_or_else(|| StoreError::ScheduleNotFound(id.to_owned()))
    }

    fn save(&self) -> Result<(), StoreError> {
        versioned_file::save(&self.path, SCHEMA_VERSION, &self.file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(raw: &str) -> WorkflowId {
        WorkflowId::parse(raw).unwrap()
    }

    #[test]
    fn schedules_and_what_became_of_them_survive_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("schedules.json");
        let (mut store, _) = ScheduleStore::open(&path).unwrap();
        let kept = store
            .add(
                "p-stage",
                id("WKF1"),
                WorkflowCommand::Start,
                ("2026-12-03T06:00", Repeat::Weekdays),
                None,
            )
            .unwrap();
        store
            .handled(
                &kept.id,
                (1_000, "1970-01-01T00:00:01"),
                ScheduleEvent::Sending { due_ms: 1_000 },
            )
            .unwrap();
        store.set_paused(true).unwrap();
        drop(store);

        let (reopened, set_aside) = ScheduleStore::open(&path).unwrap();
        assert!(set_aside.is_none());
        assert!(reopened.paused());
        let schedule = &reopened.schedules()[0];
        assert_eq!(schedule.local_time, "2026-12-03T06:00");
        assert_eq!(schedule.handled_through_ms, Some(1_000));
        assert_eq!(
            schedule.last,
            Some(ScheduleEvent::Sending { due_ms: 1_000 })
        );
    }

    #[test]
    fn a_removed_connection_takes_its_schedules_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = ScheduleStore::open(dir.path().join("s.json")).unwrap();
        for connection in ["p-stage", "p-production"] {
            store
                .add(
                    connection,
                    id("WKF1"),
                    WorkflowCommand::Stop,
                    ("2026-12-03T06:00", Repeat::Once),
                    None,
                )
                .unwrap();
        }
        store.remove_connection("p-stage").unwrap();
        let left: Vec<_> = store
            .schedules()
            .iter()
            .map(|s| s.connection_id.as_str())
            .collect();
        assert_eq!(left, ["p-production"]);
        assert!(matches!(
            store.remove("nope"),
            Err(StoreError::ScheduleNotFound(_))
        ));
    }
}
