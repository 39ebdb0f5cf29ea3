use std::collections::VecDeque;
use std::path::PathBuf;

use flowdeck_campaign::{WorkflowCommand, WorkflowId};
use serde::{Deserialize, Serialize};

use crate::StoreError;
use crate::connections::{ConnectionId, ConnectionKind};
use crate::journal::Journal;
use crate::versioned_file::{self, now_ms};

const SCHEMA_VERSION: u32 = 1;
/// Enough for months of daily use; the oldest entries go first.
pub const MAX_ENTRIES: usize = 2000;

/// What became of a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    Accepted,
    Failed,
    /// No answer came: Campaign may or may not have run it.
    Unknown,
}

/// What was sent: one of the four commands (clicked or scheduled), or a signal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Action {
    Command(WorkflowCommand),
    /// Sent at the time the user chose, not by a click.
    ScheduledCommand(WorkflowCommand),
    Signal(SignalSent),
}

/// A signal as sent: the activity, the source and the parameters the user typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SignalSent {
    pub activity: String,
    pub source: String,
    /// The parameters as the JSON object sent.
    pub parameters: String,
}

/// What happened to one command or signal. Never a token or a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Activity {
    /// The connection the command went to; absent in entries written before it was kept.
    /// Saved as `profileId` before connections took that name, as is `connection`.
    #[serde(default, alias = "profileId")]
    pub connection_id: Option<ConnectionId>,
    /// The connection's name when the command was sent.
    #[serde(alias = "profile")]
    pub connection: String,
    #[serde(default)]
    pub kind: Option<ConnectionKind>,
    /// The tenant and the Campaign API address the request went to, as they were when it was
    /// sent; absent in entries written before they were kept.
    #[serde(default)]
    pub tenant: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    pub workflow_id: WorkflowId,
    /// `"command": "start"` or `"signal": {…}`, so that entries from before signals read as
    /// they were written.
    #[serde(flatten)]
    pub action: Action,
    pub outcome: Outcome,
    pub http_status: Option<u16>,
    pub adobe_code: Option<String>,
    pub request_id: Option<String>,
    /// What went wrong, in the app's words, when it did.
    pub error: Option<String>,
}

/// What an entry says while its command is on its way, and still says if Flowdeck is stopped
/// (closed, killed, a power cut) before Campaign answers.
pub const STOPPED_BEFORE_THE_ANSWER: &str =
    "Flowdeck stopped before Campaign answered; the command may or may not have run.";

/// Longest kept text of an entry's fields: they come from Campaign, a proxy or the user.
const MAX_FIELD_CHARS: usize = 512;
const MAX_CODE_CHARS: usize = 64;
const MAX_PARAMETERS_CHARS: usize = 4096;

/// An activity as logged: when it was recorded, beside what happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ActivityEntry {
    /// Which entry a command's outcome completes; 0 in entries from before it was kept.
    #[serde(default)]
    pub seq: u64,
    pub at_ms: u64,
    #[serde(flatten)]
    pub activity: Activity,
}

#[derive(Serialize, Deserialize, Default)]
struct ActivityFile {
    entries: VecDeque<ActivityEntry>,
}

/// The log is a snapshot (`activity.json`) and a journal beside it (`activity.journal`) of
/// the entries written or completed since: a command costs two short appends, however long
/// the log, and the snapshot is rewritten only once in a while.
pub struct ActivityLog {
    path: PathBuf,
    file: ActivityFile,
    journal: Journal,
}

/// Journal lines before they are folded into the snapshot.
const FOLD_AFTER_LINES: usize = 500;

impl ActivityLog {
    /// Opens the log at `path`; also says where an unreadable file was set aside.
    pub fn open(path: impl Into<PathBuf>) -> Result<(Self, Option<PathBuf>), StoreError> {
        let path = path.into();
        let loaded = versioned_file::load::<ActivityFile>(&path, SCHEMA_VERSION)?;
        let (journal, written, journal_aside) =
            Journal::open::<ActivityEntry>(path.with_extension("journal"))?;
        let mut log = Self {
            path,
            file: loaded.document.unwrap_or_default(),
            journal,
        };
        for entry in written {
            log.replay(entry);
        }
        if log.journal.lines() > 0 || journal_aside.is_some() {
            log.fold()?;
        }
        Ok((log, loaded.set_aside.or(journal_aside)))
    }

