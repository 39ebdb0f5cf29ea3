//! "Notify me": the workflows a user watches are read at a slow pace even while the window is
//! hidden, and what they would want to hear is said once: finished, paused with a warning,
//! failed (Erroneous), no longer readable (renamed or deleted in Campaign), to be stopped by
//! Campaign within a day (paused or failed for almost a week), or stuck taking a command.

use flowdeck_campaign::{CampaignError, WorkflowId, WorkflowStatus};
use flowdeck_store::Card;
use serde::Serialize;

use crate::connections::Connections;
use crate::deck::{Deck, lock};
use crate::error::SessionError;
use crate::{lingering, run_time};

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
    /// Campaign will stop it at `stops_at_ms` (at the latest), for being paused or failed.
    StopsSoon {
        connection_id: String,
        connection: String,
        workflow_id: WorkflowId,
        label: String,
        status: WorkflowStatus,
        stops_at_ms: u64,
    },
    /// Running since `since_ms`, more than twice as long as its usual run (`usual_ms`).
    RunningLong {
        connection_id: String,
        connection: String,
        workflow_id: WorkflowId,
        label: String,
        since_ms: u64,
        usual_ms: u64,
    },
    /// A command has been taking effect since `since_ms` (at the latest).
    Stuck {
        connection_id: String,
        connection: String,
        workflow_id: WorkflowId,
        label: String,
        since_ms: u64,
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
    /// across restarts, so a workflow that finished while Flowdeck was closed is told too), and
    /// what has lasted too long by `now_ms`.
    pub async fn check_watched(&self, now_ms: u64) -> Vec<WatchNews> {
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
                            workflow_id: card.workflow_id.clone(),
                            label: card.label.clone(),
                            status,
                        });
                    }
                    // Its error management stopped it (v8's Abort): nothing lasts, nothing
                    // for Campaign to stop.
                    if let Some(status) = record.status.filter(|_| !record.aborted) {
                        news.extend(self.lasted_too_long(&card, status, now_ms));
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

    /// A status that has lasted too long, told once for each time the workflow entered it.
    fn lasted_too_long(
        &self,
        card: &Card,
        status: WorkflowStatus,
        now_ms: u64,
    ) -> Option<WatchNews> {
        let timeline = self.timeline(card.workflow_id.as_str()).ok()?;
        let since_ms = timeline.last().filter(|seen| seen.status == status)?.at_ms;
        let organisation = self.organisation();
        let (connection_id, connection) = (
            organisation.connection_id.clone(),
            organisation.name.clone(),
        );
        let (workflow_id, label) = (card.workflow_id.clone(), card.label.clone());
        let product = organisation.product;
        let news = if let Some(stops_at_ms) = lingering::auto_stop_at(status, since_ms, product)
            && now_ms.saturating_add(lingering::REMIND_BEFORE_STOP_MS) >= stops_at_ms
        {
            WatchNews::StopsSoon {
                connection_id,
                connection,
                workflow_id,
                label,
                status,
                stops_at_ms,
            }
        } else if let Some(usual_ms) = run_time::running_long(&timeline, now_ms) {
            WatchNews::RunningLong {
                connection_id,
                connection,
                workflow_id,
                label,
                since_ms,
                usual_ms,
            }
        } else if lingering::is_stuck(status, since_ms, now_ms) {
            WatchNews::Stuck {
                connection_id,
                connection,
                workflow_id,
                label,
                since_ms,
            }
        } else {
            return None;
        };
        lock(&self.reminded)
            .insert((card.workflow_id.clone(), since_ms))
            .then_some(news)
    }
}

impl Connections {
    /// The watched workflows of every connection, read once. A connection is opened for it
    /// only when its deck watches something.
    pub async fn check_watched(&self, now_ms: u64) -> Vec<WatchNews> {
        let mut news = Vec::new();
        for deck in self.decks_watching().await {
            news.extend(deck.check_watched(now_ms).await);
        }
        news
    }
}

#[cfg(test)]
#[path = "watch_tests.rs"]
mod tests;
