//! "Notify me": the workflows a user watches are read at a slow pace even while the window is
//! hidden, and what they would want to hear is said once: finished, paused with a warning,
//! failed (Erroneous), or no longer readable (renamed or deleted in Campaign).

use flowdeck_campaign::{CampaignError, WorkflowId, WorkflowStatus};
use flowdeck_store::Card;
use serde::Serialize;

use crate::connections::Connections;
use crate::deck::{Deck, lock};
use crate::error::SessionError;

/// What a watched workflow did that is worth a notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "kind"
)]
pub enum WatchNews {
    Status {
        connection_id: String,
        connection: String,
        workflow_id: WorkflowId,
        label: String,
        status: WorkflowStatus,
    },
    Gone {
        connection_id: String,
        connection: String,
        workflow_id: WorkflowId,
        label: String,
    },
}

/// The statuses a marketer waits for; the others (Editing, In progress, In transition) are not news.
fn worth_telling(status: WorkflowStatus) -> bool {
    matches!(
        status,
        WorkflowStatus::Finished | WorkflowStatus::Warning | WorkflowStatus::Erroneous
    )
}

impl Deck {
    pub fn set_watched(
        &self,
        workflow_ids: &[String],
        watched: bool,
    ) -> Result<Vec<Card>, SessionError> {
        let ids = workflow_ids
            .iter()
            .map(|id| self.card_id(id))
            .collect::<Result<Vec<_>, _>>()?;
        let mut reported_gone = lock(&self.reported_gone);
        for id in &ids {
            reported_gone.remove(id);
        }
        drop(reported_gone);
        Ok(self.store().set_watched(&ids, watched)?)
    }

    /// Reads each watched card once and says what is news since the status seen last (kept
    /// across restarts, so a workflow that finished while Flowdeck was closed is told too).
    pub async fn check_watched(&self) -> Vec<WatchNews> {
        let watched: Vec<Card> = self.cards().into_iter().filter(|c| c.watched).collect();
        let mut news = Vec::new();
        for card in watched {
            let id = card.workflow_id.to_string();
            let before = card.timeline.last().map(|seen| seen.status);
            let organisation = self.organisation();
            match self.read(&id).await {
                Ok(record) => {
                    lock(&self.reported_gone).remove(&card.workflow_id);
                    if let Some(status) = record.status
                        && Some(status) != before
                        && worth_telling(status)
                    {
                        news.push(WatchNews::Status {
                            connection_id: organisation.connection_id.clone(),
                            connection: organisation.name.clone(),
                            workflow_id: card.workflow_id,
                            label: card.label,
                            status,
                        });
                    }
                }
                Err(SessionError::Campaign(CampaignError::WorkflowNotFound(_))) => {
                    if lock(&self.reported_gone).insert(card.workflow_id.clone()) {
                        news.push(WatchNews::Gone {
                            connection_id: organisation.connection_id.clone(),
                            connection: organisation.name.clone(),
                            workflow_id: card.workflow_id,
                            label: card.label,
                        });
                    }
                }
                // Campaign busy, the network down: tried again next time, nothing to tell.
                Err(error) => log::info!("watching {id}: {error}"),
            }
        }
        news
    }
}

impl Connections {
    /// The watched workflows of every connection, read once. A connection is opened for it
    /// only when its deck watches something.
    pub async fn check_watched(&self) -> Vec<WatchNews> {
        let mut news = Vec::new();
        for deck in self.decks_watching().await {
            news.extend(deck.check_watched().await);
        }
        news
    }
}

#[cfg(test)]
#[path = "watch_tests.rs"]
mod tests;
