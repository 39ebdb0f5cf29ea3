//! The demo organisation: the simulator, started in-process, seeded with demo workflows. It
//! goes through the same path as a real connection, IMS token included.

use std::net::SocketAddr;

use campaign_simulator::{AdminKey, Simulator, SimulatorConfig};
use flowdeck_campaign::{
    Address, ApiKey, BaseUrl, ClientSecret, DEFAULT_SCOPES, ImsCredentials, Tenant, WorkflowId,
};
use flowdeck_store::Card;

use crate::error::SessionError;

/// Lets tests and developers pin the demo simulator's port, so they can watch what it receives.
pub const PORT_VARIABLE: &str = "FLOWDECK_DEMO_PORT";
/// A key for the demo simulator's steering routes (`/_simulator/…`), which the end-to-end
/// harness makes at each launch. Without it, the installed app does not serve them at all.
pub const ADMIN_KEY_VARIABLE: &str = "FLOWDECK_DEMO_ADMIN_KEY";
pub const NAME: &str = "Demo organisation";

pub struct Demo {
    simulator: Simulator,
}

impl Demo {
    /// Starts the simulator on the current tokio runtime.
    pub async fn start() -> Result<Self, SessionError> {
        let mut config = SimulatorConfig::demo();
        config.bind = SocketAddr::from(([127, 0, 0, 1], port_from_env()));
        config.admin_key = admin_key_from_env();
        let simulator = Simulator::start(config)
            .await
            .map_err(|e| SessionError::DemoUnavailable(e.to_string()))?;
        Ok(Self { simulator })
    }

    pub fn address(&self) -> Result<Address, SessionError> {
        let credentials = self.simulator.credentials();
        Ok(Address {
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

/// A port to listen on, or 0 (any free port) where the variable is unset or not a port.
fn port_from_env() -> u16 {
    let Ok(value) = std::env::var(PORT_VARIABLE) else {
        return 0;
    };
    value.trim().parse().unwrap_or_else(|_| {
        log::warn!("{PORT_VARIABLE}={value:?} is not a port; the demo takes any free one");
        0
    })
}

fn admin_key_from_env() -> Option<AdminKey> {
    let value = std::env::var(ADMIN_KEY_VARIABLE).ok()?;
    let key = AdminKey::parse(value.trim());
    if key.is_none() {
        log::warn!(
            "{ADMIN_KEY_VARIABLE} is not 32 or more letters and digits; the demo serves no steering routes"
        );
    }
    key
}
