//! A deck left open with its cards refreshing every minute: its memory, sampled each minute,
//! and the reads that went out meanwhile (to show the refreshes happened).

use std::time::Duration;

use flowdeck_e2e::App;
use serde_json::json;

use crate::{deck, memory, requests};

pub struct Idle {
    pub first_mib: f64,
    pub last_mib: f64,
    pub reads: f64,
    /// Every card on the deck, the demo's included.
    pub cards: f64,
}

/// Statuses refreshed every minute, as an idle bench wants them.
pub async fn refresh_every_minute(app: &App) {
    app.invoke(
        "save_settings",
        json!({ "settings": { "language": null, "refreshSeconds": 60, "trayExplained": false, "startAtLoginOffered": false, "checkForUpdates": false } }),
    )
    .await
    .expect("settings saved");
}

/// Launches the app with `cards` bench cards, refreshing every minute, and leaves it for
/// `idle`, its memory sampled each minute.
pub async fn idle_run(cards: usize, idle: Duration) -> Idle {
    let app = App::launch().await;
    app.card("WKF-WELCOME").await;
    let demo_cards = deck::cards_in_dom(&app).await;
    app.add_many_cards(1..=cards).await;
    refresh_every_minute(&app).await;
    // The reload starts the minute clock afresh and reads every card once.
    deck::reopen(&app, cards + demo_cards).await;
    app.simulator.clear_requests().await;
    let app_path = flowdeck_e2e::app_path();
    let mut samples = vec![memory::pss_mib(&app_path)];
    let mut left = idle;
    for minute in 1.. {
        if left.is_zero() {
            break;
        }
        let step = left.min(Duration::from_secs(60));
        tokio::time::sleep(step).await;
        left -= step;
        samples.push(memory::pss_mib(&app_path));
        eprintln!(
            "idle, minute {minute}: {:.1} MiB",
            samples[samples.len() - 1]
        );
    }
    let seen = requests::parse(&app.simulator.requests().await);
    app.close().await;
    Idle {
        first_mib: samples[0],
        last_mib: samples[samples.len() - 1],
        reads: seen.iter().filter(|r| r.is_read()).count() as f64,
        cards: (cards + demo_cards) as f64,
    }
}
