//! Needs attention through the installed app, with Stage and Production on one host and the
//! same workflow IDs: what failed on Production and what is paused on Stage are each listed
//! under their own connection (and counted in the switcher), an entry opens the card on its own
//! connection, every read stays within the one budget of 8, and after a restart the connection
//! not opened is listed as last seen without a request to its Campaign (its secret is never
//! asked of the keyring).

use std::time::{Duration, Instant};

use flowdeck_e2e::{App, Campaign, NewConnection, SignIn};
use serde_json::json;

const CARDS: [&str; 3] = ["WKF-B1", "WKF-B2", "WKF-B3"];

async fn until(what: &str, mut done: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done().await {
        assert!(Instant::now() < deadline, "never happened: {what}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

async fn option_text(app: &App, name: &str) -> String {
    let options = app
        .browser
        .execute(
            "return [...document.querySelectorAll(\"[data-testid='connection-switcher'] option\")].map(o => o.textContent.trim())",
            vec![],
        )
        .await
        .unwrap();
    options
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o.as_str())
        .find(|o| o.starts_with(name))
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn what_needs_attention_is_listed_on_its_own_connection_and_opens_its_card() {
    let (stage, production) = Campaign::stage_and_production();
    for (campaign, paused, failed) in [(&stage, "WKF-B3", None), (&production, "", Some("WKF-B2"))]
    {
        let workflows: Vec<_> = CARDS
            .iter()
            .map(|id| {
                let status = if Some(*id) == failed {
                    "erroneous"
                } else if *id == paused {
                    "warning"
                } else {
                    "editing"
                };
                json!({ "id": id, "label": format!("Batch {id}"), "status": status })
            })
            .collect();
        campaign.admin.add_workflows(json!(workflows)).await;
        campaign
            .admin
            .set_switches(json!({ "recordStatus": "label", "applyDelayMs": 0 }))
            .await;
    }
    let config = tempfile::tempdir().unwrap();
    let app = App::launch_in(config.path(), &[]).await;
    app.card("WKF-NEWSLETTER").await;
    for (name, kind, campaign) in [
        ("Acme Production", "production", &production),
        ("Acme Stage", "stage", &stage),
    ] {
        let url = campaign.url();
        let secret = campaign.credentials().client_secret.clone();
        let connection = NewConnection {
            name,
            kind,
            campaign_url: &url,
            credentials: campaign.credentials(),
            sign_in: SignIn::ClientSecret(&secret),
        };
        app.add_connection_with_cards(&connection, &CARDS).await;
    }

    // Each connection counts its own in the switcher.
    until("both connections counted", async || {
        option_text(&app, "Acme Production")
            .await
            .ends_with("1 needs attention")
            && option_text(&app, "Acme Stage")
                .await
                .ends_with("1 needs attention")
    })
    .await;
    app.click("[data-testid='open-attention']").await;
    let panel = app.find("[data-testid='attention']").await;
    app.wait_for_text(&panel, "Batch WKF-B2").await;
    app.screenshot("needs-attention").await;
    let production_id = app.connection_id("Acme Production").await;
    let stage_id = app.connection_id("Acme Stage").await;
    let listed = |connection: &str, workflow: &str, why: &str| {
        format!(
            "[data-testid='attention'] [data-connection='{connection}'] li[data-workflow='{workflow}'][data-why='{why}']"
        )
    };
    app.find(&listed(&production_id, "WKF-B2", "failed")).await;
    app.find(&listed(&stage_id, "WKF-B3", "paused")).await;
    let wrong_instance = app
        .browser
        .execute(
            "return document.querySelectorAll(arguments[0]).length",
            vec![json!(format!(
                "[data-connection='{stage_id}'] li[data-workflow='WKF-B2'], [data-connection='{production_id}'] li[data-workflow='WKF-B3']"
            ))],
        )
        .await
        .unwrap();
    assert_eq!(wrong_instance, json!(0), "listed under the other instance");

    // Stage is shown; Production's failed card opens on Production.
    app.click(&format!(
        "{} button[data-action='open-card']",
        listed(&production_id, "WKF-B2", "failed")
    ))
    .await;
    until("Production's card holds the keyboard", async || {
        let shown = app
            .find("[data-testid='connection-switcher']")
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default();
        shown == production_id && app.focused_card().await == "card-WKF-B2"
    })
    .await;
    assert!(
        stage.admin.reads_peak().await <= 8,
        "at most 8 reads at once on the host"
    );
    assert!(production.admin.commands().await.is_empty());
    assert!(stage.admin.commands().await.is_empty());
    app.close().await;

    // The next start shows Stage (the one chosen last: opening a card chooses nothing).
    // Production is not opened, so it is listed as last seen, and its Campaign hears nothing:
    // no token asked for (its secret not read from the keyring), no read.
    production.admin.clear_requests().await;
    let app = App::launch_in(config.path(), &[]).await;
    let band = app.find("[data-testid='connection-band']").await;
    app.wait_for_text(&band, "Acme Stage").await;
    app.click("[data-testid='open-attention']").await;
    let entry = app.find(&listed(&production_id, "WKF-B2", "failed")).await;
    app.wait_for_text(&entry, "As last seen").await;
    tokio::time::sleep(Duration::from_secs(12)).await;
    let heard = production.admin.requests().await;
    assert!(heard.is_empty(), "Production was asked: {heard:?}");
    app.close().await;
}
