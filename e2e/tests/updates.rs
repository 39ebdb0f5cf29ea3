//! Signed updates through the installed .deb: version N, served a signed N+1 by a server on this
//! computer, refuses a tampered artifact and an older version in plain words with nothing
//! installed, then installs N+1 when asked (the system's permission prompt stood in for by a
//! `pkexec` that runs the command as this root test), restarts as N+1, and N+1 finds the
//! connection, its cards and its secret in the keyring as they were.
//!
//! `scripts/build-installers.sh` makes what it serves (`FLOWDECK_UPDATE_TEST`): the key, the
//! test build's updater address (127.0.0.1:47631), the current .deb and the signed next one.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use flowdeck_e2e::{App, Campaign, NewConnection, SignIn};

const UPDATE_ADDRESS: &str = "127.0.0.1:47631";

/// The update address: what it serves, by path, how long it takes to answer, and what it was
/// asked for.
#[derive(Clone, Default)]
struct UpdateServer {
    files: Arc<Mutex<HashMap<String, Vec<u8>>>>,
    answers_after: Arc<Mutex<Duration>>,
    asked: Arc<Mutex<Vec<String>>>,
}

impl UpdateServer {
    fn start() -> Self {
        let server = Self::default();
        let listener = TcpListener::bind(UPDATE_ADDRESS).expect("the update address is free");
        let serving = server.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut reader = BufReader::new(&stream);
                let mut request = String::new();
                if reader.read_line(&mut request).is_err() {
                    continue;
                }
                let mut header = String::new();
                while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                    header.clear();
                }
                let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
                serving.asked.lock().unwrap().push(path.clone());
                let body = serving.files.lock().unwrap().get(&path).cloned();
                std::thread::sleep(*serving.answers_after.lock().unwrap());
                let head = match &body {
                    Some(body) => format!(
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    ),
                    None => {
                        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            .to_owned()
                    }
                };
                let mut stream = &stream;
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body.unwrap_or_default());
            }
        });
        server
    }

    /// A busy server: every answer from now on comes `delay` after the question.
    fn answer_after(&self, delay: Duration) {
        *self.answers_after.lock().unwrap() = delay;
    }

    fn serve(&self, path: &str, body: Vec<u8>) {
        self.files.lock().unwrap().insert(path.to_owned(), body);
    }

    /// Announces `version` at `/next.deb` with `signature`.
    fn announce(&self, version: &str, signature: &str) {
        let manifest = serde_json::json!({
            "version": version,
            "notes": "Cards open faster.",
            "pub_date": "2026-12-05T08:00:00Z",
            "platforms": { "linux-x86_64-deb": {
                "signature": signature,
                "url": format!("http://{UPDATE_ADDRESS}/next.deb"),
            } },
        });
        self.serve("/latest.json", manifest.to_string().into_bytes());
    }

    fn downloads(&self) -> usize {
        self.asked
            .lock()
            .unwrap()
            .iter()
            .filter(|p| *p == "/next.deb")
            .count()
    }
}

