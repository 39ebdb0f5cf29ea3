//! Proportional set size of the app and the WebKit processes it started: what the app costs
//! the machine, shared pages split fairly.

use std::fs;
use std::path::Path;

fn parent_of(pid: u32) -> Option<u32> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may hold spaces: the fields after it are plain.
    let after_name = stat.rsplit_once(')')?.1;
    after_name.split_whitespace().nth(1)?.parse().ok()
}

fn pids() -> Vec<u32> {
    fs::read_dir("/proc")
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

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

/// The app's processes: the one running `app` and every descendant (WebKit's web and network
/// processes).
pub fn pss_mib(app: &Path) -> f64 {
    let app = app.canonicalize().unwrap_or_else(|_| app.to_owned());
    let all = pids();
    let roots: Vec<u32> = all
        .iter()
        .copied()
        .filter(|pid| fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == *app))
        .collect();
    assert!(
        !roots.is_empty(),
        "the app is not running: {}",
        app.display()
    );
    let descends = |mut pid: u32| {
        while let Some(parent) = parent_of(pid) {
            if roots.contains(&pid) {
                return true;
            }
            if parent <= 1 {
                return false;
            }
            pid = parent;
        }
        false
    };
    let kib: u64 = all
        .into_iter()
        .filter(|&pid| descends(pid))
        .map(pss_kib)
        .sum();
    kib as f64 / 1024.0
}
