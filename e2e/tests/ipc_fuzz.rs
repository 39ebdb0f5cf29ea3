//! The IPC surface fuzzed through the installed app: every command the web view can call, with
//! random and hostile arguments (wrong types, empty, huge and control-character strings, path
//! tricks, unknown connection and workflow IDs). Each call must be refused with Flowdeck's
//! typed error, or by Tauri before the command runs; the app must go on answering; no file of
//! the config folder may change and no command or signal may reach Campaign.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use flowdeck_e2e::App;
use serde_json::{Value, json};

/// Calls per command. Fixed seeds: a failure can be replayed exactly.
const ROUNDS: u64 = 40;
/// Commands that open a native file dialog and wait for a person: their arguments are checked
/// the same way by the connection lookup the other deck commands share.
const NEEDS_A_PERSON: [&str; 3] = ["export_cards", "import_cards", "export_activity"];

/// Each command and its parameters (name, TypeScript type), as the generated bindings list them.
fn commands() -> Vec<(String, Vec<(String, String)>)> {
    let bindings = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts"),
    )
    .expect("the generated bindings");
    bindings
        .lines()
        .filter(|line| line.contains("__TAURI_INVOKE<"))
        .map(|line| {
            let name = line.split("(\"").nth(1).unwrap().split('"').next().unwrap();
            let params = line
                .split_once(": (")
                .unwrap()
                .1
                .split_once(") =>")
                .unwrap()
                .0;
            let params = params
                .split(", ")
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let (name, ty) = p.split_once(": ").unwrap();
                    (name.to_owned(), ty.to_owned())
                })
                .collect();
            (name.to_owned(), params)
        })
        .collect()
}

/// The window's size and place, kept a moment after the window manager settles it: no command
/// touches it.
const WINDOW_STATE: &str = ".window-state.json";

/// Every file of the config folder but the window's geometry, with its bytes.
fn snapshot(folder: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(folder).unwrap().flatten() {
        let path = entry.path();
        if entry.file_name() == WINDOW_STATE {
            continue;
        }
        if path.is_dir() {
            files.extend(snapshot(&path));
        } else {
            files.insert(path.clone(), std::fs::read(&path).unwrap());
        }
    }
    files
}

/// Runs `rounds` calls of one command in the page, each with arguments drawn from the hostile
/// values by a seeded generator; answers what each call gave.
const FUZZ: &str = r#"
const [command, params, rounds, seed, done] = arguments;
let state = seed >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const strings = [
  "", " ", "\u0000\u0007\u001b[2J\r\n", "../../../etc/passwd", "x".repeat(1 << 20),
  "\u{1d54f}".repeat(50000), "no-such-connection", "WKF-" + "Z".repeat(250),
  "<script>alert(1)</script>", "%00%2e%2e%2f", "demo\u0000", "DEMO", " demo",
];
const others = [null, 42, -1, 1e308, 2 ** 53 + 1, 1.5, [], [null, 42], ["x".repeat(1 << 16)], { constructor: 1 }, ["\u0000"]];
const booleans = [true, false];
const pick = (list) => list[Math.floor(random() * list.length)];
(async () => {
  const answers = [];
  for (let round = 0; round < rounds; round++) {
    const args = {};
    for (const [name, type] of params) {
      // A boolean is a valid value for a boolean parameter: not hostile.
      const pool = type === "boolean" ? [...strings, ...others] : [...strings, ...others, ...booleans];
      args[name] = pick(pool);
    }
    try {
      await window.__TAURI_INTERNALS__.invoke(command, args);
      answers.push({ ok: true });
    } catch (error) {
      // Cut by code point: half a surrogate pair is not JSON WebDriver can return.
      answers.push({ ok: false, error: typeof error === "string" ? Array.from(error).slice(0, 300).join("") : error });
    }
  }
  done(answers);
})();
"#;

fn is_typed(error: &Value) -> bool {
    error["code"].is_string() && error["message"].is_string()
}

/// Tauri refusing the arguments before the command runs (the front end's IPC module turns
/// that into its typed `unknown` error).
fn refused_by_tauri(error: &Value) -> bool {
    error
        .as_str()
        .is_some_and(|text| text.contains("invalid args") || text.contains("missing required key"))
}

#[tokio::test]
async fn every_command_refuses_hostile_arguments_with_a_typed_error_and_changes_nothing() {
    let app = App::launch().await;
    let card = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&card, "Editing").await;
    let before = snapshot(&app.config_folder());

    let commands = commands();
    assert!(commands.len() > 30, "the bindings list every command");
    let mut accepted = Vec::new();
    for (index, (command, params)) in commands.iter().enumerate() {
        if NEEDS_A_PERSON.contains(&command.as_str()) {
            continue;
        }
        let answers = app
            .browser
            .execute_async(
                FUZZ,
                vec![
                    json!(command),
                    json!(params),
                    json!(ROUNDS),
                    json!(index as u64 + 1),
                ],
            )
            .await
            .unwrap_or_else(|e| panic!("{command}: the page did not answer: {e}"));
        for answer in answers.as_array().unwrap() {
            if answer["ok"] == true {
                accepted.push(command.clone());
                continue;
            }
            let error = &answer["error"];
            assert!(
                is_typed(error) || refused_by_tauri(error),
                "{command}: neither Flowdeck's typed error nor Tauri's refusal: {error}"
            );
            if let Some(message) = error["message"].as_str() {
                assert!(
                    !message.contains("panicked") && message.len() < 2000,
                    "{command}: {message:.300}"
                );
            }
        }
    }
    accepted.sort();
    accepted.dedup();
    // What may take any argument: reads without parameters, words for the tray and a
    // notification, and a cancel of a schedule that is not there.
    for command in &accepted {
        assert!(
            params_of(&commands, command).is_empty()
                || ["set_tray_menu", "show_notification", "cancel_schedule"]
                    .contains(&command.as_str()),
            "{command} accepted hostile arguments"
        );
    }

    // Still answering, and still showing its cards.
    assert!(app.invoke("app_info", json!({})).await.is_ok());
    app.card("WKF-NEWSLETTER").await;
    let after = snapshot(&app.config_folder());
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "files came or went"
    );
    for (path, bytes) in &before {
        assert!(after[path] == *bytes, "{} changed", path.display());
    }
    let sent = app.simulator.requests_with("POST").await;
    let campaign_posts: Vec<_> = sent
        .iter()
        .filter(|r| r["path"] != "/ims/token/v3")
        .collect();
    assert!(
        campaign_posts.is_empty(),
        "sent to Campaign: {campaign_posts:?}"
    );
    app.close().await;
}

fn params_of<'a>(
    commands: &'a [(String, Vec<(String, String)>)],
    name: &str,
) -> &'a [(String, String)] {
    &commands
        .iter()
        .find(|(command, _)| command == name)
        .unwrap()
        .1
}
