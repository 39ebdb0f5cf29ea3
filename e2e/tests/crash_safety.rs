//! Hard stops, proven: the app is killed (SIGKILL) again and again while it writes cards,
//! settings and the activity log. After each kill every file is whole (the old version or the
//! new one), the app starts without setting anything aside, and every command Campaign
//! received is in the activity log.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use flowdeck_e2e::{App, Campaign, NewConnection, SignIn};
use serde_json::{Value, json};

const KILLS: u64 = 6;
const CONNECTION: &str = "Crash Stage";
const WORKFLOWS: [&str; 4] = [
    "WKF-NEWSLETTER",
    "WKF-WELCOME",
    "WKF-BIRTHDAY",
    "WKF-CRM-IMPORT",
];

/// Keeps the backend writing, without waiting for answers: a command to each card in turn,
/// the settings, and the card order, every few milliseconds, until the app is killed.
const WRITE_STORM: &str = r#"
    const [connectionId, revision, workflows] = arguments;
    const invoke = window.__TAURI_INTERNALS__.invoke;
    const commands = ["start", "pause", "resume", "stop"];
    let n = 0;
    setInterval(() => {
        const workflowId = workflows[n % workflows.length];
        const command = commands[Math.floor(n / workflows.length) % commands.length];
        invoke("send_command", { connectionId, revision, workflowId, command }).catch(() => {});
        invoke("save_settings", { settings: { language: n % 2 ? "de" : "en", refreshSeconds: 60, trayExplained: false, startAtLoginOffered: false, checkForUpdates: true } }).catch(() => {});
        invoke("move_card", { connectionId, workflowId, position: n % workflows.length }).catch(() => {});
        n += 1;
    }, 4);
"#;

async fn connection_id(app: &App) -> String {
    let connections = app.invoke("list_connections", json!({})).await.unwrap();
    connections["connections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == CONNECTION)
        .map(|p| p["id"].as_str().unwrap().to_owned())
        .expect("the connection was saved")
}

/// Every JSON file under `folder` parses, and every whole line of a journal; returns how many
/// files there were.
fn assert_every_file_is_whole(folder: &Path) -> usize {
    let mut whole = 0;
    for entry in std::fs::read_dir(folder).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            whole += assert_every_file_is_whole(&path);
        } else if name.ends_with(".json") {
            let text = std::fs::read(&path).unwrap();
            let parsed = serde_json::from_slice::<Value>(&text);
            assert!(parsed.is_ok(), "{} is torn: {parsed:?}", path.display());
            whole += 1;
        } else if name.ends_with(".journal") {
            // Appended line by line: each whole line reads; only a last one cut short by the
            // kill may not, and the next start cuts it off.
            let text = std::fs::read(&path).unwrap();
            for line in text.split_inclusive(|&b| b == b'\n') {
                if let Some(whole_line) = line.strip_suffix(b"\n") {
                    let parsed = serde_json::from_slice::<Value>(whole_line);
                    assert!(
                        parsed.is_ok(),
                        "{} has a torn line: {parsed:?}",
                        path.display()
                    );
                }
            }
            whole += 1;
        } else if name == "flowdeck.lock" {
            // Empty: only the OS lock on it counts, and a killed process lets that go.
            assert!(
                std::fs::read(&path).unwrap().is_empty(),
                "{} has content",
                path.display()
            );
        } else {
            // A killed write leaves only its own temporary file, removed at the next start.
            assert!(
                name.starts_with('.') && name.ends_with(".tmp"),
                "unexpected file {}",
                path.display()
            );
        }
    }
    whole
}

fn nothing_set_aside(folder: &Path) -> bool {
    let names: Vec<String> = walk(folder);
    names.iter().all(|n| !n.contains("unreadable"))
}

fn walk(folder: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap().flatten() {
        if entry.path().is_dir() {
            names.extend(walk(&entry.path()));
        } else {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    names
}

/// `<workflow> <command>` → how often, for the commands the activity log holds.
fn logged_commands(config: &Path) -> HashMap<String, usize> {
    let log: Value =
        serde_json::from_slice(&std::fs::read(config.join("activity.json")).unwrap()).unwrap();
    let mut counts = HashMap::new();
    for entry in log["entries"].as_array().unwrap() {
        if entry["connection"] == CONNECTION {
            let key = format!(
                "{} {}",
                entry["workflowId"].as_str().unwrap(),
                entry["command"].as_str().unwrap()
            );
            *counts.entry(key).or_default() += 1;
        }
    }
    counts
}

#[tokio::test(flavor = "multi_thread")]
async fn killed_while_writing_every_file_stays_whole_and_no_sent_command_is_lost() {
    let campaign = Campaign::start();
    let home = tempfile::tempdir().unwrap();
    let secret = campaign_simulator::demo::credentials().client_secret;

    for kill in 0..KILLS {
        let app = App::launch_in(home.path(), &[]).await;
        if kill == 0 {
            let url = campaign.url();
            app.add_connection(&NewConnection {
                name: CONNECTION,
                kind: "stage",
                campaign_url: &url,
                credentials: campaign.credentials(),
                sign_in: SignIn::ClientSecret(&secret),
            })
            .await;
        }
        let connection = connection_id(&app).await;
        if kill == 0 {
            for workflow in WORKFLOWS {
                let label = format!("Card {workflow}");
                let args =
                    json!({ "connectionId": connection, "workflowId": workflow, "label": label });
                app.invoke("add_card", args).await.unwrap();
            }
        }
        let config = app.config_folder();
        assert!(
            nothing_set_aside(&config),
            "the app found a damaged file after kill {kill}"
        );
        // What the window's commands name: the connection as this launch opened it.
        let deck = app
            .invoke("open_deck", json!({ "connectionId": connection }))
            .await
            .unwrap();
        let revision = deck["organisation"]["revision"].clone();
        app.browser
            .execute(
                WRITE_STORM,
                vec![json!(connection), revision, json!(WORKFLOWS)],
            )
            .await
            .unwrap();
        // A different moment in the storm each time.
        tokio::time::sleep(Duration::from_millis(400 + 170 * kill)).await;
        app.kill();
        assert!(assert_every_file_is_whole(&config) >= 4);
        // The storm's calls go unanswered; that they were taken shows in the files they wrote.
        assert!(
            config.join("settings.json").exists(),
            "the storm's settings were never saved"
        );
    }

    let app = App::launch_in(home.path(), &[]).await;
    let config = app.config_folder();
    assert!(nothing_set_aside(&config));
    let cards = app
        .invoke(
            "open_deck",
            json!({ "connectionId": connection_id(&app).await }),
        )
        .await
        .unwrap();
    assert_eq!(
        cards["cards"].as_array().unwrap().len(),
        WORKFLOWS.len(),
        "every card survived"
    );
    app.close().await;

    let received = campaign.admin.commands().await;
    assert!(
        received.len() >= KILLS as usize * 3,
        "the storm reached Campaign ({} commands)",
        received.len()
    );
    let logged = logged_commands(&config);
    let mut sent: HashMap<String, usize> = HashMap::new();
    for command in &received {
        *sent.entry(command.clone()).or_default() += 1;
    }
    for (command, times) in &sent {
        assert!(
            logged.get(command).copied().unwrap_or(0) >= *times,
            "Campaign received {command} {times} times; the log has {:?}",
            logged.get(command)
        );
    }
    println!(
        "{KILLS} kills survived; {} commands received, each in the activity log",
        received.len()
    );
}
