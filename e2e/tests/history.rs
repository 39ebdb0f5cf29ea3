//! A card's status history: the statuses Flowdeck saw, kept across a restart.

use flowdeck_e2e::App;

#[tokio::test]
async fn the_statuses_seen_are_on_the_card_after_a_restart() {
    let home = tempfile::tempdir().unwrap();
    let app = App::launch_in(home.path(), &[]).await;
    let card = app.card("WKF-WELCOME").await;
    app.wait_for_text(&card, "In progress").await;
    app.click("button[aria-label='Pause Welcome journey']")
        .await;
    app.wait_for_text(&card, "Warning").await;
    app.close().await;

    let app = App::launch_in(home.path(), &[]).await;
    app.card("WKF-WELCOME").await;
    app.choose_in_card_menu(
        "[data-testid='card-WKF-WELCOME']",
        "[data-action='history']",
    )
    .await;
    let history = app.find("[data-testid='history-WKF-WELCOME']").await;
    let text = app.wait_for_text(&history, "Status history").await;
    let items = history
        .find_all(fantoccini::Locator::Css("li .pill"))
        .await
        .unwrap();
    let mut seen = Vec::new();
    for item in items {
        seen.push(item.text().await.unwrap());
    }
    // Newest first. The demo organisation starts afresh with each launch, so the newest entry
    // is its "In progress" again; the pause before the restart is kept beneath it (with the
    // "In transition" a follow-up read may have caught in between).
    assert_eq!(
        seen.first().map(String::as_str),
        Some("In progress"),
        "{text}"
    );
    assert_eq!(
        seen.last().map(String::as_str),
        Some("In progress"),
        "{text}"
    );
    assert!(seen.iter().any(|s| s == "Warning"), "{text}");
    assert!(seen.len() >= 3, "{text}");
    app.screenshot("status-history").await;
    app.close().await;
}
