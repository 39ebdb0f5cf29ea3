//! What the bench measured, each figure beside its baseline, printed as min / median / max
//! over the runs.

use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Figure {
    StartToCards,
    /// The same, beside the blank app drawn without compositing, as Flowdeck drew.
    StartToCardsSameDrawing,
    /// The same, beside the blank app showing Flowdeck's first screen as static HTML.
    StartToCardsStaticFloor,
    ClickToWire,
    ReadsInFlightOnOpen,
    ReadsOnOpen,
    OpenToCards,
    /// With this many bench cards besides the demo's.
    MemoryWithCards(usize),
    MemoryBlank,
    /// The same, beside the blank app drawn without compositing, as Flowdeck drew.
    MemoryBlankSameDrawing,
    BulkStart,
    StallDuringBulk,
    CommandsInFlight,
    ReadsAfterBulk,
    ReadsInFlightAfterBulk,
    /// Over this many seconds.
    IdleGrowth(u64),
    IdleGrowthPerHour,
    IdleReads,
    /// Four connections of this many cards, Needs attention open, beside one of them.
    WatchingReadsInFlight(usize),
    WatchingReadsPerMinute(usize, u64),
    WatchingCpu(usize),
    WatchingMemory(usize),
    DebSize,
}

impl Figure {
    /// What is measured, what it is compared with, and the unit.
    fn words(self) -> (String, &'static str, &'static str) {
        let (what, against, unit) = match self {
            Self::StartToCards => (
                "process start → the cards on screen drawn",
                "blank Tauri app → load event",
                "ms",
            ),
            Self::StartToCardsSameDrawing => ("the same", "blank app, without compositing", "ms"),
            Self::StartToCardsStaticFloor => {
                ("the same", "blank app, first screen as static HTML", "ms")
            }
            Self::ClickToWire => (
                "click → command at Campaign",
                "curl → command at Campaign",
                "ms",
            ),
            Self::ReadsInFlightOnOpen => ("status reads in flight, deck opening", "the limit", ""),
            Self::ReadsOnOpen => ("status reads in the 8 s after the deck opened", "cards", ""),
            Self::OpenToCards => (
                "window reloaded → every card in the page",
                "→ first status read sent",
                "ms",
            ),
            Self::MemoryWithCards(cards) => {
                return (
                    format!("PSS, app + WebKit, {cards} more cards"),
                    "with the 6 demo cards",
                    "MiB",
                );
            }
            Self::MemoryBlank => ("PSS, app + WebKit, 6 demo cards", "blank Tauri app", "MiB"),
            Self::MemoryBlankSameDrawing => ("the same", "blank app, without compositing", "MiB"),
            Self::BulkStart => ("bulk Start, 50 ms answers", "sequential curl loop", "s"),
            Self::StallDuringBulk => ("longest main-thread task during it", "the same, idle", "ms"),
            Self::CommandsInFlight => ("commands in flight during it", "the most allowed", ""),
            Self::ReadsAfterBulk => ("status reads in the 8 s after it", "cards", ""),
            Self::ReadsInFlightAfterBulk => ("reads in flight then", "the limit", ""),
            Self::IdleGrowth(seconds) => {
                return (
                    format!("PSS growth, {seconds} s idle, refresh each minute"),
                    "PSS at its start",
                    "MiB",
                );
            }
            Self::IdleGrowthPerHour => (
                "the same, extrapolated to an hour",
                "PSS at its start",
                "MiB",
            ),
            Self::IdleReads => ("status reads while idle", "cards × minutes", ""),
            Self::WatchingReadsInFlight(cards) => {
                return (
                    format!("4 × {cards} cards, Needs attention: most reads at once"),
                    "1 connection, same run",
                    "",
                );
            }
            Self::WatchingReadsPerMinute(cards, sweep) => {
                return (
                    format!("4 × {cards}: status reads a minute (re-read {sweep} s)"),
                    "1 connection, same run",
                    "",
                );
            }
            Self::WatchingCpu(cards) => {
                return (
                    format!("4 × {cards}: idle processor, % of one core"),
                    "1 connection, same run",
                    "%",
                );
            }
            Self::WatchingMemory(cards) => {
                return (
                    format!("4 × {cards}: PSS, app + WebKit"),
                    "1 connection, same run",
                    "MiB",
                );
            }
            Self::DebSize => (".deb size", "blank Tauri app's .deb", "MiB"),
        };
        (what.to_owned(), against, unit)
    }
}

#[derive(Default)]
pub struct Table {
    measured: BTreeMap<Figure, Vec<(f64, f64)>>,
}

impl Table {
    pub fn add(&mut self, figure: Figure, value: impl Into<f64>, baseline: impl Into<f64>) {
        self.measured
            .entry(figure)
            .or_default()
            .push((value.into(), baseline.into()));
    }

    pub fn print(&self, cards: usize, runs: usize) {
        println!("Flowdeck bench: {cards} cards, {runs} run(s); min / median / max");
        println!(
            "{:<52} {:>26}   {:<30} {:>26} {:>8}",
            "figure", "Flowdeck", "baseline", "", "ratio"
        );
        for (figure, pairs) in &self.measured {
            let (what, against, unit) = figure.words();
            let values: Vec<f64> = pairs.iter().map(|p| p.0).collect();
            let baselines: Vec<f64> = pairs.iter().map(|p| p.1).collect();
            let ratio = median(&values) / median(&baselines);
            println!(
                "{what:<52} {:>26}   {against:<30} {:>26} {ratio:>7.2}×",
                spread(&values, unit),
                spread(&baselines, unit)
            );
        }
    }
}

fn sorted(values: &[f64]) -> Vec<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted
}

pub fn median(values: &[f64]) -> f64 {
    sorted(values)
        .get(values.len() / 2)
        .copied()
        .unwrap_or(f64::NAN)
}

fn spread(values: &[f64], unit: &str) -> String {
    let sorted = sorted(values);
    let first = sorted.first().copied().unwrap_or(f64::NAN);
    let last = sorted.last().copied().unwrap_or(f64::NAN);
    format!("{first:.1} / {:.1} / {last:.1} {unit}", median(values))
}
