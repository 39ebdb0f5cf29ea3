//! The demo organisation: the simulator, started in-process, seeded with demo workflows. It
//! goes through the same path as a real connection, IMS token included.

use std::net::SocketAddr;

use campaign_simulator::{Simulator, SimulatorConfig};
use flowdeck_campaign::{
    ApiKey, BaseUrl, ClientSecret, Connection, DEFAULT_SCOPES, ImsCredentials, Tenant, WorkflowId,
};
use flowdeck_store::Card;

use crate::error::SessionError;

/// Lets tests and developers pin the demo simulator's port, so they can watch what it receives.
pub const PORT_VARIABLE: &str = "FLOWDECK_DEMO_PORT";
pub const NAME: &str = "Demo organisation";

pub struct Demo {
    simulator: Simulator,
}

impl Demo {
    /// Starts the simulator on the current tokio runtime.
    pub async fn start() -> Result<Self, SessionError> {
        let mut config = SimulatorConfig::demo();
        config.bind = SocketAddr::from(([127, 0, 0, 1], port_from_env()));
        let simulator = Simulator::start(config)
            .await
            .map_err(|e| SessionError::DemoUnavailable(e.to_string()))?;
        Ok(Self { simulator })
    }

    pub fn connection(&self) -> Result<Connection, SessionError> {
        let credentials = self.simulator.credentials();
        Ok(Connection {
            base_url: BaseUrl::parse(&self.simulator.base_url())?,
            tenant: Tenant::parse(&credentials.tenant)?,
            api_key: ApiKey::parse(&credentials.api_key)?,
        })
    }

    /// The demo's credential is no secret: it only opens the simulator inside this app.
    pub fn ims_credentials(&self) -> Result<ImsCredentials, SessionError> {
        let credentials = self.simulator.credentials();
        Ok(ImsCredentials {
            ims_url: BaseUrl::parse(&self.simulator.base_url())?,
            client_id: ApiKey::parse(&credentials.api_key)?,
            client_secret: ClientSecret::new(credentials.client_secret.clone()),
            scopes: DEFAULT_SCOPES.into(),
        })
    }
}

pub fn seed_cards() -> Vec<Card> {
    campaign_simulator::demo::workflows()
        .into_iter()
        .filter_map(|w| Some(Card::new(WorkflowId::parse(&w.id).ok()?, w.label)))
        .collect()
}

fn port_from_env() -> u16 {
    std::env::var(PORT_VARIABLE)
        .ok()
        .and_then(|port| port.parse().ok())
        .unwrap_or(0)
}
