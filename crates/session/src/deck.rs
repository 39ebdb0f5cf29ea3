//! One connection's deck: its cards, the Campaign instance they live in, and the token that
//! opens it. Every operation acts on a workflow that is a card here; a deck never sends to
//! another instance, and never sends two commands to one workflow at once.

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use flowdeck_campaign::{
    Accepted, AccessToken, AuthError, CampaignClient, CampaignError, TokenProvider, TokenStatus,
    WorkflowCommand, WorkflowId, WorkflowRecord,
};
use flowdeck_store::{
    Action, Activity, ActivityLog, CampaignProduct, Card, CardStore, ConnectionId, ConnectionKind,
    LastCommand, Outcome, StatusSeen, StoreError, clean_tags, export_card_list, parse_card_list,
};
use serde::Serialize;

use crate::error::SessionError;
use crate::read_budget::ReadBudget;
use crate::recently_removed::RecentlyRemoved;

/// Which Campaign instance a deck talks to, as the user knows it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Organisation {
    pub connection_id: String,
    /// Which saved settings of the connection this deck was opened with. Work names it, so
    /// that work begun before the connection was edited never reaches the edited address.
    pub revision: u32,
    pub name: String,
    pub kind: ConnectionKind,
    /// Campaign Standard or v8: the words for statuses and when Campaign stops a workflow.
    pub product: CampaignProduct,
    pub tenant: String,
    pub is_demo: bool,
}

/// What became of a command Campaign accepted. It stays accepted whatever else fails: a
/// record that could not be saved is a warning beside it, never an error instead of it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CommandOutcome {
    pub last_command: LastCommand,
    pub request_id: Option<String>,
    pub not_saved: Vec<NotSaved>,
}

/// A record of an accepted command that could not be written to disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum NotSaved {
    /// The card's "last sent" line: it is shown now, but lost at the next start.
    Card,
    /// The activity log's entry.
    ActivityLog,
}

/// A workflow ID no one names a workflow: reading it proves the whole chain (token, API key,
/// tenant) without touching anything, since Campaign answers it with a 404 of its own.
const CONNECTION_PROBE: &str = "FLOWDECK-CONNECTION-CHECK";

pub struct Deck {
    organisation: Organisation,
    pub(crate) client: CampaignClient,
    tokens: Arc<TokenProvider>,
    cards: Mutex<CardStore>,
    pub(crate) activity: Arc<Mutex<ActivityLog>>,
    /// Workflows a command is on its way to, shared with the deck that replaces this one when
    /// the connection is edited: a second command for the same workflow is refused.
    sending: Arc<InFlight>,
    /// Where an unreadable card file was set aside when this deck opened, to tell the user.
    set_aside_card_file: Option<PathBuf>,
    /// The cards removed since this deck opened, for Undo.
    pub(crate) removed: Mutex<RecentlyRemoved>,
    /// Watched workflows already reported as no longer readable: said once, not every read.
    pub(crate) reported_gone: Mutex<HashSet<WorkflowId>>,
    /// Watched workflows already told as lasting too long, by when they entered the status.
    pub(crate) reminded: Mutex<HashSet<(WorkflowId, u64)>>,
    /// Status reads in flight on every connection: one budget, shared by every deck.
    reads: Arc<ReadBudget>,
    /// When each card was last read, whoever asked: the background sweep reads what no one
    /// else did lately.
    pub(crate) last_read: Mutex<HashMap<WorkflowId, Instant>>,
    /// Campaign asked for a pause (a busy answer with Retry-After): background reads wait.
    pub(crate) quiet_until: Mutex<Option<Instant>>,
    /// When this deck was opened: the window reads its cards on screen first, and the
    /// background sweep counts a card not read since as read then.
    pub(crate) opened_at: Instant,
}

/// How long background reads pause when Campaign is busy without saying for how long.
const BUSY_PAUSE: Duration = Duration::from_secs(30);

/// The workflows of every deck that a command is on its way to, by connection.
pub type InFlight = Mutex<HashSet<(String, WorkflowId)>>;

/// Holds a workflow's place in `Deck::sending` for as long as its command is on its way.
pub(crate) struct Sending<'a> {
    deck: &'a Deck,
    workflow_id: WorkflowId,
}

impl Drop for Sending<'_> {
    fn drop(&mut self) {
        let key = (
            self.deck.organisation.connection_id.clone(),
            self.workflow_id.clone(),
        );
        lock(&self.deck.sending).remove(&key);
    }
}

