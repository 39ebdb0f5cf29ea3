//! Every view and state a user can reach, audited with axe-core in the running app at WCAG 2.1
//! AA: light and dark, English and German. Selectors avoid words, so one walk serves both
//! languages.

use std::time::Duration;

use flowdeck_e2e::accessibility::{Audits, roles_and_names};
use flowdeck_e2e::{App, NewConnection, SignIn};
use serde_json::{Value, json};

const DESKTOPS: [(&str, &[(&str, &str)]); 4] = [
    ("light, English", &[("GTK_THEME", "Adwaita")]),
    ("dark, English", &[("GTK_THEME", "Adwaita:dark")]),
    (
        "light, German",
        &[
            ("GTK_THEME", "Adwaita"),
            ("LANGUAGE", "de"),
            ("LANG", "de_DE.UTF-8"),
        ],
    ),
    (
        "dark, German",
        &[
            ("GTK_THEME", "Adwaita:dark"),
            ("LANGUAGE", "de"),
            ("LANG", "de_DE.UTF-8"),
        ],
    ),
];

fn card(id: &str, inner: &str) -> String {
    format!("[data-testid='card-{id}'] {inner}")
}

/// Opens a header panel, audits it, closes it with its own close button.
async fn panel(app: &App, audits: &Audits, desktop: &str, opener: &str, panel: &str) {
    app.click(&format!("[data-testid='{opener}']")).await;
    app.find(panel).await;
    audits.check(app, &format!("{desktop}: {opener}")).await;
}

async fn close_panel(app: &App, panel: &str) {
    app.click(&format!("{panel} button[data-action='close']"))
        .await;
}

