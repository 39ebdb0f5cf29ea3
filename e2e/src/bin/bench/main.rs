//! `scripts/bench.sh`: Flowdeck's performance figures, each beside a baseline measured in the
//! same run, against the demo organisation's simulator. Not a test: it prints, and fails only
//! when it cannot measure.
//!
//! `bench [--cards N] [--runs R]`, under `scripts/headless.sh`, with `FLOWDECK_APP` naming the
//! app (the release build, for figures worth quoting).

mod curl;
mod deck;
mod figures;
mod memory;
mod requests;
mod wire;

use std::time::Duration;

use figures::{Figure, Table};
use flowdeck_e2e::App;

struct Options {
    cards: usize,
    runs: usize,
}

fn options() -> Options {
    let mut options = Options {
        cards: 500,
        runs: 3,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().and_then(|v| v.parse().ok());
        match (arg.as_str(), value) {
            ("--cards", Some(n)) => options.cards = n,
            ("--runs", Some(n)) => options.runs = n,
            _ => panic!("usage: bench [--cards N] [--runs R]"),
        }
    }
    options
}

#[tokio::main]
async fn main() {
    let Options { cards, runs } = options();
    let mut table = Table::default();
    for run in 1..=runs {
        eprintln!("run {run} of {runs}: {cards} cards");
        one_run(cards, &mut table).await;
    }
    table.print(cards, runs);
}

async fn one_run(cards: usize, table: &mut Table) {
    let app = App::launch().await;
    app.card("WKF-WELCOME").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let demo_cards = deck::cards_in_dom(&app).await;
    // Measured after a reload too, so that both figures carry whatever a reload leaves behind.
    deck::reopen(&app, demo_cards).await;
    let before = memory::pss_mib(&flowdeck_e2e::app_path());

    let (click, curl_click) = wire::click_to_wire(&app, 5).await;
    table.add(Figure::ClickToWire, click, curl_click);

    let ids = deck::add_cards(&app, cards).await;
    let opened = deck::reopen(&app, cards + demo_cards).await;
    table.add(Figure::ReadsInFlightOnOpen, opened.most_in_flight, 8.0);
    table.add(Figure::ReadsOnOpen, opened.reads, opened.cards);
    table.add(
        Figure::OpenToCards,
        opened.ms_to_cards,
        opened.ms_to_first_read,
    );

    let after = memory::pss_mib(&flowdeck_e2e::app_path());
    table.add(Figure::MemoryPerCards, after, before);

    let bulk = deck::bulk_start(&app, &ids).await;
    let loop_seconds = curl::command_loop(&app, &ids).await;
    table.add(Figure::BulkStart, bulk.seconds, loop_seconds);
    table.add(
        Figure::FrameGapDuringBulk,
        bulk.longest_frame_gap_ms,
        bulk.idle_frame_gap_ms,
    );
    table.add(Figure::ReadsAfterBulk, bulk.reads_after, ids.len() as f64);
    table.add(
        Figure::ReadsInFlightAfterBulk,
        bulk.most_reads_in_flight,
        8.0,
    );
    table.add(Figure::CommandsInFlight, bulk.most_commands_in_flight, 8.0);
    app.close().await;
}
