//! Campaign's workflow life cycle (acs-api.md §3) as the simulator enforces it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Status {
    Editing,
    InProgress,
    /// Paused (Campaign shows a paused workflow as "Warning").
    Warning,
    Finished,
    Erroneous,
    /// Failed and stopped by its error management (Campaign v8's *Abort*, acs-api.md §6): only
    /// Start applies. Campaign Standard's workflows never end up here.
    Aborted,
}

impl Status {
    /// The words Campaign's UI shows.
    pub fn label(self) -> &'static str {
        match self {
            Self::Editing => "Editing",
            Self::InProgress => "In progress",
            Self::Warning => "Warning",
            Self::Finished => "Finished",
            Self::Erroneous | Self::Aborted => "Erroneous",
        }
    }

    /// The words Campaign v8's web UI shows (acs-api.md: Draft, In progress, Finished, Paused,
    /// Erroneous).
    pub fn label_v8(self) -> &'static str {
        match self {
            Self::Editing => "Draft",
            Self::InProgress => "In progress",
            Self::Warning => "Paused",
            Self::Finished => "Finished",
            Self::Erroneous | Self::Aborted => "Erroneous",
        }
    }

    /// An internal-state spelling, the other shape a record might use.
    pub fn state(self) -> &'static str {
        match self {
            Self::Editing => "editing",
            Self::InProgress => "started",
            Self::Warning => "paused",
            Self::Finished => "finished",
            // Campaign Standard's word for it.
            Self::Erroneous => "suspended",
            Self::Aborted => "failed",
        }
    }

    /// The classic engine's `@state` and `@failed` (acs-api.md §3): an error pauses the
    /// workflow and sets the flag.
    pub fn engine_state(self) -> (u8, bool) {
        match self {
            Self::Editing => (0, false),
            Self::InProgress => (11, false),
            Self::Warning => (13, false),
            Self::Erroneous => (13, true),
            Self::Finished => (20, false),
            Self::Aborted => (20, true),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    Start,
    Pause,
    Resume,
    Stop,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Pause => "pause",
            Self::Resume => "resume",
            Self::Stop => "stop",
        }
    }

    /// What a record says while this command is being carried out, in the label, state and
    /// engine shapes.
    pub fn transitional(self) -> (&'static str, &'static str, u8) {
        match self {
            Self::Start => ("Start pending", "starting", 16),
            Self::Pause => ("Pausing", "pausing", 12),
            Self::Resume => ("Resuming", "resuming", 14),
            Self::Stop => ("Stopping", "stopping", 15),
        }
    }

    pub fn parse(word: &str) -> Option<Self> {
        Some(match word {
            "start" => Self::Start,
            "pause" => Self::Pause,
            "resume" => Self::Resume,
            "stop" => Self::Stop,
            _ => return None,
        })
    }
}

/// The status a command leads to, or `None` when it makes no sense in the current one.
pub fn transition(from: Status, method: Method, start_resumes_paused: bool) -> Option<Status> {
    use Method::*;
    use Status::*;
    match (from, method) {
        (Editing | Finished, Start) => Some(InProgress),
        (Warning, Start) if start_resumes_paused => Some(InProgress),
        // Once its cause is fixed, a failed workflow may be started again (acs-api.md §3).
        (Erroneous | Aborted, Start) => Some(InProgress),
        (InProgress, Pause) => Some(Warning),
        (Warning | Erroneous, Resume) => Some(InProgress),
        (InProgress | Warning | Erroneous, Stop) => Some(Finished),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::Method::*;
    use super::Status::*;
    use super::*;

    #[test]
    fn follows_campaigns_life_cycle() {
        assert_eq!(transition(Editing, Start, false), Some(InProgress));
        assert_eq!(transition(Finished, Start, false), Some(InProgress));
        assert_eq!(transition(InProgress, Pause, false), Some(Warning));
        assert_eq!(transition(Warning, Resume, false), Some(InProgress));
        assert_eq!(transition(Erroneous, Resume, false), Some(InProgress));
        assert_eq!(transition(InProgress, Stop, false), Some(Finished));
        assert_eq!(transition(Warning, Stop, false), Some(Finished));
        assert_eq!(transition(Erroneous, Stop, false), Some(Finished));
        assert_eq!(transition(Erroneous, Start, false), Some(InProgress));
        // v8's Abort stopped it: only Start applies.
        assert_eq!(transition(Aborted, Start, false), Some(InProgress));
        assert_eq!(transition(Aborted, Resume, false), None);
        assert_eq!(transition(Aborted, Stop, false), None);
    }

    #[test]
    fn refuses_what_makes_no_sense() {
        assert_eq!(transition(InProgress, Start, false), None);
        assert_eq!(transition(Finished, Pause, false), None);
        assert_eq!(transition(Editing, Resume, false), None);
        assert_eq!(transition(Finished, Stop, false), None);
        assert_eq!(transition(Editing, Stop, false), None);
    }

    #[test]
    fn start_on_a_paused_workflow_is_a_switch() {
        assert_eq!(transition(Warning, Start, false), None);
        assert_eq!(transition(Warning, Start, true), Some(InProgress));
    }
}
