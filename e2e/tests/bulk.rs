//! A bulk Stop of 20 cards: one confirmation, bounded concurrency, a progress bar that moves,
//! every card reported, every workflow stopped exactly once.

use std::time::{Duration, Instant};

use flowdeck_e2e::App;
use serde_json::{Value, json};

const CARDS: usize = 20;

#[tokio::test]
async fn a_bulk_stop_of_twenty_cards_shows_progress_and_a_summary() {
    let app = App::launch().await;
    app.card("WKF-NEWSLETTER").await;
    let ids: Vec<String> = (1..=CARDS).map(|n| format!("WKF-BULK-{n:02}")).collect();
    let workflows: Vec<Value> = ids
        .iter()
        .enumerate()
        .map(|(n, id)| json!({ "id": id, "label": format!("Bulk campaign {}", n + 1), "status": "inProgress" }))
        .collect();
    app.simulator.add_workflows(Value::Array(workflows)).await;

    for id in &ids {
        app.add_card(id).await;
    }
    for n in 1..=CARDS {
        app.click(&format!("input[aria-label='Select Bulk campaign {n}']"))
            .await;
    }
    let bulk = app.find("[data-testid='bulk']").await;
    app.wait_for_text(&bulk, "20 workflows selected").await;

    // Slow answers, so that the progress can be seen moving.
    app.simulator
        .set_switches(json!({ "responseDelayMs": 250 }))
        .await;
    app.click("[data-testid='bulk'] button[data-bulk-command='stop']")
        .await;
    app.wait_for_text(&bulk, "Stop: 20 workflows on Demo organisation?")
        .await;
    app.wait_for_text(&bulk, "Stopped workflows cannot be resumed")
        .await;
    app.click("[data-testid='bulk'] button.danger").await;

    let progress = app.find("[data-testid='bulk-progress']").await;
    assert_eq!(progress.attr("max").await.unwrap().as_deref(), Some("20"));
    let mut seen_between = false;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let Ok(value) = progress.attr("value").await else {
            break;
        };
        let done: usize = value.and_then(|v| v.parse().ok()).unwrap_or(0);
        seen_between |= done > 0 && done < CARDS;
        if done == CARDS || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(seen_between, "the progress bar moved through the middle");
    let summary = app.find("[data-testid='bulk-summary']").await;
    app.wait_for_text(
        &summary,
        "Stop on Demo organisation: 20 accepted, 0 failed, 0 not sent",
    )
    .await;
    app.screenshot("bulk-summary").await;

    let mut stops = app.simulator.requests_with("POST").await;
    stops.retain(|r| {
        r["path"].as_str().unwrap().contains("WKF-BULK-") && r["body"] == "{\"method\":\"stop\"}"
    });
    assert_eq!(stops.len(), CARDS, "each workflow stopped exactly once");
    app.close().await;
}
