//! The app speaks the OS's language: here German, with Campaign's own words.

use flowdeck_e2e::App;

#[tokio::test]
async fn a_german_desktop_gets_the_german_ui() {
    let app = App::launch_with(&[("LANGUAGE", "de"), ("LANG", "de_DE.UTF-8")]).await;
    let card = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&card, "In Bearbeitung").await;
    let start = app
        .find("button[aria-label='Weekly newsletter starten']")
        .await;
    assert_eq!(start.text().await.unwrap(), "Starten");
    start.click().await.unwrap();
    app.wait_for_text(&card, "„Starten“ angefordert.").await;
    app.wait_for_text(&card, "Wird ausgeführt").await;
    let band = app.find("[data-testid='connection-band'] strong").await;
    assert_eq!(band.text().await.unwrap(), "Demo-Organisation");
    app.screenshot("main-german").await;
    app.close().await;
}

/// A language chosen in Settings is loaded when chosen (only English comes with the page): the
/// window speaks it at once, and again after a restart.
#[tokio::test]
async fn a_language_chosen_in_settings_applies_at_once_and_after_a_restart() {
    let home = tempfile::tempdir().unwrap();
    let app = App::launch_in(home.path(), &[("LANGUAGE", "en"), ("LANG", "en_GB.UTF-8")]).await;
    let card = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&card, "Editing").await;
    app.click("[data-testid='open-settings']").await;
    app.choose("select[name='language']", "sv").await;
    app.wait_for_text(&card, "Redigeras").await;
    let page = app.find("html").await;
    assert_eq!(page.attr("lang").await.unwrap().as_deref(), Some("sv"));
    let heading = app.find("#settings-title").await;
    app.wait_for_text(&heading, "Inställningar").await;
    app.close().await;

    let app = App::launch_in(home.path(), &[("LANGUAGE", "en"), ("LANG", "en_GB.UTF-8")]).await;
    let card = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&card, "Redigeras").await;
    app.close().await;
}
