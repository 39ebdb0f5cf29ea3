//! What happened while Flowdeck was closed: the workflows it sees now in a status that ends a
//! run (finished, failed, paused with a warning) where it saw another before it started, and
//! the scheduled commands that came due meanwhile and were missed. Only connections already
//! open are looked at: the summary never opens one (nor asks the keyring for it).

use flowdeck_campaign::{WorkflowCommand, WorkflowId, WorkflowStatus};
use serde::Serialize;

use flowdeck_store::MissedReason;

use crate::schedules::Ran;
use crate::session::Session;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AwaySummary {
    /// When this Flowdeck started (milliseconds since the epoch).
    pub started_ms: u64,
    pub lines: Vec<AwayLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AwayLine {
    pub connection_id: String,
    pub connection: String,
    pub workflow_id: WorkflowId,
    pub label: String,
    pub what: AwayWhat,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "kind"
)]
pub enum AwayWhat {
    /// Now in `status`, first seen at `seen_ms`; `before` was the last status seen earlier.
    Status {
        status: WorkflowStatus,
        before: WorkflowStatus,
        seen_ms: u64,
    },
    /// `command` came due at `due_ms` while Flowdeck was closed, and was not sent.
    Missed {
        command: WorkflowCommand,
        due_ms: u64,
    },
}

fn ends_a_run(status: WorkflowStatus) -> bool {
    matches!(
        status,
        WorkflowStatus::Finished | WorkflowStatus::Erroneous | WorkflowStatus::Warning
    )
}

impl Session {
    /// What happened while Flowdeck was closed, as far as it has read since it started.
    pub async fn away_summary(&self) -> AwaySummary {
        let started_ms = self.started_ms();
        let mut lines = Vec::new();
        if let Ok(connections) = self.connections() {
            let open = connections.open_decks().await;
            for deck in &open {
                let organisation = deck.organisation();
                for card in deck.cards() {
                    let before = card
                        .timeline
                        .iter()
                        .rev()
                        .find(|seen| seen.at_ms < started_ms);
                    let now = card.timeline.last().filter(|seen| seen.at_ms >= started_ms);
                    if let (Some(before), Some(now)) = (before, now)
                        && now.status != before.status
                        && ends_a_run(now.status)
                    {
                        lines.push(AwayLine {
                            connection_id: organisation.connection_id.clone(),
                            connection: organisation.name.clone(),
                            workflow_id: card.workflow_id.clone(),
                            label: card.label.clone(),
                            what: AwayWhat::Status {
                                status: now.status,
                                before: before.status,
                                seen_ms: now.at_ms,
                            },
                        });
                    }
                }
            }
            let missed_while_closed = self
                .missed_schedules()
                .into_iter()
                .filter(missed_while_closed);
            for missed in missed_while_closed {
                let Ran::Missed {
                    connection_id,
                    workflow_id,
                    command,
                    due_ms,
                    ..
                } = missed
                else {
                    continue;
                };
                // Named from its deck where it is open; else from the saved connection, the
                // card then named by its ID: opening a deck could ask the keyring.
                let deck = open
                    .iter()
                    .find(|deck| deck.organisation().connection_id == connection_id);
                let (connection, label) = match deck {
                    Some(deck) => (
                        deck.organisation().name.clone(),
                        deck.label_of(&workflow_id),
                    ),
                    None => match connections.name_of(&connection_id) {
                        Some(name) => (name, String::new()),
                        None => continue,
                    },
                };
                lines.push(AwayLine {
                    connection_id,
                    connection,
                    workflow_id,
                    label,
                    what: AwayWhat::Missed { command, due_ms },
                });
            }
        }
        AwaySummary { started_ms, lines }
    }
}

/// Whether a schedule's outcome is one the away summary tells: missed because Flowdeck was not
/// running.
fn missed_while_closed(ran: &Ran) -> bool {
    matches!(
        ran,
        Ran::Missed {
            reason: MissedReason::NotRunning,
            ..
        }
    )
}

#[cfg(test)]
#[path = "away_tests.rs"]
mod tests;