    /// Takes an entry from the journal: new, or completing one already there. One older
    /// than the snapshot's newest that is no longer there was pushed out of the log.
    fn replay(&mut self, entry: ActivityEntry) {
        let newest = self.file.entries.back().map_or(0, |e| e.seq);
        match self.file.entries.iter_mut().find(|e| e.seq == entry.seq) {
            Some(kept) => *kept = entry,
            None if entry.seq > newest => {
                self.file.entries.push_back(entry);
                self.drop_oldest();
            }
            None => {}
        }
    }

    pub fn record(&mut self, activity: Activity) -> Result<(), StoreError> {
        let seq = self.push(activity);
        self.write(seq)
    }

    /// Logs a command before it is sent, as one whose outcome is not known, so that a command
    /// Campaign accepted is in the log even if Flowdeck is killed before the answer. Returns
    /// the entry's number, for [`Self::finish`].
    pub fn begin(&mut self, mut activity: Activity) -> Result<u64, StoreError> {
        activity.outcome = Outcome::Unknown;
        activity.error = Some(STOPPED_BEFORE_THE_ANSWER.to_owned());
        let seq = self.push(activity);
        self.write(seq)?;
        Ok(seq)
    }

    /// Completes the entry [`Self::begin`] wrote with what became of the command.
    pub fn finish(&mut self, seq: u64, activity: Activity) -> Result<(), StoreError> {
        let seq = match self.file.entries.iter_mut().rev().find(|e| e.seq == seq) {
            Some(entry) => {
                entry.activity = bounded(activity);
                seq
            }
            // Pushed out by two thousand newer entries while waiting: log it anew.
            None => self.push(activity),
        };
        self.write(seq)
    }

    fn push(&mut self, activity: Activity) -> u64 {
        let seq = self.file.entries.iter().map(|e| e.seq).max().unwrap_or(0) + 1;
        self.file.entries.push_back(ActivityEntry {
            seq,
            at_ms: now_ms(),
            activity: bounded(activity),
        });
        self.drop_oldest();
        seq
    }

    fn drop_oldest(&mut self) {
        while self.file.entries.len() > MAX_ENTRIES {
            self.file.entries.pop_front();
        }
    }

    /// Makes entry `seq` as it is now durable: a journal line, folded into the snapshot
    /// once the journal is long.
    fn write(&mut self, seq: u64) -> Result<(), StoreError> {
        if let Some(entry) = self.file.entries.iter().rev().find(|e| e.seq == seq) {
            self.journal.append(entry)?;
        }
        if self.journal.lines() >= FOLD_AFTER_LINES {
            self.fold()?;
        }
        Ok(())
    }

    /// The snapshot takes in what the journal holds, then the journal starts again. A crash
    /// between the two replays entries the snapshot already has, which changes nothing.
    fn fold(&mut self) -> Result<(), StoreError> {
        versioned_file::save(&self.path, SCHEMA_VERSION, &self.file)?;
        self.journal.clear()
    }

    /// When a signal to this activity was last received, or may have been (its answer was
    /// lost), through this connection.
    pub fn last_signal(
        &self,
        connection_id: &ConnectionId,
        workflow_id: &WorkflowId,
        activity: &str,
    ) -> Option<u64> {
        self.file
            .entries
            .iter()
            .rev()
            .find(|entry| {
                let logged = &entry.activity;
                logged.connection_id.as_ref() == Some(connection_id)
                    && &logged.workflow_id == workflow_id
                    && logged.outcome != Outcome::Failed
                    && matches!(&logged.action, Action::Signal(sent) if sent.activity == activity)
            })
            .map(|entry| entry.at_ms)
    }

    /// Newest first.
    pub fn entries(&self) -> Vec<ActivityEntry> {
        self.file.entries.iter().rev().cloned().collect()
    }

