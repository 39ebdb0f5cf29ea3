//! A deck of many cards in the demo organisation, opened and bulk-started as a marketer would,
//! with what the simulator received meanwhile.

use std::time::{Duration, Instant};

use flowdeck_e2e::App;
use serde_json::json;

use crate::requests::{self, Seen, most_in_flight, now_us};

/// How long after the deck opens, or a bulk run ends, its reads are counted.
pub const SETTLE: Duration = Duration::from_secs(8);

pub async fn cards_in_dom(app: &App) -> usize {
    let count = app
        .browser
        .execute(
            "return document.querySelectorAll('article.card').length",
            vec![],
        )
        .await
        .expect("the page answered");
    usize::try_from(count.as_u64().unwrap_or(0)).unwrap_or(0)
}

pub async fn wait_for_cards(app: &App, expected: usize) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while cards_in_dom(app).await < expected {
        assert!(Instant::now() < deadline, "{expected} cards never rendered");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

pub struct Opened {
    pub cards: f64,
    pub reads: f64,
    pub most_in_flight: f64,
    pub ms_to_cards: f64,
    pub ms_to_first_read: f64,
}

/// Reloads the window, as a restart shows the deck, and counts what it reads.
pub async fn reopen(app: &App, expected: usize) -> Opened {
    app.simulator.clear_requests().await;
    let started = now_us();
    let _ = app.browser.execute("location.reload()", vec![]).await;
    wait_for_cards(app, expected).await;
    let rendered = now_us();
    tokio::time::sleep(SETTLE).await;
    let seen = requests::parse(&app.simulator.requests().await);
    let reads: Vec<&Seen> = seen.iter().filter(|r| r.is_read()).collect();
    let first_read = reads
        .iter()
        .map(|r| r.received_us)
        .min()
        .unwrap_or(rendered);
    Opened {
        cards: expected as f64,
        reads: reads.len() as f64,
        most_in_flight: most_in_flight(reads.into_iter()),
        ms_to_cards: (rendered - started) as f64 / 1000.0,
        ms_to_first_read: first_read.saturating_sub(started) as f64 / 1000.0,
    }
}

pub struct Bulk {
    /// The longest the page's main thread was busy at once during the run, and while idle.
    pub longest_stall_ms: f64,
    pub idle_stall_ms: f64,
    pub seconds: f64,
    pub most_commands_in_flight: f64,
    pub reads_after: f64,
    pub most_reads_in_flight: f64,
}

/// Selects the bench cards, bulk-starts them with Campaign answering in 50 ms, and reads from
/// the simulator how long it took and what followed.
pub async fn bulk_start(app: &App, ids: &[String]) -> Bulk {
    app.simulator
        .set_switches(json!({ "responseDelayMs": 50 }))
        .await;
    app.fill("#deck-search", "WKF-MANY").await;
    app.click("input[aria-label='Select Workflow 1']").await;
    app.click("[data-testid='bulk'] button.link").await;
    let bulk = app.find("[data-testid='bulk']").await;
    app.wait_for_text(&bulk, &format!("{} workflows selected", ids.len()))
        .await;
    app.click("[data-testid='bulk'] button[data-bulk-command='start']")
        .await;
    let idle_stall = longest_stall(app, Duration::from_secs(3)).await;
    app.simulator.clear_requests().await;
    start_stall_probe(app).await;
    app.click("[data-testid='bulk'] .confirm button.primary")
        .await;
    let deadline = Instant::now() + Duration::from_secs(600);
    while !app
        .browser
        .execute(
            "return document.querySelector(\"[data-testid='bulk-summary']\") !== null",
            vec![],
        )
        .await
        .is_ok_and(|done| done == true)
    {
        assert!(Instant::now() < deadline, "the bulk run never ended");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let busy_stall = stop_stall_probe(app).await;
    tokio::time::sleep(SETTLE).await;
    let seen = requests::parse(&app.simulator.requests().await);
    let commands: Vec<&Seen> = seen.iter().filter(|r| r.is_command()).collect();
    assert_eq!(commands.len(), ids.len(), "one Start per card");
    let first = commands.iter().map(|r| r.received_us).min().unwrap_or(0);
    let last = commands.iter().map(|r| r.answered_us).max().unwrap_or(0);
    let reads: Vec<&Seen> = seen
        .iter()
        .filter(|r| r.is_read() && r.received_us >= last)
        .collect();
    app.click("[data-testid='bulk-summary'] button").await;
    app.simulator
        .set_switches(json!({ "responseDelayMs": 0 }))
        .await;
    Bulk {
        longest_stall_ms: busy_stall,
        idle_stall_ms: idle_stall,
        seconds: (last - first) as f64 / 1e6,
        most_commands_in_flight: most_in_flight(commands.into_iter()),
        reads_after: reads.len() as f64,
        most_reads_in_flight: most_in_flight(reads.into_iter()),
    }
}

/// From now on, notes the longest wait of a timer that asked to run at once: nothing else can
/// run on the page's main thread while a task holds it, so the wait is the longest task (plus
/// the browser's minimum timer delay, 4 ms). Frames are no measure under Xvfb, which paints
/// when it likes.
async fn start_stall_probe(app: &App) {
    app.browser
        .execute(
            "window.__longestStall = 0; window.__probing = true;
             let last = performance.now();
             const next = () => {
               const now = performance.now();
               window.__longestStall = Math.max(window.__longestStall, now - last);
               last = now;
               if (window.__probing) setTimeout(next, 0);
             };
             setTimeout(next, 0);",
            vec![],
        )
        .await
        .expect("the probe started");
}

async fn stop_stall_probe(app: &App) -> f64 {
    app.browser
        .execute(
            "window.__probing = false; return window.__longestStall;",
            vec![],
        )
        .await
        .expect("the probe answered")
        .as_f64()
        .unwrap_or(f64::NAN)
}

async fn longest_stall(app: &App, over: Duration) -> f64 {
    start_stall_probe(app).await;
    tokio::time::sleep(over).await;
    stop_stall_probe(app).await
}
