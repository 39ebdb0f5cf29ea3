//! A damaged connection list is set aside, and a new connection made afterwards starts clean:
//! it never shows the lost connection's cards, nor uses its secret.

use flowdeck_e2e::{App, Campaign, NewConnection, SignIn};

#[tokio::test(flavor = "multi_thread")]
async fn a_new_connection_after_a_damaged_connection_list_has_no_old_cards_or_secret() {
    let home = tempfile::tempdir().unwrap();
    let production = Campaign::start();
    let url = production.url();
    let secret = campaign_simulator::demo::credentials().client_secret;

    let app = App::launch_in(home.path(), &[]).await;
    app.card("WKF-NEWSLETTER").await;
    app.add_connection(&NewConnection {
        name: "Acme Production",
        kind: "production",
        campaign_url: &url,
        credentials: production.credentials(),
        sign_in: SignIn::ClientSecret(&secret),
    })
    .await;
    app.show_connection("Acme Production · Production").await;
    app.add_card("WKF-WINBACK").await;
    app.close().await;

    let connections = home
        .path()
        .join("io.flowdeck.desktop")
        .join("connections.json");
    std::fs::write(&connections, b"{ \"connections\": [ damaged").unwrap();
    let token_requests_before = ims_requests(&production).await;

    let app = App::launch_in(home.path(), &[]).await;
    app.card("WKF-NEWSLETTER").await;
    let notices = app.find("main").await;
    app.wait_for_text(&notices, "connections.json.unreadable-")
        .await;
    app.wait_for_text(
        &notices,
        "Cards of a connection Flowdeck no longer knows were kept aside",
    )
    .await;
    app.add_connection(&NewConnection {
        name: "Acme Production",
        kind: "production",
        campaign_url: &url,
        credentials: production.credentials(),
        sign_in: SignIn::PastedToken,
    })
    .await;
    app.show_connection("Acme Production · Production").await;
    let empty = app.find("main .empty").await;
    app.wait_for_text(&empty, "No workflow cards yet").await;
    assert!(
        app.browser
            .find(fantoccini::Locator::Css("[data-testid='card-WKF-WINBACK']"))
            .await
            .is_err(),
        "the lost connection's card is not shown"
    );
    assert_eq!(
        ims_requests(&production).await,
        token_requests_before,
        "the lost connection's secret was never used"
    );
    app.screenshot("after-damaged-connections").await;
    app.close().await;
}

async fn ims_requests(campaign: &Campaign) -> usize {
    campaign
        .admin
        .requests_with("POST")
        .await
        .iter()
        .filter(|r| r["path"] == "/ims/token/v3")
        .count()
}
