//! The E2E harness: launches the real built app through tauri-driver (WebKitWebDriver) with a
//! private config folder and its demo organisation pointed at a simulator of the test's own,
//! and reads what that simulator received.
//!
//! Needs a display and a D-Bus session: `scripts/test.sh` runs these tests under Xvfb inside
//! `dbus-run-session`. The app binary comes from `FLOWDECK_APP` (default: the debug build).

pub mod accessibility;
mod campaign;
pub mod keyboard;
pub mod links;
pub mod many_cards;
pub mod notifications;
pub mod tray;
pub mod window;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

pub use campaign::{Campaign, SimulatorAdmin};

const PATIENCE: Duration = Duration::from_secs(20);
/// A cold first start (font caches, WebKit processes) is much slower than the next ones.
const SESSION_PATIENCE: Duration = Duration::from_secs(60);

pub struct App {
    pub browser: Client,
    /// What the demo organisation's Campaign received, and its switches.
    pub simulator: SimulatorAdmin,
    /// Held for its `Drop`: the app lives as long as this value.
    _driver: Driver,
    /// Declared after the driver, so dropped after the app has gone: the demo's Campaign.
    _demo: Campaign,
    config_home: PathBuf,
    /// Set when the config folder is this launch's own, removed with it.
    _owned_config: Option<tempfile::TempDir>,
}

impl App {
    pub async fn launch() -> Self {
        Self::launch_with(&[]).await
    }

    /// Launches with extra environment for the app, e.g. `GTK_THEME` for the dark theme.
    pub async fn launch_with(environment: &[(&str, &str)]) -> Self {
        let owned = tempfile::tempdir().expect("temporary config folder");
        let mut app = Self::launch_in(owned.path(), environment).await;
        app._owned_config = Some(owned);
        app
    }

    /// Launches with the config folder under `config_home`, as a restart would find it.
    pub async fn launch_in(config_home: &Path, environment: &[(&str, &str)]) -> Self {
        Self::launch_with_args(config_home, environment, &[]).await
    }

