//! Managing the deck through the installed app: repairing a card after its workflow was
//! renamed in Campaign, reordering from the keyboard (kept across a restart), undoing a
//! removal, searching and filtering.

use fantoccini::Locator;
use fantoccini::key::Key;
use flowdeck_e2e::App;

async fn order(app: &App) -> Vec<String> {
    let cards = app
        .browser
        .find_all(Locator::Css("article.card"))
        .await
        .unwrap();
    let mut ids = Vec::new();
    for card in cards {
        let testid = card.attr("data-testid").await.unwrap().unwrap_or_default();
        ids.push(testid.trim_start_matches("card-").to_owned());
    }
    ids
}

#[tokio::test]
async fn a_card_is_repaired_after_its_workflow_was_renamed_in_campaign() {
    let app = App::launch().await;
    let card = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&card, "Editing").await;
    app.simulator
        .rename("WKF-NEWSLETTER", "WKF-NEWSLETTER-2027")
        .await;

    app.click("button[aria-label='Edit Weekly newsletter']")
        .await;
    app.fill("input[name='editWorkflowId']", "WKF-NEWSLETTER-2027")
        .await;
    app.fill("input[name='editTags']", "Mail, Q1").await;
    app.click("form.edit-card button[type='submit']").await;

    let repaired = app.card("WKF-NEWSLETTER-2027").await;
    app.wait_for_text(&repaired, "Editing").await;
    let text = app.wait_for_text(&repaired, "Q1").await;
    assert!(
        text.contains("Weekly newsletter") && text.contains("Mail"),
        "{text}"
    );
    app.click("button[aria-label='Start Weekly newsletter']")
        .await;
    app.wait_for_text(&repaired, "Start requested").await;
    app.close().await;
}

#[tokio::test]
async fn cards_move_from_the_keyboard_and_stay_where_they_were_put() {
    let config = tempfile::tempdir().unwrap();
    let app = App::launch_in(config.path(), &[]).await;
    app.card("WKF-SUMMER-SALE").await;
    let handle = app
        .find("button[aria-label^='Move Summer sale announcement']")
        .await;
    for _ in 0..5 {
        handle.send_keys(&Key::Left.to_string()).await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
    let moved = order(&app).await;
    assert_eq!(
        moved.first().map(String::as_str),
        Some("WKF-SUMMER-SALE"),
        "{moved:?}"
    );
    drop(app);

    let app = App::launch_in(config.path(), &[]).await;
    app.card("WKF-SUMMER-SALE").await;
    assert_eq!(order(&app).await, moved, "the order survives a restart");
    app.close().await;
}

#[tokio::test]
async fn a_removed_card_comes_back_whole_in_its_place_with_undo_and_stays() {
    let config = tempfile::tempdir().unwrap();
    let app = App::launch_in(config.path(), &[]).await;
    let card = app.card("WKF-WELCOME").await;
    app.wait_for_text(&card, "In progress").await;
    app.click("button[aria-label='Pause Welcome journey']")
        .await;
    app.wait_for_text(&card, "Last sent by Flowdeck: Pause")
        .await;
    let before = order(&app).await;

    app.click("button[aria-label='Remove Welcome journey']")
        .await;
    let notice = app.find("[data-testid='removed-notice']").await;
    app.wait_for_text(&notice, "Removed “Welcome journey” from Demo organisation.")
        .await;
    assert!(!order(&app).await.contains(&"WKF-WELCOME".to_owned()));
    let focused = app
        .browser
        .execute("return document.activeElement.textContent", vec![])
        .await
        .unwrap();
    assert_eq!(
        focused, "Undo",
        "the keyboard is on Undo, not lost to the page"
    );
    app.screenshot("removed-undo").await;
    app.click("button[aria-label='Undo removing Welcome journey']")
        .await;
    let card = app.card("WKF-WELCOME").await;
    app.wait_for_text(&card, "Last sent by Flowdeck: Pause")
        .await;
    assert_eq!(order(&app).await, before);
    assert_eq!(
        app.simulator.commands().await,
        ["WKF-WELCOME pause"],
        "removing and restoring a card sends Campaign nothing"
    );
    drop(app);

    let app = App::launch_in(config.path(), &[]).await;
    let card = app.card("WKF-WELCOME").await;
    app.wait_for_text(&card, "Last sent by Flowdeck: Pause")
        .await;
    assert_eq!(
        order(&app).await,
        before,
        "the restored card survives a restart"
    );
    app.close().await;
}

#[tokio::test]
async fn the_deck_is_searched_by_label_or_id_and_filtered_by_status() {
    let app = App::launch().await;
    app.wait_for_text(&app.card("WKF-WINBACK").await, "Erroneous")
        .await;
    app.fill("#deck-search", "crm").await;
    assert_eq!(order(&app).await, ["WKF-CRM-IMPORT"]);
    app.fill("#deck-search", "journey").await;
    assert_eq!(order(&app).await, ["WKF-WELCOME"]);
    app.fill("#deck-search", "").await;
    app.choose("[data-testid='status-filter']", "erroneous")
        .await;
    assert_eq!(order(&app).await, ["WKF-WINBACK"]);
    app.close().await;
}
