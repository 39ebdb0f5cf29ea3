//! The activity log outlives the app: a command, a restart, and the entry is still there with
//! what Adobe support needs.

use flowdeck_e2e::App;

#[tokio::test]
async fn the_activity_log_lists_a_command_after_a_restart() {
    let config = tempfile::tempdir().unwrap();
    let app = App::launch_in(config.path(), &[]).await;
    let card = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&card, "Editing").await;
    app.click("button[aria-label='Start Weekly newsletter']")
        .await;
    app.wait_for_text(&card, "Start requested").await;
    let request_id = app.simulator.requests_with("POST").await.last().cloned();
    drop(app);

    let app = App::launch_in(config.path(), &[]).await;
    app.card("WKF-NEWSLETTER").await;
    app.click("[data-testid='open-activity']").await;
    let row = app.find("[data-testid='activity-row']").await;
    let text = app.wait_for_text(&row, "WKF-NEWSLETTER").await;
    for expected in ["Demo organisation", "Start", "Accepted", "204", "sim-"] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from {text:?}"
        );
    }
    assert!(request_id.is_some());
    app.screenshot("activity").await;
    app.close().await;
}
