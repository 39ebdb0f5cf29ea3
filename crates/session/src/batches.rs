//! Starting a batch at Campaign's pace: at most N of its workflows running at once (Adobe
//! advises spreading executions; 20 running is its limit), the next started as one finishes.
//! The queue lives here, not in the window, so closing the window does not stop it. Each Start
//! is marked before it is sent and sent once, to the connection (and the revision of its
//! settings) the batch was made on; nothing is sent again, and what may have run is said so.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use flowdeck_campaign::{WorkflowCommand, WorkflowId, WorkflowStatus};

use crate::connections::Connections;
use crate::deck::{Deck, lock};
use crate::error::SessionError;

/// Adobe's limit of running executions per instance; a batch may ask for no more.
pub const MAX_RUNNING: u32 = 20;

/// Where Campaign's record carries no status (none is documented), a started workflow cannot
/// be seen to finish: it counts as running this long, then the next one starts.
pub const UNSEEN_RUN: Duration = Duration::from_secs(10 * 60);

/// A batch the window asks for: Start each of these cards of one connection, at most
/// `at_most_running` running at once.
#[derive(Debug, Clone)]
pub struct BatchRequest {
    pub connection_id: String,
    pub revision: u32,
    pub workflow_ids: Vec<String>,
    pub at_most_running: u32,
}

/// Where each workflow of a batch is.
#[derive(Debug, Clone)]
pub enum BatchItemState {
    Queued,
    /// Its Start is on its way.
    Sending,
    /// Campaign accepted its Start at this moment; it counts as running until a reading says
    /// otherwise (or, where records carry no status, for [`UNSEEN_RUN`]).
    Running(Instant),
    /// It ran and is no longer running: the status Flowdeck read then, if records carry one.
    Ended(Option<WorkflowStatus>),
    /// Its Start was refused: nothing ran.
    Failed(Arc<SessionError>),
    /// No answer came for its Start: it may have run. Never sent again. Counted as running
    /// from `Some(instant)` until a reading says it is not running (or, where records carry no
    /// status, for [`UNSEEN_RUN`]); `None` once it no longer counts.
    MayHaveRun(Arc<SessionError>, Option<Instant>),
    /// The batch was cancelled before its turn.
    Cancelled,
}

impl BatchItemState {
    /// Since when it holds a place among the N running: started, or may have started and not
    /// yet read as ended.
    fn running_since(&self) -> Option<Instant> {
        match self {
            Self::Running(since) | Self::MayHaveRun(_, Some(since)) => Some(*since),
            _ => None,
        }
    }

    /// Still to come or running: the batch waits for it.
    fn is_under_way(&self) -> bool {
        matches!(self, Self::Queued | Self::Sending) || self.running_since().is_some()
    }

    /// It no longer runs: one whose answer was lost still says so (the user should look), it
    /// just stops holding a place.
    fn end(&mut self, status: Option<WorkflowStatus>) {
        *self = match self {
            Self::MayHaveRun(error, _) => Self::MayHaveRun(Arc::clone(error), None),
            _ => Self::Ended(status),
        };
    }
}

#[derive(Debug, Clone)]
pub struct BatchItem {
    pub workflow_id: WorkflowId,
    pub label: String,
    pub state: BatchItemState,
}

/// A batch as the window shows it.
#[derive(Debug, Clone)]
pub struct BatchView {
    pub id: u64,
    pub connection_id: String,
    pub connection: String,
    pub at_most_running: u32,
    pub cancelled: bool,
    pub items: Vec<BatchItem>,
}

impl BatchView {
    /// Whether anything of it is still to come: a Start queued or on its way, or one running.
    pub fn is_under_way(&self) -> bool {
        self.items.iter().any(|item| item.state.is_under_way())
    }
}

struct Batch {
    view: BatchView,
    revision: u32,
}

/// Every batch of this session, under way or ended (until the window dismisses it).
#[derive(Default)]
pub struct Batches {
    batches: Mutex<Vec<Batch>>,
    next_id: Mutex<u64>,
    /// One pass at a time: a pass sends, and two must never pick the same queued Start.
    advancing: tokio::sync::Mutex<()>,
}

