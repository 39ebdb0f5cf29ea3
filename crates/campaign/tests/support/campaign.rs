//! What the client tests share: a simulator and a client for it.

use std::time::Duration;

use campaign_simulator::{Simulator, SimulatorConfig, Switches};
use flowdeck_campaign::{
    AccessToken, Address, ApiKey, BaseUrl, CampaignClient, Tenant, WorkflowId,
};

/// The client gives up well before a test would: a late or stalled answer is a timeout fast.
pub const CLIENT_TIMEOUT: Duration = Duration::from_millis(800);

pub struct Setup {
    pub simulator: Simulator,
    pub client: CampaignClient,
    pub token: AccessToken,
}

pub async fn setup(switches: Switches) -> Setup {
    setup_with(switches, |_| {}).await
}

pub async fn setup_with(switches: Switches, adjust: impl FnOnce(&mut Address)) -> Setup {
    let mut config = SimulatorConfig::demo();
    config.switches = switches;
    let simulator = Simulator::start(config).await.unwrap();
    let credentials = simulator.credentials().clone();
    let mut address = Address {
        base_url: BaseUrl::parse(&simulator.base_url()).unwrap(),
        tenant: Tenant::parse(&credentials.tenant).unwrap(),
        api_key: ApiKey::parse(&credentials.api_key).unwrap(),
    };
    adjust(&mut address);
    let client = CampaignClient::with_timeout(address, CLIENT_TIMEOUT).unwrap();
    Setup {
        simulator,
        client,
        token: AccessToken::new(credentials.access_token),
    }
}

pub fn id(raw: &str) -> WorkflowId {
    WorkflowId::parse(raw).unwrap()
}
