//! Needs attention over four connections of `cards` cards each, left idle with its list open,
//! beside one connection of the same cards idle for as long in the same run: the status reads
//! it sends (most at once, per minute), the processor time it takes, and its memory.

use std::time::{Duration, Instant};

use flowdeck_e2e::{App, NewConnection, SignIn};
use serde_json::json;

use crate::{deck, idle, memory, processes, requests};

/// What one idle stretch cost.
pub struct Stretch {
    pub most_reads_in_flight: f64,
    pub reads_per_minute: f64,
    /// Of one core, over the stretch: the app and its WebKit processes.
    pub cpu_percent: f64,
    pub memory_mib: f64,
}

pub struct Watching {
    pub one: Stretch,
    pub four: Stretch,
}

/// The other three connections: the same Campaign, reached as a pasted-token connection, the
/// shape a customer's Stage, Production and a second brand would have.
const OTHERS: [&str; 3] = ["Bench two", "Bench three", "Bench four"];

/// The background sweep re-reads a card nobody read for 15 minutes; a stretch of a few minutes
/// would see none of it, so the bench re-reads after half a stretch instead: at least two
/// sweeps in a stretch, more reads than Flowdeck makes (its figures are an upper bound).
pub fn sweep_seconds(stretch: Duration) -> u64 {
    (stretch.as_secs() / 2).clamp(5, 900)
}

pub async fn watching_run(cards: usize, stretch: Duration) -> Watching {
    let sweep = sweep_seconds(stretch).to_string();
    let app = App::launch_with(&[("FLOWDECK_SWEEP_SECS", sweep.as_str())]).await;
    app.card("WKF-WELCOME").await;
    let demo_cards = deck::cards_in_dom(&app).await;
    let ids = app.add_many_cards(1..=cards).await;
    idle::refresh_every_minute(&app).await;
    deck::reopen(&app, cards + demo_cards).await;
    eprintln!("watching: one connection of {cards} cards");
    let one = idle_stretch(&app, stretch).await;

    let url = app.simulator.base_url();
    for name in OTHERS {
        let connection = NewConnection {
            name,
            kind: "development",
            campaign_url: &url,
            credentials: app.simulator.credentials(),
            sign_in: SignIn::PastedToken,
        };
        app.add_connection(&connection).await;
        let connection_id = app.connection_id(name).await;
        for (n, id) in ids.iter().enumerate() {
            let args = json!({ "connectionId": connection_id, "workflowId": id, "label": format!("Workflow {}", n + 1) });
            app.invoke("add_card", args).await.expect("card added");
        }
        // Opened this session, as a marketer looking at each would: their cards are read.
        app.show_connection(&format!("{name} · Development")).await;
    }
    app.show_connection("Demo organisation").await;
    app.click("[data-testid='open-attention']").await;
    app.find("[data-testid='attention']").await;
    eprintln!("watching: four connections of {cards} cards, Needs attention open");
    let four = idle_stretch(&app, stretch).await;
    app.close().await;
    Watching { one, four }
}

/// Leaves the app as it is for `stretch`, after settling a tenth as long (the reads of what
/// was just opened done), and measures it.
async fn idle_stretch(app: &App, stretch: Duration) -> Stretch {
    tokio::time::sleep(stretch / 10).await;
    app.simulator.clear_requests().await;
    let app_path = flowdeck_e2e::app_path();
    let cpu_before = processes::cpu_seconds(&app_path);
    let started = Instant::now();
    tokio::time::sleep(stretch).await;
    let cpu = processes::cpu_seconds(&app_path) - cpu_before;
    let elapsed = started.elapsed().as_secs_f64();
    let seen = requests::parse(&app.simulator.requests().await);
    let reads: Vec<&requests::Seen> = seen.iter().filter(|r| r.is_read()).collect();
    Stretch {
        reads_per_minute: reads.len() as f64 / (elapsed / 60.0),
        most_reads_in_flight: requests::most_in_flight(reads.into_iter()),
        cpu_percent: cpu / elapsed * 100.0,
        memory_mib: memory::pss_mib(&app_path),
    }
}
