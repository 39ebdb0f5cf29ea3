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
            .find_all(Locator::Css(
                "article .commands button[data-command], article button[data-action='more']",
            ))
            .await
            .unwrap();
        // Six demo cards, each with Start, Pause, Resume and Stop in front and its menu.
        assert_eq!(buttons.len(), 6 * 5);
        for button in buttons {
            let (x, _, w, _) = button.rectangle().await.unwrap();
            assert!(
                x >= 0.0 && x + w <= f64::from(width),
                "{theme} at {width}px: a button is cut off"
            );
        }
        app.screenshot(&format!("main-{theme}-{width}")).await;

        // The first card's menu opens within the window.
        let card = "[data-testid='card-WKF-WELCOME']";
        app.click(&format!("{card} button[data-action='more']"))
            .await;
        let menu = app.find(&format!("{card} [role='menu']")).await;
        let (x, _, w, _) = menu.rectangle().await.unwrap();
        assert!(
            x >= 0.0 && x + w <= f64::from(width),
            "{theme} at {width}px: the card's menu is cut off"
        );
        app.screenshot(&format!("card-menu-{theme}-{width}")).await;
        app.click(&format!("{card} button[data-action='more']"))
            .await;
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

#[tokio::test]
async fn asked_for_less_motion_the_spinner_stands_still() {
    let config = tempfile::tempdir().unwrap();
    // How a GNOME desktop says "reduce animation"; WebKitGTK passes it on as
    // prefers-reduced-motion.
    let gtk = config.path().join("gtk-3.0");
    std::fs::create_dir_all(&gtk).unwrap();
    std::fs::write(
        gtk.join("settings.ini"),
        "[Settings]\ngtk-enable-animations=false\n",
    )
    .unwrap();
    let app = App::launch_in(config.path(), &[]).await;
    let card = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&card, "Editing").await;
    let reduced = app
        .browser
        .execute(
            "return matchMedia('(prefers-reduced-motion: reduce)').matches",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        reduced,
        serde_json::json!(true),
        "the desktop's wish reaches the page"
    );

    app.simulator
        .set_switches(serde_json::json!({ "responseDelayMs": 3000 }))
        .await;
    app.click("button[aria-label='Start Weekly newsletter']")
        .await;
    let spinner = app
        .find("[data-testid='card-WKF-NEWSLETTER'] .spinner")
        .await;
    let animation = app
        .browser
        .execute(
            "return getComputedStyle(arguments[0]).animationName",
            vec![serde_json::to_value(&spinner).unwrap()],
        )
        .await
        .unwrap();
    assert_eq!(animation, serde_json::json!("none"));
    app.close().await;
}

#[tokio::test]
async fn zoomed_to_200_percent_nothing_is_cut_off() {
    let app = App::launch().await;
    app.card("WKF-SUMMER-SALE").await;
    app.browser.set_window_size(1280, 800).await.unwrap();
    // Ctrl and + five times: 20 % a step, as Tauri's zoom keys go.
    let plus = format!("{}=", fantoccini::key::Key::Control);
    let first_control = app.find("[data-testid='open-activity']").await;
    for _ in 0..5 {
        first_control.send_keys(&plus).await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let width = app
        .browser
        .execute("return window.innerWidth", vec![])
        .await
        .unwrap()
        .as_f64()
        .unwrap();
    assert!(
        width <= 660.0,
        "the page is at 200 %: {width} CSS px across 1280"
    );
    let overflow = app
        .browser
        .execute(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(overflow, serde_json::json!(0), "nothing overflows sideways");
    // In page coordinates: WebKitWebDriver cannot measure elements of a zoomed page.
    let cut_off = app
        .browser
        .execute(
            "return [...document.querySelectorAll('article button[data-command]')]
               .filter((b) => { const r = b.getBoundingClientRect(); return r.left < 0 || r.right > innerWidth; })
               .map((b) => b.getAttribute('aria-label'));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(cut_off, serde_json::json!([]), "buttons cut off at 200 %");
    app.screenshot("main-zoom-200").await;
    app.close().await;
}
