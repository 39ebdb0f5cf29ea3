//! Stage and Production on one address, as at Adobe: told apart only by tenant and credential.
//! A token works only at the tenant whose client it was issued to; one tenant's credential on
//! another's path is refused; each tenant's workflows and steering are its own.

use campaign_simulator::demo::tenant_credentials;
use campaign_simulator::{
    ADMIN_KEY_HEADER, AdminKey, Simulator, SimulatorConfig, Status, Switches, TenantConfig,
};
use reqwest::Client;
use serde_json::Value;

async fn stage_and_production(key: &AdminKey) -> Simulator {
    let mut config = SimulatorConfig::demo();
    config.credentials = tenant_credentials("acme-stage");
    config.switches = Switches::default();
    config.admin_key = Some(key.clone());
    config.other_tenants = vec![TenantConfig {
        credentials: tenant_credentials("acme-production"),
        workflows: campaign_simulator::demo::workflows(),
        switches: Switches::default(),
    }];
    Simulator::start(config).await.unwrap()
}

fn http() -> Client {
    Client::builder().no_proxy().build().unwrap()
}

async fn token(sim: &Simulator, tenant: &str) -> String {
    let answer: Value = http()
        .post(format!("{}/ims/token/v3", sim.base_url()))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", &format!("{tenant}-api-key")),
            ("client_secret", &format!("{tenant}-client-secret")),
            ("scope", "openid,AdobeID"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    answer["access_token"].as_str().expect("a token").to_owned()
}

/// Start on `path_tenant`'s workflow with `key_tenant`'s API key and `token`.
async fn start(sim: &Simulator, path_tenant: &str, key_tenant: &str, token: &str) -> u16 {
    http()
        .post(format!(
            "{}/{path_tenant}/campaign/workflow/execution/WKF-NEWSLETTER/commands",
            sim.base_url()
        ))
        .bearer_auth(token)
        .header("X-Api-Key", format!("{key_tenant}-api-key"))
        .header("Cache-Control", "no-cache")
        .header("Content-Type", "application/json")
        .body(r#"{"method":"start"}"#)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// What one tenant's steering route shows.
async fn steered(sim: &Simulator, key: &AdminKey, tenant: &str, route: &str) -> Value {
    http()
        .get(format!("{}/_simulator/t/{tenant}/{route}", sim.base_url()))
        .header(ADMIN_KEY_HEADER, key.as_str())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn status_at(sim: &Simulator, key: &AdminKey, tenant: &str) -> String {
    let workflows = steered(sim, key, tenant, "workflows").await;
    let newsletter = workflows
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["id"] == "WKF-NEWSLETTER")
        .unwrap();
    newsletter["status"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_token_works_only_at_the_tenant_it_was_issued_for() {
    let key = AdminKey::generate();
    let sim = stage_and_production(&key).await;
    let stage_token = token(&sim, "acme-stage").await;

    // Stage's token with Production's key and path: not Production's token.
    assert_eq!(
        start(&sim, "acme-production", "acme-production", &stage_token).await,
        401
    );
    // Stage's credential on Production's path: Stage's gateway cannot route it.
    assert_eq!(
        start(&sim, "acme-production", "acme-stage", &stage_token).await,
        500
    );
    assert_eq!(status_at(&sim, &key, "acme-production").await, "editing");

    assert_eq!(
        start(&sim, "acme-stage", "acme-stage", &stage_token).await,
        204
    );
    assert_eq!(sim.status_of("WKF-NEWSLETTER"), Some(Status::InProgress));
    assert_eq!(status_at(&sim, &key, "acme-stage").await, "inProgress");
    assert_eq!(
        status_at(&sim, &key, "acme-production").await,
        "editing",
        "the same workflow ID on Production is untouched"
    );
}

#[tokio::test]
async fn each_tenant_records_what_reached_it_and_is_steered_apart() {
    let key = AdminKey::generate();
    let sim = stage_and_production(&key).await;
    let production_token = token(&sim, "acme-production").await;
    let steer =
        |tenant: &str, route: &str| format!("{}/_simulator/t/{tenant}/{route}", sim.base_url());
    let answer = http()
        .put(steer("acme-production", "switches"))
        .header(ADMIN_KEY_HEADER, key.as_str())
        .json(&serde_json::json!({ "throttleNext": 1 }))
        .send()
        .await
        .unwrap();
    assert!(answer.status().is_success());

    assert_eq!(
        start(&sim, "acme-stage", "acme-stage", "acme-stage-access-token").await,
        204,
        "Production's throttle is not Stage's"
    );
    assert_eq!(
        start(
            &sim,
            "acme-production",
            "acme-production",
            &production_token
        )
        .await,
        429
    );

    let requests = steered(&sim, &key, "acme-production", "requests").await;
    let paths: Vec<&str> = requests
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["path"].as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "/ims/token/v3",
            "/acme-production/campaign/workflow/execution/WKF-NEWSLETTER/commands"
        ]
    );
    assert_eq!(sim.requests().len(), 1, "Stage saw only its own");
    let unknown = http()
        .get(steer("acme-dev", "requests"))
        .header(ADMIN_KEY_HEADER, key.as_str())
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status().as_u16(), 404);
}
