//! "While Flowdeck was closed", through the installed app: a workflow that finished and a
//! schedule that came due while Flowdeck was not running are summed up after it starts again,
//! each line opening its card; the missed command is never sent late.

use flowdeck_e2e::{App, Campaign};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn what_finished_and_what_was_missed_while_closed_is_told_after_a_start() {
    // One Campaign for both launches: the demo is pointed at it each time.
    let campaign = Campaign::start();
    campaign
        .admin
        .set_switches(json!({ "applyDelayMs": 0 }))
        .await;
    let url = campaign.url();
    let environment = [("FLOWDECK_DEMO_CAMPAIGN", url.as_str())];
    let config = tempfile::tempdir().unwrap();

    let app = App::launch_in(config.path(), &environment).await;
    let card = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&card, "Editing").await;
    let due = app.local_time_in(8).await;
    app.schedule_once("WKF-SUMMER-SALE", "start", &due).await;
    app.close().await;

    // Meanwhile, in Campaign: the newsletter is run and stopped by someone else.
    campaign
        .admin
        .command_from_elsewhere("WKF-NEWSLETTER", "start")
        .await;
    campaign
        .admin
        .command_from_elsewhere("WKF-NEWSLETTER", "stop")
        .await;
    tokio::time::sleep(std::time::Duration::from_secs(10)).await;

    let app = App::launch_in(config.path(), &environment).await;
    let away = app.find("[data-testid='away']").await;
    app.wait_for_text(&away, "Weekly newsletter on Demo organisation: Finished")
        .await;
    app.wait_for_text(
        &away,
        "Start of Summer sale announcement on Demo organisation, due",
    )
    .await;
    app.screenshot("away-summary").await;
    app.click("[data-testid='away'] li:first-child button[data-action='open-card']")
        .await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let focused = app.focused_card().await;
        if focused == "card-WKF-NEWSLETTER" {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the card did not open: {focused}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let commands = campaign.admin.commands().await;
    assert_eq!(
        commands,
        ["WKF-NEWSLETTER start", "WKF-NEWSLETTER stop"],
        "the missed Start was never sent late"
    );
    app.close().await;
}
