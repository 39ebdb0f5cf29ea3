//! The demo organisation: the simulator, started in-process, seeded with demo workflows. It
//! goes through the same path as a real connection, IMS token included.

use campaign_simulator::{Credentials, Simulator, SimulatorConfig};
use flowdeck_campaign::{
    Address, ApiKey, BaseUrl, ClientSecret, DEFAULT_SCOPES, ImsCredentials, Tenant, WorkflowId,
};
use flowdeck_store::Card;

use crate::error::SessionError;

/// Points the demo organisation at a simulator already running on this computer (a loopback
/// `http://` address), in place of its own: the end-to-end harness and developers use it to
/// watch and steer what the demo receives, which the app's own simulator never lets anyone do.
pub const CAMPAIGN_VARIABLE: &str = "FLOWDECK_DEMO_CAMPAIGN";
pub const NAME: &str = "Demo organisation";

/// Where the demo organisation's Campaign answers.
pub enum Demo {
    InApp(Simulator),
    /// A simulator in another process, with the demo's credentials.
    Elsewhere(BaseUrl),
}

impl Demo {
    /// Starts the simulator on the current tokio runtime, unless one elsewhere is named.
    pub async fn start() -> Result<Self, SessionError> {
        if let Some(url) = campaign_from_env() {
            log::info!("the demo organisation talks to the simulator at {url}");
            return Ok(Self::Elsewhere(url));
        }
        let simulator = Simulator::start(SimulatorConfig::demo())
            .await
            .map_err(|e| SessionError::DemoUnavailable(e.to_string()))?;
        Ok(Self::InApp(simulator))
    }

    fn base_url(&self) -> Result<BaseUrl, SessionError> {
        match self {
            Self::InApp(simulator) => Ok(BaseUrl::parse(&simulator.base_url())?),
            Self::Elsewhere(url) => Ok(url.clone()),
        }
    }

    fn credentials(&self) -> Credentials {
        match self {
            Self::InApp(simulator) => simulator.credentials().clone(),
            Self::Elsewhere(_) => campaign_simulator::demo::credentials(),
        }
    }

    pub fn address(&self) -> Result<Address, SessionError> {
        let credentials = self.credentials();
        Ok(Address {
            base_url: self.base_url()?,
            tenant: Tenant::parse(&credentials.tenant)?,
            api_key: ApiKey::parse(&credentials.api_key)?,
        })
    }

    /// The demo's credential is no secret: it only opens the demo's simulator.
    pub fn ims_credentials(&self) -> Result<ImsCredentials, SessionError> {
        let credentials = self.credentials();
        Ok(ImsCredentials {
            ims_url: self.base_url()?,
            client_id: ApiKey::parse(&credentials.api_key)?,
            client_secret: ClientSecret::new(credentials.client_secret),
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

/// The simulator the variable names, if it is a loopback `http://` address: the demo's
/// credential must never leave the computer.
fn campaign_from_env() -> Option<BaseUrl> {
    let value = std::env::var(CAMPAIGN_VARIABLE).ok()?;
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    match BaseUrl::parse(value) {
        Ok(url) if is_loopback_http(value) => Some(url),
        _ => {
            log::warn!(
                "{CAMPAIGN_VARIABLE}={value:?} is not http://127.0.0.1:<port> or http://localhost:<port>; the demo starts its own simulator"
            );
            None
        }
    }
}

fn is_loopback_http(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("http://") else {
        return false;
    };
    let host = rest.split(['/', ':']).next().unwrap_or_default();
    matches!(host, "127.0.0.1" | "localhost")
}

#[cfg(test)]
mod tests {
    use super::is_loopback_http;

    #[test]
    fn only_a_simulator_on_this_computer_may_stand_in_for_the_demo() {
        assert!(is_loopback_http("http://127.0.0.1:8080"));
        assert!(is_loopback_http("http://localhost:8080/"));
        assert!(!is_loopback_http("https://127.0.0.1:8080"));
        assert!(!is_loopback_http("http://127.0.0.1.example.com:8080"));
        assert!(!is_loopback_http("http://mc.adobe.io"));
        assert!(!is_loopback_http("http://localhost@evil.example:80"));
    }
}