impl Deck {
    pub fn new(
        organisation: Organisation,
        client: CampaignClient,
        tokens: Arc<TokenProvider>,
        cards: flowdeck_store::Opened,
        activity: Arc<Mutex<ActivityLog>>,
        sending: Arc<InFlight>,
        reads: Arc<ReadBudget>,
    ) -> Self {
        Self {
            organisation,
            client,
            tokens,
            cards: Mutex::new(cards.store),
            activity,
            sending,
            set_aside_card_file: cards.set_aside,
            removed: Mutex::default(),
            reported_gone: Mutex::default(),
            reminded: Mutex::default(),
            reads,
            last_read: Mutex::default(),
            quiet_until: Mutex::default(),
            opened_at: Instant::now(),
        }
    }

    pub fn set_aside_card_file(&self) -> Option<&PathBuf> {
        self.set_aside_card_file.as_ref()
    }

    pub fn organisation(&self) -> &Organisation {
        &self.organisation
    }

    /// The label of card `workflow_id`; empty where it is no card (any more).
    pub(crate) fn label_of(&self, workflow_id: &WorkflowId) -> String {
        self.store()
            .get(workflow_id)
            .map(|card| card.label.clone())
            .unwrap_or_default()
    }

    pub fn cards(&self) -> Vec<Card> {
        self.store().cards().to_vec()
    }

    pub async fn token_status(&self) -> TokenStatus {
        self.tokens.status().await
    }

    /// Reads the workflow of one of this deck's cards, and notes a status not seen before on
    /// its timeline.
    pub async fn read(&self, workflow_id: &str) -> Result<WorkflowRecord, SessionError> {
        let id = self.card_id(workflow_id)?;
        let record = self.read_any(&id).await?;
        if let Some(status) = record.status
            && let Err(error) = self.store().record_status(&id, status, record.aborted)
        {
            // The status is shown all the same; only its place in the history is lost.
            log::warn!("could not save the status history of {id}: {error}");
        }
        Ok(record)
    }

    /// The statuses Flowdeck saw of one of this deck's cards, oldest first.
    pub fn timeline(&self, workflow_id: &str) -> Result<Vec<StatusSeen>, SessionError> {
        let id = self.card_id(workflow_id)?;
        Ok(self
            .store()
            .get(&id)
            .map(|card| card.timeline.clone())
            .unwrap_or_default())
    }

    /// Sends one command to one of this deck's cards, unless one is already on its way to it.
    /// Campaign never saw a command it answered 401 to, so that one case is sent again, once,
    /// with a renewed token; nothing else is ever resent.
    pub async fn send(
        &self,
        workflow_id: &str,
        command: WorkflowCommand,
    ) -> Result<CommandOutcome, SessionError> {
        self.send_checked(workflow_id, command, Action::Command(command))
            .await
    }

    /// Has a token ready, signing in if need be: a scheduled command asks first, so that the
    /// time a sign-in takes counts before the command leaves, not after.
    pub async fn sign_in(&self) -> Result<(), SessionError> {
        self.tokens.token().await?;
        Ok(())
    }

    /// Sends a command at the time the user chose, with the same checks as a click, logged
    /// as scheduled.
    pub async fn send_scheduled(
        &self,
        workflow_id: &str,
        command: WorkflowCommand,
    ) -> Result<CommandOutcome, SessionError> {
        self.send_checked(workflow_id, command, Action::ScheduledCommand(command))
            .await
    }

    /// One of this deck's cards, and no command already on its way to it: then it is sent.
    async fn send_checked(
        &self,
        workflow_id: &str,
        command: WorkflowCommand,
        logged_as: Action,
    ) -> Result<CommandOutcome, SessionError> {
        let id = self.card_id(workflow_id)?;
        let _sending = self.begin_sending(&id)?;
        self.send_as(&id, command, logged_as).await
    }

    /// Sends a command to a workflow whose in-flight place the caller holds.
    pub(crate) async fn send_held(
        &self,
        id: &WorkflowId,
        command: WorkflowCommand,
    ) -> Result<CommandOutcome, SessionError> {
        self.send_as(id, command, Action::Command(command)).await
    }

    async fn send_as(
        &self,
        id: &WorkflowId,
        command: WorkflowCommand,
        logged_as: Action,
    ) -> Result<CommandOutcome, SessionError> {
        let (sent, mut not_saved) = self
            .logged(id, logged_as, |token| async move {
                self.client.send_command(&token, id, command).await
            })
            .await;
        let connection = &self.organisation.connection_id;
        let Accepted { status, request_id } = match sent {
            Ok(accepted) => accepted,
            Err(error) => {
                log::warn!("{connection}: {command} {id} failed: {error}");
                return Err(error);
            }
        };
        log::info!(
            "{connection}: {command} {id} accepted (HTTP {status}, request {})",
            request_id.as_deref().unwrap_or("-")
        );
        let last_command = match self.store().record_accepted(id, command) {
            Ok(last) => last,
            Err(error) => {
                log::error!("{connection}: {command} {id} accepted but not saved: {error}");
                not_saved.push(NotSaved::Card);
                LastCommand::now(command)
            }
        };
        Ok(CommandOutcome {
            last_command,
            request_id,
            not_saved,
        })
    }