impl Batches {
    /// Queues a batch; its first Starts go on the next pass.
    pub async fn start(
        &self,
        connections: &Connections,
        request: BatchRequest,
    ) -> Result<BatchView, SessionError> {
        if !(1..=MAX_RUNNING).contains(&request.at_most_running) {
            return Err(SessionError::BatchPaceInvalid);
        }
        let deck = connections
            .deck_for_work(&request.connection_id, request.revision)
            .await?;
        let mut items: Vec<BatchItem> = Vec::new();
        for raw in &request.workflow_ids {
            let workflow_id = deck.card_id(raw)?;
            if items.iter().any(|item| item.workflow_id == workflow_id) {
                continue;
            }
            let label = deck.label_of(&workflow_id);
            items.push(BatchItem {
                workflow_id,
                label,
                state: BatchItemState::Queued,
            });
        }
        if items.is_empty() {
            return Err(SessionError::BatchEmpty);
        }
        let id = {
            let mut next = lock(&self.next_id);
            *next += 1;
            *next
        };
        let organisation = deck.organisation();
        let view = BatchView {
            id,
            connection_id: organisation.connection_id.clone(),
            connection: organisation.name.clone(),
            at_most_running: request.at_most_running,
            cancelled: false,
            items,
        };
        lock(&self.batches).push(Batch {
            view: view.clone(),
            revision: request.revision,
        });
        Ok(view)
    }

    pub fn views(&self) -> Vec<BatchView> {
        lock(&self.batches)
            .iter()
            .map(|batch| batch.view.clone())
            .collect()
    }

    /// Starts nothing more of batch `id`; Starts on their way finish, running ones run on.
    pub fn cancel(&self, id: u64) -> Result<BatchView, SessionError> {
        let mut batches = lock(&self.batches);
        let batch = batches
            .iter_mut()
            .find(|batch| batch.view.id == id)
            .ok_or(SessionError::BatchNotFound)?;
        batch.view.cancelled = true;
        for item in &mut batch.view.items {
            if matches!(item.state, BatchItemState::Queued) {
                item.state = BatchItemState::Cancelled;
            }
        }
        Ok(batch.view.clone())
    }

    /// Forgets an ended batch, once the window has shown its outcome.
    pub fn dismiss(&self, id: u64) -> Result<(), SessionError> {
        let mut batches = lock(&self.batches);
        let index = batches
            .iter()
            .position(|batch| batch.view.id == id)
            .ok_or(SessionError::BatchNotFound)?;
        if batches[index].view.is_under_way() {
            return Err(SessionError::BatchUnderWay);
        }
        batches.remove(index);
        Ok(())
    }

    /// Queued or running Starts of every batch, for what a restart would interrupt.
    pub fn under_way(&self) -> u32 {
        let count = lock(&self.batches)
            .iter()
            .flat_map(|batch| &batch.view.items)
            .filter(|item| item.state.is_under_way())
            .count();
        u32::try_from(count).unwrap_or(u32::MAX)
    }

    /// One pass over every batch under way: reads its running workflows, and starts queued
    /// ones while fewer than its limit run. Whether anything changed.
    pub async fn advance(&self, connections: &Connections) -> bool {
        let _one_pass = self.advancing.lock().await;
        let under_way: Vec<(u64, String, u32)> = lock(&self.batches)
            .iter()
            .filter(|batch| batch.view.is_under_way())
            .map(|batch| {
                (
                    batch.view.id,
                    batch.view.connection_id.clone(),
                    batch.revision,
                )
            })
            .collect();
        let mut changed = false;
        for (id, connection_id, revision) in under_way {
            match connections.deck_for_work(&connection_id, revision).await {
                Ok(deck) => changed |= self.advance_one(id, &deck).await,
                // The connection was edited or deleted: what is queued goes nowhere.
                Err(error) => changed |= self.refuse_queued(id, &Arc::new(error)),
            }
        }
        changed
    }