fn installed_version() -> String {
    let output = Command::new("dpkg-query")
        .args(["-W", "-f=${Version}", "flowdeck"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Puts version N back whatever happens: the tests after this one drive N.
struct Reinstall(PathBuf);

impl Drop for Reinstall {
    fn drop(&mut self) {
        let status = Command::new("dpkg").arg("-i").arg(&self.0).output();
        assert!(
            status.is_ok_and(|s| s.status.success()),
            "version N reinstalled"
        );
    }
}

/// A `pkexec` that says yes: runs the command (this test runs as root) and notes it.
fn agreeing_pkexec(folder: &Path) -> PathBuf {
    let log = folder.join("pkexec.log");
    let script = folder.join("pkexec");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho \"$*\" >> '{}'\nexec \"$@\"\n",
            log.display()
        ),
    )
    .unwrap();
    Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .unwrap();
    log
}

async fn status_text(app: &App) -> String {
    app.find("[data-testid='update-settings'] [role='status']")
        .await
        .text()
        .await
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_signed_next_version_installs_and_restarts_and_a_tampered_or_older_one_does_not() {
    let made = PathBuf::from(
        std::env::var_os("FLOWDECK_UPDATE_TEST")
            .expect("run by scripts/test.sh, which builds the signed next version"),
    );
    let current = installed_version();
    let next = std::fs::read_to_string(made.join("next-version"))
        .unwrap()
        .trim()
        .to_owned();
    let artifact = std::fs::read(made.join("next.deb")).unwrap();
    let signature = std::fs::read_to_string(made.join("next.deb.sig")).unwrap();
    let _reinstall = Reinstall(made.join("current.deb"));

    let server = UpdateServer::start();
    server.announce(&next, &signature);
    server.serve("/next.deb", artifact.clone());

    let bin = tempfile::tempdir().unwrap();
    let pkexec_log = agreeing_pkexec(bin.path());
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap()
    );
    let config = tempfile::tempdir().unwrap();
    let campaign = Campaign::start();
    let app = App::launch_in(config.path(), &[("PATH", &path)]).await;
    app.card("WKF-NEWSLETTER").await;
    let credentials = campaign.credentials().clone();
    let url = campaign.url();
    app.add_connection(&NewConnection {
        name: "Acme Production",
        kind: "production",
        campaign_url: &url,
        credentials: &credentials,
        sign_in: SignIn::ClientSecret(&credentials.client_secret),
    })
    .await;
    app.show_connection("Acme Production · Production").await;
    app.add_card("WKF-WELCOME").await;

    // The daily look, soon after start-up, offers the next version with what is new.
    let offered = app.find("main > [data-testid='update-offer']").await;
    app.wait_for_text(&offered, &format!("Flowdeck {next} is available."))
        .await;
    app.wait_for_text(&offered, "Cards open faster.").await;
    app.click("main > [data-testid='update-offer'] button:not([data-action])")
        .await;
    assert_eq!(
        server.downloads(),
        0,
        "nothing downloaded before the user agrees"
    );

    // An older version: not offered.
    server.announce("0.0.9", &signature);
    app.click("[data-testid='open-settings']").await;
    let version = app.find("[data-testid='app-version']").await;
    app.wait_for_text(&version, &current).await;
    app.click("button[data-action='check-for-update']").await;
    let status = app
        .find("[data-testid='update-settings'] [role='status']")
        .await;
    app.wait_for_text(
        &status,
        &format!("Flowdeck {current} is the latest version."),
    )
    .await;

    // A tampered artifact: its signature no longer holds; refused, nothing installed.
    server.announce(&next, &signature);
    let mut tampered = artifact.clone();
    tampered.push(0);
    server.serve("/next.deb", tampered);
    app.click("button[data-action='check-for-update']").await;
    let offer = app
        .find("[data-testid='update-settings'] [data-testid='update-offer']")
        .await;
    app.wait_for_text(&offer, &format!("Flowdeck {next} is available."))
        .await;
    app.wait_for_text(&offer, "Cards open faster.").await;
    app.screenshot("settings-update-offer").await;
    app.click("[data-testid='update-settings'] button[data-action='install-update']")
        .await;
    app.wait_for_text(
        &offer,
        "signature does not match Flowdeck's, so it was not installed",
    )
    .await;
    assert_eq!(server.downloads(), 1);
    assert!(
        !pkexec_log.exists(),
        "nothing was handed to the system to install"
    );
    assert_eq!(installed_version(), current);
    assert!(status_text(&app).await.is_empty() || !status_text(&app).await.contains(&next));

    // The signed one: installed with the system's permission, then Flowdeck restarts as it.
    // The server is slow now, so Install (still offered from the last look) is clicked while
    // the look runs: it waits for the look, and installs what the look found.
    server.serve("/next.deb", artifact);
    server.answer_after(Duration::from_secs(2));
    app.click("button[data-action='check-for-update']").await;
    let offer = app
        .find("[data-testid='update-settings'] [data-testid='update-offer']")
        .await;
    app.wait_for_text(&offer, &format!("Flowdeck {next} is available."))
        .await;
    let log = app.log_folder().join("flowdeck.log");
    let restarted_line = format!("Flowdeck {next} starting");
    let before = std::fs::read_to_string(&log)
        .unwrap_or_default()
        .matches(&restarted_line)
        .count();
    app.click("[data-testid='update-settings'] button[data-action='install-update']")
        .await;
    let deadline = Instant::now() + Duration::from_secs(120);
    while std::fs::read_to_string(&log)
        .unwrap_or_default()
        .matches(&restarted_line)
        .count()
        == before
    {
        assert!(
            Instant::now() < deadline,
            "Flowdeck did not restart as {next}"
        );
        if let Ok(refusal) = offer.find(fantoccini::Locator::Css("[role='alert']")).await {
            panic!(
                "the install was refused: {}",
                refusal.text().await.unwrap_or_default()
            );
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(installed_version(), next);
    let asked = std::fs::read_to_string(&pkexec_log).unwrap();
    assert!(asked.starts_with("dpkg -i "), "{asked}");
    // Ends the app under test, and the restarted one with it (one process group).
    drop(app);

    // N+1, launched again: the connection, its cards, and its secret (a sign-in reads the
    // card's status) as they were.
    let app = App::launch_in(config.path(), &[]).await;
    app.show_connection("Acme Production · Production").await;
    let card = app.card("WKF-WELCOME").await;
    app.wait_for_text(&card, "In progress").await;
    app.click("[data-testid='open-settings']").await;
    let version = app.find("[data-testid='app-version']").await;
    app.wait_for_text(&version, &next).await;
    app.close().await;
}