async fn walk(audits: &Audits, desktop: &str, environment: &[(&str, &str)]) {
    let app = App::launch_with(environment).await;
    app.find(&card("WKF-WINBACK", "[data-testid='status']"))
        .await;
    audits.check(&app, &format!("{desktop}: deck")).await;

    // A card with an error: its workflow was renamed in Campaign.
    app.simulator
        .rename("WKF-SUMMER-SALE", "WKF-SUMMER-2027")
        .await;
    app.click(&card("WKF-SUMMER-SALE", "button[data-command='start']"))
        .await;
    app.find(&card("WKF-SUMMER-SALE", ".notice.error")).await;
    audits.check(&app, &format!("{desktop}: card error")).await;

    app.click(&card("WKF-WELCOME", "button[data-command='stop']"))
        .await;
    app.find(&card("WKF-WELCOME", ".confirm")).await;
    audits
        .check(&app, &format!("{desktop}: stop confirmation"))
        .await;
    app.click(&card("WKF-WELCOME", ".confirm button:not(.danger)"))
        .await;

    // The card's menu, open, with what it holds.
    app.click(&card("WKF-WELCOME", "button[data-action='more']"))
        .await;
    app.find(&card("WKF-WELCOME", "[role='menu']")).await;
    audits.check(&app, &format!("{desktop}: card menu")).await;
    app.click(&card(
        "WKF-WELCOME",
        "[role='menu'] [data-command='signal']",
    ))
    .await;
    app.find(&card("WKF-WELCOME", "[data-testid='signal-form']"))
        .await;
    audits.check(&app, &format!("{desktop}: signal form")).await;
    app.click(&card(
        "WKF-WELCOME",
        "[data-testid='signal-form'] .actions button[type='button']",
    ))
    .await;

    app.choose_in_card_menu(&card("WKF-NEWSLETTER", ""), "[data-action='history']")
        .await;
    app.find(&card("WKF-NEWSLETTER", ".status-history")).await;
    app.choose_in_card_menu(&card("WKF-NEWSLETTER", ""), "[data-action='copy-link']")
        .await;
    app.find(&card("WKF-NEWSLETTER", "[data-testid='card-link']"))
        .await;
    audits
        .check(&app, &format!("{desktop}: status history and copied link"))
        .await;

    app.click(&card("WKF-NEWSLETTER", "input.select")).await;
    app.click(&card("WKF-BIRTHDAY", "input.select")).await;
    app.find("[data-testid='bulk']").await;
    audits
        .check(&app, &format!("{desktop}: bulk selection"))
        .await;
    app.click("[data-testid='bulk'] button[data-bulk-command='stop']")
        .await;
    app.find("[data-testid='bulk'] .confirm").await;
    audits
        .check(&app, &format!("{desktop}: bulk confirmation"))
        .await;
    app.click("[data-testid='bulk'] .confirm button:not(.danger)")
        .await;
    // A steady start of the two: its choice, then its queue.
    app.click("[data-testid='bulk'] button[data-bulk-command='start']")
        .await;
    app.click("[data-testid='bulk'] input[name='steadyPace']")
        .await;
    app.find("[data-testid='bulk'] input[name='atMostRunning']")
        .await;
    audits
        .check(&app, &format!("{desktop}: steady start"))
        .await;
    app.click("[data-testid='bulk'] .confirm button.primary")
        .await;
    app.find("[data-testid='batch-1']").await;
    audits
        .check(&app, &format!("{desktop}: steady start under way"))
        .await;

    app.click("[data-testid='add-card']").await;
    app.find("form.add-card").await;
    audits.check(&app, &format!("{desktop}: add card")).await;
    app.click("form.add-card .actions button[type='button']")
        .await;

    app.click(&card(
        "WKF-NEWSLETTER",
        ".card-header button[data-action='edit']",
    ))
    .await;
    app.find(&card("WKF-NEWSLETTER", "form")).await;
    audits.check(&app, &format!("{desktop}: edit card")).await;
    app.click(&card(
        "WKF-NEWSLETTER",
        "form .actions button[type='button']",
    ))
    .await;

    // The demo's failed and paused workflows are listed once the backend has looked.
    panel(
        &app,
        audits,
        desktop,
        "open-attention",
        "[data-testid='attention'] li[data-workflow='WKF-WINBACK']",
    )
    .await;
    close_panel(&app, "[data-testid='attention']").await;
    panel(
        &app,
        audits,
        desktop,
        "open-activity",
        "[data-testid='activity']",
    )
    .await;
    app.click("[data-testid='activity'] button[data-action='away']")
        .await;
    app.find("[data-testid='away']").await;
    audits
        .check(&app, &format!("{desktop}: while Flowdeck was closed"))
        .await;
    close_panel(&app, "[data-testid='activity']").await;
    panel(
        &app,
        audits,
        desktop,
        "open-settings",
        "[data-testid='settings']",
    )
    .await;
    // The Proxy setting's own fields, and its words for an address it cannot use.
    app.click("input[name='proxyMode'][value='manual']").await;
    app.fill("input[name='proxyAddress']", "proxy.example.com")
        .await;
    app.fill("input[name='proxyUser']", "mia").await;
    app.fill("input[name='proxyPassword']", "secret").await;
    app.click("[data-testid='proxy-settings'] button[type='submit']")
        .await;
    app.find("[data-testid='proxy-settings'] .notice.error")
        .await;
    audits
        .check(&app, &format!("{desktop}: settings, manual proxy refused"))
        .await;
    close_panel(&app, "[data-testid='settings']").await;
    app.choose_in_card_menu(&card("WKF-NEWSLETTER", ""), "[data-action='schedule']")
        .await;
    app.find(&card("WKF-NEWSLETTER", "[data-testid='schedule-form']"))
        .await;
    audits
        .check(&app, &format!("{desktop}: schedule form"))
        .await;
    app.click(&card(
        "WKF-NEWSLETTER",
        "[data-testid='schedule-form'] button[type='submit']",
    ))
    .await;
    app.find(&card("WKF-NEWSLETTER", "[data-testid='card-schedules']"))
        .await;
    panel(
        &app,
        audits,
        desktop,
        "open-schedules",
        "[data-testid='schedules']",
    )
    .await;
    close_panel(&app, "[data-testid='schedules']").await;
    panel(&app, audits, desktop, "open-about", "[data-testid='about']").await;
    close_panel(&app, "[data-testid='about']").await;
    panel(
        &app,
        audits,
        desktop,
        "open-connections",
        "[data-testid='connections']",
    )
    .await;
    app.click("[data-testid='connections'] > .actions > button.primary")
        .await;
    app.find("[data-testid='connection-form']").await;
    audits
        .check(&app, &format!("{desktop}: connection form"))
        .await;
    close_panel(&app, "[data-testid='connections']").await;

    app.click(&card("WKF-CRM-IMPORT", "button[data-action='remove']"))
        .await;
    app.find("[data-testid='removed-notice']").await;
    audits.check(&app, &format!("{desktop}: undo notice")).await;

    let url = app.simulator.base_url();
    app.add_connection(&NewConnection {
        name: "Acme Stage",
        kind: "stage",
        campaign_url: &url,
        credentials: app.simulator.credentials(),
        sign_in: SignIn::PastedToken,
    })
    .await;
    panel(
        &app,
        audits,
        desktop,
        "open-connections",
        "[data-testid='connections']",
    )
    .await;
    // The demo's row has no buttons: the first Test is the new connection's.
    app.click("[data-testid='connections'] .connection-row .actions button")
        .await;
    app.find("[data-testid='test-result']").await;
    audits
        .check(&app, &format!("{desktop}: connection tested"))
        .await;
    close_panel(&app, "[data-testid='connections']").await;

    app.find("[data-testid='connection-switcher']")
        .await
        .select_by_index(1)
        .await
        .unwrap();
    app.find("p.empty").await;
    audits.check(&app, &format!("{desktop}: empty deck")).await;
    app.close().await;
}

