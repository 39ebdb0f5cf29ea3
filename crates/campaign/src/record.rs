use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::signal::{SignalActivity, listed_signals};

/// Campaign's workflow statuses as its UI shows them (acs-api.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum WorkflowStatus {
    Editing,
    InProgress,
    /// Paused, or could not finish.
    Warning,
    Finished,
    Erroneous,
    /// Pausing, stopping, start pending: a command is taking effect; nothing else can be sent
    /// until it settles.
    InTransition,
}

impl WorkflowStatus {
    /// Reads a status word in any of the spellings a record may plausibly use: the UI label
    /// ("In progress"), an internal state ("started", "paused") or an enum name ("IN_PROGRESS").
    pub fn recognise(word: &str) -> Option<Self> {
        let key: String = word
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        Some(match key.as_str() {
            "editing" | "edition" | "draft" | "new" | "neverstarted" | "beingedited" => {
                Self::Editing
            }
            "inprogress" | "started" | "running" | "start" | "active" => Self::InProgress,
            "warning" | "paused" | "pause" => Self::Warning,
            "finished" | "stopped" | "done" | "completed" | "ended" => Self::Finished,
            // Campaign Standard's word for a workflow an error paused.
            "erroneous" | "error" | "failed" | "failure" | "suspended" => Self::Erroneous,
            "pausing" | "stopping" | "starting" | "resuming" | "startpending" | "pausepending"
            | "stoppending" | "pauserequested" | "stoprequested" | "restartrequested"
            | "intransition" => Self::InTransition,
            _ => return None,
        })
    }

    /// The classic engine's numeric `@state` (acs-api.md §3: 13 = paused, 20 = stopped). The
    /// values between a settled state and the next are requests being carried out.
    pub fn from_engine_state(state: i64) -> Option<Self> {
        Some(match state {
            0 => Self::Editing,
            11 => Self::InProgress,
            13 => Self::Warning,
            20 => Self::Finished,
            1..=19 => Self::InTransition,
            _ => return None,
        })
    }
}

/// What Flowdeck can use of `GET /workflow/execution/<id>`. No status field is documented, so
/// every field is optional and anything unrecognised is ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct WorkflowRecord {
    pub label: Option<String>,
    pub status: Option<WorkflowStatus>,
    /// The status word exactly as Campaign sent it, when it is one Flowdeck does not recognise.
    pub unrecognised_status: Option<String>,
    /// The External signal activities the workflow lists.
    pub signals: Vec<SignalActivity>,
    /// Failed and stopped (the engine's stopped state with its failed flag: Campaign v8's
    /// *Abort*, acs-api.md §6): Erroneous, but only Start applies.
    pub aborted: bool,
}

