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
