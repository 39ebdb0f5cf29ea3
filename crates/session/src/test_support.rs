//! What the session's tests share: a Campaign simulator, a config folder, connections over an
//! in-memory keyring (the real one has its own tests against a Secret Service), and drafts.

use std::sync::Arc;

use campaign_simulator::{Simulator, SimulatorConfig, Switches, TenantConfig, Workflow, demo};
use flowdeck_secrets::{MemorySecrets, SecretStore};
use flowdeck_store::ConnectionKind;

use crate::forms::{AuthDraft, ConnectionDraft, ConnectionView};
use crate::{Connections, Deck};

pub struct Setup {
    pub connections: Connections,
    pub secrets: Arc<MemorySecrets>,
    pub simulator: Simulator,
    pub config: tempfile::TempDir,
}

pub async fn setup(switches: Switches) -> Setup {
    let simulator = simulator(switches).await;
    let config = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecrets::default());
    let connections =
        Connections::open(config.path(), Arc::clone(&secrets) as Arc<dyn SecretStore>)
            .await
            .unwrap();
    Setup {
        connections,
        secrets,
        simulator,
        config,
    }
}

pub fn oauth_draft(sim: &Simulator, name: &str, secret: Option<&str>) -> ConnectionDraft {
    ConnectionDraft {
        id: None,
        name: name.into(),
        kind: ConnectionKind::Stage,
        product: flowdeck_store::CampaignProduct::Standard,
        tenant: sim.credentials().tenant.clone(),
        api_key: sim.credentials().api_key.clone(),
        base_url: sim.base_url(),
        auth: AuthDraft::OAuth {
            scopes: flowdeck_campaign::DEFAULT_SCOPES.into(),
            ims_url: sim.base_url(),
            client_secret: secret.map(str::to_owned),
        },
    }
}

pub fn pasted_draft(sim: &Simulator, api_key: &str, token: Option<&str>) -> ConnectionDraft {
    ConnectionDraft {
        id: None,
        name: "Pasted".into(),
        kind: ConnectionKind::Development,
        product: flowdeck_store::CampaignProduct::Standard,
        tenant: sim.credentials().tenant.clone(),
        api_key: api_key.into(),
        base_url: sim.base_url(),
        auth: AuthDraft::PastedToken {
            access_token: token.map(str::to_owned),
        },
    }
}

/// Every byte Flowdeck wrote to its config folder.
pub fn config_contents(dir: &std::path::Path) -> String {
    let mut all = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            all.push_str(&config_contents(&path));
        } else {
            all.push_str(&String::from_utf8_lossy(&std::fs::read(&path).unwrap()));
        }
    }
    all
}

/// A Campaign instance with the demo's workflow IDs: two of them share every ID, as a Stage
/// copy of Production does.
pub async fn simulator(switches: Switches) -> Simulator {
    let mut config = SimulatorConfig::demo();
    config.switches = switches;
    Simulator::start(config).await.unwrap()
}

/// Saves an OAuth connection to `sim`, with its secret, and adds `cards` to its deck.
pub async fn connect(
    connections: &Connections,
    sim: &Simulator,
    name: &str,
    kind: ConnectionKind,
    cards: &[&str],
) -> ConnectionView {
    let secret = sim.credentials().client_secret.clone();
    let mut draft = oauth_draft(sim, name, Some(&secret));
    draft.kind = kind;
    let view = connections.save(draft).await.unwrap();
    let deck = connections.deck(&view.id).await.unwrap();
    for card in cards {
        deck.add(card, "").await.unwrap();
    }
    view
}

/// A Stage connection to `sim` with `cards` on its deck, and that deck.
pub async fn stage_deck(connections: &Connections, sim: &Simulator, cards: &[&str]) -> Arc<Deck> {
    let view = connect(connections, sim, "Acme Stage", ConnectionKind::Stage, cards).await;
    connections.deck(&view.id).await.unwrap()
}

/// The commands `sim` received, as (workflow ID, method) pairs, in order.
pub fn commands_received(sim: &Simulator) -> Vec<(String, String)> {
    sim.requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/commands"))
        .map(|r| {
            let id = r.path.rsplit('/').nth(1).unwrap_or_default().to_owned();
            let body: serde_json::Value = serde_json::from_str(&r.body).unwrap_or_default();
            (id, body["method"].as_str().unwrap_or_default().to_owned())
        })
        .collect()
}

/// Two tenants on one host, as Stage and Production share Adobe's: `first` (whose peak and
/// switches the simulator's own methods report) and `second`, each with the demo's credential
/// for its name, these workflows and switches.
pub async fn two_tenants(
    first: &str,
    second: &str,
    workflows: Vec<Workflow>,
    switches: Switches,
) -> Simulator {
    let mut config = SimulatorConfig::demo();
    config.credentials = demo::tenant_credentials(first);
    config.workflows = workflows.clone();
    config.switches = switches.clone();
    config.other_tenants = vec![TenantConfig {
        credentials: demo::tenant_credentials(second),
        workflows,
        switches,
    }];
    Simulator::start(config).await.unwrap()
}

/// Connections in a folder of their own, over an in-memory keyring.
pub async fn fresh_connections() -> (Connections, tempfile::TempDir) {
    let folder = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecrets::default()) as Arc<dyn SecretStore>;
    let connections = Connections::open(folder.path(), secrets).await.unwrap();
    (connections, folder)
}

/// Saves an OAuth connection to tenant `tenant` of `sim` (the demo's credential for it) and
/// adds `cards` to its deck; that deck.
pub async fn connect_tenant(
    connections: &Connections,
    sim: &Simulator,
    name: &str,
    tenant: &str,
    kind: ConnectionKind,
    cards: &[&str],
) -> Arc<Deck> {
    let credentials = demo::tenant_credentials(tenant);
    let mut draft = oauth_draft(sim, name, Some(&credentials.client_secret));
    draft.tenant = credentials.tenant;
    draft.api_key = credentials.api_key;
    draft.kind = kind;
    let view = connections.save(draft).await.unwrap();
    let deck = connections.deck(&view.id).await.unwrap();
    for card in cards {
        deck.add(card, "").await.unwrap();
    }
    deck
}
