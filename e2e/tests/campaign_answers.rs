//! What the app says about answers that are not what they seem: a web server that is not
//! Campaign, and a refusal in which Campaign says why.

use flowdeck_e2e::{App, NewConnection, SignIn};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Any web server: 404 to every path, in no shape of Adobe's.
async fn plain_web_server() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut request = [0_u8; 4096];
            let _ = socket.read(&mut request).await;
            let body = "<html><body><h1>404 Not Found</h1></body></html>";
            let answer = format!(
                "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = socket.write_all(answer.as_bytes()).await;
        }
    });
    format!("http://{address}")
}

#[tokio::test(flavor = "multi_thread")]
async fn test_connection_against_a_web_server_that_is_not_campaign_says_so() {
    let app = App::launch().await;
    app.card("WKF-NEWSLETTER").await;
    let url = plain_web_server().await;
    app.add_connection(&NewConnection {
        name: "Typo",
        kind: "development",
        campaign_url: &url,
        credentials: &campaign_simulator::demo::credentials(),
        sign_in: SignIn::PastedToken,
    })
    .await;
    app.click("[data-testid='open-connections']").await;
    app.click("button[aria-label='Test connection: Typo']")
        .await;
    let alert = app
        .find("[data-testid='connections'] .connection-row [role='alert']")
        .await;
    app.wait_for_text(&alert, "it is not Adobe Campaign").await;
    let text = alert.text().await.unwrap();
    assert!(text.contains("Check the Campaign API address"), "{text}");
    let row_text = app
        .find("[data-testid='connections'] .connection-list")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !row_text.contains("Connected: Flowdeck reached Campaign"),
        "{row_text}"
    );
    let typo_row = app
        .find("[data-testid='connections'] .connection-row:last-child")
        .await;
    assert!(
        typo_row
            .find_all(fantoccini::Locator::Css("[data-testid='credential']"))
            .await
            .unwrap()
            .is_empty(),
        "no Connected badge beside a verdict that it is not Campaign: {row_text}"
    );
    app.screenshot("test-connection-not-campaign").await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refusal_in_which_campaign_says_why_shows_its_reason() {
    let app = App::launch().await;
    // No status in the record: every button stays available and Campaign decides.
    app.simulator
        .set_switches(json!({ "recordStatus": "absent" }))
        .await;
    let card = app.card("WKF-CRM-IMPORT").await;
    app.click("[data-testid='card-WKF-CRM-IMPORT'] button[data-command='pause']")
        .await;
    let alert = app
        .find("[data-testid='card-WKF-CRM-IMPORT'] [role='alert']")
        .await;
    app.wait_for_text(&alert, "Campaign refused “Pause” and says: XTK-170006")
        .await;
    let text = alert.text().await.unwrap();
    assert!(text.contains("in its current state"), "{text}");
    assert!(!text.contains("Try again later"), "{text}");
    assert!(!card.text().await.unwrap().contains("Pause requested"));
    assert_eq!(
        app.simulator.commands().await,
        ["WKF-CRM-IMPORT pause"],
        "sent once, not retried"
    );
    app.screenshot("refusal-with-reason").await;
    app.close().await;
}
