//! The tray, through the installed app with a desktop panel's tray host and a notification
//! service on the session bus: a marketer schedules a Start, closes the window, and Flowdeck
//! keeps running in the tray: the Start is sent once and the Finished notification comes with
//! the window closed. The tray menu shows the next command, pauses every schedule, and quits
//! after saying what will not run. Without a tray, closing asks; with nothing active, it quits.

use std::time::{Duration, Instant};

use flowdeck_e2e::App;
use flowdeck_e2e::notifications::NotificationService;
use flowdeck_e2e::tray::{MenuEntry, TrayHost};
use flowdeck_e2e::window::{click_close_button, window_exists, window_on_screen};

const NEWSLETTER: &str = "[data-testid='card-WKF-NEWSLETTER']";

async fn until(what: &str, patience: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + patience;
    while !done() {
        assert!(Instant::now() < deadline, "{what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Chooses the card's Notify me, and waits until the backend has kept the change.
async fn toggle_watch(app: &App, card: &str, watched: bool) {
    app.choose_in_card_menu(card, "[data-action='watch']").await;
    app.wait_for_watched(card, watched).await;
}

/// The question the window asks when it is closed, and its words.
async fn question(app: &App, kind: &str) -> String {
    let dialog = app
        .find(&format!("[data-testid='closing'][data-question='{kind}']"))
        .await;
    dialog.text().await.unwrap()
}

#[tokio::test]
async fn closed_with_a_schedule_and_a_watch_flowdeck_runs_on_in_the_tray_until_quit() {
    let tray = TrayHost::start().await;
    let notifications = NotificationService::start().await;
    let app = App::launch_with(&[("FLOWDECK_WATCH_SECS", "1")]).await;
    let card = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&card, "Editing").await;

    let menu = tray.menu().await;
    let labels: Vec<&str> = menu.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Open Flowdeck",
            "No command scheduled",
            "Pause all schedules",
            "Quit Flowdeck"
        ]
    );
    assert!(!menu[1].enabled, "the next command is shown, not clicked");
    assert_eq!(menu[2].checked, Some(false));

    toggle_watch(&app, NEWSLETTER, true).await;
    let due = app.local_time_in(8).await;
    app.schedule_once("WKF-NEWSLETTER", "start", &due).await;
    let next = tray
        .wait_for_entry(
            "Next: Start Weekly newsletter on Demo organisation",
            Duration::from_secs(5),
        )
        .await;
    assert!(!next.enabled);

    // The first close explains the tray, once.
    click_close_button();
    let asked = question(&app, "keepRunning").await;
    assert!(
        asked.contains("1 scheduled command is still sent"),
        "{asked}"
    );
    assert!(asked.contains("1 watched workflow"), "{asked}");
    app.click_closing_the_window("[data-testid='closing'] [data-answer='safe']")
        .await;
    until(
        "the window never went to the tray",
        Duration::from_secs(5),
        || !window_on_screen(),
    )
    .await;
    assert!(window_exists(), "still running, in the tray");

    // With the window closed: the Start goes out once, and the Finished notification comes.
    let deadline = Instant::now() + Duration::from_secs(20);
    while app.simulator.commands().await.is_empty() {
        assert!(
            Instant::now() < deadline,
            "the scheduled Start was never sent"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    app.simulator
        .command_from_elsewhere("WKF-NEWSLETTER", "stop")
        .await;
    let finished = notifications
        .wait_for("Finished.", Duration::from_secs(15))
        .await;
    assert_eq!(finished.summary, "Weekly newsletter on Demo organisation");
    assert!(!window_on_screen(), "told without opening the window");
    assert_eq!(
        app.simulator.commands().await,
        ["WKF-NEWSLETTER start", "WKF-NEWSLETTER stop"],
        "the scheduled Start exactly once (the Stop came from elsewhere)"
    );
    tray.wait_for_entry("No command scheduled", Duration::from_secs(5))
        .await;

    tray.click("Open Flowdeck").await;
    until(
        "Open Flowdeck did not show the window",
        Duration::from_secs(5),
        window_on_screen,
    )
    .await;
    app.wait_for_text(&card, "Start sent as scheduled").await;

    // Explained once: the next close goes straight to the tray.
    click_close_button();
    until(
        "the second close did not go to the tray",
        Duration::from_secs(5),
        || !window_on_screen(),
    )
    .await;
    assert!(
        app.browser
            .find(fantoccini::Locator::Css("[data-testid='closing']"))
            .await
            .is_err(),
        "asked again"
    );

    // Quit from the tray says what will stop, and quits only when told to.
    tray.click("Quit Flowdeck").await;
    until(
        "Quit did not show the window to ask",
        Duration::from_secs(5),
        window_on_screen,
    )
    .await;
    let asked = question(&app, "quit").await;
    assert!(
        asked.contains("not notified about 1 watched workflow"),
        "{asked}"
    );
    assert!(
        !asked.contains("scheduled command"),
        "nothing left to send: {asked}"
    );
    app.click_closing_the_window("[data-testid='closing'] [data-answer='quit']")
        .await;
    until("Quit did not end Flowdeck", Duration::from_secs(10), || {
        !window_exists()
    })
    .await;
}

#[tokio::test]
async fn the_trays_pause_all_pauses_every_schedule_and_the_window_follows() {
    let tray = TrayHost::start().await;
    let app = App::launch().await;
    app.card("WKF-NEWSLETTER").await;
    let due = app.local_time_in(3600).await;
    app.schedule_once("WKF-NEWSLETTER", "start", &due).await;
    tray.wait_for_entry("Next: Start", Duration::from_secs(5))
        .await;

    tray.click("Pause all schedules").await;
    let paused = tray
        .wait_for_entry("Schedules are paused", Duration::from_secs(5))
        .await;
    assert!(!paused.enabled);
    let pause = tray
        .wait_for_entry("Pause all schedules", Duration::from_secs(5))
        .await;
    assert!(
        matches!(
            pause,
            MenuEntry {
                checked: Some(true),
                ..
            }
        ),
        "{pause:?}"
    );
    app.click("[data-testid='open-schedules']").await;
    let panel = app.find("[data-testid='schedules']").await;
    app.wait_for_text(&panel, "Schedules are paused").await;

    // And back from the window: the tray's tick follows.
    app.click("[data-testid='schedules'] [data-action='pause-schedules']")
        .await;
    tray.wait_for_entry("Next: Start", Duration::from_secs(5))
        .await;
    let pause = tray
        .wait_for_entry("Pause all schedules", Duration::from_secs(5))
        .await;
    assert_eq!(pause.checked, Some(false));
    app.close().await;
}

#[tokio::test]
async fn without_a_tray_closing_asks_and_with_nothing_active_it_quits() {
    // No tray host on the bus: a desktop that shows no tray icons (plain GNOME).
    let app = App::launch().await;
    app.card("WKF-NEWSLETTER").await;
    toggle_watch(&app, NEWSLETTER, true).await;
    click_close_button();
    let asked = question(&app, "quitWithoutTray").await;
    assert!(asked.contains("shows no tray icons"), "{asked}");
    assert!(asked.contains("1 watched workflow"), "{asked}");
    app.click("[data-testid='closing'] [data-answer='safe']")
        .await;
    // Minimising has nothing to show under Xvfb without a window manager; what matters is
    // that Flowdeck did not quit.
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(window_exists(), "Minimise quit Flowdeck");

    // Nothing watched any more: closing quits at once, asking nothing.
    toggle_watch(&app, NEWSLETTER, false).await;
    click_close_button();
    until(
        "closing with nothing active did not quit",
        Duration::from_secs(10),
        || !window_exists(),
    )
    .await;
}
