//! What users expect of a desktop app: one instance, a window that comes back as they left
//! it, an About panel, and a log of what Flowdeck did.

use std::time::{Duration, Instant};

use flowdeck_e2e::App;
use flowdeck_e2e::window::{self, window_on_screen};

/// The window is made hidden and shown once its page has loaded (drawn without compositing, a
/// window shown before its web process is up blocks in its first draw): by the time the first
/// card is in the page it is on screen, well before the 3 s fallback that shows it anyway.
#[tokio::test]
async fn the_window_is_on_screen_once_its_page_has_loaded() {
    let app = App::launch().await;
    app.card("WKF-NEWSLETTER").await;
    let deadline = Instant::now() + Duration::from_millis(500);
    while !window_on_screen() {
        assert!(
            Instant::now() < deadline,
            "the page has loaded but the window is not on screen"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    app.close().await;
}

#[tokio::test]
async fn a_second_launch_hands_over_to_the_first_and_ends() {
    let app = App::launch().await;
    app.card("WKF-NEWSLETTER").await;
    let second = app.launch_again();
    assert!(
        second.is_some_and(|status| status.success()),
        "the second launch should hand over and end, not open a second window: {second:?}"
    );
    // The first one is still there and answers.
    app.click("[data-testid='open-about']").await;
    app.find("[data-testid='about-version']").await;
    app.close().await;
}

/// Two log-ins of one user, or a desktop without the session bus the hand-over needs: a second
/// Flowdeck on the same folder cannot reach the first, so the folder's lock turns it away. It
/// says so, and a command that comes due is sent once, not by both.
#[tokio::test]
async fn a_second_flowdeck_the_hand_over_cannot_reach_says_so_and_sends_nothing() {
    let app = App::launch().await;
    let card = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&card, "Editing").await;
    let due = app.local_time_in(10).await;
    app.schedule_once("WKF-NEWSLETTER", "start", &due).await;

    let mut second = app.launch_on_another_bus();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !window::window_titled("Flowdeck is already running") {
        assert!(
            second.is_running(),
            "the second Flowdeck ended without a word"
        );
        assert!(
            Instant::now() < deadline,
            "the second Flowdeck never said it is already running"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    app.wait_for_text_within(&card, "Start sent as scheduled", Duration::from_secs(30))
        .await;
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(app.simulator.commands().await, ["WKF-NEWSLETTER start"]);
    assert!(second.is_running(), "the dialog waits to be read");
    drop(second);
    app.close().await;
}

#[tokio::test]
async fn the_window_comes_back_at_the_size_it_was_left() {
    let config = tempfile::tempdir().unwrap();
    let app = App::launch_in(config.path(), &[]).await;
    app.card("WKF-NEWSLETTER").await;
    app.browser.set_window_size(820, 640).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    // Not a clean exit: the app is killed, as a crash or a logout would end it.
    drop(app);

    let app = App::launch_in(config.path(), &[]).await;
    app.card("WKF-NEWSLETTER").await;
    let (width, height) = app.browser.get_window_size().await.unwrap();
    assert_eq!((width, height), (820, 640));
    app.close().await;
}

#[tokio::test]
async fn about_shows_the_version_and_where_files_live() {
    let app = App::launch().await;
    app.card("WKF-NEWSLETTER").await;
    app.click("[data-testid='open-about']").await;
    let version = app.find("[data-testid='about-version']").await;
    app.wait_for_text(&version, env!("CARGO_PKG_VERSION")).await;
    let about = app.find("[data-testid='about']").await;
    let text = about.text().await.unwrap();
    assert!(text.contains("io.flowdeck.desktop"), "{text}");
    assert!(text.contains("logs"), "{text}");
    // Installed from the .deb, the binary still knows it (the release profile strips it).
    if let Ok(expected) = std::env::var("FLOWDECK_EXPECT_PACKAGE") {
        let package = app.find("[data-testid='about-package']").await;
        app.wait_for_text(&package, &expected).await;
    }
    app.screenshot("about").await;
    app.close().await;
}