    /// As `launch_in`, with command-line arguments, as a log-in item starts the app.
    pub async fn launch_with_args(
        config_home: &Path,
        environment: &[(&str, &str)],
        args: &[String],
    ) -> Self {
        let application = app_path();
        assert!(
            application.exists(),
            "no app at {} (build it with `npx tauri build`, or set FLOWDECK_APP)",
            application.display()
        );
        let demo = Campaign::start();
        let launch = Launch {
            application: &application,
            args,
        };
        let (browser, driver) = start(&launch, config_home, Some(&demo), environment).await;
        Self {
            browser,
            simulator: demo.admin.clone(),
            _driver: driver,
            _demo: demo,
            config_home: config_home.to_owned(),
            _owned_config: None,
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

    /// Adds a card through the Add workflow form, as a user would; returns the new card.
    pub async fn add_card(&self, workflow_id: &str) -> Element {
        self.click("header button.primary").await;
        self.fill("input[name='workflowId']", workflow_id).await;
        self.click("form.add-card button[type='submit']").await;
        self.card(workflow_id).await
    }

    /// The first element matching `css`, once it is there.
    pub async fn find(&self, css: &str) -> Element {
        self.browser
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} never appeared: {e}"))
    }

    /// Clicks the element matching `css` once it is shown and enabled, as a person would wait.
    pub async fn click(&self, css: &str) {
        let element = self.clickable(css).await;
        if let Err(error) = element.click().await {
            // What was in the way is what anyone debugging this wants to see.
            self.screenshot("click-failed").await;
            panic!("could not click {css}: {error:?} (see target/screenshots/click-failed.png)");
        }
    }

    /// Clicks a button that hides the window or quits. WebKitWebDriver answers a click only
    /// after the page has drawn again, which a hidden or closed window never does, so the click
    /// is the page's own, dispatched a moment after this call. Whether the call is answered
    /// before the app quits is a race, so its answer is not read: the caller checks what the
    /// click did.
    pub async fn click_closing_the_window(&self, css: &str) {
        let element = self.clickable(css).await;
        let target = serde_json::to_value(&element).unwrap();
        let _ = self
            .browser
            .execute(
                "const button = arguments[0]; setTimeout(() => button.click(), 100);",
                vec![target],
            )
            .await;
    }

    /// The element matching `css`, shown, enabled and scrolled to the middle of the window as
    /// a person scrolls: not under the sticky header.
    async fn clickable(&self, css: &str) -> Element {
        let element = self.find(css).await;
        let deadline = Instant::now() + PATIENCE;
        while !(element.is_displayed().await.unwrap_or(false)
            && element.is_enabled().await.unwrap_or(false))
        {
            assert!(Instant::now() < deadline, "{css} never became clickable");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let target = serde_json::to_value(&element).unwrap();
        self.browser
            .execute(
                "arguments[0].scrollIntoView({ block: 'center' });",
                vec![target],
            )
            .await
            .unwrap();
        element
    }

    /// Replaces the value of the input matching `css` as a person would: select what is there,
    /// then type over it (or delete it), so the page sees real input events.
    pub async fn fill(&self, css: &str, value: &str) {
        use fantoccini::key::Key;
        let input = self.find(css).await;
        let element = serde_json::to_value(&input).unwrap();
        self.browser
            .execute(
                "arguments[0].focus(); arguments[0].select();",
                vec![element],
            )
            .await
            .unwrap();
        let keys = if value.is_empty() {
            Key::Backspace.to_string()
        } else {
            value.to_owned()
        };
        input.send_keys(&keys).await.unwrap();
    }

    /// Chooses the option with `value` in the drop-down matching `css`, as a person picks it.
    pub async fn choose(&self, css: &str, value: &str) {
        self.find(css)
            .await
            .select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("no option {value:?} in {css}: {e}"));
    }

    /// Sets the value of a picker (a date and time field) that WebDriver cannot type into
    /// portably, and tells the page as the picker would.
    pub async fn pick(&self, css: &str, value: &str) {
        let input = serde_json::to_value(self.find(css).await).unwrap();
        self.browser
            .execute(
                "arguments[0].value = arguments[1]; \
                 arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
                vec![input, json!(value)],
            )
            .await
            .unwrap();
    }

    /// From now on, every IPC answer the web view receives (values and errors) is kept in the
    /// page, for `captured_ipc`. Returns whether the hook could be installed.
    pub async fn capture_ipc(&self) -> bool {
        let installed = self
            .browser
            .execute(
                r#"
                // Every IPC answer, value or error, reaches the page through this map of
                // callbacks; `invoke` itself is read-only.
                const callbacks = window.__TAURI_INTERNALS__.callbacks;
                window.__flowdeckCaptured = [];
                const get = Map.prototype.get;
                Object.defineProperty(callbacks, "get", {
                  value(id) {
                    const callback = get.call(this, id);
                    return callback && ((data) => {
                      window.__flowdeckCaptured.push(JSON.stringify(data ?? null));
                      return callback(data);
                    });
                  },
                });
                return callbacks.get !== get;
                "#,
                vec![],
            )
            .await
            .unwrap();
        installed == Value::Bool(true)
    }

    /// Every IPC answer captured since `capture_ipc`, as JSON text.
    pub async fn captured_ipc(&self) -> Vec<String> {
        let captured = self
            .browser
            .execute("return window.__flowdeckCaptured", vec![])
            .await
            .unwrap();
        serde_json::from_value(captured).unwrap()
    }

    /// The folders where the app may write: its config, and its data (logs) without the
    /// keyring's own folder.
    pub fn written_folders(&self) -> Vec<PathBuf> {
        let mut folders = vec![self.config_home.clone()];
        if let Some(data) = std::env::var_os("XDG_DATA_HOME") {
            folders.push(PathBuf::from(data).join("io.flowdeck.desktop"));
        }
        folders
    }

    /// Waits until `element`'s visible text contains `needle`; returns that text.
    pub async fn wait_for_text(&self, element: &Element, needle: &str) -> String {
        self.wait_for_text_within(element, needle, PATIENCE).await
    }

    pub async fn wait_for_text_within(
        &self,
        element: &Element,
        needle: &str,
        patience: Duration,
    ) -> String {
        let deadline = Instant::now() + patience;
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
        let png = screenshot(&self.browser).await;
        std::fs::write(folder.join(format!("{name}.png")), png).unwrap();
    }

    /// Where the app writes its log, `$XDG_DATA_HOME/<identifier>/logs` on Linux.
    pub fn log_folder(&self) -> PathBuf {
        let data = std::env::var_os("XDG_DATA_HOME").expect("run inside scripts/headless.sh");
        PathBuf::from(data).join("io.flowdeck.desktop").join("logs")
    }

    /// Starts the same app again, as a user double-clicking it a second time would, and waits
    /// for that second process to end; `None` if it was still running after 20 s.
    pub fn launch_again(&self) -> Option<std::process::ExitStatus> {
        self.run_second(Command::new(app_path()))
    }

    /// Opens `link` as the desktop does: the installed desktop entry's URL handler (its `Exec`,
    /// `%u` the link) where the app under test is the installed package, else the app with the
    /// link as its one argument. Waits for that launch to end, as `launch_again`.
    pub fn open_link(&self, link: &str) -> Option<std::process::ExitStatus> {
        let handler = links::url_handler(link);
        let mut command = Command::new(&handler[0]);
        command.args(&handler[1..]);
        self.run_second(command)
    }

    fn run_second(&self, mut command: Command) -> Option<std::process::ExitStatus> {
        let mut second = command
            .env("XDG_CONFIG_HOME", &self.config_home)
            .env(DEMO_CAMPAIGN, self.simulator.base_url())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("a second launch");
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if let Some(status) = second.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = second.kill();
        let _ = second.wait();
        None
    }

    /// Starts the same app for the same user on another D-Bus session bus, as a second log-in
    /// or a desktop without a session bus would: the single-instance hand-over cannot reach
    /// this one. In English, whatever the machine's language.
    pub fn launch_on_another_bus(&self) -> OtherProcess {
        use std::os::unix::process::CommandExt;
        Command::new("dbus-run-session")
            .arg("--")
            .arg(app_path())
            .env("XDG_CONFIG_HOME", &self.config_home)
            .env(DEMO_CAMPAIGN, self.simulator.base_url())
            .env("LANG", "en_US.UTF-8")
            .env_remove("LC_ALL")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .map(|child| OtherProcess(Driver(child)))
            .expect("a launch on another bus")
    }

    pub async fn close(self) {
        let _ = self.browser.clone().close().await;
    }

    /// Kills the app at once (SIGKILL), as a crash or a power cut would: nothing gets to
    /// finish a write or clean up.
    pub fn kill(self) {
        self._driver.signal("-KILL");
    }

    /// The app's own config folder, `$XDG_CONFIG_HOME/<identifier>` on Linux.
    pub fn config_folder(&self) -> PathBuf {
        self.config_home.join("io.flowdeck.desktop")
    }

    /// The wall-clock time `secs` from now in the app's own time zone, as a date-time field
    /// writes it (with seconds, so that a test need not wait for the next minute).
    pub async fn local_time_in(&self, secs: u64) -> String {
        self.browser
            .execute(
                "const d = new Date(Date.now() + arguments[0] * 1000);
                 const two = (n) => String(n).padStart(2, '0');
                 return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;",
                vec![json!(secs)],
            )
            .await
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Schedules a one-off `command` for a demo card at `local_time`, and lets the window load
    /// it (it learns of schedules it did not make itself when it next loads them).
    pub async fn schedule_once(&self, workflow_id: &str, command: &str, local_time: &str) {
        self.schedule_once_on("demo", workflow_id, command, local_time)
            .await;
    }

    /// The ID of the connection named `name`, as the backend keeps it.
    pub async fn connection_id(&self, name: &str) -> String {
        let view = self
            .invoke("list_connections", json!({}))
            .await
            .expect("the connections");
        let connections = view["connections"].as_array().expect("a list");
        let found = connections.iter().find(|c| c["name"] == name);
        found.expect("a connection of that name")["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// As `schedule_once`, for a card of connection `connection_id`.
    pub async fn schedule_once_on(
        &self,
        connection_id: &str,
        workflow_id: &str,
        command: &str,
        local_time: &str,
    ) {
        self.invoke(
            "add_schedule",
            json!({ "request": {
                "connectionId": connection_id,
                "workflowId": workflow_id,
                "command": command,
                "localTime": local_time,
                "repeat": "once",
            }}),
        )
        .await
        .expect("scheduled");
        self.click("[data-testid='open-schedules']").await;
        self.click("[data-testid='schedules'] button[data-action='close']")
            .await;
    }

    /// Calls a backend command as the web view does, bypassing the UI; `Err` is its IPC error.
    pub async fn invoke(&self, command: &str, args: Value) -> Result<Value, Value> {
        let answer = self
            .browser
            .execute_async(
                "const [command, args, done] = arguments;
                 window.__TAURI_INTERNALS__.invoke(command, args)
                   .then((ok) => done({ ok }), (error) => done({ error }));",
                vec![json!(command), args],
            )
            .await
            .expect("the script ran");
        match answer.get("error") {
            Some(error) => Err(error.clone()),
            None => Ok(answer["ok"].clone()),
        }
    }
}

/// Another Tauri app, such as the bench's blank baseline, driven as the app under test is.
pub struct OtherApp {
    pub browser: Client,
    _driver: Driver,
    _config: tempfile::TempDir,
}

impl OtherApp {
    /// Launches with extra environment, e.g. to draw as Flowdeck draws.
    pub async fn launch_with(application: &Path, environment: &[(&str, &str)]) -> Self {
        let config = tempfile::tempdir().expect("temporary config folder");
        let launch = Launch {
            application,
            args: &[],
        };
        let (browser, driver) = start(&launch, config.path(), None, environment).await;
        Self {
            browser,
            _driver: driver,
            _config: config,
        }
    }

    pub async fn close(self) {
        let _ = self.browser.clone().close().await;
    }
}

/// Points the app's demo organisation at a simulator other than its own.
const DEMO_CAMPAIGN: &str = "FLOWDECK_DEMO_CAMPAIGN";

/// What tauri-driver starts: the app and its arguments.
struct Launch<'a> {
    application: &'a Path,
    args: &'a [String],
}

/// Starts the app through tauri-driver, once its page is there to drive.
async fn start(
    launch: &Launch<'_>,
    config_home: &Path,
    demo: Option<&Campaign>,
    environment: &[(&str, &str)],
) -> (Client, Driver) {
    let driver_port = free_port();
    let driver = spawn_driver(driver_port, config_home, demo, environment);
    wait_for_port(driver_port);
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "tauri:options".into(),
        json!({ "application": launch.application.to_string_lossy(), "args": launch.args }),
    );
    let browser = tokio::time::timeout(SESSION_PATIENCE, open_session(driver_port, capabilities))
        .await
        .expect("the app did not open within a minute");
    (browser, driver)
}

/// A process the test started beside the app, stopped with its whole group when dropped.
pub struct OtherProcess(Driver);

impl OtherProcess {
    pub fn is_running(&mut self) -> bool {
        self.0.0.try_wait().unwrap().is_none()
    }
}

/// tauri-driver in its own process group; dropping it stops the group, WebKitWebDriver and the
/// app included, even when a test panics half-way through launching.
struct Driver(Child);

impl Driver {
    /// Sends `signal` to the whole group; whether any process was there to get it.
    fn signal(&self, signal: &str) -> bool {
        Command::new("kill")
            .args([signal, "--", &format!("-{}", self.0.id())])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.signal("-TERM");
        let _ = self.0.wait();
        // The app must be gone too before anything launches it again.
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.signal("-0") && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(100));
        }
        self.signal("-KILL");
    }
}

