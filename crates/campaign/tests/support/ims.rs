//! What the IMS tests share: credentials for a simulator's IMS, and a count of its requests.

use campaign_simulator::Simulator;
use flowdeck_campaign::{ApiKey, BaseUrl, ClientSecret, DEFAULT_SCOPES, ImsCredentials};

pub fn credentials(sim: &Simulator, client_id: &str, secret: &str, scopes: &str) -> ImsCredentials {
    ImsCredentials {
        ims_url: BaseUrl::parse(&sim.base_url()).unwrap(),
        client_id: ApiKey::parse(client_id).unwrap(),
        client_secret: ClientSecret::new(secret),
        scopes: scopes.into(),
    }
}

pub fn good(sim: &Simulator) -> ImsCredentials {
    let c = sim.credentials();
    credentials(sim, &c.api_key, &c.client_secret, DEFAULT_SCOPES)
}

pub fn ims_requests(sim: &Simulator) -> usize {
    sim.requests()
        .iter()
        .filter(|r| r.path == "/ims/token/v3")
        .count()
}
