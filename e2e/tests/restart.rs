//! Restart through the installed app: asked first, Stop, Start once the stop took effect; and
//! a stop that never takes effect, after which Start is never sent.

use std::time::Duration;

use flowdeck_e2e::App;
use serde_json::json;

async fn ask_and_confirm_restart(app: &App) {
    app.choose_in_card_menu(
        "[data-testid='card-WKF-WELCOME']",
        "[data-command='restart']",
    )
    .await;
    let card = app.card("WKF-WELCOME").await;
    app.wait_for_text(&card, "Restart “Welcome journey” on Demo organisation?")
        .await;
    app.screenshot("restart-confirm").await;
    app.click("[data-testid='card-WKF-WELCOME'] .confirm button.danger")
        .await;
}

#[tokio::test]
async fn restart_stops_the_workflow_then_starts_it_once_campaign_reports_it_stopped() {
    let app = App::launch().await;
    let card = app.card("WKF-WELCOME").await;
    app.wait_for_text(&card, "In progress").await;

    ask_and_confirm_restart(&app).await;
    app.wait_for_text(&card, "Restarting").await;
    app.wait_for_text_within(
        &card,
        "Restarted: Campaign stopped the workflow, then accepted Start.",
        Duration::from_secs(20),
    )
    .await;
    app.wait_for_text(&card, "In progress").await;
    assert_eq!(
        app.simulator.commands().await,
        ["WKF-WELCOME stop", "WKF-WELCOME start"]
    );
    app.close().await;
}

#[tokio::test]
async fn a_stop_that_never_takes_effect_is_not_followed_by_start() {
    let app = App::launch_with(&[("FLOWDECK_RESTART_PATIENCE_SECS", "3")]).await;
    let card = app.card("WKF-WELCOME").await;
    app.wait_for_text(&card, "In progress").await;
    app.simulator
        .set_switches(json!({ "stopNeverEffective": true }))
        .await;

    ask_and_confirm_restart(&app).await;
    app.wait_for_text_within(
        &card,
        "the workflow had not stopped in time. Flowdeck did not send Start.",
        Duration::from_secs(20),
    )
    .await;
    app.wait_for_text(&card, "In transition").await;
    app.screenshot("restart-stop-not-effective").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(app.simulator.commands().await, ["WKF-WELCOME stop"]);
    app.close().await;
}
