use flowdeck_campaign::{WorkflowCommand, WorkflowId, WorkflowStatus};
use serde::{Deserialize, Serialize};

use crate::StoreError;

/// Room for a descriptive name; the card shows it in full.
pub const MAX_LABEL_CHARS: usize = 200;
pub const MAX_TAGS: usize = 20;
pub const MAX_TAG_CHARS: usize = 40;

/// One workflow on the user's deck. The workflow ID is the card's identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Card {
    pub workflow_id: WorkflowId,
    pub label: String,
    /// The user's own groupings ("Newsletters", "Q4"), to filter the deck by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_command: Option<LastCommand>,
    /// The statuses Flowdeck saw, oldest first, each when it first saw it; at most
    /// [`MAX_TIMELINE`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timeline: Vec<StatusSeen>,
    /// "Notify me": Flowdeck keeps reading this workflow while the window is hidden, and says
    /// when it finishes, pauses with a warning, fails, or can no longer be read.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub watched: bool,
}

/// Enough to see the last few runs of a daily workflow.
pub const MAX_TIMELINE: usize = 50;

/// A status as Flowdeck first saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StatusSeen {
    pub status: WorkflowStatus,
    /// Milliseconds since the Unix epoch.
    pub at_ms: u64,
    /// Erroneous and stopped by the workflow's error management (Campaign v8's Abort): only
    /// Start applies, and Campaign has nothing left to stop. Saved, so that a connection not
    /// opened this session still knows it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub aborted: bool,
}

/// The last command Campaign accepted for this card: what the card shows when Campaign's
/// record carries no status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LastCommand {
    pub command: WorkflowCommand,
    /// Milliseconds since the Unix epoch.
    pub accepted_at_ms: u64,
}

impl LastCommand {
    /// `command`, accepted just now.
    pub fn now(command: WorkflowCommand) -> Self {
        Self {
            command,
            accepted_at_ms: crate::versioned_file::now_ms(),
        }
    }
}

impl Card {
    pub fn new(workflow_id: WorkflowId, label: impl Into<String>) -> Self {
        Self {
            workflow_id,
            label: label.into(),
            tags: Vec::new(),
            last_command: None,
            timeline: Vec::new(),
            watched: false,
        }
    }
}

impl Card {
    /// Whether the label and tags are within what the deck shows and stores.
    pub fn check_text(&self) -> Result<(), StoreError> {
        if self.label.chars().count() > MAX_LABEL_CHARS {
            return Err(StoreError::LabelTooLong);
        }
        let long_tag = self.tags.iter().any(|t| t.chars().count() > MAX_TAG_CHARS);
        if self.tags.len() > MAX_TAGS || long_tag {
            return Err(StoreError::TooManyOrLongTags);
        }
        Ok(())
    }
}

/// Trimmed, non-empty, without duplicates (ignoring case), in the order given.
pub fn clean_tags(tags: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut clean: Vec<String> = Vec::new();
    for tag in tags {
        let tag = tag.trim();
        if !tag.is_empty() && !clean.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            clean.push(tag.to_owned());
        }
    }
    clean
}