impl WorkflowRecord {
    pub fn from_body(body: &str) -> Self {
        let Ok(Value::Object(fields)) = serde_json::from_str::<Value>(body) else {
            return Self::default();
        };
        let text = |key: &str| {
            fields
                .get(key)
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let number = |key: &str| match fields.get(key) {
            Some(Value::Number(n)) => n.as_i64(),
            Some(Value::String(s)) => s.trim().parse::<i64>().ok(),
            _ => None,
        };
        let (status, reported) = match number("state") {
            Some(state) => (
                WorkflowStatus::from_engine_state(state),
                Some(state.to_string()),
            ),
            None => {
                let reported = text("state").or_else(|| text("status"));
                (
                    reported.as_deref().and_then(WorkflowStatus::recognise),
                    reported,
                )
            }
        };
        // The engine keeps a separate `failed` flag: a paused workflow that failed is
        // Erroneous, not Warning.
        let failed = match fields.get("failed") {
            Some(Value::Bool(failed)) => *failed,
            Some(_) => number("failed").is_some_and(|n| n != 0),
            None => false,
        };
        let aborted = failed && status == Some(WorkflowStatus::Finished);
        let status = match status {
            Some(WorkflowStatus::Warning | WorkflowStatus::InProgress) if failed => {
                Some(WorkflowStatus::Erroneous)
            }
            _ if aborted => Some(WorkflowStatus::Erroneous),
            other => other,
        };
        Self {
            label: text("label"),
            status,
            unrecognised_status: reported.filter(|_| status.is_none()),
            signals: listed_signals(&fields),
            aborted,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_sample_has_no_status_and_one_signal() {
        let body = r#"{"PKey":"@UyAB6xMi","activities":{"activity":{"signal1":{"trigger":{"href":"https://mc.adobe.io/acme/campaign/workflow/execution/@UyAB6xMi/activities/activity/@reoSEmIg/trigger/"}}}}}"#;
        let record = WorkflowRecord::from_body(body);
        assert_eq!(record.status, None);
        assert_eq!(record.signals.len(), 1);
        assert_eq!(record.signals[0].name, "signal1");
    }

    #[test]
    fn reads_a_state_or_status_in_any_spelling() {
        for (body, expected) in [
            (r#"{"state":"started"}"#, WorkflowStatus::InProgress),
            (r#"{"status":"In progress"}"#, WorkflowStatus::InProgress),
            (r#"{"status":"IN_PROGRESS"}"#, WorkflowStatus::InProgress),
            (r#"{"state":"paused"}"#, WorkflowStatus::Warning),
            (r#"{"status":"Finished"}"#, WorkflowStatus::Finished),
            (r#"{"state":"error"}"#, WorkflowStatus::Erroneous),
            (r#"{"status":"Editing"}"#, WorkflowStatus::Editing),
        ] {
            assert_eq!(
                WorkflowRecord::from_body(body).status,
                Some(expected),
                "{body}"
            );
        }
    }

    #[test]
    fn reads_the_engines_numeric_state_and_its_failed_flag() {
        for (body, expected) in [
            (r#"{"state":0}"#, Some(WorkflowStatus::Editing)),
            (r#"{"state":11}"#, Some(WorkflowStatus::InProgress)),
            (r#"{"state":13}"#, Some(WorkflowStatus::Warning)),
            (
                r#"{"state":"13","failed":1}"#,
                Some(WorkflowStatus::Erroneous),
            ),
            (
                r#"{"state":13,"failed":true}"#,
                Some(WorkflowStatus::Erroneous),
            ),
            (r#"{"state":13,"failed":0}"#, Some(WorkflowStatus::Warning)),
            (r#"{"state":20}"#, Some(WorkflowStatus::Finished)),
            (r#"{"state":15}"#, Some(WorkflowStatus::InTransition)),
            (
                r#"{"state":"paused","failed":true}"#,
                Some(WorkflowStatus::Erroneous),
            ),
            (r#"{"state":99}"#, None),
        ] {
            assert_eq!(WorkflowRecord::from_body(body).status, expected, "{body}");
        }
        assert_eq!(
            WorkflowRecord::from_body(r#"{"state":99}"#)
                .unrecognised_status
                .as_deref(),
            Some("99")
        );
    }

    #[test]
    fn a_stopped_workflow_with_the_failed_flag_was_aborted_and_is_erroneous() {
        let aborted = WorkflowRecord::from_body(r#"{"state":20,"failed":1}"#);
        assert_eq!(aborted.status, Some(WorkflowStatus::Erroneous));
        assert!(aborted.aborted);
        for body in [
            r#"{"state":13,"failed":1}"#,
            r#"{"state":20}"#,
            r#"{"status":"Erroneous"}"#,
        ] {
            assert!(!WorkflowRecord::from_body(body).aborted, "{body}");
        }
    }

    #[test]
    fn transitional_words_are_in_transition_and_suspended_is_erroneous() {
        for word in ["pausing", "stopping", "start pending", "Stop requested"] {
            let body = format!(r#"{{"status":"{word}"}}"#);
            assert_eq!(
                WorkflowRecord::from_body(&body).status,
                Some(WorkflowStatus::InTransition),
                "{word}"
            );
        }
        assert_eq!(
            WorkflowRecord::from_body(r#"{"state":"suspended"}"#).status,
            Some(WorkflowStatus::Erroneous)
        );
    }

    #[test]
    fn keeps_an_unknown_status_word_to_show_as_is() {
        let record = WorkflowRecord::from_body(r#"{"status":"Archived","label":"Newsletter"}"#);
        assert_eq!(record.status, None);
        assert_eq!(record.unrecognised_status.as_deref(), Some("Archived"));
        assert_eq!(record.label.as_deref(), Some("Newsletter"));
    }

    #[test]
    fn tolerates_bodies_that_are_not_json_objects() {
        for body in ["", "OK", "[1,2]", "{\"state\": true}"] {
            assert_eq!(WorkflowRecord::from_body(body).status, None, "{body}");
        }
    }
}
