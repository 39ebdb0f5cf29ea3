//! The processes of one running app, read from /proc: the one running its binary and every
//! descendant (WebKit's web and network processes).

use std::fs;
use std::path::Path;

/// The fields of /proc/<pid>/stat after the command name, which is in parentheses and may
/// hold spaces: the first of them is field 3 (the state).
fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = stat.rsplit_once(')')?.1;
    Some(after_name.split_whitespace().map(str::to_owned).collect())
}

fn parent_of(pid: u32) -> Option<u32> {
    stat_fields(pid)?.get(1)?.parse().ok()
}

fn all_pids() -> Vec<u32> {
    fs::read_dir("/proc")
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

/// The processes running the binary at `app`.
pub fn running(app: &Path) -> Vec<u32> {
    let app = app.canonicalize().unwrap_or_else(|_| app.to_owned());
    let roots: Vec<u32> = all_pids()
        .into_iter()
        .filter(|pid| fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == app))
        .collect();
    assert!(
        !roots.is_empty(),
        "the app is not running: {}",
        app.display()
    );
    roots
}

/// The processes running `app` and all they started.
pub fn with_descendants(app: &Path) -> Vec<u32> {
    let roots = running(app);
    let descends = |mut pid: u32| loop {
        if roots.contains(&pid) {
            return true;
        }
        match parent_of(pid) {
            Some(parent) if parent > 1 => pid = parent,
            _ => return false,
        }
    };
    all_pids()
        .into_iter()
        .filter(|&pid| descends(pid))
        .collect()
}

/// WebKit's switch for drawing without compositing, which Flowdeck sets for itself on a
/// machine with no GPU.
pub const NO_COMPOSITING: (&str, &str) = ("WEBKIT_DISABLE_COMPOSITING_MODE", "1");

/// Whether the app's processes (its web process among them) were started with `NO_COMPOSITING`:
/// read from what they actually got, not from what the app should decide.
pub fn draws_without_compositing(app: &Path) -> bool {
    let (name, value) = NO_COMPOSITING;
    let variable = format!("{name}={value}");
    with_descendants(app).into_iter().any(|pid| {
        fs::read(format!("/proc/{pid}/environ")).is_ok_and(|environment| {
            environment
                .split(|&byte| byte == 0)
                .any(|set| set == variable.as_bytes())
        })
    })
}

/// The process's command name, as `ps` shows it.
pub fn name(pid: u32) -> String {
    fs::read_to_string(format!("/proc/{pid}/comm"))
        .map_or_else(|_| pid.to_string(), |n| n.trim().to_owned())
}

/// When the process started, in milliseconds since the Unix epoch (to the kernel's tick, 10 ms).
pub fn started_epoch_ms(pid: u32) -> f64 {
    // Field 22: clock ticks after boot.
    let ticks: f64 = stat_fields(pid)
        .and_then(|fields| fields.get(19)?.parse().ok())
        .expect("the process's start time");
    let uptime_s: f64 = fs::read_to_string("/proc/uptime")
        .ok()
        .and_then(|u| u.split_whitespace().next()?.parse().ok())
        .expect("the machine's uptime");
    let now_ms = crate::requests::now_us() as f64 / 1000.0;
    let booted_ms = now_ms - uptime_s * 1000.0;
    booted_ms + ticks * 1000.0 / ticks_per_second()
}

fn ticks_per_second() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok()?.trim().parse().ok())
        .unwrap_or(100.0)
}

/// Processor time (user and system) the app and all it started have taken, in seconds.
pub fn cpu_seconds(app: &Path) -> f64 {
    let ticks: u64 = with_descendants(app)
        .into_iter()
        .filter_map(|pid| {
            let fields = stat_fields(pid)?;
            // utime and stime, fields 14 and 15 of /proc/<pid>/stat.
            let user: u64 = fields.get(11)?.parse().ok()?;
            let system: u64 = fields.get(12)?.parse().ok()?;
            Some(user + system)
        })
        .sum();
    ticks as f64 / ticks_per_second()
}
