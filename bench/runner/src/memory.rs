//! Proportional set size of an app and the WebKit processes it started: what the app costs
//! the machine, shared pages split fairly.

use std::fs;
use std::path::Path;

use crate::processes;

fn pss_kib(pid: u32) -> u64 {
    fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
        .ok()
        .and_then(|rollup| {
            rollup
                .lines()
                .find_map(|line| line.strip_prefix("Pss:"))
                .and_then(|kib| kib.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// The sum over the app's processes; each is also told on stderr, to see which one grew.
pub fn pss_mib(app: &Path) -> f64 {
    let each: Vec<(String, u64)> = processes::with_descendants(app)
        .into_iter()
        .map(|pid| (processes::name(pid), pss_kib(pid)))
        .collect();
    let told: Vec<String> = each
        .iter()
        .map(|(name, kib)| format!("{name} {:.1}", *kib as f64 / 1024.0))
        .collect();
    let mib = each.iter().map(|(_, kib)| kib).sum::<u64>() as f64 / 1024.0;
    eprintln!("PSS {mib:.1} MiB: {}", told.join(", "));
    mib
}