    /// Sends one request that acts on a workflow, logged before it leaves (as one whose
    /// outcome is unknown, in case Flowdeck is stopped before the answer) and completed after.
    /// A log that cannot be written does not undo or hide what was sent.
    pub(crate) async fn logged<F, Fut>(
        &self,
        id: &WorkflowId,
        action: Action,
        request: F,
    ) -> (Result<Accepted, SessionError>, Vec<NotSaved>)
    where
        F: Fn(AccessToken) -> Fut,
        Fut: Future<Output = Result<Accepted, CampaignError>>,
    {
        let pending = lock(&self.activity)
            .begin(self.activity_of(id, action.clone(), None))
            .inspect_err(|error| log::error!("could not write the activity log: {error}"))
            .ok();
        let sent = self.authorised(request).await;
        let outcome = self.activity_of(id, action, Some(&sent));
        let logged = match pending {
            Some(seq) => lock(&self.activity).finish(seq, outcome),
            None => lock(&self.activity).record(outcome),
        };
        let mut not_saved = Vec::new();
        if let Err(error) = logged {
            log::error!("could not write the activity log: {error}");
            not_saved.push(NotSaved::ActivityLog);
        }
        (sent, not_saved)
    }

    /// Adds a card only for a workflow Campaign knows. Without a label, Campaign's own label
    /// (or else the ID) names the card.
    pub async fn add(&self, workflow_id: &str, label: &str) -> Result<Card, SessionError> {
        let id = WorkflowId::parse(workflow_id)?;
        if self.store().get(&id).is_some() {
            return Err(StoreError::DuplicateCard(id).into());
        }
        let record = self.read_any(&id).await?;
        let label = Some(label.trim())
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .or(record.label)
            .unwrap_or_else(|| id.to_string());
        let card = Card::new(id, label);
        self.store().add(card.clone())?;
        Ok(card)
    }

    /// Changes a card's label, ID and tags. A new ID is checked with Campaign first, as when
    /// adding: it is how a user repairs a card after the workflow was renamed in Campaign.
    pub async fn edit(
        &self,
        workflow_id: &str,
        new_workflow_id: &str,
        label: &str,
        tags: Vec<String>,
    ) -> Result<Card, SessionError> {
        let id = self.card_id(workflow_id)?;
        let new_id = WorkflowId::parse(new_workflow_id)?;
        let _sending = self.begin_sending(&id)?;
        let current = self
            .store()
            .get(&id)
            .cloned()
            .ok_or_else(|| StoreError::CardNotFound(id.clone()))?;
        let id_changed = new_id != id;
        if id_changed {
            if self.store().get(&new_id).is_some() {
                return Err(StoreError::DuplicateCard(new_id).into());
            }
            self.read_any(&new_id).await?;
        }
        let label = label.trim();
        let card = Card {
            label: if label.is_empty() {
                current.label
            } else {
                label.to_owned()
            },
            tags: clean_tags(tags),
            // What was sent to, or seen of, the old ID says nothing about the new one.
            last_command: current.last_command.filter(|_| !id_changed),
            timeline: if id_changed {
                Vec::new()
            } else {
                current.timeline
            },
            watched: current.watched,
            workflow_id: new_id,
        };
        self.store().replace(&id, card.clone())?;
        Ok(card)
    }

    pub fn move_card(&self, workflow_id: &str, position: usize) -> Result<(), SessionError> {
        let id = self.card_id(workflow_id)?;
        Ok(self.store().move_to(&id, position)?)
    }

    /// The card list to share with a team.
    pub fn export_cards(&self) -> String {
        export_card_list(self.store().cards())
    }

    /// Adds the cards of a shared list that are not on this deck yet; returns how many.
    pub fn import_cards(&self, file: &[u8]) -> Result<usize, SessionError> {
        let cards = parse_card_list(file)?;
        Ok(self.store().import(cards)?)
    }

