//! "Start Flowdeck when I log in", through the installed app: the switch in Settings writes the
//! desktop's autostart entry and removes it; started with that entry's arguments, Flowdeck
//! waits in the tray without a window and sends a schedule that comes due.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use flowdeck_e2e::App;
use flowdeck_e2e::tray::TrayHost;
use flowdeck_e2e::window::window_on_screen;

/// The autostart entries in the user's `~/.config/autostart` (where the plugin writes them).
fn autostart_entries(home: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(home.join(".config").join("autostart")) else {
        return Vec::new();
    };
    entries.flatten().map(|e| e.path()).collect()
}

async fn until(what: &str, patience: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + patience;
    while !done() {
        assert!(Instant::now() < deadline, "never happened: {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn started_at_log_in_flowdeck_waits_in_the_tray_and_sends_what_comes_due() {
    let tray = TrayHost::start().await;
    let config = tempfile::tempdir().unwrap();
    let user_home = tempfile::tempdir().unwrap();
    let environment = [("HOME", user_home.path().to_str().unwrap())];
    let app = App::launch_in(config.path(), &environment).await;
    app.card("WKF-NEWSLETTER").await;

    app.click("[data-testid='open-settings']").await;
    app.click("input[name='startAtLogin']").await;
    until(
        "the autostart entry is written",
        Duration::from_secs(10),
        || autostart_entries(user_home.path()).len() == 1,
    )
    .await;
    app.screenshot("settings-start-at-login").await;
    let entry = std::fs::read_to_string(&autostart_entries(user_home.path())[0]).unwrap();
    let exec = entry
        .lines()
        .find_map(|line| line.strip_prefix("Exec="))
        .expect("an Exec line");
    let mut words = exec.split_whitespace();
    assert_eq!(
        Path::new(words.next().unwrap()),
        flowdeck_e2e::app_path().canonicalize().unwrap(),
        "{entry}"
    );
    let args: Vec<String> = words.map(str::to_owned).collect();
    assert_eq!(args, ["--at-login"], "{entry}");

    app.click("input[name='startAtLogin']").await;
    until(
        "the autostart entry is removed",
        Duration::from_secs(10),
        || autostart_entries(user_home.path()).is_empty(),
    )
    .await;

    let due = app.local_time_in(30).await;
    app.schedule_once("WKF-NEWSLETTER", "start", &due).await;
    app.close().await;

    // As the desktop starts it at log-in: no window, the tray there, the schedule sent.
    let app = App::launch_with_args(config.path(), &environment, &args).await;
    tray.wait_for_entry("Open Flowdeck", Duration::from_secs(20))
        .await;
    assert!(!window_on_screen(), "started at log-in, no window opens");
    let deadline = Instant::now() + Duration::from_secs(60);
    while app.simulator.commands().await.is_empty() {
        assert!(
            Instant::now() < deadline,
            "the scheduled Start was never sent"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(app.simulator.commands().await, ["WKF-NEWSLETTER start"]);
    assert!(!window_on_screen(), "still in the tray");
    app.close().await;
}
