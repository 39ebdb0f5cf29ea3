//! The E2E harness: launches the real built app through tauri-driver (WebKitWebDriver) with a private config
//! folder and a known demo-simulator port, and reads what that simulator received.
//!
//! Needs a display and a D-Bus session: `scripts/test.sh` runs these tests under Xvfb inside
//! `dbus-run-session`. The app binary comes from `FLOWDECK_APP` (default: the debug build).

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

const PATIENCE: Duration = Duration::from_secs(20);
/// A cold first start (font caches, WebKit processes) is much slower than the next ones.
const SESSION_PATIENCE: Duration = Duration::from_secs(60);

pub struct App {
    pub browser: Client,
    pub simulator: SimulatorAdmin,
    /// Held for its `Drop`: the app lives as long as this value.
    _driver: Driver,
    _config_home: tempfile::TempDir,
}

impl App {
    pub async fn launch() -> Self {
        Self::launch_with(&[]).await
    }

    /// Launches with extra environment for the app, e.g. `GTK_THEME` for the dark theme.
    pub async fn launch_with(environment: &[(&str, &str)]) -> Self {
        let application = app_path();
        assert!(
            application.exists(),
            "no app at {} (build it with `npx tauri build --debug --no-bundle`, or set FLOWDECK_APP)",
            application.display()
        );
        let config_home = tempfile::tempdir().expect("temporary config folder");
        let demo_port = free_port();
        let driver_port = free_port();
        let driver = spawn_driver(driver_port, config_home.path(), demo_port, environment);
        wait_for_port(driver_port);

        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "tauri:options".into(),
            json!({ "application": application.to_string_lossy() }),
        );
        let browser =
            tokio::time::timeout(SESSION_PATIENCE, open_session(driver_port, capabilities))
                .await
                .expect("the app did not open within a minute");
        Self {
            browser,
            simulator: SimulatorAdmin::new(demo_port),
            _driver: driver,
            _config_home: config_home,
        }
    }

    /// The card of one workflow, once the deck has loaded.
    pub async fn card(&self, workflow_id: &str) -> Element {
        self.browser
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(&format!("[data-testid='card-{workflow_id}']")))
            .await
            .unwrap_or_else(|e| panic!("card {workflow_id} never appeared: {e}"))
    }

    /// Waits until `element`'s visible text contains `needle`; returns that text.
    pub async fn wait_for_text(&self, element: &Element, needle: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let text = element.text().await.unwrap_or_default();
            if text.contains(needle) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "never saw {needle:?}; last text: {text:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Saves what the window shows to `target/screenshots/<name>.png`, for people to look at.
    pub async fn screenshot(&self, name: &str) {
        let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
        std::fs::create_dir_all(&folder).unwrap();
        let png = self.browser.screenshot().await.expect("a screenshot");
        std::fs::write(folder.join(format!("{name}.png")), png).unwrap();
    }

    pub async fn close(self) {
        let _ = self.browser.clone().close().await;
    }
}

/// tauri-driver in its own process group; dropping it stops the group, WebKitWebDriver and the
/// app included, even when a test panics half-way through launching.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.0.wait();
    }
}

/// The demo simulator's inspection API.
pub struct SimulatorAdmin {
    base: String,
    http: reqwest::Client,
}

impl SimulatorAdmin {
    fn new(port: u16) -> Self {
        Self {
            base: format!("http://127.0.0.1:{port}/_simulator"),
            http: reqwest::Client::builder().no_proxy().build().unwrap(),
        }
    }

    pub async fn requests(&self) -> Vec<Value> {
        let response = self
            .http
            .get(format!("{}/requests", self.base))
            .send()
            .await
            .unwrap();
        response.json().await.unwrap()
    }

    /// The Campaign requests received with this method.
    pub async fn requests_with(&self, method: &str) -> Vec<Value> {
        let mut requests = self.requests().await;
        requests.retain(|r| r["method"] == method);
        requests
    }
}

/// tauri-driver listens before WebKitWebDriver behind it is ready; until then a session
/// request is cut off, so it is tried again a few times.
async fn open_session(driver_port: u16, capabilities: serde_json::Map<String, Value>) -> Client {
    let mut builder = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
    builder.capabilities(capabilities);
    let driver_url = format!("http://127.0.0.1:{driver_port}");
    let mut attempts = 0;
    loop {
        match builder.connect(&driver_url).await {
            Ok(client) => return client,
            Err(error) if attempts < 5 => {
                attempts += 1;
                eprintln!("session not ready ({error}); trying again");
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            Err(error) => panic!("no WebDriver session with the app: {error}"),
        }
    }
}

fn app_path() -> PathBuf {
    std::env::var_os("FLOWDECK_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/debug/flowdeck")
        })
}

fn spawn_driver(
    port: u16,
    config_home: &std::path::Path,
    demo_port: u16,
    environment: &[(&str, &str)],
) -> Driver {
    use std::os::unix::process::CommandExt;
    let driver = std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into());
    // Each launch gets its own WebKitWebDriver port: the default one may still be held by the
    // previous launch's driver while it shuts down.
    let native_port = free_port();
    Command::new(&driver)
        .args(["--port", &port.to_string()])
        .args(["--native-port", &native_port.to_string()])
        .envs(environment.iter().copied())
        // Inherited by WebKitWebDriver and from it by the app.
        .env("XDG_CONFIG_HOME", config_home)
        .env("FLOWDECK_DEMO_PORT", demo_port.to_string())
        .stdout(Stdio::null())
        // Its own process group, so that stopping it also stops WebKitWebDriver and the app.
        .process_group(0)
        .spawn()
        .map(Driver)
        .unwrap_or_else(|e| panic!("could not start {driver}: {e}"))
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().unwrap().port()
}

fn wait_for_port(port: u16) {
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let deadline = Instant::now() + PATIENCE;
    while TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_err() {
        assert!(
            Instant::now() < deadline,
            "tauri-driver never listened on {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
