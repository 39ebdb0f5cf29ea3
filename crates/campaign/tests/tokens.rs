//! The token provider against the simulator's IMS: credentials, renewal, single flight.

#[path = "support/ims.rs"]
mod ims_support;

use std::sync::Arc;
use std::time::Duration;

use campaign_simulator::{Simulator, SimulatorConfig, Switches};
use flowdeck_campaign::{
    Address, ApiKey, AuthError, BaseUrl, CampaignClient, DEFAULT_SCOPES, ImsError, Tenant,
    TokenProvider, WorkflowId,
};
use ims_support::{credentials, good, ims_requests};

async fn simulator(token_lifetime_secs: u64) -> Simulator {
    let mut config = SimulatorConfig::demo();
    config.switches = Switches {
        token_lifetime_secs,
        ..Switches::default()
    };
    Simulator::start(config).await.unwrap()
}

#[tokio::test]
async fn an_issued_token_opens_campaign_and_the_form_is_the_documented_one() {
    let sim = simulator(86_399).await;
    let tokens = TokenProvider::oauth(good(&sim));
    let token = tokens.token().await.unwrap();
    let client = CampaignClient::new(Address {
        base_url: BaseUrl::parse(&sim.base_url()).unwrap(),
        tenant: Tenant::parse("flowdeck-demo").unwrap(),
        api_key: ApiKey::parse(&sim.credentials().api_key).unwrap(),
    })
    .unwrap();
    let record = client
        .read_workflow(&token, &WorkflowId::parse("WKF-WELCOME").unwrap())
        .await;
    assert!(record.is_ok(), "{record:?}");

    let request = &sim.requests()[0];
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.headers["content-type"],
        "application/x-www-form-urlencoded"
    );
    let fields: Vec<(String, String)> = form_urlencoded_pairs(&request.body);
    assert_eq!(
        fields,
        [
            ("grant_type".into(), "client_credentials".into()),
            ("client_id".into(), "flowdeck-demo-api-key".into()),
            ("client_secret".into(), "flowdeck-demo-client-secret".into()),
            ("scope".into(), DEFAULT_SCOPES.into()),
        ]
    );
}

fn form_urlencoded_pairs(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap();
            let decode = |s: &str| s.replace("%2C", ",").replace('+', " ");
            (decode(k), decode(v))
        })
        .collect()
}

#[tokio::test]
async fn wrong_client_id_secret_and_scope_each_have_their_error() {
    let sim = simulator(86_399).await;
    let c = sim.credentials().clone();
    for (creds, expected) in [
        (
            credentials(&sim, "someone-else", &c.client_secret, DEFAULT_SCOPES),
            ImsError::InvalidClientId,
        ),
        (
            credentials(&sim, &c.api_key, "wrong", DEFAULT_SCOPES),
            ImsError::InvalidClientSecret,
        ),
        (
            credentials(&sim, &c.api_key, &c.client_secret, "openid,made_up_scope"),
            ImsError::InvalidScope,
        ),
    ] {
        let error = TokenProvider::oauth(creds).token().await.unwrap_err();
        assert_eq!(error, AuthError::Ims(expected));
    }
}

#[tokio::test]
async fn concurrent_callers_share_one_ims_request() {
    let sim = simulator(86_399).await;
    let tokens = Arc::new(TokenProvider::oauth(good(&sim)));
    let callers: Vec<_> = (0..10)
        .map(|_| {
            let tokens = Arc::clone(&tokens);
            tokio::spawn(async move { tokens.token().await.unwrap() })
        })
        .collect();
    let mut issued = Vec::new();
    for caller in callers {
        issued.push(caller.await.unwrap());
    }
    assert!(issued.windows(2).all(|pair| pair[0] == pair[1]));
    assert_eq!(ims_requests(&sim), 1);
}

#[tokio::test]
async fn renews_shortly_before_expiry_and_not_before() {
    let sim = simulator(2).await; // renewal due after 1.8 s
    let tokens = TokenProvider::oauth(good(&sim));
    let first = tokens.token().await.unwrap();
    tokio::time::sleep(Duration::from_millis(1_000)).await;
    assert_eq!(tokens.token().await.unwrap(), first);
    assert_eq!(ims_requests(&sim), 1);
    tokio::time::sleep(Duration::from_millis(1_000)).await;
    let second = tokens.token().await.unwrap();
    assert_ne!(second, first);
    assert_eq!(ims_requests(&sim), 2);
}

#[tokio::test]
async fn a_rejected_token_is_renewed_once_however_many_callers_saw_the_401() {
    let sim = simulator(86_399).await;
    let tokens = TokenProvider::oauth(good(&sim));
    let first = tokens.token().await.unwrap();
    tokens.rejected(&first).await;
    let second = tokens.token().await.unwrap();
    assert_ne!(second, first);
    // A late report about the old token does not throw away the new one.
    tokens.rejected(&first).await;
    assert_eq!(tokens.token().await.unwrap(), second);
    assert_eq!(ims_requests(&sim), 2);
}

#[tokio::test]
async fn after_ims_refuses_it_is_not_asked_again_at_once() {
    let sim = simulator(86_399).await;
    let c = sim.credentials().clone();
    let tokens = TokenProvider::oauth(credentials(&sim, &c.api_key, "wrong", DEFAULT_SCOPES));
    for _ in 0..5 {
        assert_eq!(
            tokens.token().await,
            Err(AuthError::Ims(ImsError::InvalidClientSecret))
        );
    }
    assert_eq!(ims_requests(&sim), 1);
}
