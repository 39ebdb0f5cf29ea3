//! The dangerous network faults, through the installed app: what the card says, and how many
//! commands the simulator received. A command that may have run is never sent again.

use std::time::Duration;

use flowdeck_e2e::App;
use serde_json::{Value, json};

/// Arms one fault for the next `times` requests to `on` (`commands`, `reads` or `ims`).
async fn arm(app: &App, on: &str, fault: Value, times: u32) {
    app.simulator
        .set_switches(json!({ "faults": [{ "on": on, "fault": fault, "times": times }] }))
        .await;
}

async fn start_newsletter(app: &App) {
    app.click("button[aria-label='Start Weekly newsletter']")
        .await;
}

/// Waits a little past the card's follow-up reads, then counts: a resend would be in by now.
async fn commands_after_settling(app: &App) -> Vec<String> {
    tokio::time::sleep(Duration::from_secs(3)).await;
    app.simulator.commands().await
}

/// Start on the newsletter under a fault after which the command may have run: the card says
/// so, reads what Campaign did instead of guessing, and nothing is sent again.
async fn may_have_run_is_said_and_never_resent(fault: Value, what_the_card_says: &str) {
    let app = App::launch().await;
    let card = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&card, "Editing").await;
    arm(&app, "commands", fault, 1).await;

    start_newsletter(&app).await;
    app.wait_for_text(&card, what_the_card_says).await;
    app.wait_for_text(&card, "Flowdeck did not send it again.")
        .await;
    app.wait_for_text(&card, "In progress").await;
    assert_eq!(
        commands_after_settling(&app).await,
        ["WKF-NEWSLETTER start"]
    );
    app.close().await;
}

#[tokio::test]
async fn an_answer_lost_after_campaign_ran_the_command_is_never_resent() {
    may_have_run_is_said_and_never_resent(
        json!({ "kind": "dropAfterProcessing" }),
        "The connection to Campaign dropped before it answered. The command may or may not have run.",
    )
    .await;
}

#[tokio::test]
async fn a_proxy_that_gave_up_waiting_is_told_as_may_have_run_and_never_resent() {
    may_have_run_is_said_and_never_resent(
        json!({ "kind": "proxyPage", "status": 504, "processed": true }),
        "A proxy or gateway between this computer and Campaign gave up waiting for Campaign.",
    )
    .await;
}

#[tokio::test]
async fn a_sign_in_page_redirect_is_not_followed_and_says_nothing_ran() {
    let app = App::launch().await;
    let card = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&card, "Editing").await;
    arm(&app, "commands", json!({ "kind": "redirect" }), 1).await;

    start_newsletter(&app).await;
    app.wait_for_text(&card, "Nothing was run.").await;
    app.wait_for_text(&card, "If this network asks you to sign in")
        .await;
    assert_eq!(
        commands_after_settling(&app).await,
        ["WKF-NEWSLETTER start"]
    );
    let all = app.simulator.requests().await;
    assert!(
        all.iter().all(|r| r["path"] != "/sign-in"),
        "the redirect's target was never asked for"
    );
    app.wait_for_text(&card, "Editing").await;
    app.close().await;
}

#[tokio::test]
async fn a_bulk_run_with_one_lost_answer_sends_each_command_once_and_says_which_may_have_run() {
    let app = App::launch().await;
    app.card("WKF-NEWSLETTER").await;
    let ids = ["WKF-FAULT-1", "WKF-FAULT-2", "WKF-FAULT-3", "WKF-FAULT-4"];
    let workflows: Vec<Value> = ids
        .iter()
        .enumerate()
        .map(|(n, id)| json!({ "id": id, "label": format!("Fault campaign {}", n + 1), "status": "editing" }))
        .collect();
    app.simulator.add_workflows(Value::Array(workflows)).await;
    for id in ids {
        app.add_card(id).await;
    }
    for n in 1..=ids.len() {
        app.click(&format!("input[aria-label='Select Fault campaign {n}']"))
            .await;
    }
    arm(
        &app,
        "commands",
        json!({ "kind": "dropAfterProcessing" }),
        1,
    )
    .await;
    app.click("[data-testid='bulk'] button[data-bulk-command='start']")
        .await;
    app.click("[data-testid='bulk'] button.primary").await;
    let summary = app.find("[data-testid='bulk-summary']").await;
    app.wait_for_text(
        &summary,
        "Start on Demo organisation: 3 accepted, 1 may have run (check them), 0 failed, 0 not sent",
    )
    .await;
    let mut sent = commands_after_settling(&app).await;
    sent.sort();
    assert_eq!(
        sent,
        ids.map(|id| format!("{id} start")),
        "each workflow got exactly one Start"
    );
    app.close().await;
}
