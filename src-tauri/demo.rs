//! The demo organisation: the simulator, started in-process, seeded with demo workflows.

use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use campaign_simulator::{Simulator, SimulatorConfig};
use flowdeck_campaign::{
    AccessToken, ApiKey, BaseUrl, CampaignClient, CampaignError, Connection, ConnectionError,
    Tenant, WorkflowId,
};
use flowdeck_cards::{Card, CardStore, CardStoreError};

use crate::deck::{Deck, Organisation, card_file};

/// Lets tests and developers pin the demo simulator's port, so they can watch what it receives.
pub const PORT_VARIABLE: &str = "FLOWDECK_DEMO_PORT";

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the demo organisation could not start its local Campaign: {0}")]
    Simulator(#[from] io::Error),
    #[error("the demo organisation's connection is invalid: {0}")]
    Connection(#[from] ConnectionError),
    #[error(transparent)]
    Client(#[from] CampaignError),
    #[error(transparent)]
    Cards(#[from] CardStoreError),
}

pub struct Demo {
    pub deck: Deck,
    /// Where an unreadable card file was set aside, to tell the user.
    pub set_aside: Option<PathBuf>,
    /// Kept alive as long as the deck: dropping it stops the simulator.
    _simulator: Simulator,
}

pub fn port_from_env() -> u16 {
    std::env::var(PORT_VARIABLE)
        .ok()
        .and_then(|port| port.parse().ok())
        .unwrap_or(0)
}

/// Starts the simulator on the current tokio runtime and opens the demo deck against it.
pub async fn start(config_dir: &Path, port: u16) -> Result<Demo, DemoError> {
    let mut config = SimulatorConfig::demo();
    config.bind = SocketAddr::from(([127, 0, 0, 1], port));
    let simulator = Simulator::start(config).await?;
    let credentials = simulator.credentials().clone();
    let connection = Connection {
        base_url: BaseUrl::parse(&simulator.base_url())?,
        tenant: Tenant::parse(&credentials.tenant)?,
        api_key: ApiKey::parse(&credentials.api_key)?,
    };
    let client = CampaignClient::new(connection)?;
    let opened = CardStore::open(card_file(config_dir, "demo"), demo_cards)?;
    let organisation = Organisation {
        name: "Demo organisation".into(),
        tenant: credentials.tenant,
        is_demo: true,
    };
    let token = AccessToken::new(credentials.access_token);
    Ok(Demo {
        deck: Deck::new(organisation, client, token, opened.store),
        set_aside: opened.set_aside,
        _simulator: simulator,
    })
}

fn demo_cards() -> Vec<Card> {
    campaign_simulator::demo::workflows()
        .into_iter()
        .filter_map(|w| Some(Card::new(WorkflowId::parse(&w.id).ok()?, w.label)))
        .collect()
}
