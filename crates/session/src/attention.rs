//! Needs attention, across every connection: the cards that failed, are paused, are stuck
//! taking a command or will be stopped by Campaign soon, and the schedules that were missed.
//! What an open connection says comes from reads this session (the window's, the watcher's, and
//! a slow background sweep of the rest under the one read budget); a connection not opened
//! this session says what was seen before, and is never opened for it (its secret would be
//! asked of the keyring).

use std::sync::Arc;
use std::time::{Duration, Instant};

use flowdeck_campaign::{WorkflowCommand, WorkflowId, WorkflowStatus};
use flowdeck_store::{CampaignProduct, Card};
use serde::Serialize;
use tokio::task::JoinSet;

use crate::connections::Connections;
use crate::deck::{Deck, lock};
use crate::lingering::{self, DAY_MS};
use crate::schedules::Ran;

/// A stop by Campaign this close counts as soon.
pub const STOPS_SOON_WITHIN_MS: u64 = 2 * DAY_MS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AttentionEntry {
    pub connection_id: String,
    pub connection: String,
    pub workflow_id: WorkflowId,
    /// Empty where the card is gone (a missed schedule's card removed since).
    pub label: String,
    /// Campaign Standard or v8: the words for its status.
    pub product: CampaignProduct,
    pub why: AttentionWhy,
    /// Read this session; else as seen when the connection was last open.
    pub read_now: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "kind"
)]
pub enum AttentionWhy {
    /// Erroneous since `since_ms` (at the latest).
    Failed { since_ms: u64 },
    /// Paused, or stopped short with a warning, since `since_ms`.
    Paused { since_ms: u64 },
    /// Taking a command since `since_ms`, longer than it should.
    Stuck { since_ms: u64 },
    /// Campaign stops it at `stops_at_ms` (at the latest), for being paused or failed.
    StopsSoon {
        status: WorkflowStatus,
        stops_at_ms: u64,
    },
    /// A scheduled command that came due at `due_ms` and was not sent.
    Missed {
        schedule_id: String,
        command: WorkflowCommand,
        due_ms: u64,
    },
}

/// Why a card needs attention at `now_ms`, from the status Flowdeck saw last and since when;
/// one its error management stopped (aborted) has nothing left for Campaign to stop.
pub(crate) fn why_of(card: &Card, product: CampaignProduct, now_ms: u64) -> Option<AttentionWhy> {
    let last = card.timeline.last()?;
    let since_ms = last.at_ms;
    if !last.aborted
        && let Some(stops_at_ms) = lingering::auto_stop_at(last.status, since_ms, product)
        && now_ms.saturating_add(STOPS_SOON_WITHIN_MS) >= stops_at_ms
    {
        return Some(AttentionWhy::StopsSoon {
            status: last.status,
            stops_at_ms,
        });
    }
    match last.status {
        WorkflowStatus::Erroneous => Some(AttentionWhy::Failed { since_ms }),
        WorkflowStatus::Warning => Some(AttentionWhy::Paused { since_ms }),
        WorkflowStatus::InTransition if lingering::is_stuck(last.status, since_ms, now_ms) => {
            Some(AttentionWhy::Stuck { since_ms })
        }
        _ => None,
    }
}

impl Connections {
    /// What needs attention on every connection at `now_ms`, with the schedules missed.
    pub(crate) async fn attention(&self, now_ms: u64, missed: &[Ran]) -> Vec<AttentionEntry> {
        let known = self.known_cards().await;
        let mut entries = Vec::new();
        for deck in &known {
            for card in &deck.cards {
                if let Some(why) = why_of(card, deck.product, now_ms) {
                    entries.push(AttentionEntry {
                        connection_id: deck.connection_id.clone(),
                        connection: deck.name.clone(),
                        workflow_id: card.workflow_id.clone(),
                        label: card.label.clone(),
                        product: deck.product,
                        why,
                        read_now: deck.opened,
                    });
                }
            }
        }
        for ran in missed {
            let Ran::Missed {
                schedule_id,
                connection_id,
                workflow_id,
                command,
                due_ms,
                ..
            } = ran
            else {
                continue;
            };
            // A connection deleted since has nothing left to open.
            let Some(deck) = known.iter().find(|d| &d.connection_id == connection_id) else {
                continue;
            };
            let label = deck
                .cards
                .iter()
                .find(|c| &c.workflow_id == workflow_id)
                .map(|c| c.label.clone())
                .unwrap_or_default();
            entries.push(AttentionEntry {
                connection_id: connection_id.clone(),
                connection: deck.name.clone(),
                workflow_id: workflow_id.clone(),
                label,
                product: deck.product,
                why: AttentionWhy::Missed {
                    schedule_id: schedule_id.clone(),
                    command: *command,
                    due_ms: *due_ms,
                },
                read_now: deck.opened,
            });
        }
        entries
    }

    /// Reads, in the background, the cards of open connections that nobody read lately:
    /// rarely, more often those needing attention (to see them mended), never a connection that
    /// Campaign asked to wait, a few at a time under the one read budget. How many it read.
    pub async fn sweep(&self, pace: &SweepPace, now_ms: u64) -> usize {
        let now = Instant::now();
        let mut due: Vec<(Instant, Arc<Deck>, WorkflowId)> = Vec::new();
        for deck in self.open_decks().await {
            if deck.is_quiet() {
                continue;
            }
            let product = deck.organisation().product;
            let last_read = lock(&deck.last_read).clone();
            for card in deck.cards() {
                // Not read since the deck opened: the window reads what it shows first, and
                // the rest is known as last seen until its turn comes.
                let read_at = last_read
                    .get(&card.workflow_id)
                    .copied()
                    .unwrap_or(deck.opened_at);
                let after = if why_of(&card, product, now_ms).is_some() {
                    pace.attention_reread_after
                } else {
                    pace.reread_after
                };
                if now.duration_since(read_at) >= after {
                    due.push((read_at, Arc::clone(&deck), card.workflow_id));
                }
            }
        }
        // The longest unread first.
        due.sort_by_key(|(read_at, ..)| *read_at);
        due.truncate(pace.most);
        let count = due.len();
        let mut reading = JoinSet::new();
        for (_, deck, id) in due {
            if reading.len() >= pace.at_once {
                reading.join_next().await;
            }
            reading.spawn(async move {
                // Campaign may have asked this connection to wait since the sweep began.
                if deck.is_quiet() {
                    return;
                }
                if let Err(error) = deck.read(id.as_str()).await {
                    log::info!("background read of {id}: {error}");
                }
            });
        }
        while reading.join_next().await.is_some() {}
        count
    }
}

impl Deck {
    /// Whether Campaign asked this connection to wait (Retry-After) and the time is not up.
    fn is_quiet(&self) -> bool {
        lock(&self.quiet_until).is_some_and(|until| until > Instant::now())
    }
}

/// How the background sweep reads.
#[derive(Debug, Clone)]
pub struct SweepPace {
    /// A card nobody read this long is read again.
    pub reread_after: Duration,
    /// A card needing attention is read again this often, to see it mended.
    pub attention_reread_after: Duration,
    /// Reads in flight from the sweep at once (the rest of the budget is the window's).
    pub at_once: usize,
    /// Reads in one sweep at most.
    pub most: usize,
}

/// 200 cards on each of 4 connections come to about 50 reads a minute.
pub const SWEEP_PACE: SweepPace = SweepPace {
    reread_after: Duration::from_secs(15 * 60),
    attention_reread_after: Duration::from_secs(2 * 60),
    at_once: 2,
    most: 60,
};

#[cfg(test)]
#[path = "attention_tests.rs"]
mod tests;
