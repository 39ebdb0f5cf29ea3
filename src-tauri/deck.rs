//! One organisation's deck: its cards, the Campaign instance they live in, and the token that
//! opens it. Plain Rust, no Tauri: the commands in `commands.rs` only translate to and from it.

use std::future::Future;
use std::sync::{Arc, Mutex};

use std::path::PathBuf;

use flowdeck_campaign::{
    AccessToken, AuthError, CampaignClient, CampaignError, CommandAccepted, TokenProvider,
    TokenStatus, WorkflowCommand, WorkflowId, WorkflowRecord,
};
use flowdeck_store::{
    Activity, ActivityLog, Card, CardStore, LastCommand, Outcome, StoreError, clean_tags,
};
use serde::Serialize;

use crate::app_error::AppError;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Organisation {
    pub profile_id: String,
    pub name: String,
    pub tenant: String,
    pub is_demo: bool,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CommandOutcome {
    pub last_command: LastCommand,
    pub request_id: Option<String>,
}

/// A workflow ID no one names a workflow: reading it proves the whole chain (token, API key,
/// tenant) without touching anything, since Campaign answers it with a 404.
const CONNECTION_PROBE: &str = "FLOWDECK-CONNECTION-CHECK";

/// The version of the shared card-list file; a newer one is refused, not half-read.
const CARD_LIST_VERSION: u32 = 1;

pub struct Deck {
    organisation: Organisation,
    client: CampaignClient,
    tokens: Arc<TokenProvider>,
    cards: Mutex<CardStore>,
    activity: Arc<Mutex<ActivityLog>>,
    /// Where an unreadable card file was set aside when this deck opened, to tell the user.
    set_aside_card_file: Option<PathBuf>,
}

impl Deck {
    pub fn new(
        organisation: Organisation,
        client: CampaignClient,
        tokens: Arc<TokenProvider>,
        cards: flowdeck_store::Opened,
        activity: Arc<Mutex<ActivityLog>>,
    ) -> Self {
        Self {
            organisation,
            client,
            tokens,
            cards: Mutex::new(cards.store),
            activity,
            set_aside_card_file: cards.set_aside,
        }
    }

    pub fn set_aside_card_file(&self) -> Option<&PathBuf> {
        self.set_aside_card_file.as_ref()
    }

    pub fn organisation(&self) -> &Organisation {
        &self.organisation
    }

    pub fn cards(&self) -> Vec<Card> {
        self.store().cards().to_vec()
    }

    pub async fn token_status(&self) -> TokenStatus {
        self.tokens.status().await
    }

    pub async fn read(&self, workflow_id: &str) -> Result<WorkflowRecord, AppError> {
        let id = WorkflowId::parse(workflow_id)?;
        self.authorised(|token| {
            let id = &id;
            async move { self.client.read_workflow(&token, id).await }
        })
        .await
    }

    /// Sends one command. Campaign never saw a command it answered 401 to, so that one case is
    /// sent again, once, with a renewed token; nothing else is ever resent.
    pub async fn send(
        &self,
        workflow_id: &str,
        command: WorkflowCommand,
    ) -> Result<CommandOutcome, AppError> {
        let id = WorkflowId::parse(workflow_id)?;
        let sent = self
            .authorised(|token| {
                let id = &id;
                async move { self.client.send_command(&token, id, command).await }
            })
            .await;
        self.record_activity(&id, command, &sent);
        let profile = &self.organisation.profile_id;
        let CommandAccepted { status, request_id } = match sent {
            Ok(accepted) => accepted,
            Err(error) => {
                log::warn!("{profile}: {command} {id} failed: {error}");
                return Err(error);
            }
        };
        log::info!(
            "{profile}: {command} {id} accepted (HTTP {status}, request {})",
            request_id.as_deref().unwrap_or("-")
        );
        let last_command = self.store().record_accepted(&id, command)?;
        Ok(CommandOutcome {
            last_command,
            request_id,
        })
    }

    /// Adds a card only for a workflow Campaign knows. Without a label, Campaign's own label
    /// (or else the ID) names the card.
    pub async fn add(&self, workflow_id: &str, label: &str) -> Result<Card, AppError> {
        let id = WorkflowId::parse(workflow_id)?;
        if self.store().get(&id).is_some() {
            return Err(StoreError::DuplicateCard(id).into());
        }
        let record = self.read(id.as_str()).await?;
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
    ) -> Result<Card, AppError> {
        let id = WorkflowId::parse(workflow_id)?;
        let new_id = WorkflowId::parse(new_workflow_id)?;
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
            self.read(new_id.as_str()).await?;
        }
        let label = label.trim();
        let card = Card {
            label: if label.is_empty() {
                current.label
            } else {
                label.to_owned()
            },
            tags: clean_tags(tags),
            // What was sent to the old ID says nothing about the new one.
            last_command: if id_changed {
                None
            } else {
                current.last_command
            },
            workflow_id: new_id,
        };
        self.store().replace(&id, card.clone())?;
        Ok(card)
    }

    pub fn move_card(&self, workflow_id: &str, position: usize) -> Result<(), AppError> {
        let id = WorkflowId::parse(workflow_id)?;
        Ok(self.store().move_to(&id, position)?)
    }

    /// The card list to share with a team: IDs, labels and tags; no history, no secrets.
    pub fn export_cards(&self) -> String {
        let cards: Vec<serde_json::Value> = self
            .cards()
            .into_iter()
            .map(|card| {
                serde_json::json!({
                    "workflowId": card.workflow_id,
                    "label": card.label,
                    "tags": card.tags,
                })
            })
            .collect();
        let file = serde_json::json!({ "flowdeckCards": CARD_LIST_VERSION, "cards": cards });
        serde_json::to_string_pretty(&file).expect("cards always serialise")
    }

    /// Adds the cards of an exported list that are not on this deck yet; returns how many.
    pub fn import_cards(&self, text: &str) -> Result<usize, AppError> {
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct CardList {
            flowdeck_cards: u32,
            cards: Vec<Card>,
        }
        let list: CardList =
            serde_json::from_str(text).map_err(|e| AppError::InvalidCardList(e.to_string()))?;
        if list.flowdeck_cards > CARD_LIST_VERSION {
            return Err(AppError::InvalidCardList(format!(
                "written by a newer Flowdeck (version {})",
                list.flowdeck_cards
            )));
        }
        let cards = list
            .cards
            .into_iter()
            .map(|card| Card {
                tags: clean_tags(card.tags),
                ..card
            })
            .collect();
        Ok(self.store().import(cards)?)
    }

    pub fn remove(&self, workflow_id: &str) -> Result<(), AppError> {
        let id = WorkflowId::parse(workflow_id)?;
        self.store().remove(&id)?;
        Ok(())
    }

    /// Gets a token where needed and makes one harmless request.
    pub async fn check_connection(&self) -> Result<(), AppError> {
        match self.read(CONNECTION_PROBE).await {
            Ok(_) | Err(AppError::Campaign(CampaignError::WorkflowNotFound(_))) => Ok(()),
            Err(error) => Err(error),
        }
    }

    async fn authorised<T, F, Fut>(&self, request: F) -> Result<T, AppError>
    where
        F: Fn(AccessToken) -> Fut,
        Fut: Future<Output = Result<T, CampaignError>>,
    {
        let token = self.tokens.token().await?;
        match request(token.clone()).await {
            Err(CampaignError::TokenRejected(_)) => {
                log::info!(
                    "{}: token rejected, renewing it",
                    self.organisation.profile_id
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

    /// Every command goes into the activity log, whatever became of it. A log that cannot be
    /// written does not undo or hide the command: it goes to the app log instead.
    fn record_activity(
        &self,
        id: &WorkflowId,
        command: WorkflowCommand,
        sent: &Result<CommandAccepted, AppError>,
    ) {
        let campaign_error = match sent {
            Err(AppError::Campaign(error)) => Some(error),
            _ => None,
        };
        let api = campaign_error.and_then(CampaignError::api_error);
        let activity = Activity {
            profile: self.organisation.name.clone(),
            workflow_id: id.clone(),
            command,
            outcome: match sent {
                Ok(_) => Outcome::Accepted,
                Err(_) if campaign_error.is_some_and(CampaignError::command_may_have_run) => {
                    Outcome::Unknown
                }
                Err(_) => Outcome::Failed,
            },
            http_status: match sent {
                Ok(accepted) => Some(accepted.status),
                Err(_) => api.map(|a| a.status),
            },
            adobe_code: api.and_then(|a| a.adobe_code.clone()),
            request_id: match sent {
                Ok(accepted) => accepted.request_id.clone(),
                Err(_) => api.and_then(|a| a.request_id.clone()),
            },
            error: sent.as_ref().err().map(ToString::to_string),
        };
        let mut log = self.activity.lock().unwrap_or_else(|p| p.into_inner());
        if let Err(error) = log.record(activity) {
            log::error!("could not write the activity log: {error}");
        }
    }

    fn store(&self) -> std::sync::MutexGuard<'_, CardStore> {
        // Every store operation completes or returns an error before unlocking, so a panic
        // elsewhere cannot leave the deck half-changed.
        self.cards
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
