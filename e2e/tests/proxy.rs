//! The Proxy setting through the installed app: a proxy typed in Settings, with a user name,
//! is kept across a restart, its password only in the keyring (never in the settings file);
//! the demo's simulator, on this computer, is never reached through it. The way to Adobe
//! through a real proxy is tested in `crates/campaign/tests/company_proxy.rs`.

use std::net::TcpListener;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use flowdeck_e2e::App;

const PASSWORD: &str = "corp-secret-e2e";

/// The password the app keeps in the keyring for the proxy, if any.
fn keyring_password() -> Option<String> {
    let output = Command::new("secret-tool")
        .args([
            "lookup",
            "service",
            "io.flowdeck.desktop",
            "username",
            "proxy/password",
        ])
        .output()
        .expect("secret-tool (libsecret-tools) runs");
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
        .filter(|password| !password.is_empty())
}

/// A proxy that counts who connects to it and lets nothing through.
fn counting_proxy() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    let connected = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&connected);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            counter.fetch_add(1, Ordering::SeqCst);
            drop(stream);
        }
    });
    (address, connected)
}

#[tokio::test]
async fn a_typed_proxy_is_kept_with_its_password_in_the_keyring_and_the_demo_never_goes_through_it()
{
    let (proxy, connected) = counting_proxy();
    let config = tempfile::tempdir().unwrap();
    let app = App::launch_in(config.path(), &[]).await;
    app.card("WKF-NEWSLETTER").await;

    app.click("[data-testid='open-settings']").await;
    app.click("input[name='proxyMode'][value='manual']").await;
    app.fill("input[name='proxyAddress']", &format!("http://{proxy}"))
        .await;
    app.fill("input[name='proxyUser']", "mia").await;
    app.fill("input[name='proxyPassword']", PASSWORD).await;
    app.click("[data-testid='proxy-settings'] button[type='submit']")
        .await;
    let status = app
        .find("[data-testid='proxy-settings'] [role='status']")
        .await;
    app.wait_for_text(&status, "Proxy saved").await;
    app.screenshot("settings-proxy").await;

    assert_eq!(keyring_password().as_deref(), Some(PASSWORD));
    let settings = std::fs::read_to_string(app.config_folder().join("settings.json")).unwrap();
    assert!(settings.contains(&proxy), "{settings}");
    assert!(settings.contains("mia"), "{settings}");
    assert!(!settings.contains(PASSWORD), "{settings}");

    // The demo's Campaign is on this computer: straight there, the proxy never asked.
    app.click("[data-testid='settings'] button[data-action='close']")
        .await;
    app.click("[data-testid='card-WKF-NEWSLETTER'] button[data-command='start']")
        .await;
    let card = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&card, "In progress").await;
    assert_eq!(app.simulator.commands().await, ["WKF-NEWSLETTER start"]);
    assert_eq!(connected.load(Ordering::SeqCst), 0, "the proxy was asked");
    app.close().await;

    // Kept across a restart, the password not shown again but said to be kept.
    let app = App::launch_in(config.path(), &[]).await;
    app.card("WKF-NEWSLETTER").await;
    app.click("[data-testid='open-settings']").await;
    let address = app.find("input[name='proxyAddress']").await;
    assert_eq!(
        address.prop("value").await.unwrap().as_deref(),
        Some(proxy.as_str())
    );
    let password = app.find("input[name='proxyPassword']").await;
    assert_eq!(password.prop("value").await.unwrap().as_deref(), Some(""));
    let form = app.find("[data-testid='proxy-settings']").await;
    app.wait_for_text(&form, "Saved in your keyring").await;

    // Back to the system's proxy: the password leaves the keyring.
    app.click("input[name='proxyMode'][value='system']").await;
    app.click("[data-testid='proxy-settings'] button[type='submit']")
        .await;
    let status = app
        .find("[data-testid='proxy-settings'] [role='status']")
        .await;
    app.wait_for_text(&status, "Proxy saved").await;
    assert_eq!(keyring_password(), None);
    app.close().await;
}
