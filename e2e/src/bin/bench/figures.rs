//! What the bench measured, each figure beside its baseline, printed as min / median / max
//! over the runs.

use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Figure {
    ClickToWire,
    ReadsInFlightOnOpen,
    ReadsOnOpen,
    OpenToCards,
    MemoryPerCards,
    BulkStart,
    FrameGapDuringBulk,
    CommandsInFlight,
    ReadsAfterBulk,
    ReadsInFlightAfterBulk,
}

impl Figure {
    /// What is measured, what it is compared with, and the unit.
    fn words(self) -> (&'static str, &'static str, &'static str) {
        match self {
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
            Self::MemoryPerCards => (
                "PSS, app + WebKit, with the cards",
                "with the 6 demo cards",
                "MiB",
            ),
            Self::BulkStart => ("bulk Start, 50 ms answers", "sequential curl loop", "s"),
            Self::FrameGapDuringBulk => (
                "longest gap between frames during it",
                "the same, idle",
                "ms",
            ),
            Self::CommandsInFlight => ("commands in flight during it", "the most allowed", ""),
            Self::ReadsAfterBulk => ("status reads in the 8 s after it", "cards", ""),
            Self::ReadsInFlightAfterBulk => ("reads in flight then", "the limit", ""),
        }
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
            "{:<48} {:>26}   {:<28} {:>26}",
            "figure", "Flowdeck", "baseline", ""
        );
        for (figure, pairs) in &self.measured {
            let (what, against, unit) = figure.words();
            let values: Vec<f64> = pairs.iter().map(|p| p.0).collect();
            let baselines: Vec<f64> = pairs.iter().map(|p| p.1).collect();
            println!(
                "{what:<48} {:>26}   {against:<28} {:>26}",
                spread(&values, unit),
                spread(&baselines, unit)
            );
        }
    }
}

fn spread(values: &[f64], unit: &str) -> String {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN);
    let first = sorted.first().copied().unwrap_or(f64::NAN);
    let last = sorted.last().copied().unwrap_or(f64::NAN);
    format!("{first:.1} / {median:.1} / {last:.1} {unit}")
}
