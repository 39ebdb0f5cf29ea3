//! `flowdeck://` links to a card, through the installed app: "Copy link" on a Stage card, the
//! link opened as the desktop opens it (the installed desktop entry's URL handler, a second
//! launch handing it to the running Flowdeck) shows that card on Stage, not its twin on
//! Production; a link to an unknown card or tenant, or not a card link at all, is refused in
//! plain words; Flowdeck started by a link opens its card. No link sends anything.

use flowdeck_e2e::{App, Campaign, NewConnection, SignIn};

const STAGE: &str = "Acme Stage · Stage";
const PRODUCTION: &str = "Acme Production · Production";

async fn shown_connection(app: &App) -> String {
    let shown = app
        .find("[data-testid='connection-switcher']")
        .await
        .prop("value")
        .await
        .unwrap();
    shown.unwrap_or_default()
}

async fn wait_for_card_on(app: &App, connection_id: &str, card: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        if shown_connection(app).await == connection_id && app.focused_card().await == card {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the link did not open {card} on {connection_id}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_copied_link_opens_its_card_on_its_own_tenant_and_a_wrong_one_is_refused_plainly() {
    let config = tempfile::tempdir().unwrap();
    let (stage, production) = Campaign::stage_and_production();
    let app = App::launch_in(config.path(), &[]).await;
    app.card("WKF-NEWSLETTER").await;
    for (name, kind, campaign, cards) in [
        ("Acme Stage", "stage", &stage, &["WKF-NEWSLETTER"][..]),
        (
            "Acme Production",
            "production",
            &production,
            &["WKF-NEWSLETTER", "WKF-WELCOME"][..],
        ),
    ] {
        let url = campaign.url();
        let connection = NewConnection {
            name,
            kind,
            campaign_url: &url,
            credentials: campaign.credentials(),
            sign_in: SignIn::PastedToken,
        };
        app.add_connection_with_cards(&connection, cards).await;
    }
    let stage_id = app.connection_id("Acme Stage").await;
    let production_id = app.connection_id("Acme Production").await;

    // "Copy link" on Stage's card, one step away in its menu.
    app.show_connection(STAGE).await;
    app.choose_in_card_menu(
        "[data-testid='card-WKF-NEWSLETTER']",
        "[data-action='copy-link']",
    )
    .await;
    let shown = app.find("[data-testid='card-link']").await;
    let link = shown.prop("value").await.unwrap().unwrap_or_default();
    let tenant = &stage.credentials().tenant;
    assert_eq!(
        link,
        format!("flowdeck://card?tenant={tenant}&workflow=WKF-NEWSLETTER")
    );
    app.screenshot("card-copy-link").await;

    // Opened while Production is shown: Stage's card, not Production's twin.
    app.show_connection(PRODUCTION).await;
    let handed_over = app.open_link(&link).expect("the second launch ends");
    assert!(handed_over.success(), "{handed_over:?}");
    wait_for_card_on(&app, &stage_id, "card-WKF-NEWSLETTER").await;

    // Refused in plain words: a card Stage does not have (Production does), a tenant no
    // connection uses, and what is no card link at all.
    let refusals = [
        (
            format!("flowdeck://card?tenant={tenant}&workflow=WKF-WELCOME"),
            "WKF-WELCOME is not a card on Acme Stage.".to_owned(),
        ),
        (
            "flowdeck://card?tenant=acme-elsewhere&workflow=WKF-NEWSLETTER".to_owned(),
            "The link points at a card on the Campaign tenant acme-elsewhere, and none of your connections uses it.".to_owned(),
        ),
        (
            format!("flowdeck://card?tenant={tenant}&workflow=WKF-NEWSLETTER&command=stop"),
            "That link is not a Flowdeck link to a card.".to_owned(),
        ),
    ];
    for (refused, words) in refusals {
        assert!(app.open_link(&refused).expect("the launch ends").success());
        let notice = app.find("main > .notice.error").await;
        app.wait_for_text(&notice, &words).await;
        app.click("main > .notice.error button").await;
    }
    assert_eq!(shown_connection(&app).await, stage_id);
    app.close().await;

    // Started by a link: the card it names, on its own connection.
    let production_link = format!(
        "flowdeck://card?tenant={}&workflow=WKF-WELCOME",
        production.credentials().tenant
    );
    let app = App::launch_with_args(config.path(), &[], &[production_link]).await;
    wait_for_card_on(&app, &production_id, "card-WKF-WELCOME").await;
    app.close().await;

    for campaign in [&stage, &production] {
        assert!(
            campaign.admin.commands().await.is_empty(),
            "a link sent a command"
        );
    }
}