    /// The whole log as CSV (newest first), for a spreadsheet or Adobe support.
    pub fn to_csv(&self) -> String {
        let mut csv = String::from(
            "time (UTC),connection,kind,tenant,address,workflow,command,signal,outcome,HTTP status,Adobe code,request ID,error\r\n",
        );
        for ActivityEntry {
            at_ms,
            activity: entry,
            ..
        } in self.file.entries.iter().rev()
        {
            let fields = [
                utc_timestamp(*at_ms),
                entry.connection.clone(),
                entry
                    .kind
                    .map(|k| format!("{k:?}").to_lowercase())
                    .unwrap_or_default(),
                entry.tenant.clone().unwrap_or_default(),
                entry.address.clone().unwrap_or_default(),
                entry.workflow_id.to_string(),
                match &entry.action {
                    Action::Command(command) => command.method().to_owned(),
                    Action::ScheduledCommand(command) => {
                        format!("{} (scheduled)", command.method())
                    }
                    Action::Signal(sent) => format!("signal {}", sent.activity),
                },
                match &entry.action {
                    Action::Command(_) | Action::ScheduledCommand(_) => String::new(),
                    Action::Signal(sent) => format!("{} {}", sent.source, sent.parameters),
                },
                format!("{:?}", entry.outcome).to_lowercase(),
                entry.http_status.map(|s| s.to_string()).unwrap_or_default(),
                entry.adobe_code.clone().unwrap_or_default(),
                entry.request_id.clone().unwrap_or_default(),
                entry.error.clone().unwrap_or_default(),
            ];
            let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            csv.push_str(&row.join(","));
            csv.push_str("\r\n");
        }
        csv
    }
}

fn bounded(activity: Activity) -> Activity {
    let clip = |text: String, max: usize| match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text,
    };
    Activity {
        connection: clip(activity.connection, MAX_FIELD_CHARS),
        tenant: activity.tenant.map(|t| clip(t, MAX_CODE_CHARS)),
        address: activity.address.map(|a| clip(a, MAX_FIELD_CHARS)),
        adobe_code: activity.adobe_code.map(|c| clip(c, MAX_CODE_CHARS)),
        request_id: activity.request_id.map(|r| clip(r, MAX_CODE_CHARS)),
        error: activity.error.map(|e| clip(e, MAX_FIELD_CHARS)),
        action: match activity.action {
            Action::Signal(sent) => Action::Signal(SignalSent {
                activity: clip(sent.activity, MAX_CODE_CHARS),
                source: clip(sent.source, MAX_FIELD_CHARS),
                // A signal carries at most 64 KB; the log keeps what a person reads.
                parameters: clip(sent.parameters, MAX_PARAMETERS_CHARS),
            }),
            command => command,
        },
        ..activity
    }
}

