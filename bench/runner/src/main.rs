//! `scripts/bench.sh`: Flowdeck's performance figures, each beside a baseline measured in the
//! same run, against the demo organisation's simulator. Not a test: it prints, and fails only
//! when it cannot measure.
//!
//! `bench [--cards N] [--runs R] [--idle-minutes M] [--startup-only | --watching-only]`, under `scripts/headless.sh`, with
//! `FLOWDECK_APP` and `FLOWDECK_DEB` naming the app and its package (the release build, for
//! figures worth quoting) and `BLANK_TAURI_APP` and `BLANK_TAURI_DEB` the blank Tauri app's.

mod curl;
mod deck;
mod figures;
mod idle;
mod memory;
mod processes;
mod requests;
mod startup;
mod watching;
mod wire;

use std::path::{Path, PathBuf};
use std::time::Duration;

use figures::{Figure, Table};
use flowdeck_e2e::App;
use processes::NO_COMPOSITING;

/// The deck size of the memory figures: the target is set at 200 cards.
const MEMORY_CARDS: usize = 200;
/// The shortest idle stretch whose memory growth is worth giving per hour.
const MINUTES_WORTH_EXTRAPOLATING: f64 = 10.0;

struct Options {
    cards: usize,
    runs: usize,
    /// How long the idle runs last; a fraction of a minute only checks that they run.
    idle: Duration,
    /// Only start-up, run after run on one deck: for working on it.
    startup_only: bool,
    /// Only Needs attention over four connections, beside one.
    watching_only: bool,
}

fn options() -> Options {
    let mut options = Options {
        cards: 500,
        runs: 3,
        idle: Duration::from_secs(10 * 60),
        startup_only: false,
        watching_only: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--startup-only" {
            options.startup_only = true;
            continue;
        }
        if arg == "--watching-only" {
            options.watching_only = true;
            continue;
        }
        let value = args.next().unwrap_or_default();
        let count = value.parse::<usize>().ok();
        let minutes = value.parse::<f64>().ok().filter(|m| *m >= 0.0);
        match (arg.as_str(), count, minutes) {
            ("--cards", Some(n), _) => options.cards = n,
            ("--runs", Some(n), _) => options.runs = n,
            ("--idle-minutes", _, Some(m)) => options.idle = Duration::from_secs_f64(m * 60.0),
            _ => panic!(
                "usage: bench [--cards N] [--runs R] [--idle-minutes M] [--startup-only | --watching-only]"
            ),
        }
    }
    options
}

fn path_from(variable: &str) -> PathBuf {
    std::env::var_os(variable)
        .map(PathBuf::from)
        .unwrap_or_else(|| panic!("{variable} names no file (scripts/bench.sh sets it)"))
}

fn mib(file: &Path) -> f64 {
    let bytes = std::fs::metadata(file)
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()))
        .len();
    bytes as f64 / (1024.0 * 1024.0)
}

#[tokio::main]
async fn main() {
    let options = options();
    let blank = path_from("BLANK_TAURI_APP");
    let mut table = Table::default();
    if options.watching_only {
        let idle = options.idle.max(Duration::from_secs(60));
        watching_figures(options.cards, idle, &mut table).await;
        table.print(options.cards, 1);
        return;
    }
    if options.startup_only {
        startup_runs(options.cards, options.runs, &blank, &mut table).await;
        table.print(options.cards, options.runs);
        return;
    }
    table.add(
        Figure::DebSize,
        mib(&path_from("FLOWDECK_DEB")),
        mib(&path_from("BLANK_TAURI_DEB")),
    );
    for run in 1..=options.runs {
        eprintln!("run {run} of {}: {} cards", options.runs, options.cards);
        one_run(options.cards, &blank, &mut table).await;
    }
    if !options.idle.is_zero() {
        let cards = options.cards.min(MEMORY_CARDS);
        let minutes = options.idle.as_secs_f64() / 60.0;
        eprintln!("idle: {cards} cards for {minutes:.2} min");
        let idle = idle::idle_run(cards, options.idle).await;
        let growth = idle.last_mib - idle.first_mib;
        let seconds = options.idle.as_secs();
        table.add(Figure::IdleGrowth(seconds), growth, idle.first_mib);
        // A shorter stretch says nothing about an hour: a collection in it swings the figure
        // by hundreds of MiB once multiplied.
        if minutes >= MINUTES_WORTH_EXTRAPOLATING {
            table.add(
                Figure::IdleGrowthPerHour,
                growth / minutes * 60.0,
                idle.first_mib,
            );
        }
        table.add(Figure::IdleReads, idle.reads, idle.cards * minutes);
        watching_figures(cards, options.idle, &mut table).await;
    }
    table.print(options.cards, options.runs);
}

/// Needs attention over four connections of `cards` cards, beside one, `stretch` each.
async fn watching_figures(cards: usize, stretch: Duration, table: &mut Table) {
    eprintln!(
        "watching: 4 × {cards} cards, {} s each stretch",
        stretch.as_secs()
    );
    let watching = watching::watching_run(cards, stretch).await;
    let (one, four) = (&watching.one, &watching.four);
    table.add(
        Figure::WatchingReadsInFlight(cards),
        four.most_reads_in_flight,
        one.most_reads_in_flight,
    );
    table.add(
        Figure::WatchingReadsPerMinute(cards, watching::sweep_seconds(stretch)),
        four.reads_per_minute,
        one.reads_per_minute,
    );
    table.add(
        Figure::WatchingCpu(cards),
        four.cpu_percent,
        one.cpu_percent,
    );
    table.add(
        Figure::WatchingMemory(cards),
        four.memory_mib,
        one.memory_mib,
    );
}