/// How a connection made through the form signs in.
pub enum SignIn<'a> {
    /// The simulator's fixed access token, pasted (kept in memory only).
    PastedToken,
    /// OAuth Server-to-Server with this client secret (kept in the keyring).
    ClientSecret(&'a str),
}

/// A connection as a user fills it in: its name, kind and Campaign address.
pub struct NewConnection<'a> {
    pub name: &'a str,
    /// `production`, `stage` or `development`.
    pub kind: &'a str,
    pub campaign_url: &'a str,
    /// The tenant, API key and pasted token filled in (a client secret is in `sign_in`).
    pub credentials: &'a campaign_simulator::Credentials,
    pub sign_in: SignIn<'a>,
}

impl App {
    /// Adds a connection through the Connections panel, as a user would, and closes the panel.
    pub async fn add_connection(&self, connection: &NewConnection<'_>) {
        let credentials = connection.credentials;
        self.click("[data-testid='open-connections']").await;
        self.click("[data-testid='connections'] .actions > button.primary")
            .await;
        self.fill("input[name='name']", connection.name).await;
        self.fill("input[name='tenant']", &credentials.tenant).await;
        self.choose("select[name='connectionKind']", connection.kind)
            .await;
        self.fill("input[name='apiKey']", &credentials.api_key)
            .await;
        match connection.sign_in {
            SignIn::PastedToken => {
                self.click("input[name='kind'][value='pastedToken']").await;
                self.fill("input[name='accessToken']", &credentials.access_token)
                    .await;
            }
            SignIn::ClientSecret(secret) => {
                self.fill("input[name='clientSecret']", secret).await;
            }
        }
        self.click("[data-testid='connection-form'] summary").await;
        self.fill("input[name='baseUrl']", connection.campaign_url)
            .await;
        if let SignIn::ClientSecret(_) = connection.sign_in {
            self.fill("input[name='imsUrl']", connection.campaign_url)
                .await;
        }
        self.save_connection_form().await;
        self.click("[data-testid='connections'] .panel-header button")
            .await;
    }

