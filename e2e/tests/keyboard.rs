//! From first launch to the activity log with the keyboard alone (Tab, Shift+Tab, Enter, Space,
//! Escape, arrows): add a connection, switch to it, add a card, Start, a confirmed Stop, a bulk
//! action, the card's menu, the log, Needs attention, a proxy in Settings. After every key the focus is visible and on something, and after each form,
//! panel or confirmation closes it is back where a person expects.

use fantoccini::key::Key;
use flowdeck_e2e::App;
use serde_json::json;

const CARD: &str = "[data-testid='card-WKF-NEWSLETTER']";

#[tokio::test]
async fn a_marketer_gets_from_first_launch_to_the_activity_log_with_the_keyboard_alone() {
    let app = App::launch().await;
    let keys = app.keyboard();
    app.card("WKF-NEWSLETTER").await;
    let credentials = campaign_simulator::demo::credentials();

    // A connection, through the Connections panel.
    keys.tab_to("[data-testid='open-connections']").await;
    keys.enter().await;
    keys.expect_focus("#connections-title").await;
    keys.tab_to("[data-testid='connections'] > .actions > button")
        .await;
    keys.enter().await;
    keys.expect_focus("input[name='name']").await;
    keys.press("Acme Stage").await;
    keys.tab_to("input[name='tenant']").await;
    keys.press(&credentials.tenant).await;
    keys.tab_to("input[name='apiKey']").await;
    keys.press(&credentials.api_key).await;
    keys.tab_to("input[name='kind']").await;
    keys.press(&Key::Down.to_string()).await;
    keys.expect_focus("input[value='pastedToken']:checked")
        .await;
    keys.tab_to("input[name='accessToken']").await;
    keys.press(&credentials.access_token).await;
    keys.tab_to("[data-testid='connection-form'] summary").await;
    keys.enter().await;
    keys.tab_to("input[name='baseUrl']").await;
    keys.press(&app.simulator.base_url()).await;
    keys.tab_to("[data-testid='connection-form'] button[type='submit']")
        .await;
    keys.enter().await;
    // Saved: the list is back, and the keyboard with it.
    keys.expect_focus("[data-testid='connections'] > .actions > button")
        .await;
    keys.escape().await;
    keys.expect_focus("[data-testid='open-connections']").await;

    // Its deck, chosen in the header with the arrow keys.
    keys.shift_tab_to("[data-testid='connection-switcher']")
        .await;
    keys.press(&Key::Down.to_string()).await;
    let band = app.find("[data-testid='connection-band']").await;
    app.wait_for_text(&band, "Acme Stage").await;

    // A card, added from the header.
    keys.tab_to("[data-testid='add-card']").await;
    keys.enter().await;
    keys.expect_focus("input[name='workflowId']").await;
    keys.press("WKF-NEWSLETTER").await;
    keys.enter().await;
    keys.expect_focus(&format!("{CARD} .handle")).await;
    let card = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&card, "Editing").await;

    // Start, then a Stop that asks first: the keyboard lands on Cancel, the safe choice.
    keys.tab_to(&format!("{CARD} button[data-command='start']"))
        .await;
    keys.enter().await;
    app.wait_for_text(&card, "In progress").await;
    keys.tab_to(&format!("{CARD} button[data-command='stop']"))
        .await;
    keys.enter().await;
    keys.expect_focus(&format!("{CARD} [data-confirm='cancel']"))
        .await;
    keys.escape().await;
    keys.expect_focus(&format!("{CARD} button[data-command='stop']"))
        .await;
    assert_eq!(app.simulator.commands().await, ["WKF-NEWSLETTER start"]);
    keys.enter().await;
    keys.shift_tab_to(&format!("{CARD} .confirm button.danger"))
        .await;
    keys.enter().await;
    app.wait_for_text(&card, "Finished").await;
    assert_eq!(
        app.simulator.commands().await,
        ["WKF-NEWSLETTER start", "WKF-NEWSLETTER stop"]
    );

    // The card's menu: the arrow keys open and walk it, Enter chooses and closes it, the
    // keyboard back on its button; Escape closes it too.
    let more = format!("{CARD} button[data-action='more']");
    keys.shift_tab_to(&more).await;
    // Finished, so Restart cannot be chosen: the arrow lands on the first item that can.
    keys.press(&Key::Down.to_string()).await;
    keys.expect_focus(&format!("{CARD} [role='menu'] [data-action='schedule']"))
        .await;
    keys.press(&Key::End.to_string()).await;
    keys.expect_focus(&format!("{CARD} [role='menu'] [data-action='history']"))
        .await;
    keys.enter().await;
    keys.expect_focus(&more).await;
    app.find(&format!("{CARD} .status-history")).await;
    keys.press(&Key::Up.to_string()).await;
    keys.escape().await;
    keys.expect_focus(&more).await;

    // A bulk Start of the selected card; Escape first cancels the confirmation.
    keys.shift_tab_to(&format!("{CARD} input.select")).await;
    keys.space().await;
    keys.shift_tab_to("[data-bulk-command='start']").await;
    keys.enter().await;
    keys.expect_focus("[data-testid='bulk'] [data-confirm='cancel']")
        .await;
    keys.escape().await;
    keys.expect_focus("[data-bulk-command='start']").await;
    keys.enter().await;
    keys.shift_tab_to("[data-testid='bulk'] .confirm button.primary")
        .await;
    keys.enter().await;
    app.find("[data-testid='bulk-summary']").await;
    assert_eq!(
        app.simulator.commands().await.last().map(String::as_str),
        Some("WKF-NEWSLETTER start")
    );

    // The activity log, read and closed again.
    keys.shift_tab_to("[data-testid='open-activity']").await;
    keys.enter().await;
    keys.expect_focus("#activity-title").await;
    let log = app.find("[data-testid='activity']").await;
    app.wait_for_text(&log, "Acme Stage").await;
    let rows = app
        .browser
        .execute(
            "return document.querySelectorAll(\"[data-testid='activity-row']\").length",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(rows, json!(3), "Start, Stop and the bulk Start");
    keys.escape().await;
    keys.expect_focus("[data-testid='open-activity']").await;

    // Needs attention (the demo's failed and paused workflows): its entries reached by Tab,
    // Escape closes it and gives the keyboard back.
    keys.shift_tab_to("[data-testid='open-attention']").await;
    keys.enter().await;
    keys.expect_focus("#attention-title").await;
    keys.tab_to("[data-testid='attention'] button[data-action='open-card']")
        .await;
    keys.escape().await;
    keys.expect_focus("[data-testid='open-attention']").await;

    // A company proxy, in Settings: the choice with the arrows, its address typed, saved.
    keys.tab_to("[data-testid='open-settings']").await;
    keys.enter().await;
    keys.expect_focus("#settings-title").await;
    keys.tab_to("input[name='proxyMode']:checked").await;
    keys.press(&Key::Down.to_string()).await;
    keys.press(&Key::Down.to_string()).await;
    keys.expect_focus("input[value='manual']:checked").await;
    keys.tab_to("input[name='proxyAddress']").await;
    keys.press("proxy.example.com:3128").await;
    keys.tab_to("[data-testid='proxy-settings'] button[type='submit']")
        .await;
    keys.enter().await;
    let status = app
        .find("[data-testid='proxy-settings'] [role='status']")
        .await;
    app.wait_for_text(&status, "Proxy saved").await;
    keys.escape().await;
    keys.expect_focus("[data-testid='open-settings']").await;
    app.close().await;
}
