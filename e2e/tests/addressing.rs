//! The one promise, end to end: Stage and Production share every workflow ID (a Stage copy of
//! Production) and, as at Adobe, one address: they differ only by tenant and credential. Work
//! started on one stays on that one, whatever the window shows meanwhile; each tenant counts
//! what it received, and every request it received carries its own path, API key and token.

use std::time::{Duration, Instant};

use flowdeck_e2e::{App, Campaign, NewConnection, SignIn};
use serde_json::json;

const WORKFLOWS: [(&str, &str); 3] = [
    ("WKF-NEWSLETTER", "Weekly newsletter"),
    ("WKF-SUMMER-SALE", "Summer sale announcement"),
    ("WKF-CRM-IMPORT", "Nightly CRM import"),
];
const STAGE: &str = "Acme Stage · Stage";
const PRODUCTION: &str = "Acme Production · Production";

/// The app with a Stage and a Production connection, the same three cards on each, showing
/// Stage.
async fn stage_and_production() -> (App, Campaign, Campaign) {
    let app = App::launch().await;
    app.card("WKF-NEWSLETTER").await;
    let (stage, production) = Campaign::stage_and_production();
    assert_eq!(stage.url(), production.url(), "one address, as at Adobe");
    for (name, kind, campaign) in [
        ("Acme Production", "production", &production),
        ("Acme Stage", "stage", &stage),
    ] {
        let url = campaign.url();
        app.add_connection(&NewConnection {
            name,
            kind,
            campaign_url: &url,
            credentials: campaign.credentials(),
            sign_in: SignIn::PastedToken,
        })
        .await;
    }
    for label in [PRODUCTION, STAGE] {
        app.show_connection(label).await;
        for (id, _) in WORKFLOWS {
            app.add_card(id).await;
        }
    }
    (app, stage, production)
}

