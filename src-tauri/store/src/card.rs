use flowdeck_campaign::{WorkflowCommand, WorkflowId};
use serde::{Deserialize, Serialize};

/// One workflow on the user's deck. The workflow ID is the card's identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    pub workflow_id: WorkflowId,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_command: Option<LastCommand>,
}

/// The last command Campaign accepted for this card: what the card shows when Campaign's
/// record carries no status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LastCommand {
    pub command: WorkflowCommand,
    /// Milliseconds since the Unix epoch.
    pub accepted_at_ms: u64,
}

impl Card {
    pub fn new(workflow_id: WorkflowId, label: impl Into<String>) -> Self {
        Self {
            workflow_id,
            label: label.into(),
            last_command: None,
        }
    }
}
