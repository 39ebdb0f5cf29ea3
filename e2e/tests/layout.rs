//! The main window in both themes, from the narrowest supported width to a wide one: the OS
//! theme reaches the page, nothing overflows sideways, every card's buttons stay reachable.
//! Screenshots land in `target/screenshots/` for people to look at.

use fantoccini::Locator;
use flowdeck_e2e::App;

const WIDTHS: [(u32, u32); 2] = [(600, 800), (1280, 800)];

async fn check_theme(theme: &str, environment: &[(&str, &str)]) {
    let app = App::launch_with(environment).await;
    app.card("WKF-SUMMER-SALE").await;
    let prefers_dark = app
        .browser
        .execute(
            "return matchMedia('(prefers-color-scheme: dark)').matches",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        prefers_dark,
        serde_json::json!(theme == "dark"),
        "the OS theme reaches the page"
    );

    for (width, height) in WIDTHS {
        app.browser.set_window_size(width, height).await.unwrap();
        // Let the window manager-less resize settle and the layout reflow.
        tokio::time::sleep(std::time::Duration::from_millis(600)).await;
        let overflow = app
            .browser
            .execute(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(
            overflow,
            serde_json::json!(0),
            "{theme} at {width}px overflows sideways"
        );
        let buttons = app
            .browser
            .find_all(Locator::Css("article button[data-command]"))
            .await
            .unwrap();
        // Six demo cards, each with Start, Pause, Resume, Stop and Restart; the two whose
        // workflows list signal activities also offer Send signal.
        assert_eq!(buttons.len(), 6 * 5 + 2);
        for button in buttons {
            let (x, _, w, _) = button.rectangle().await.unwrap();
            assert!(
                x >= 0.0 && x + w <= f64::from(width),
                "{theme} at {width}px: a button is cut off"
            );
        }
        app.screenshot(&format!("main-{theme}-{width}")).await;
    }
    app.close().await;
}

#[tokio::test]
async fn light_theme_fits_from_narrow_to_wide() {
    check_theme("light", &[("GTK_THEME", "Adwaita")]).await;
}

#[tokio::test]
async fn dark_theme_follows_the_os_and_fits_from_narrow_to_wide() {
    check_theme("dark", &[("GTK_THEME", "Adwaita:dark")]).await;
}