    /// Opens the menu of the card `card` (a CSS selector) and chooses its item `item` (a CSS
    /// selector within the menu: `[data-command='restart']`, `[data-action='watch']`…) once
    /// it can be chosen, as `click` waits for a button to be enabled.
    pub async fn choose_in_card_menu(&self, card: &str, item: &str) {
        self.click(&format!("{card} button[data-action='more']"))
            .await;
        let css = format!("{card} [role='menu'] {item}");
        let deadline = Instant::now() + PATIENCE;
        while self
            .find(&css)
            .await
            .attr("aria-disabled")
            .await
            .unwrap()
            .as_deref()
            == Some("true")
        {
            assert!(Instant::now() < deadline, "{css} never became available");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.click(&css).await;
    }

    /// Waits until card `card` (a CSS selector) shows that Notify me is on, or off: the backend
    /// has kept the change.
    pub async fn wait_for_watched(&self, card: &str, watched: bool) {
        let deadline = Instant::now() + PATIENCE;
        let indicator = Locator::Css("[data-testid='watching']");
        loop {
            let shown = self.find(card).await.find(indicator).await.is_ok();
            if shown == watched {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{card} never showed Notify me {}",
                if watched { "on" } else { "off" }
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The `data-testid` of the card holding the keyboard, or nothing.
    pub async fn focused_card(&self) -> String {
        let focused = self
            .browser
            .execute(
                "return document.activeElement?.closest('article')?.dataset.testid ?? ''",
                vec![],
            )
            .await
            .unwrap();
        focused.as_str().unwrap_or_default().to_owned()
    }

    /// Adds a connection as `add_connection` does, shows it, and adds `cards` to its deck: the
    /// window then shows that connection.
    pub async fn add_connection_with_cards(&self, connection: &NewConnection<'_>, cards: &[&str]) {
        self.add_connection(connection).await;
        let kind = match connection.kind {
            "stage" => "Stage",
            "development" => "Development",
            _ => "Production",
        };
        self.show_connection(&format!("{} · {kind}", connection.name))
            .await;
        for card in cards {
            self.add_card(card).await;
        }
    }

    /// Changes a saved connection's tenant through the Connections panel, as a user correcting
    /// it would (saving anyway where Flowdeck warns that another connection uses that tenant),
    /// and closes the panel.
    pub async fn edit_tenant(&self, name: &str, tenant: &str) {
        self.click("[data-testid='open-connections']").await;
        self.click(&format!(
            "[data-testid='connections'] button[aria-label='Edit {name}']"
        ))
        .await;
        self.fill("input[name='tenant']", tenant).await;
        self.save_connection_form().await;
        self.click("[data-testid='connections'] .panel-header button")
            .await;
    }

    /// Submits the connection form and waits until it is saved. A tenant another connection
    /// uses is saved only at a second click, after a warning, as a user who means it would.
    async fn save_connection_form(&self) {
        self.click("[data-testid='connection-form'] button[type='submit']")
            .await;
        let saved_or_warned = self
            .find("[data-testid='connections'] .connection-list, [data-testid='same-tenant']")
            .await;
        if saved_or_warned
            .attr("data-testid")
            .await
            .unwrap()
            .as_deref()
            == Some("same-tenant")
        {
            self.screenshot("connection-same-tenant-warning").await;
            self.click("[data-testid='connection-form'] button[type='submit']")
                .await;
        }
        // Saved once the form gives way to the list again; no words, so in any language.
        self.find("[data-testid='connections'] .connection-list")
            .await;
    }

    /// Shows a connection's deck from the header, as `<name> · <Kind>` reads there, and waits
    /// until its band names it.
    pub async fn show_connection(&self, label: &str) {
        // The option goes on to say how many of its cards need attention, if any.
        let option = format!(".//option[starts-with(normalize-space(.), '{label}')]");
        self.find("[data-testid='connection-switcher']")
            .await
            .select_by(Locator::XPath(&option))
            .await
            .unwrap_or_else(|e| panic!("no connection {label:?} in the header: {e}"));
        let name = label.split(" · ").next().unwrap_or(label);
        let band = self.find("[data-testid='connection-band']").await;
        self.wait_for_text(&band, name).await;
    }
}

/// What the window shows, as PNG. WebKitWebDriver answers a screenshot only after the page's
/// next paint; drawn without compositing (the app's choice on a machine with no GPU), a page
/// where nothing changes never paints again, and the request waited for ever (seen under Xvfb:
/// a mouse moved over the window released it). So a pixel nobody can see changes every few
/// frames until the screenshot is taken.
async fn screenshot(browser: &Client) -> Vec<u8> {
    browser
        .execute(
            "const pixel = document.createElement('div');
             pixel.id = 'flowdeck-e2e-repaint';
             pixel.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;background:#000;pointer-events:none;opacity:0';
             document.body.append(pixel);
             let beat = 0;
             const timer = setInterval(() => { pixel.style.opacity = String(++beat % 2 / 100); }, 30);
             // Never left behind, even if the screenshot is never taken.
             setTimeout(() => { clearInterval(timer); pixel.remove(); }, 15000);
             pixel.stop = () => { clearInterval(timer); pixel.remove(); };",
            vec![],
        )
        .await
        .expect("the page answered");
    let png = browser.screenshot().await.expect("a screenshot");
    browser
        .execute(
            "document.getElementById('flowdeck-e2e-repaint')?.stop();",
            vec![],
        )
        .await
        .expect("the page answered");
    png
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

/// The app under test: `FLOWDECK_APP`, or the debug build.
pub fn app_path() -> PathBuf {
    std::env::var_os("FLOWDECK_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/debug/flowdeck")
        })
}

fn spawn_driver(
    port: u16,
    config_home: &std::path::Path,
    demo: Option<&Campaign>,
    environment: &[(&str, &str)],
) -> Driver {
    use std::os::unix::process::CommandExt;
    let driver = std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into());
    // Each launch gets its own WebKitWebDriver port: the default one may still be held by the
    // previous launch's driver while it shuts down.
    let native_port = free_port();
    let mut command = Command::new(&driver);
    if let Some(demo) = demo {
        // Before `environment`, so that a test can give the demo its own simulator back.
        command.env(DEMO_CAMPAIGN, demo.url());
    }
    command
        .args(["--port", &port.to_string()])
        .args(["--native-port", &native_port.to_string()])
        .envs(environment.iter().copied())
        // Inherited by WebKitWebDriver and from it by the app.
        .env("XDG_CONFIG_HOME", config_home)
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
