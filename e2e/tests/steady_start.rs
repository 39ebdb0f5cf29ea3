//! A steady start through the installed app: six workflows on Stage, at most two running at
//! once, while Production (same host, same workflow IDs) is a connection too. The queue lives
//! in the backend: the window is closed to the tray right after it is queued, and the six Starts
//! still go, each once, to Stage alone, never more than two running at once.

use std::time::{Duration, Instant};

use flowdeck_e2e::tray::TrayHost;
use flowdeck_e2e::window::{click_close_button, window_on_screen};
use flowdeck_e2e::{App, Campaign, NewConnection, SignIn};
use serde_json::json;

const BATCH: [&str; 6] = ["WKF-B1", "WKF-B2", "WKF-B3", "WKF-B4", "WKF-B5", "WKF-B6"];

async fn until(what: &str, patience: Duration, mut done: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + patience;
    while !done().await {
        assert!(Instant::now() < deadline, "never happened: {what}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn six_starts_two_at_a_time_reach_stage_alone_with_the_window_closed() {
    let tray = TrayHost::start().await;
    let (stage, production) = Campaign::stage_and_production();
    let workflows: Vec<_> = BATCH
        .iter()
        .map(|id| json!({ "id": id, "label": format!("Batch {id}"), "status": "editing" }))
        .collect();
    for campaign in [&stage, &production] {
        campaign.admin.add_workflows(json!(workflows)).await;
        campaign
            .admin
            .set_switches(json!({ "recordStatus": "label", "applyDelayMs": 0, "runMs": 3000 }))
            .await;
    }
    // Stage's one running demo workflow is stopped first, so that what runs is the batch.
    stage
        .admin
        .command_from_elsewhere("WKF-WELCOME", "stop")
        .await;
    stage.admin.clear_requests().await;
    let app = App::launch_with(&[("FLOWDECK_BATCH_SECS", "1")]).await;
    app.card("WKF-NEWSLETTER").await;
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
        app.add_connection_with_cards(&connection, &BATCH).await;
    }

    // Stage is shown: all six, Start, at a steady pace of two.
    app.click("[data-testid='card-WKF-B1'] input.select").await;
    app.click("[data-testid='bulk'] button.link").await;
    app.click("[data-testid='bulk'] button[data-bulk-command='start']")
        .await;
    app.click("[data-testid='bulk'] input[name='steadyPace']")
        .await;
    app.fill("[data-testid='bulk'] input[name='atMostRunning']", "2")
        .await;
    app.screenshot("steady-start-confirm").await;
    app.click("[data-testid='bulk'] .confirm button.primary")
        .await;
    let batch = app.find("[data-testid='batch-1']").await;
    app.wait_for_text(
        &batch,
        "Starting 6 workflows on Acme Stage, at most 2 at once.",
    )
    .await;

    // The window goes to the tray; the queue goes on without it.
    click_close_button();
    app.click_closing_the_window("[data-testid='closing'] [data-answer='safe']")
        .await;
    until(
        "the window went to the tray",
        Duration::from_secs(5),
        async || !window_on_screen(),
    )
    .await;
    until(
        "six Starts reached Stage",
        Duration::from_secs(60),
        async || stage.admin.commands().await.len() == BATCH.len(),
    )
    .await;
    assert!(!window_on_screen(), "sent with the window closed");
    // The last ones run their three seconds; nothing more is sent meanwhile.
    tokio::time::sleep(Duration::from_secs(5)).await;

    let mut started = stage.admin.commands().await;
    started.sort();
    let expected: Vec<String> = BATCH.iter().map(|id| format!("{id} start")).collect();
    assert_eq!(started, expected, "each of the six started once");
    assert_eq!(
        production.admin.commands().await,
        Vec::<String>::new(),
        "nothing on Production"
    );
    let peak = stage.admin.running_peak().await;
    assert!(
        (1..=2).contains(&peak),
        "at most two running at once, saw {peak}"
    );
    stage.admin.assert_every_request_was_its_own().await;

    tray.click("Open Flowdeck").await;
    until("the window came back", Duration::from_secs(5), async || {
        window_on_screen()
    })
    .await;
    let batch = app.find("[data-testid='batch-1']").await;
    app.wait_for_text(&batch, "has ended").await;
    app.wait_for_text(&batch, "0 running · 0 waiting · 6 finished")
        .await;
    app.screenshot("steady-start-ended").await;
    app.close().await;
}
