//! Restart, as Campaign's own UI offers it and no API tool does: Stop, wait until Campaign
//! reports the stop effective, then Start. Start is never sent when the stop did not take
//! effect in time, or when Campaign does not report the status that would show it.

use std::time::{Duration, Instant};

use flowdeck_campaign::{WorkflowCommand, WorkflowRecord, WorkflowStatus};
use serde::Serialize;

use crate::deck::{CommandOutcome, Deck};
use crate::error::SessionError;

/// How long a Stop may take before Flowdeck gives up on the Start (a Stop cancels running
/// queries and imports, which can take a while).
pub const RESTART_PATIENCE: Duration = Duration::from_secs(60);
const POLL_EVERY: Duration = Duration::from_secs(1);

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RestartOutcome {
    pub stop: CommandOutcome,
    pub start: CommandOutcome,
}

impl Deck {
    /// Restarts one of this deck's cards' workflows. The workflow counts as busy throughout:
    /// no other command reaches it between the Stop and the Start.
    pub async fn restart(
        &self,
        workflow_id: &str,
        patience: Duration,
    ) -> Result<RestartOutcome, SessionError> {
        let id = self.card_id(workflow_id)?;
        let _sending = self.begin_sending(&id)?;
        let stop = self.send_held(&id, WorkflowCommand::Stop).await?;
        let deadline = Instant::now() + patience;
        loop {
            tokio::time::sleep(POLL_EVERY.min(patience)).await;
            match self.read_any(&id).await {
                Ok(WorkflowRecord {
                    status: Some(WorkflowStatus::Finished),
                    ..
                }) => break,
                Ok(WorkflowRecord { status: None, .. }) => {
                    return Err(SessionError::StopNotVisible {
                        workflow_id: id,
                        connection: self.organisation().name.clone(),
                    });
                }
                // Still stopping, or a read that failed: ask again until the deadline.
                _ => {}
            }
            if Instant::now() >= deadline {
                return Err(SessionError::StopNotEffective {
                    workflow_id: id,
                    connection: self.organisation().name.clone(),
                    waited_secs: patience.as_secs(),
                });
            }
        }
        let start = self.send_held(&id, WorkflowCommand::Start).await?;
        Ok(RestartOutcome { stop, start })
    }
}

#[cfg(test)]
#[path = "restart_tests.rs"]
mod tests;
