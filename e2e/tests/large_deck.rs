//! A deck of 500 cards works as a deck of ten does: every card can be reached and shows its
//! status, search finds one at the far end, the keyboard moves a card and the move holds, and
//! a bulk Start of them all sends each workflow exactly one command.

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use flowdeck_e2e::App;
use flowdeck_e2e::many_cards::many_card_id;
use serde_json::json;

const CARDS: usize = 500;

/// The workflow IDs of the deck's cards, in the order the page shows them.
async fn shown_order(app: &App) -> Vec<String> {
    let ids = app
        .browser
        .execute(
            "return [...document.querySelectorAll('article[data-workflow-id]')].map((a) => a.dataset.workflowId)",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(ids).unwrap()
}

async fn wait_for_order(app: &App, first: &[String]) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let order = shown_order(app).await;
        if order.len() >= first.len() && order[..first.len()] == *first {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the deck should start {first:?}, starts {:?}",
            &order[..order.len().min(first.len())]
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_deck_of_five_hundred_cards_is_whole_searchable_reorderable_and_bulk_started_once_each() {
    let app = App::launch().await;
    app.card("WKF-NEWSLETTER").await;
    let ids = app.add_many_cards(1..=CARDS).await;
    // As the next launch shows it.
    let _ = app.browser.execute("location.reload()", vec![]).await;
    let last = ids.last().unwrap();

    // The far end of the deck, scrolled to: its card is drawn and has been read.
    app.card(last).await;
    app.browser
        .execute("window.scrollTo(0, document.body.scrollHeight)", vec![])
        .await
        .unwrap();
    let card = app.card(last).await;
    app.wait_for_text(&card, "Editing").await;
    app.wait_for_text(&card, &format!("Workflow {CARDS}")).await;

    // Found by search, with its status, and nothing else shown.
    app.fill("#deck-search", &many_card_id(CARDS - 1)).await;
    wait_for_order(&app, &[many_card_id(CARDS - 1)]).await;
    let found = app.card(&many_card_id(CARDS - 1)).await;
    app.wait_for_text(&found, "Editing").await;
    assert_eq!(shown_order(&app).await, [many_card_id(CARDS - 1)]);
    app.fill("#deck-search", "").await;

    // Moved with the keyboard, and still there after a reload.
    app.browser
        .execute("window.scrollTo(0, 0)", vec![])
        .await
        .unwrap();
    let handle = app
        .find(&format!("[data-testid='card-{}'] .handle", many_card_id(1)))
        .await;
    let before = shown_order(&app).await;
    let position = before.iter().position(|id| *id == many_card_id(1)).unwrap();
    let mut expected = before[..position].to_vec();
    expected.extend([many_card_id(2), many_card_id(1), many_card_id(3)]);
    handle.send_keys(&Key::Down.to_string()).await.unwrap();
    wait_for_order(&app, &expected).await;
    let _ = app.browser.execute("location.reload()", vec![]).await;
    app.card(last).await;
    wait_for_order(&app, &expected).await;

    // All of them started at once: one command each, never two.
    app.simulator.clear_requests().await;
    app.fill("#deck-search", "WKF-MANY").await;
    app.click("input[aria-label='Select Workflow 3']").await;
    app.click("[data-testid='bulk'] button.link").await;
    let bulk = app.find("[data-testid='bulk']").await;
    app.wait_for_text(&bulk, &format!("{CARDS} workflows selected"))
        .await;
    app.click("[data-testid='bulk'] button[data-bulk-command='start']")
        .await;
    app.click("[data-testid='bulk'] .confirm button.primary")
        .await;
    let summary = app.find("[data-testid='bulk-summary']").await;
    app.wait_for_text_within(
        &summary,
        &format!("Start on Demo organisation: {CARDS} accepted, 0 failed, 0 not sent"),
        Duration::from_secs(120),
    )
    .await;
    let mut starts = app.simulator.requests_with("POST").await;
    starts.retain(|r| r["body"] == json!("{\"method\":\"start\"}"));
    let mut started: Vec<String> = starts
        .iter()
        .map(|r| {
            r["path"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .nth(1)
                .unwrap()
                .to_owned()
        })
        .collect();
    started.sort();
    let mut all = ids.clone();
    all.sort();
    assert_eq!(
        started, all,
        "each of the {CARDS} workflows started exactly once"
    );
    app.close().await;
}
