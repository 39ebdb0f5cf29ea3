//! A real connection, end to end: a connection created through the UI with OAuth credentials,
//! a command, a wait past the token's expiry, another command (one renewal, no failed
//! command), and then no secret or token anywhere the app writes or shows.

use std::time::{Duration, Instant};

use flowdeck_e2e::App;
use serde_json::{Value, json};

const CLIENT_SECRET: &str = "flowdeck-demo-client-secret";
const TOKEN_LIFETIME: Duration = Duration::from_secs(10);

#[tokio::test]
async fn an_oauth_connection_renews_its_token_once_and_leaks_no_secret() {
    let app = App::launch().await;
    app.card("WKF-NEWSLETTER").await;
    assert!(
        app.capture_ipc().await,
        "the IPC capture hook could not be installed"
    );
    app.simulator
        .set_switches(json!({ "tokenLifetimeSecs": TOKEN_LIFETIME.as_secs() }))
        .await;
    let already = app.simulator.requests().await.len();

    // Create the connection through the UI.
    app.click("[data-testid='open-connections']").await;
    app.click("[data-testid='connections'] .actions > button.primary")
        .await;
    app.fill("input[name='name']", "Stage").await;
    app.fill("input[name='tenant']", "flowdeck-demo").await;
    app.choose("select[name='connectionKind']", "stage").await;
    app.fill("input[name='apiKey']", "flowdeck-demo-api-key")
        .await;
    app.fill("input[name='clientSecret']", CLIENT_SECRET).await;
    app.click("[data-testid='connection-form'] summary").await;
    let simulator = app.simulator.base_url();
    app.fill("input[name='baseUrl']", &simulator).await;
    app.fill("input[name='imsUrl']", &simulator).await;
    app.screenshot("connection-form").await;
    app.click("[data-testid='connection-form'] button[type='submit']")
        .await;

    app.click("button[aria-label='Test connection: Stage']")
        .await;
    let result = app.find("[data-testid='test-result']").await;
    app.wait_for_text(&result, "Connected").await;
    let first_token_at = Instant::now();
    app.screenshot("connections-list").await;

    // Open it and put two workflows on its deck.
    app.find("[data-testid='connection-switcher']")
        .await
        .select_by_label("Stage · Stage")
        .await
        .unwrap();
    app.click("[data-testid='connections'] .panel-header button")
        .await;
    for workflow in ["WKF-NEWSLETTER", "WKF-CRM-IMPORT"] {
        app.add_card(workflow).await;
    }

    let newsletter = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&newsletter, "Editing").await;
    app.click("button[aria-label='Start Weekly newsletter']")
        .await;
    app.wait_for_text(&newsletter, "Start requested").await;

    let past_expiry = first_token_at + TOKEN_LIFETIME + Duration::from_millis(500);
    tokio::time::sleep(past_expiry.saturating_duration_since(Instant::now())).await;
    let import = app.card("WKF-CRM-IMPORT").await;
    app.click("button[aria-label='Start Nightly CRM import']")
        .await;
    // It has finished: Start runs it again, which Flowdeck asks about first.
    app.click("[data-testid='card-WKF-CRM-IMPORT'] .confirm button.danger")
        .await;
    app.wait_for_text(&import, "Start requested").await;

    // What Campaign and IMS saw since the connection was created.
    let requests: Vec<Value> = app.simulator.requests().await.split_off(already);
    let ims: Vec<&Value> = requests
        .iter()
        .filter(|r| r["path"] == "/ims/token/v3")
        .collect();
    assert_eq!(ims.len(), 2, "one token, then one renewal: {ims:#?}");
    assert!(ims.iter().all(|r| r["status"] == 200));
    let campaign: Vec<&Value> = requests
        .iter()
        .filter(|r| r["path"] != "/ims/token/v3")
        .collect();
    assert!(
        campaign.iter().all(|r| r["status"] != 401),
        "no command or read failed on an expired token"
    );
    let commands: Vec<&&Value> = campaign.iter().filter(|r| r["method"] == "POST").collect();
    assert_eq!(commands.len(), 2, "each Start was sent exactly once");
    assert!(commands.iter().all(|r| r["status"] == 204));
    assert_ne!(
        commands[0]["headers"]["authorization"], commands[1]["headers"]["authorization"],
        "the second command went out with the renewed token"
    );

    // The log tells what happened (so the search below reads a real log)...
    let log = std::fs::read_to_string(app.log_folder().join("flowdeck.log")).unwrap();
    assert!(log.contains("start WKF-CRM-IMPORT accepted"), "{log}");

    // ...and no secret and no token is where the app writes, nor in anything the web view
    // received.
    let mut secrets = app.simulator.issued_tokens().await;
    assert!(secrets.len() >= 2);
    secrets.push(CLIENT_SECRET.to_owned());
    let captured = app.captured_ipc().await;
    assert!(
        captured.len() > 10,
        "the capture saw the session's IPC: {captured:?}"
    );
    for secret in &secrets {
        for answer in &captured {
            assert!(
                !answer.contains(secret.as_str()),
                "an IPC answer carried a secret: {answer}"
            );
        }
        for folder in app.written_folders() {
            assert_no_file_contains(&folder, secret);
        }
    }
    app.screenshot("connections-stage").await;
    app.close().await;
}

fn assert_no_file_contains(folder: &std::path::Path, secret: &str) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            assert_no_file_contains(&path, secret);
        } else {
            let bytes = std::fs::read(&path).unwrap();
            assert!(
                !String::from_utf8_lossy(&bytes).contains(secret),
                "{} holds a secret",
                path.display()
            );
        }
    }
}