    /// Gets a token where needed and makes one harmless request. Only Campaign's own "no such
    /// workflow" counts: any web server answers 404 to a path it does not know.
    pub async fn check_connection(&self) -> Result<(), SessionError> {
        let probe = WorkflowId::parse(CONNECTION_PROBE)?;
        match self.read_any(&probe).await {
            Ok(_) => Ok(()),
            Err(SessionError::Campaign(CampaignError::WorkflowNotFound(api)))
                if api.is_adobes() =>
            {
                Ok(())
            }
            Err(SessionError::Campaign(CampaignError::WorkflowNotFound(api))) => {
                Err(SessionError::NotCampaign { status: api.status })
            }
            Err(error) => Err(error),
        }
    }

    pub(crate) async fn read_any(&self, id: &WorkflowId) -> Result<WorkflowRecord, SessionError> {
        let read = self
            .authorised(|token| async move {
                let _in_flight = self.reads.take().await;
                self.client.read_workflow(&token, id).await
            })
            .await;
        let now = Instant::now();
        lock(&self.last_read).insert(id.clone(), now);
        if let Err(SessionError::Campaign(CampaignError::Busy { retry_after, .. })) = &read {
            *lock(&self.quiet_until) = Some(now + retry_after.unwrap_or(BUSY_PAUSE));
        }
        read
    }

    /// The ID of one of this deck's cards, or why it is not one.
    pub(crate) fn card_id(&self, workflow_id: &str) -> Result<WorkflowId, SessionError> {
        let id = WorkflowId::parse(workflow_id)?;
        if self.store().get(&id).is_none() {
            return Err(SessionError::NotACard {
                workflow_id: id,
                connection: self.organisation.name.clone(),
            });
        }
        Ok(id)
    }

    pub(crate) fn begin_sending(&self, id: &WorkflowId) -> Result<Sending<'_>, SessionError> {
        let key = (self.organisation.connection_id.clone(), id.clone());
        if !lock(&self.sending).insert(key) {
            return Err(SessionError::AlreadySending {
                workflow_id: id.clone(),
                connection: self.organisation.name.clone(),
            });
        }
        Ok(Sending {
            deck: self,
            workflow_id: id.clone(),
        })
    }

    async fn authorised<T, F, Fut>(&self, request: F) -> Result<T, SessionError>
    where
        F: Fn(AccessToken) -> Fut,
        Fut: Future<Output = Result<T, CampaignError>>,
    {
        let token = self.tokens.token().await?;
        match request(token.clone()).await {
            Err(CampaignError::TokenRejected(_)) => {
                log::info!(
                    "{}: token rejected, renewing it",
                    self.organisation.connection_id
                );
                self.tokens.rejected(&token).await;
                if !self.tokens.renews_itself() {
                    return Err(AuthError::TokenExpired.into());
                }
                let renewed = self.tokens.token().await?;
                Ok(request(renewed).await?)
            }
            other => Ok(other?),
        }
    }

    /// What goes into the activity log, under the connection that sent it, whatever became of
    /// it (`None`: not sent yet).
    fn activity_of(
        &self,
        id: &WorkflowId,
        action: Action,
        sent: Option<&Result<Accepted, SessionError>>,
    ) -> Activity {
        let campaign_error = match sent {
            Some(Err(SessionError::Campaign(error))) => Some(error),
            _ => None,
        };
        let api = campaign_error.and_then(CampaignError::api_error);
        let accepted = sent.and_then(|sent| sent.as_ref().ok());
        Activity {
            connection_id: ConnectionId::try_from(self.organisation.connection_id.clone()).ok(),
            connection: self.organisation.name.clone(),
            kind: Some(self.organisation.kind),
            tenant: Some(self.client.address().tenant.as_str().to_owned()),
            address: Some(self.client.address().base_url.to_string()),
            workflow_id: id.clone(),
            action,
            outcome: match sent {
                None => Outcome::Unknown,
                Some(Ok(_)) => Outcome::Accepted,
                Some(Err(_)) if campaign_error.is_some_and(CampaignError::command_may_have_run) => {
                    Outcome::Unknown
                }
                Some(Err(_)) => Outcome::Failed,
            },
            http_status: accepted.map(|a| a.status).or(api.map(|a| a.status)),
            adobe_code: api.and_then(|a| a.adobe_code.clone()),
            request_id: accepted
                .and_then(|a| a.request_id.clone())
                .or_else(|| api.and_then(|a| a.request_id.clone())),
            error: sent
                .and_then(|sent| sent.as_ref().err())
                .map(ToString::to_string),
        }
    }

    pub(crate) fn store(&self) -> MutexGuard<'_, CardStore> {
        lock(&self.cards)
    }
}

/// Every guarded operation completes or returns an error before unlocking, so a panic
/// elsewhere cannot leave the value half-changed: a poisoned lock is still usable.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
#[path = "deck_tests.rs"]
mod tests;
