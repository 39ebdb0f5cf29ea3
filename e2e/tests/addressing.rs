//! The one promise, end to end: Stage and Production share every workflow ID (a Stage copy of
//! Production) and, as at Adobe, one address: they differ only by tenant and credential. Work
//! started on one stays on that one, whatever the window shows meanwhile; each tenant counts
//! what it received, and every request it received carries its own path, API key and token.

use std::time::{Duration, Instant};

use flowdeck_e2e::notifications::NotificationService;
use flowdeck_e2e::{App, Campaign, NewConnection, SignIn};
use serde_json::json;

const WORKFLOWS: [(&str, &str); 4] = [
    ("WKF-NEWSLETTER", "Weekly newsletter"),
    ("WKF-SUMMER-SALE", "Summer sale announcement"),
    ("WKF-CRM-IMPORT", "Nightly CRM import"),
    ("WKF-WELCOME", "Welcome journey"),
];
/// What the bulk runs below select.
const BULK: [(&str, &str); 3] = [WORKFLOWS[0], WORKFLOWS[1], WORKFLOWS[2]];
const STAGE: &str = "Acme Stage · Stage";
const PRODUCTION: &str = "Acme Production · Production";

/// The app with a Stage and a Production connection, the same three cards on each, showing
/// Stage.
async fn stage_and_production() -> (App, Campaign, Campaign) {
    stage_and_production_with(&[]).await
}

/// As `stage_and_production`, with extra environment for the app.
async fn stage_and_production_with(environment: &[(&str, &str)]) -> (App, Campaign, Campaign) {
    let app = App::launch_with(environment).await;
    app.card("WKF-NEWSLETTER").await;
    let (stage, production) = Campaign::stage_and_production();
    assert_eq!(stage.url(), production.url(), "one address, as at Adobe");
    let cards: Vec<&str> = WORKFLOWS.iter().map(|(id, _)| *id).collect();
    for (name, kind, campaign) in [
        ("Acme Production", "production", &production),
        ("Acme Stage", "stage", &stage),
    ] {
        let url = campaign.url();
        let connection = NewConnection {
            name,
            kind,
            campaign_url: &url,
            credentials: campaign.credentials(),
            sign_in: SignIn::PastedToken,
        };
        app.add_connection_with_cards(&connection, &cards).await;
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
    for id in ["WKF-BIRTHDAY", "WKF-WINBACK"] {
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
    for (_, label) in BULK {
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
    for (id, _) in BULK {
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
    for (id, _) in BULK {
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

/// A Restart, a signal and a schedule made on Stage, with Production's workflows of the same
/// IDs one click away and on the same address: each reaches Stage's tenant alone, with Stage's
/// key and token, and Production receives nothing but its own reads.
#[tokio::test(flavor = "multi_thread")]
async fn a_restart_a_signal_and_a_schedule_on_stage_reach_stage_alone() {
    let (app, stage, production) = stage_and_production().await;
    let welcome = app.card("WKF-WELCOME").await;
    app.wait_for_text(&welcome, "In progress").await;

    app.choose_in_card_menu(
        "[data-testid='card-WKF-WELCOME']",
        "[data-command='restart']",
    )
    .await;
    app.wait_for_text(&welcome, "Restart “Welcome journey” on Acme Stage?")
        .await;
    app.click("[data-testid='card-WKF-WELCOME'] .confirm button.danger")
        .await;
    app.wait_for_text_within(
        &welcome,
        "Restarted: Campaign stopped the workflow, then accepted Start.",
        Duration::from_secs(20),
    )
    .await;
    app.wait_for_text(&welcome, "In progress").await;
    // Campaign takes a signal once the Start has taken effect (the demo's switches take 1.2 s).
    tokio::time::sleep(Duration::from_secs(2)).await;

    let form = "[data-testid='card-WKF-WELCOME'] [data-testid='signal-form']";
    app.choose_in_card_menu(
        "[data-testid='card-WKF-WELCOME']",
        "[data-command='signal']",
    )
    .await;
    app.fill(
        &format!("{form} [data-parameter='segmentCode'] [name='parameterValue']"),
        "VIP",
    )
    .await;
    app.click(&format!("{form} button[type='submit']")).await;
    app.wait_for_text(&welcome, "Campaign accepted signal signal1.")
        .await;

    let stage_id = app.connection_id("Acme Stage").await;
    let due = app.local_time_in(5).await;
    app.schedule_once_on(&stage_id, "WKF-NEWSLETTER", "start", &due)
        .await;
    wait_until("the scheduled Start reached Stage", || async {
        stage.admin.commands().await.len() == 3
    })
    .await;
    // Production's deck is shown meanwhile, reading its own statuses.
    app.show_connection(PRODUCTION).await;
    app.wait_for_text(&app.card("WKF-WELCOME").await, "In progress")
        .await;
    tokio::time::sleep(Duration::from_secs(2)).await;

    assert_eq!(
        stage.admin.commands().await,
        [
            "WKF-WELCOME stop",
            "WKF-WELCOME start",
            "WKF-NEWSLETTER start"
        ]
    );
    assert_eq!(stage.admin.signal_triggers().await.len(), 1);
    assert!(production.admin.commands().await.is_empty());
    assert!(production.admin.signal_triggers().await.is_empty());
    assert!(
        !production.admin.requests().await.is_empty(),
        "Production's deck read its statuses"
    );
    stage.admin.assert_every_request_was_its_own().await;
    production.admin.assert_every_request_was_its_own().await;
    app.close().await;
}

/// Notify me on Stage's workflow: Production's workflow of the same ID finishing is not
/// Stage's news; Stage's finishing is told once, naming Stage. Every watch read went to the
/// tenant it was for.
#[tokio::test(flavor = "multi_thread")]
async fn a_watch_on_stage_tells_of_stage_alone() {
    let service = NotificationService::start().await;
    let (app, stage, production) = stage_and_production_with(&[("FLOWDECK_WATCH_SECS", "1")]).await;
    let welcome = app.card("WKF-WELCOME").await;
    app.wait_for_text(&welcome, "In progress").await;
    app.choose_in_card_menu("[data-testid='card-WKF-WELCOME']", "[data-action='watch']")
        .await;
    app.wait_for_watched("[data-testid='card-WKF-WELCOME']", true)
        .await;
    // Seen In progress first, as Flowdeck reads it.
    tokio::time::sleep(Duration::from_secs(2)).await;

    production
        .admin
        .command_from_elsewhere("WKF-WELCOME", "stop")
        .await;
    tokio::time::sleep(Duration::from_secs(4)).await;
    assert!(
        service.seen().is_empty(),
        "Production's workflow is not Stage's: {:?}",
        service.seen()
    );

    stage
        .admin
        .command_from_elsewhere("WKF-WELCOME", "stop")
        .await;
    let finished = service.wait_for("Finished.", Duration::from_secs(15)).await;
    assert_eq!(finished.summary, "Welcome journey on Acme Stage");
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(service.seen().len(), 1, "{:?}", service.seen());
    stage.admin.assert_every_request_was_its_own().await;
    production.admin.assert_every_request_was_its_own().await;
    app.close().await;
}
