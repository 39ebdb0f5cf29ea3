//! External signals, sent from a card: always to the trigger href Campaign lists at that
//! moment (never one from the web view), only while the workflow runs, at most once per
//! cool-down, and logged with their parameters before they leave.

use std::time::{SystemTime, UNIX_EPOCH};

use flowdeck_campaign::{
    Accepted, CampaignError, ParameterValue, SIGNAL_COOLDOWN_SECS, Signal, WorkflowStatus,
};
use flowdeck_store::{Action, ConnectionId, SignalSent};
use serde::{Deserialize, Serialize};

use crate::deck::{Deck, NotSaved, lock};
use crate::error::SessionError;

/// A signal as the user filled it in on a card.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SignalToSend {
    /// The signal activity's name, as the workflow record lists it.
    pub activity: String,
    pub source: String,
    pub parameters: Vec<NamedValue>,
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct NamedValue {
    pub name: String,
    pub value: ParameterValue,
}

/// Campaign accepted the signal; what the workflow does with it is up to the workflow.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SignalOutcome {
    pub activity: String,
    pub request_id: Option<String>,
    /// Not before this moment will Campaign take the same signal again.
    pub again_at_ms: u64,
    pub not_saved: Vec<NotSaved>,
}

impl Deck {
    /// Triggers a signal activity of one of this deck's cards' workflows.
    pub async fn send_signal(
        &self,
        workflow_id: &str,
        signal: &SignalToSend,
    ) -> Result<SignalOutcome, SessionError> {
        let id = self.card_id(workflow_id)?;
        let _sending = self.begin_sending(&id)?;
        let record = self.read_any(&id).await?;
        let activity = record
            .signals
            .iter()
            .find(|listed| listed.name == signal.activity)
            .ok_or_else(|| SessionError::SignalActivityGone {
                workflow_id: id.clone(),
                activity: signal.activity.clone(),
            })?;
        // Where the record says the workflow is not running, Campaign would refuse; where it
        // says nothing, Campaign decides.
        if let Some(status) = record.status.filter(|&s| s != WorkflowStatus::InProgress) {
            return Err(SessionError::SignalNeedsRunningWorkflow {
                workflow_id: id,
                status,
            });
        }
        let connection = ConnectionId::try_from(self.organisation().connection_id.clone()).ok();
        let last = connection.and_then(|connection| {
            lock(&self.activity).last_signal(&connection, &id, &activity.name)
        });
        let cooldown_ms = SIGNAL_COOLDOWN_SECS * 1000;
        if let Some(last) = last.filter(|&at| now_ms() < at.saturating_add(cooldown_ms)) {
            return Err(SessionError::SignalTooSoon {
                activity: activity.name.clone(),
                again_at_ms: last + cooldown_ms,
            });
        }
        let parameters: Vec<(String, ParameterValue)> = signal
            .parameters
            .iter()
            .map(|p| (p.name.clone(), p.value.clone()))
            .collect();
        let built = Signal::new(activity, &signal.source, &parameters)?;
        let sent_as = Action::Signal(SignalSent {
            activity: activity.name.clone(),
            source: signal.source.trim().to_owned(),
            parameters: built.logged_parameters.clone(),
        });
        let (sent, not_saved) = self
            .logged(&id, sent_as, |token| {
                let built = &built;
                async move { self.client.send_signal(&token, activity, built).await }
            })
            .await;
        let Accepted { request_id, .. } = sent.map_err(|error| match error {
            SessionError::Campaign(CampaignError::RefusedWithReason(api)) => {
                SessionError::SignalRefused {
                    activity: activity.name.clone(),
                    reason: api.reason().unwrap_or_default().to_owned(),
                }
            }
            other => other,
        })?;
        log::info!(
            "{}: signal {} of {id} accepted (request {})",
            self.organisation().connection_id,
            activity.name,
            request_id.as_deref().unwrap_or("-")
        );
        Ok(SignalOutcome {
            activity: activity.name.clone(),
            request_id,
            again_at_ms: now_ms() + cooldown_ms,
            not_saved,
        })
    }
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX)
        })
}

#[cfg(test)]
#[path = "signals_tests.rs"]
mod tests;