/// Start-up alone: one deck of `cards` made once, then `runs` launches of Flowdeck on it, each
/// beside one of the blank Tauri app.
async fn startup_runs(cards: usize, runs: usize, blank: &Path, table: &mut Table) {
    let config = tempfile::tempdir().expect("a config folder");
    let app = App::launch_in(config.path(), &[]).await;
    app.card("WKF-WELCOME").await;
    let demo_cards = deck::cards_in_dom(&app).await;
    app.add_many_cards(1..=cards).await;
    app.close().await;
    for run in 1..=runs {
        eprintln!("start-up {run} of {runs}: {} cards", cards + demo_cards);
        start_up_beside_blank(config.path(), cards + demo_cards, blank, table).await;
    }
}

/// The blank app's memory once started, as it comes and, where Flowdeck drew without
/// compositing, drawn that way too.
struct BlankMemory {
    as_it_comes: f64,
    same_drawing: Option<f64>,
}

/// Start-up on the deck saved under `config`, beside the blank Tauri app started the same way.
/// Without a GPU Flowdeck draws without compositing, which a blank app does not do by itself:
/// the same blank app drawn that way is a second baseline, showing what the drawing alone
/// accounts for.
async fn start_up_beside_blank(
    config: &Path,
    expected_cards: usize,
    blank: &Path,
    table: &mut Table,
) -> BlankMemory {
    let to_cards = startup::flowdeck_to_cards(config, expected_cards).await;
    let (to_load, as_it_comes) = startup::blank_to_load(blank, &[]).await;
    table.add(Figure::StartToCards, to_cards.ms, to_load);
    // The honest floor: Flowdeck's first screen as static HTML in the same blank app.
    let page = tempfile::NamedTempFile::new().expect("a file for the static page");
    std::fs::write(page.path(), &to_cards.first_screen).expect("the static page written");
    let page_path = page.path().display().to_string();
    // Drawn as Flowdeck drew: without compositing where it did.
    let mut environment = vec![("BLANK_PAGE", page_path.as_str())];
    if to_cards.drawn_without_compositing {
        environment.push(NO_COMPOSITING);
    }
    let (to_static, _) = startup::blank_to_load(blank, &environment).await;
    table.add(Figure::StartToCardsStaticFloor, to_cards.ms, to_static);
    let mut same_drawing = None;
    if to_cards.drawn_without_compositing {
        let (to_load, memory) = startup::blank_to_load(blank, &[NO_COMPOSITING]).await;
        table.add(Figure::StartToCardsSameDrawing, to_cards.ms, to_load);
        same_drawing = Some(memory);
    }
    BlankMemory {
        as_it_comes,
        same_drawing,
    }
}

async fn one_run(cards: usize, blank: &Path, table: &mut Table) {
    let config = tempfile::tempdir().expect("a config folder");
    let app = App::launch_in(config.path(), &[]).await;
    app.card("WKF-WELCOME").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let demo_cards = deck::cards_in_dom(&app).await;
    let (click, curl_click) = wire::click_to_wire(&app, 5).await;
    table.add(Figure::ClickToWire, click, curl_click);
    // Measured after the clicks (a first command costs the page for good what it first
    // needs) and after a reload, so that both memory figures share that history.
    deck::reopen(&app, demo_cards).await;
    let app_path = flowdeck_e2e::app_path();
    let demo_memory = memory::pss_mib(&app_path);

    let memory_cards = cards.min(MEMORY_CARDS);
    let mut ids = app.add_many_cards(1..=memory_cards).await;
    deck::reopen(&app, memory_cards + demo_cards).await;
    table.add(
        Figure::MemoryWithCards(memory_cards),
        memory::pss_mib(&app_path),
        demo_memory,
    );

    ids.extend(app.add_many_cards(memory_cards + 1..=cards).await);
    let opened = deck::reopen(&app, cards + demo_cards).await;
    table.add(Figure::ReadsInFlightOnOpen, opened.most_in_flight, 8.0);
    table.add(Figure::ReadsOnOpen, opened.reads, opened.cards);
    table.add(
        Figure::OpenToCards,
        opened.ms_to_cards,
        opened.ms_to_first_read,
    );

    let bulk = deck::bulk_start(&app, &ids).await;
    let loop_seconds = curl::command_loop(&app, &ids).await;
    table.add(Figure::BulkStart, bulk.seconds, loop_seconds);
    table.add(
        Figure::StallDuringBulk,
        bulk.longest_stall_ms,
        bulk.idle_stall_ms,
    );
    table.add(Figure::ReadsAfterBulk, bulk.reads_after, ids.len() as f64);
    table.add(
        Figure::ReadsInFlightAfterBulk,
        bulk.most_reads_in_flight,
        8.0,
    );
    table.add(Figure::CommandsInFlight, bulk.most_commands_in_flight, 8.0);
    app.close().await;

    let blank_memory = start_up_beside_blank(config.path(), cards + demo_cards, blank, table).await;
    table.add(Figure::MemoryBlank, demo_memory, blank_memory.as_it_comes);
    if let Some(same_drawing) = blank_memory.same_drawing {
        table.add(Figure::MemoryBlankSameDrawing, demo_memory, same_drawing);
    }
}
