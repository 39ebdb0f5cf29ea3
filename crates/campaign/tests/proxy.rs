//! The company proxy: a request to Adobe goes through the proxy the system names (on Linux its
//! `HTTPS_PROXY`; on Windows and macOS also the one in the system's settings, which reqwest's
//! `system-proxy` reads and this machine cannot set), and a request to this computer never does.
//! A proxy that wants a password is told as such, not as Campaign out of reach.
//!
//! The proxy settings are read from the environment when the client is made, so the part under
//! a proxy runs as a child process of this test, with the variable set only there.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::process::Command;
use std::time::Duration;

use campaign_simulator::Switches;
use flowdeck_campaign::{
    AccessToken, Address, ApiKey, BaseUrl, CampaignClient, CampaignError, ProxyProblem,
    ProxyRefusal, Tenant,
};

#[path = "support/campaign.rs"]
mod campaign_support;
use campaign_support::{id, setup};

const CHILD: &str = "FLOWDECK_PROXY_TEST_CHILD";

/// Answers every request with 407, and says which ones it received, a line each.
fn proxy() -> (String, std::sync::mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let (heard, hear) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut line = String::new();
            let _ = BufReader::new(&stream).read_line(&mut line);
            let _ = heard.send(line.trim().to_owned());
            let _ = (&stream).write_all(
                b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });
    (address, hear)
}

#[test]
fn a_request_to_adobe_goes_through_the_systems_proxy() {
    if std::env::var_os(CHILD).is_some() {
        return;
    }
    let (proxy, heard) = proxy();
    let status = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "under_a_proxy",
            "--nocapture",
            "--include-ignored",
        ])
        .env(CHILD, "1")
        .env("HTTPS_PROXY", &proxy)
        .env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .status()
        .unwrap();
    assert!(status.success(), "the part under the proxy failed");
    let first = heard
        .recv_timeout(Duration::from_secs(5))
        .expect("the proxy heard nothing");
    assert_eq!(first, "CONNECT mc.adobe.io:443 HTTP/1.1");
}

/// Run only as the child of the test above, with the proxy set.
#[tokio::test]
#[ignore = "run by a_request_to_adobe_goes_through_the_systems_proxy, under its proxy"]
async fn under_a_proxy() {
    assert!(std::env::var_os(CHILD).is_some(), "run by the proxy test");
    let adobe = Address {
        base_url: BaseUrl::parse("https://mc.adobe.io").unwrap(),
        tenant: Tenant::parse("acme").unwrap(),
        api_key: ApiKey::parse("acme-key").unwrap(),
    };
    let client = CampaignClient::with_timeout(adobe, Duration::from_secs(5)).unwrap();
    let token = AccessToken::new("token".to_owned());
    let workflow = id("WKF1");
    // The proxy answers 407: told as the proxy's, not as Campaign being out of reach.
    let refused = client.read_workflow(&token, &workflow).await;
    assert!(
        matches!(
            refused,
            Err(CampaignError::Proxy(ProxyRefusal {
                problem: ProxyProblem::AuthRequired,
                ..
            }))
        ),
        "{refused:?}"
    );

    // This computer's simulator: straight there, the proxy never asked.
    let local = setup(Switches::default()).await;
    let read = local.client.read_workflow(&local.token, &workflow).await;
    assert!(
        !matches!(read, Err(ref e) if e.to_string().contains("proxy")),
        "{read:?}"
    );
    assert_eq!(local.simulator.requests().len(), 1);
}