async fn wait_until<F: std::future::Future<Output = bool>>(
    what: &str,
    mut done: impl FnMut() -> F,
) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done().await {
        assert!(Instant::now() < deadline, "never happened: {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Tried as a new user would: a bulk run on Stage, and Stage's tenant corrected while it runs.
/// What was not sent yet goes nowhere: not to the corrected tenant with Stage's token, nor to
/// the old one. The run's summary stays on screen and says which were not sent, and why.
#[tokio::test(flavor = "multi_thread")]
async fn a_connection_edited_during_a_bulk_run_gets_none_of_the_rest_of_it() {
    let (app, stage, production) = stage_and_production().await;
    // More cards than a run sends at once (four), so that some are still to send.
    for id in ["WKF-WELCOME", "WKF-BIRTHDAY", "WKF-WINBACK"] {
        app.add_card(id).await;
    }
    stage
        .admin
        .set_switches(json!({ "responseDelayMs": 8000 }))
        .await;
    let tenant = &stage.credentials().tenant;
    app.click("[data-testid='card-WKF-NEWSLETTER'] input.select")
        .await;
    app.click("[data-testid='bulk'] button.link").await;
    app.click("[data-testid='bulk'] button[data-bulk-command='start']")
        .await;
    app.click("[data-testid='bulk'] .confirm button.primary")
        .await;
    app.find("[data-testid='bulk-progress']").await;

    app.edit_tenant("Acme Stage", "acme-production").await;

    // Campaign's answers to the four sent before the edit decide how many were accepted; the
    // two left were refused, whatever they were.
    let summary = app.find("[data-testid='bulk-summary']").await;
    app.wait_for_text(&summary, "0 not sent").await;
    app.wait_for_text(&summary, "Acme Stage was changed while this was on its way")
        .await;
    app.screenshot("bulk-summary-after-edit").await;
    let paths: Vec<String> = stage
        .admin
        .requests_with("POST")
        .await
        .iter()
        .filter_map(|r| r["path"].as_str().map(str::to_owned))
        .filter(|path| path.ends_with("/commands"))
        .collect();
    assert_eq!(
        paths.len(),
        4,
        "only what was sent before the edit: {paths:?}"
    );
    assert!(
        paths.iter().all(|p| p.starts_with(&format!("/{tenant}/"))),
        "{paths:?}"
    );
    assert!(production.admin.commands().await.is_empty());
    assert!(app.simulator.commands().await.is_empty());
    stage.admin.assert_every_request_was_its_own().await;
    production.admin.assert_every_request_was_its_own().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bulk_run_on_stage_stays_on_stage_when_the_window_switches_to_production() {
    let (app, stage, production) = stage_and_production().await;
    let band = app.find("[data-testid='connection-band']").await;
    assert_eq!(
        band.attr("data-kind").await.unwrap().as_deref(),
        Some("stage")
    );

    // Slow answers, so that the switch happens while the run is under way.
    stage
        .admin
        .set_switches(json!({ "responseDelayMs": 2500 }))
        .await;
    for (_, label) in WORKFLOWS {
        app.click(&format!("input[aria-label='Select {label}']"))
            .await;
    }
    app.click("[data-testid='bulk'] button[data-bulk-command='start']")
        .await;
    let bulk = app.find("[data-testid='bulk']").await;
    app.wait_for_text(&bulk, "Start: 3 workflows on Acme Stage?")
        .await;
    app.screenshot("bulk-confirm-stage").await;
    app.click("[data-testid='bulk'] .confirm button.primary")
        .await;
    app.find("[data-testid='bulk-progress']").await;

    app.show_connection(PRODUCTION).await;
    assert_eq!(
        band.attr("data-kind").await.unwrap().as_deref(),
        Some("production")
    );
    let elsewhere = app.find("[data-testid^='elsewhere-']").await;
    app.wait_for_text(&elsewhere, "Start on Acme Stage is still running")
        .await;
    app.screenshot("bulk-running-elsewhere").await;
    app.wait_for_text(&elsewhere, "Start on Acme Stage has finished")
        .await;

    let mut sent = stage.admin.commands().await;
    sent.sort();
    assert_eq!(
        sent,
        [
            "WKF-CRM-IMPORT start",
            "WKF-NEWSLETTER start",
            "WKF-SUMMER-SALE start"
        ],
        "each Stage workflow started exactly once"
    );
    assert!(
        production.admin.commands().await.is_empty(),
        "Production received no command"
    );
    assert!(
        app.simulator.commands().await.is_empty(),
        "nor did the demo"
    );
    for (id, _) in WORKFLOWS {
        let card = app.card(id).await;
        let text = card.text().await.unwrap();
        assert!(
            !text.contains("Last sent by Flowdeck"),
            "a Production card claims a command: {text}"
        );
    }

    // Stage shows its own results.
    app.click("[data-testid^='elsewhere-'] button").await;
    // Campaign's answers to the four sent before the edit decide how many were accepted; the
    // two left were refused, whatever they were.
    let summary = app.find("[data-testid='bulk-summary']").await;
    app.wait_for_text(&summary, "0 not sent").await;
    app.wait_for_text(
        &summary,
        "Start on Acme Stage: 3 accepted, 0 failed, 0 not sent",
    )
    .await;
    for (id, _) in WORKFLOWS {
        app.wait_for_text(&app.card(id).await, "Last sent by Flowdeck: Start")
            .await;
    }
    app.click("[data-testid='open-activity']").await;
    let activity = app.find("[data-testid='activity']").await;
    app.wait_for_text(&activity, "Acme Stage").await;
    let rows = app
        .browser
        .find_all(fantoccini::Locator::Css("[data-testid='activity-row']"))
        .await
        .unwrap();
    assert_eq!(rows.len(), 3);
    for row in rows {
        let text = row.text().await.unwrap();
        assert!(text.contains("Acme Stage · Stage"), "{text}");
    }
    app.screenshot("activity-by-connection").await;
    stage.admin.assert_every_request_was_its_own().await;
    production.admin.assert_every_request_was_its_own().await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_busy_retry_on_stage_goes_to_stage_after_the_window_switches() {
    let (app, stage, production) = stage_and_production().await;
    stage
        .admin
        .set_switches(json!({ "throttleNext": 1, "retryAfterSecs": 3 }))
        .await;
    let newsletter = app.card("WKF-NEWSLETTER").await;
    app.click("[data-testid='card-WKF-NEWSLETTER'] button[data-command='start']")
        .await;
    app.wait_for_text(&newsletter, "Campaign is busy. Trying again in")
        .await;
    app.show_connection(PRODUCTION).await;

    wait_until("Stage received the retried Start", || async {
        stage.admin.commands().await.len() == 2
    })
    .await;
    let answers: Vec<_> = stage
        .admin
        .requests_with("POST")
        .await
        .iter()
        .map(|r| r["status"].clone())
        .collect();
    assert_eq!(
        answers,
        [json!(429), json!(204)],
        "refused once, then run once"
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(production.admin.commands().await.is_empty());
    assert!(
        !app.card("WKF-NEWSLETTER")
            .await
            .text()
            .await
            .unwrap()
            .contains("Last sent"),
        "Production's card of the same ID claims nothing"
    );

    app.show_connection(STAGE).await;
    app.wait_for_text(
        &app.card("WKF-NEWSLETTER").await,
        "Last sent by Flowdeck: Start",
    )
    .await;
    stage.admin.assert_every_request_was_its_own().await;
    production.admin.assert_every_request_was_its_own().await;
    app.close().await;
}
