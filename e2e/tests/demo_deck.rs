//! The walking skeleton, end to end: the built app opens on the demo organisation, a click on
//! Start reaches the simulator as exactly the documented request, and the card says so.

use fantoccini::Locator;
use flowdeck_e2e::App;

#[tokio::test]
async fn start_on_a_demo_card_sends_the_documented_request_and_the_card_shows_it() {
    let app = App::launch().await;

    let band = app
        .browser
        .wait()
        .for_element(Locator::Css(
            "[data-testid='connection-band'][data-kind='demo'] strong",
        ))
        .await
        .expect("the band that names the demo organisation");
    assert_eq!(band.text().await.unwrap(), "Demo organisation");

    let card = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&card, "Editing").await;
    let start = card
        .find(Locator::Css("button[aria-label='Start Weekly newsletter']"))
        .await
        .expect("the card's Start button, named for the workflow");
    start.click().await.unwrap();

    app.wait_for_text(&card, "Start requested").await;
    // The demo applies a command after a moment, and the card re-reads the status.
    app.wait_for_text(&card, "In progress").await;

    let mut posts = app.simulator.requests_with("POST").await;
    posts.retain(|r| r["path"].as_str().unwrap().ends_with("/commands"));
    assert_eq!(posts.len(), 1, "exactly one command was sent: {posts:#?}");
    let request = &posts[0];
    assert_eq!(
        request["path"],
        "/flowdeck-demo/campaign/workflow/execution/WKF-NEWSLETTER/commands"
    );
    let headers = &request["headers"];
    assert_eq!(headers["content-type"], "application/json");
    let issued = app.simulator.issued_tokens().await;
    let bearer = headers["authorization"].as_str().unwrap();
    assert!(
        issued
            .iter()
            .any(|token| bearer == format!("Bearer {token}")),
        "the command carried a token the simulator's IMS issued: {bearer}"
    );
    assert_eq!(headers["cache-control"], "no-cache");
    assert_eq!(headers["x-api-key"], "flowdeck-demo-api-key");
    let body: serde_json::Value = serde_json::from_str(request["body"].as_str().unwrap()).unwrap();
    assert_eq!(body, serde_json::json!({ "method": "start" }));

    app.close().await;
}

/// The installed app's demo organisation answers from the app's own simulator, which nobody
/// can read or steer: what it received includes tokens and Authorization headers, and a fault
/// armed there could make Flowdeck wait. Its steering routes are not even in the binary.
#[tokio::test]
async fn the_demo_runs_on_the_apps_own_simulator_which_serves_no_steering_route() {
    let installed = std::fs::read(flowdeck_e2e::app_path()).expect("the app's binary");
    for steering in ["x-simulator-key", "/_simulator"] {
        assert!(
            !installed
                .windows(steering.len())
                .any(|bytes| bytes == steering.as_bytes()),
            "the app was built with the simulator's steering routes ({steering:?} is in it)"
        );
    }

    let app = App::launch_with(&[("FLOWDECK_DEMO_CAMPAIGN", "")]).await;
    let card = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&card, "Editing").await;
    assert!(
        app.simulator.requests().await.is_empty(),
        "the demo read its statuses from the test's simulator, not its own"
    );
    app.close().await;
}