/// RFC 4180 quoting, and a leading apostrophe for what a spreadsheet would run as a formula.
fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// `2026-11-22 09:30:05` in UTC.
fn utc_timestamp(ms: u64) -> String {
    i64::try_from(ms)
        .ok()
        .and_then(|ms| jiff::Timestamp::from_millisecond(ms).ok())
        .map(|at| at.strftime("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    fn activity(workflow: &str, outcome: Outcome) -> Activity {
        Activity {
            connection_id: Some(ConnectionId::random()),
            connection: "Production".into(),
            kind: Some(ConnectionKind::Production),
            tenant: Some("acme-mkt-stage".into()),
            address: Some("https://mc.adobe.io/".into()),
            workflow_id: WorkflowId::parse(workflow).unwrap(),
            action: Action::Command(WorkflowCommand::Start),
            outcome,
            http_status: Some(204),
            adobe_code: None,
            request_id: Some("req-1".into()),
            error: None,
        }
    }

    #[test]
    fn entries_survive_a_reopen_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("activity.json");
        let (mut log, _) = ActivityLog::open(&path).unwrap();
        log.record(activity("WKF1", Outcome::Accepted)).unwrap();
        log.record(activity("WKF2", Outcome::Failed)).unwrap();
        let (reopened, _) = ActivityLog::open(&path).unwrap();
        let ids: Vec<String> = reopened
            .entries()
            .iter()
            .map(|e| e.activity.workflow_id.to_string())
            .collect();
        assert_eq!(ids, ["WKF2", "WKF1"]);
    }

    #[test]
    fn a_command_is_logged_before_it_is_sent_and_completed_after() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("activity.json");
        let (mut log, _) = ActivityLog::open(&path).unwrap();
        let seq = log.begin(activity("WKF1", Outcome::Accepted)).unwrap();
        // Killed here: the reopened log says the command may have run.
        let (mut reopened, _) = ActivityLog::open(&path).unwrap();
        let pending = &reopened.entries()[0].activity;
        assert_eq!(pending.outcome, Outcome::Unknown);
        assert_eq!(pending.error.as_deref(), Some(STOPPED_BEFORE_THE_ANSWER));
        reopened
            .finish(seq, activity("WKF1", Outcome::Accepted))
            .unwrap();
        let entries = reopened.entries();
        assert_eq!(entries.len(), 1, "completed in place, not added");
        assert_eq!(entries[0].activity.outcome, Outcome::Accepted);
        assert_eq!(entries[0].activity.error, None);
    }

    #[test]
    fn a_command_costs_two_journal_lines_not_a_rewrite_of_the_log() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("activity.json");
        let (mut log, _) = ActivityLog::open(&path).unwrap();
        for n in 0..FOLD_AFTER_LINES / 2 - 1 {
            let seq = log
                .begin(activity(&format!("WKF{n}"), Outcome::Accepted))
                .unwrap();
            log.finish(seq, activity(&format!("WKF{n}"), Outcome::Accepted))
                .unwrap();
        }
        assert!(!path.exists(), "the snapshot was not written yet");
        let journal = fs::read_to_string(path.with_extension("journal")).unwrap();
        assert_eq!(journal.lines().count(), FOLD_AFTER_LINES - 2);

        let seq = log.begin(activity("WKF-LAST", Outcome::Accepted)).unwrap();
        log.finish(seq, activity("WKF-LAST", Outcome::Failed))
            .unwrap();
        assert!(path.exists(), "folded into the snapshot");
        assert_eq!(fs::read(path.with_extension("journal")).unwrap(), b"");
        let (reopened, _) = ActivityLog::open(&path).unwrap();
        assert_eq!(reopened.entries().len(), FOLD_AFTER_LINES / 2);
        assert_eq!(reopened.entries()[0].activity.outcome, Outcome::Failed);
    }

    #[test]
    fn a_crash_between_folding_and_emptying_the_journal_adds_nothing_twice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("activity.json");
        let journal = path.with_extension("journal");
        let (mut log, _) = ActivityLog::open(&path).unwrap();
        for n in 0..3 {
            log.record(activity(&format!("WKF{n}"), Outcome::Accepted))
                .unwrap();
        }
        let written = fs::read(&journal).unwrap();
        drop(log);
        // Opening folds the journal into the snapshot; put the journal back as if the crash
        // came before it was emptied.
        ActivityLog::open(&path).unwrap();
        fs::write(&journal, written).unwrap();
        let (reopened, set_aside) = ActivityLog::open(&path).unwrap();
        assert_eq!(set_aside, None);
        assert_eq!(reopened.entries().len(), 3);
    }

    #[test]
    fn fields_from_outside_are_kept_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let (mut log, _) = ActivityLog::open(dir.path().join("activity.json")).unwrap();
        let mut huge = activity("WKF1", Outcome::Failed);
        huge.adobe_code = Some("9".repeat(10_000));
        huge.request_id = Some("r".repeat(10_000));
        huge.error = Some("é".repeat(10_000));
        log.record(huge).unwrap();
        let kept = &log.entries()[0].activity;
        assert_eq!(
            kept.adobe_code.as_ref().unwrap().chars().count(),
            MAX_CODE_CHARS + 1
        );
        assert_eq!(
            kept.request_id.as_ref().unwrap().chars().count(),
            MAX_CODE_CHARS + 1
        );
        assert_eq!(
            kept.error.as_ref().unwrap().chars().count(),
            MAX_FIELD_CHARS + 1
        );
    }

    #[test]
    fn the_log_is_bounded_and_drops_the_oldest() {
        let dir = tempfile::tempdir().unwrap();
        let (mut log, _) = ActivityLog::open(dir.path().join("activity.json")).unwrap();
        for n in 0..MAX_ENTRIES + 5 {
            log.record(activity(&format!("WKF{n}"), Outcome::Accepted))
                .unwrap();
        }
        let entries = log.entries();
        assert_eq!(entries.len(), MAX_ENTRIES);
        assert_eq!(
            entries.last().unwrap().activity.workflow_id.as_str(),
            "WKF5"
        );
    }

    #[test]
    fn csv_has_a_header_quotes_what_needs_it_and_defuses_formulas() {
        let dir = tempfile::tempdir().unwrap();
        let (mut log, _) = ActivityLog::open(dir.path().join("activity.json")).unwrap();
        let mut failed = activity("WKF1", Outcome::Failed);
        failed.connection = "=HYPERLINK(\"x\")".into();
        failed.error = Some("Campaign refused, \"invalid\"".into());
        failed.http_status = Some(400);
        log.record(failed).unwrap();
        let csv = log.to_csv();
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "time (UTC),connection,kind,tenant,address,workflow,command,signal,outcome,HTTP status,Adobe code,request ID,error"
        );
        assert!(lines[1].contains(",\"'=HYPERLINK(\"\"x\"\")\",production,acme-mkt-stage,https://mc.adobe.io/,WKF1,start,,failed,400,,req-1,\"Campaign refused, \"\"invalid\"\"\""), "{}", lines[1]);
    }

    fn signal(workflow: &str, activity: &str, outcome: Outcome) -> Activity {
        Activity {
            action: Action::Signal(SignalSent {
                activity: activity.into(),
                source: "Flowdeck".into(),
                parameters: r#"{"segment":"VIP"}"#.into(),
            }),
            ..self::activity(workflow, outcome)
        }
    }

    #[test]
    fn signals_are_logged_with_their_parameters_and_found_by_activity() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("activity.json");
        let (mut log, _) = ActivityLog::open(&path).unwrap();
        let sent = signal("WKF1", "signal1", Outcome::Accepted);
        let connection = sent.connection_id.clone().unwrap();
        log.record(signal("WKF1", "signal2", Outcome::Failed))
            .unwrap();
        assert_eq!(
            log.last_signal(&connection, &sent.workflow_id, "signal2"),
            None
        );
        log.record(sent.clone()).unwrap();
        log.record(activity("WKF1", Outcome::Accepted)).unwrap();
        let (reopened, _) = ActivityLog::open(&path).unwrap();
        let at = reopened.last_signal(&connection, &sent.workflow_id, "signal1");
        assert_eq!(at, Some(reopened.entries()[1].at_ms));
        let other = ConnectionId::random();
        assert_eq!(
            reopened.last_signal(&other, &sent.workflow_id, "signal1"),
            None
        );
        assert!(
            reopened
                .to_csv()
                .contains(r#",WKF1,signal signal1,"Flowdeck {""segment"":""VIP""}",accepted,"#),
            "{}",
            reopened.to_csv()
        );
    }

    #[test]
    fn entries_written_before_signals_still_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("activity.json");
        std::fs::write(
            &path,
            r#"{"schemaVersion":1,"entries":[{"atMs":5,"profile":"Stage","workflowId":"WKF1","command":"pause","outcome":"accepted","httpStatus":204,"adobeCode":null,"requestId":null,"error":null}]}"#,
        )
        .unwrap();
        let (log, set_aside) = ActivityLog::open(&path).unwrap();
        assert_eq!(set_aside, None);
        assert_eq!(
            log.entries()[0].activity.action,
            Action::Command(WorkflowCommand::Pause)
        );
    }

    #[test]
    fn timestamps_are_utc_calendar_dates() {
        assert_eq!(utc_timestamp(0), "1970-01-01 00:00:00");
        assert_eq!(utc_timestamp(1_795_080_605_000), "2026-11-19 09:30:05");
        assert_eq!(utc_timestamp(951_782_400_000), "2000-02-29 00:00:00");
    }
}