#[tokio::test]
async fn every_view_passes_an_axe_audit_at_wcag_2_1_aa_in_both_themes_and_languages() {
    let audits = Audits::default();
    for (desktop, environment) in DESKTOPS {
        walk(&audits, desktop, environment).await;
    }
    audits.assert_clean(true);
}

/// Keeps, in the page, every text either live region of the window is given from now on.
async fn listen_to_live_regions(app: &App) {
    app.browser
        .execute(
            "window.__heard = [];
             for (const region of document.querySelectorAll('[data-testid^=\"live-\"]')) {
               new MutationObserver(() => {
                 if (region.textContent) window.__heard.push(region.dataset.testid + ': ' + region.textContent);
               }).observe(region, { childList: true, characterData: true, subtree: true });
             }",
            vec![],
        )
        .await
        .unwrap();
}

async fn heard(app: &App) -> Vec<String> {
    let heard: Value = app
        .browser
        .execute("return window.__heard", vec![])
        .await
        .unwrap();
    serde_json::from_value(heard).unwrap()
}

#[tokio::test]
async fn cards_are_named_regions_and_a_command_is_announced_without_moving_the_keyboard() {
    let app = App::launch().await;
    let newsletter = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&newsletter, "Editing").await;

    let cards = roles_and_names(&app, "article.card").await;
    assert_eq!(cards.len(), 6);
    assert!(
        cards.contains(&("region".into(), "Weekly newsletter".into())),
        "{cards:?}"
    );
    assert!(
        cards
            .iter()
            .all(|(role, name)| role == "region" && !name.is_empty())
    );
    let commands =
        roles_and_names(&app, "[data-testid='card-WKF-NEWSLETTER'] .commands button").await;
    let names: Vec<_> = commands.iter().map(|(_, name)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Start Weekly newsletter",
            "Pause Weekly newsletter",
            "Resume Weekly newsletter",
            "Stop Weekly newsletter",
        ]
    );

    listen_to_live_regions(&app).await;
    app.click("button[aria-label='Start Weekly newsletter']")
        .await;
    app.wait_for_text(&newsletter, "Start requested").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let polite: Vec<_> = heard(&app)
        .await
        .into_iter()
        .filter(|h| h.starts_with("live-polite"))
        .collect();
    assert_eq!(
        polite,
        [
            "live-polite: Weekly newsletter: Sending Start to Campaign…",
            "live-polite: Weekly newsletter: Start requested. Campaign accepted it and applies it shortly."
        ]
    );
    let focused = app
        .browser
        .execute(
            "return document.activeElement.closest('[aria-live]') === null",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(focused, json!(true), "announcing never takes the keyboard");

    // A failure is an alert, read at once: the workflow was renamed in Campaign.
    app.simulator
        .rename("WKF-BIRTHDAY", "WKF-BIRTHDAY-2027")
        .await;
    app.click("button[aria-label='Resume Birthday offers']")
        .await;
    let alert = app
        .find("[data-testid='card-WKF-BIRTHDAY'] [role='alert']")
        .await;
    app.wait_for_text(
        &alert,
        "Campaign does not know a workflow with the ID “WKF-BIRTHDAY”.",
    )
    .await;
    app.close().await;
}
