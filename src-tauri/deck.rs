//! One organisation's deck: its cards and the Campaign instance they live in. Plain Rust, no
//! Tauri: the commands in `commands.rs` only translate to and from it.

use std::path::Path;
use std::sync::Mutex;

use flowdeck_campaign::{
    AccessToken, CampaignClient, CampaignError, CommandAccepted, WorkflowCommand, WorkflowId,
    WorkflowIdError, WorkflowRecord,
};
use flowdeck_cards::{Card, CardStore, CardStoreError, LastCommand};
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum DeckError {
    #[error(transparent)]
    InvalidWorkflowId(#[from] WorkflowIdError),
    #[error(transparent)]
    Campaign(#[from] CampaignError),
    #[error(transparent)]
    Cards(#[from] CardStoreError),
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Organisation {
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

pub struct Deck {
    organisation: Organisation,
    client: CampaignClient,
    token: AccessToken,
    cards: Mutex<CardStore>,
}

impl Deck {
    pub fn new(
        organisation: Organisation,
        client: CampaignClient,
        token: AccessToken,
        cards: CardStore,
    ) -> Self {
        Self {
            organisation,
            client,
            token,
            cards: Mutex::new(cards),
        }
    }

    pub fn organisation(&self) -> &Organisation {
        &self.organisation
    }

    pub fn cards(&self) -> Vec<Card> {
        self.store().cards().to_vec()
    }

    pub async fn read(&self, workflow_id: &str) -> Result<WorkflowRecord, DeckError> {
        let id = WorkflowId::parse(workflow_id)?;
        Ok(self.client.read_workflow(&self.token, &id).await?)
    }

    /// Sends one command, once. What Campaign accepted is remembered on the card.
    pub async fn send(
        &self,
        workflow_id: &str,
        command: WorkflowCommand,
    ) -> Result<CommandOutcome, DeckError> {
        let id = WorkflowId::parse(workflow_id)?;
        let CommandAccepted { request_id, .. } =
            self.client.send_command(&self.token, &id, command).await?;
        let last_command = self.store().record_accepted(&id, command)?;
        Ok(CommandOutcome {
            last_command,
            request_id,
        })
    }

    /// Adds a card only for a workflow Campaign knows. Without a label, Campaign's own label
    /// (or else the ID) names the card.
    pub async fn add(&self, workflow_id: &str, label: &str) -> Result<Card, DeckError> {
        let id = WorkflowId::parse(workflow_id)?;
        if self.store().get(&id).is_some() {
            return Err(CardStoreError::Duplicate(id).into());
        }
        let record = self.client.read_workflow(&self.token, &id).await?;
        let label = Some(label.trim())
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .or(record.label)
            .unwrap_or_else(|| id.to_string());
        let card = Card::new(id, label);
        self.store().add(card.clone())?;
        Ok(card)
    }

    pub fn remove(&self, workflow_id: &str) -> Result<(), DeckError> {
        let id = WorkflowId::parse(workflow_id)?;
        self.store().remove(&id)?;
        Ok(())
    }

    fn store(&self) -> std::sync::MutexGuard<'_, CardStore> {
        // Every store operation completes or returns an error before unlocking, so a panic
        // elsewhere cannot leave the deck half-changed.
        self.cards
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The file that holds an organisation's cards inside the app's config folder.
pub fn card_file(config_dir: &Path, organisation_key: &str) -> std::path::PathBuf {
    config_dir
        .join("cards")
        .join(format!("{organisation_key}.json"))
}
