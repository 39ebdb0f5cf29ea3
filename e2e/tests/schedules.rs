//! Scheduled commands through the installed app: one scheduled from a card, listed on it and in
//! the Schedules panel, and cancelled; one due in a few seconds sent exactly once and logged as
//! scheduled; one due while the app was closed shown as missed after a restart, never sent;
//! one sent, then the app started again in a time zone to the west, not due again.

use std::time::Duration;

use flowdeck_e2e::App;

const CARD: &str = "[data-testid='card-WKF-NEWSLETTER']";

#[tokio::test]
async fn a_command_scheduled_from_a_card_is_listed_and_can_be_cancelled() {
    let app = App::launch().await;
    let card = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&card, "Editing").await;

    app.choose_in_card_menu(CARD, "[data-action='schedule']")
        .await;
    let form = app
        .find(&format!("{CARD} [data-testid='schedule-form']"))
        .await;
    app.choose(&format!("{CARD} select[name='scheduleRepeat']"), "weekdays")
        .await;
    app.choose(&format!("{CARD} select[name='scheduleCommand']"), "stop")
        .await;
    app.wait_for_text(&form, "A stopped workflow cannot be resumed")
        .await;
    app.screenshot("schedule-form").await;
    app.click(&format!(
        "{CARD} [data-testid='schedule-form'] button[type='submit']"
    ))
    .await;
    let listed = app
        .find(&format!("{CARD} [data-testid='card-schedules']"))
        .await;
    app.wait_for_text(&listed, "then monday to friday").await;

    app.click("[data-testid='open-schedules']").await;
    let panel = app.find("[data-testid='schedules']").await;
    app.wait_for_text(&panel, "Weekly newsletter on Demo organisation")
        .await;
    app.screenshot("schedules-panel").await;
    app.click("[data-testid='schedule-row'] button").await;
    app.wait_for_text(&panel, "Nothing is scheduled.").await;
    assert!(
        app.browser
            .find_all(fantoccini::Locator::Css("[data-testid='card-schedules']"))
            .await
            .unwrap()
            .is_empty(),
        "the card's list went with it"
    );
    assert!(app.simulator.commands().await.is_empty());
    app.close().await;
}

#[tokio::test]
async fn a_command_due_in_a_few_seconds_is_sent_exactly_once_and_logged_as_scheduled() {
    let app = App::launch().await;
    let card = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&card, "Editing").await;
    let due = app.local_time_in(5).await;
    app.schedule_once("WKF-NEWSLETTER", "start", &due).await;
    assert!(
        app.simulator.commands().await.is_empty(),
        "not before its time"
    );

    app.wait_for_text_within(&card, "Start sent as scheduled", Duration::from_secs(20))
        .await;
    app.wait_for_text(&card, "In progress").await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(app.simulator.commands().await, ["WKF-NEWSLETTER start"]);

    app.click("[data-testid='open-activity']").await;
    let log = app.find("[data-testid='activity']").await;
    app.wait_for_text(&log, "Start (scheduled)").await;
    app.close().await;
}

#[tokio::test]
async fn a_command_due_while_the_app_was_closed_is_missed_and_never_sent() {
    let home = tempfile::tempdir().unwrap();
    let app = App::launch_in(home.path(), &[]).await;
    app.card("WKF-NEWSLETTER").await;
    let due = app.local_time_in(8).await;
    app.schedule_once("WKF-NEWSLETTER", "start", &due).await;
    app.close().await;

    tokio::time::sleep(Duration::from_secs(12)).await;
    let app = App::launch_in(home.path(), &[]).await;
    let card = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(
        &card,
        "was missed: Flowdeck was not running. It was not sent late.",
    )
    .await;
    app.screenshot("schedule-missed").await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(
        app.simulator.commands().await.is_empty(),
        "nothing was sent late"
    );
    app.close().await;
}

/// A laptop that flies west: a one-off sent in Stockholm is done. Started again on New York's
/// clock, where that wall-clock time is still hours ahead, Flowdeck neither lists it as coming
/// nor sends it again.
#[tokio::test]
async fn a_one_off_sent_before_a_flight_west_is_not_due_again_after_it() {
    let home = tempfile::tempdir().unwrap();
    let app = App::launch_in(home.path(), &[("TZ", "Europe/Stockholm")]).await;
    let card = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&card, "Editing").await;
    let due = app.local_time_in(5).await;
    app.schedule_once("WKF-NEWSLETTER", "start", &due).await;
    app.wait_for_text_within(&card, "Start sent as scheduled", Duration::from_secs(20))
        .await;
    assert_eq!(app.simulator.commands().await, ["WKF-NEWSLETTER start"]);
    app.close().await;

    let app = App::launch_in(home.path(), &[("TZ", "America/New_York")]).await;
    let card = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&card, "Start sent as scheduled").await;
    let listed = app
        .invoke("list_schedules", serde_json::json!({}))
        .await
        .unwrap();
    assert_eq!(
        listed["schedules"][0]["nextDueMs"],
        serde_json::Value::Null,
        "a one-off that was sent is not coming again: {listed}"
    );
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(app.simulator.commands().await.is_empty());
    app.close().await;
}