    async fn advance_one(&self, id: u64, deck: &Deck) -> bool {
        let mut changed = false;
        for (workflow_id, started) in self.running(id) {
            // A reading that fails leaves it running: read again next pass.
            let Ok(record) = deck.read(workflow_id.as_str()).await else {
                continue;
            };
            let ended = match record.status {
                Some(status) if !is_running(status) => Some(Some(status)),
                None if started.elapsed() >= UNSEEN_RUN => Some(None),
                _ => None,
            };
            if let Some(status) = ended {
                changed |= self.update(id, &workflow_id, |state| state.end(status));
            }
        }
        while let Some(next) = self.next_to_start(id) {
            changed = true;
            let state = match deck.send(next.as_str(), WorkflowCommand::Start).await {
                Ok(_) => BatchItemState::Running(Instant::now()),
                Err(error) if error.command_may_have_run() => {
                    BatchItemState::MayHaveRun(Arc::new(error), Some(Instant::now()))
                }
                Err(error) => BatchItemState::Failed(Arc::new(error)),
            };
            self.set(id, &next, state);
        }
        changed
    }

    /// The next queued workflow of batch `id`, marked as on its way, while fewer than its
    /// limit run; none when the batch is cancelled, full or has nothing queued.
    fn next_to_start(&self, id: u64) -> Option<WorkflowId> {
        let mut batches = lock(&self.batches);
        let batch = batches.iter_mut().find(|batch| batch.view.id == id)?;
        if batch.view.cancelled {
            return None;
        }
        let running = batch
            .view
            .items
            .iter()
            .filter(|item| {
                matches!(item.state, BatchItemState::Sending)
                    || item.state.running_since().is_some()
            })
            .count();
        if running >= batch.view.at_most_running as usize {
            return None;
        }
        let item = batch
            .view
            .items
            .iter_mut()
            .find(|item| matches!(item.state, BatchItemState::Queued))?;
        item.state = BatchItemState::Sending;
        Some(item.workflow_id.clone())
    }

    /// The workflows of batch `id` that run or may run, and since when.
    fn running(&self, id: u64) -> Vec<(WorkflowId, Instant)> {
        lock(&self.batches)
            .iter()
            .filter(|batch| batch.view.id == id)
            .flat_map(|batch| &batch.view.items)
            .filter_map(|item| Some((item.workflow_id.clone(), item.state.running_since()?)))
            .collect()
    }

    fn in_state(&self, id: u64, wanted: impl Fn(&BatchItemState) -> bool) -> Vec<WorkflowId> {
        lock(&self.batches)
            .iter()
            .filter(|batch| batch.view.id == id)
            .flat_map(|batch| &batch.view.items)
            .filter(|item| wanted(&item.state))
            .map(|item| item.workflow_id.clone())
            .collect()
    }

    fn set(&self, id: u64, workflow_id: &WorkflowId, state: BatchItemState) -> bool {
        self.update(id, workflow_id, |now| *now = state)
    }

    /// Changes the state of `workflow_id` in batch `id`; whether it is there.
    fn update(
        &self,
        id: u64,
        workflow_id: &WorkflowId,
        change: impl FnOnce(&mut BatchItemState),
    ) -> bool {
        let mut batches = lock(&self.batches);
        let item = batches
            .iter_mut()
            .filter(|batch| batch.view.id == id)
            .flat_map(|batch| batch.view.items.iter_mut())
            .find(|item| &item.workflow_id == workflow_id);
        match item {
            Some(item) => {
                change(&mut item.state);
                true
            }
            None => false,
        }
    }

    /// The batch's connection changed: nothing more is sent, and what runs is no longer
    /// followed (it ran; its last known status stays).
    fn refuse_queued(&self, id: u64, error: &Arc<SessionError>) -> bool {
        let mut changed = false;
        for workflow_id in self.in_state(id, |state| matches!(state, BatchItemState::Queued)) {
            changed |= self.set(id, &workflow_id, BatchItemState::Failed(Arc::clone(error)));
        }
        for (workflow_id, _) in self.running(id) {
            changed |= self.update(id, &workflow_id, |state| state.end(None));
        }
        changed
    }
}

fn is_running(status: WorkflowStatus) -> bool {
    matches!(
        status,
        WorkflowStatus::InProgress | WorkflowStatus::InTransition
    )
}

#[cfg(test)]
#[path = "batches_tests.rs"]
mod tests;
