//! Notify me through the installed app, with a notification service on the session bus: a
//! watched workflow stopped elsewhere in Campaign is notified once as Finished, naming the
//! connection; one renamed in Campaign is notified once as gone; an unwatched one never.

use std::time::Duration;

use flowdeck_e2e::App;
use flowdeck_e2e::notifications::NotificationService;

#[tokio::test]
async fn a_watched_workflow_is_notified_once_when_it_finishes_and_once_when_it_is_gone() {
    let service = NotificationService::start().await;
    let app = App::launch_with(&[("FLOWDECK_WATCH_SECS", "1")]).await;
    let welcome = app.card("WKF-WELCOME").await;
    app.wait_for_text(&welcome, "In progress").await;
    app.choose_in_card_menu("[data-testid='card-WKF-WELCOME']", "[data-action='watch']")
        .await;
    // Shown on once the backend has kept the watch (an IPC round trip after the choice).
    app.wait_for_watched("[data-testid='card-WKF-WELCOME']", true)
        .await;
    // Seen In progress first, as Flowdeck reads it.
    tokio::time::sleep(Duration::from_secs(2)).await;

    // Someone stops it in Campaign, and an unwatched workflow changes too.
    app.simulator
        .command_from_elsewhere("WKF-WELCOME", "stop")
        .await;
    app.simulator
        .command_from_elsewhere("WKF-BIRTHDAY", "stop")
        .await;
    let finished = service.wait_for("Finished.", Duration::from_secs(15)).await;
    assert_eq!(finished.summary, "Welcome journey on Demo organisation");
    app.wait_for_text(&welcome, "Finished").await;

    // Clicking the notification opens Flowdeck on that card: the keyboard is on it.
    app.browser
        .execute("document.activeElement?.blur()", vec![])
        .await
        .unwrap();
    service.click(&finished).await;
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let focused = app
            .browser
            .execute(
                "return document.activeElement?.closest('article.card')?.dataset.workflowId ?? null",
                vec![],
            )
            .await
            .unwrap();
        if focused == "WKF-WELCOME" {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the click did not open the card: {focused}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    app.simulator
        .rename("WKF-WELCOME", "WKF-WELCOME-2027")
        .await;
    let gone = service
        .wait_for(
            "no longer knows workflow WKF-WELCOME",
            Duration::from_secs(15),
        )
        .await;
    assert_eq!(gone.summary, "Welcome journey on Demo organisation");
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(
        service.seen().len(),
        2,
        "each told once, the unwatched never: {:?}",
        service.seen()
    );
    app.close().await;
}
