//! The session as the shell sees it: one owner that opens what it can, tells what it could
//! not, and decides closing from what is saved.

use std::path::Path;
use std::sync::Arc;

use campaign_simulator::Switches;
use flowdeck_campaign::WorkflowCommand;
use flowdeck_secrets::{MemorySecrets, SecretStore};
use flowdeck_store::{ConnectionKind, Repeat};
use jiff::tz::TimeZone;

use super::*;
use crate::clock::HeldClock;
use crate::closing::CloseAsked;
use crate::files::SetAsideReason;
use crate::test_support::{connect, simulator};

/// Held at one instant in UTC: what is due never depends on when the test runs.
const NOW: &str = "2026-12-03T05:00Z";

async fn open(config: &Path) -> Session {
    let secrets = Arc::new(MemorySecrets::default()) as Arc<dyn SecretStore>;
    let clock = Arc::new(HeldClock::new(NOW.parse().unwrap(), &TimeZone::UTC));
    let folder = FolderLock::acquire(config).unwrap();
    Session::open(folder, secrets, clock, Duration::from_secs(1)).await
}

fn tomorrow_start(connection: &str, workflow: &str) -> ScheduleRequest {
    ScheduleRequest {
        connection_id: connection.into(),
        workflow_id: workflow.into(),
        command: WorkflowCommand::Start,
        local_time: "2026-12-04T06:00".into(),
        repeat: Repeat::Once,
    }
}

#[tokio::test]
async fn the_deck_view_tells_of_every_file_set_aside_at_start_up() {
    let config = tempfile::tempdir().unwrap();
    std::fs::write(config.path().join("settings.json"), "not json").unwrap();
    std::fs::write(config.path().join("schedules.json"), "not json").unwrap();
    let session = open(config.path()).await;

    let view = session.deck_view("demo").await.unwrap();

    let unreadable: Vec<&str> = view
        .set_aside_files
        .iter()
        .filter(|file| file.reason == SetAsideReason::Unreadable)
        .map(|file| file.path.as_str())
        .collect();
    assert_eq!(unreadable.len(), 2, "{unreadable:?}");
    assert!(unreadable.iter().any(|p| p.contains("settings")));
    assert!(unreadable.iter().any(|p| p.contains("schedules")));
    assert!(!view.cards.is_empty(), "the demo deck still opens");
}

#[tokio::test]
async fn reading_a_deck_writes_nothing() {
    let config = tempfile::tempdir().unwrap();
    let session = open(config.path()).await;
    session.deck_view("demo").await.unwrap();
    let before = crate::test_support::config_contents(config.path());
    session.deck_view("demo").await.unwrap();
    assert_eq!(crate::test_support::config_contents(config.path()), before);
}

#[tokio::test]
async fn deleting_a_connection_takes_its_schedules_and_leaves_the_others() {
    let config = tempfile::tempdir().unwrap();
    let session = open(config.path()).await;
    let sim = simulator(Switches::default()).await;
    let connections = session.connections().unwrap();
    let stage = connect(
        connections,
        &sim,
        "Stage",
        ConnectionKind::Stage,
        &["WKF-WELCOME"],
    )
    .await;
    let prod = connect(
        connections,
        &sim,
        "Production",
        ConnectionKind::Production,
        &["WKF-WELCOME"],
    )
    .await;
    session
        .add_schedule(&tomorrow_start(&stage.id, "WKF-WELCOME"))
        .await
        .unwrap();
    session
        .add_schedule(&tomorrow_start(&prod.id, "WKF-WELCOME"))
        .await
        .unwrap();

    session.delete_connection(&stage.id).await.unwrap();

    let left: Vec<String> = session
        .list_schedules()
        .unwrap()
        .schedules
        .into_iter()
        .map(|s| s.schedule.connection_id.to_string())
        .collect();
    assert_eq!(left, vec![prod.id.clone()]);
    assert!(session.deck_view(&stage.id).await.is_err());
}

#[tokio::test]
async fn a_part_that_could_not_be_opened_answers_with_why_and_the_rest_works() {
    let config = tempfile::tempdir().unwrap();
    // A folder where the schedules file should be: it can be neither read nor set aside.
    std::fs::create_dir(config.path().join("schedules.json")).unwrap();
    std::fs::write(config.path().join("schedules.json").join("x"), "").unwrap();
    let session = open(config.path()).await;

    assert!(matches!(
        session.list_schedules(),
        Err(SessionError::NotOpened(_))
    ));
    assert!(session.deck_view("demo").await.is_ok());
    assert!(session.background_work().await.is_idle());
}

#[tokio::test]
async fn keeping_flowdeck_in_the_tray_is_explained_once_even_across_a_restart() {
    let config = tempfile::tempdir().unwrap();
    let session = open(config.path()).await;
    let deck = session.connections().unwrap().deck("demo").await.unwrap();
    let watched = deck.cards()[0].workflow_id.to_string();
    deck.set_watched(&[watched], true).unwrap();

    let CloseStep::Ask(asked) = session.close_requested(true).await else {
        panic!("the first close with work asks");
    };
    assert_eq!(asked.question, CloseQuestion::KeepRunning);
    assert_eq!(
        session.close_answered(CloseAnswer::KeepRunning),
        CloseStep::Hide {
            tray_now_explained: true
        }
    );
    drop(session);

    let again = open(config.path()).await;
    assert_eq!(
        again.close_requested(true).await,
        CloseStep::Hide {
            tray_now_explained: false
        }
    );
}

#[tokio::test]
async fn closing_again_while_the_window_asks_quits_and_forgets_the_question() {
    let config = tempfile::tempdir().unwrap();
    let session = open(config.path()).await;
    let deck = session.connections().unwrap().deck("demo").await.unwrap();
    deck.set_watched(&[deck.cards()[0].workflow_id.to_string()], true)
        .unwrap();

    assert!(matches!(session.quit_requested().await, CloseStep::Ask(_)));
    assert_eq!(session.close_requested(true).await, CloseStep::Quit);
    // The question is gone: the next close decides afresh.
    assert!(matches!(
        session.close_requested(false).await,
        CloseStep::Ask(CloseAsked {
            question: CloseQuestion::QuitWithoutTray,
            ..
        })
    ));
}

/// What an earlier Flowdeck saved while connections were called profiles still opens: the
/// connection list under its earlier file name, the activity log and the schedules.
#[tokio::test]
async fn files_saved_when_connections_were_called_profiles_still_open() {
    let config = tempfile::tempdir().unwrap();
    let id = "0b6c3f1e-8a59-4b7e-9e5a-2f7c1d9a4b10";
    let files = [
        (
            "profiles.json",
            format!(
                r#"{{"schemaVersion":1,"profiles":[{{"id":"{id}","name":"Acme Production","kind":"production","connection":{{"baseUrl":"https://mc.adobe.io","tenant":"acme","apiKey":"acme-key"}},"auth":{{"kind":"pastedToken"}}}}],"selected":"{id}"}}"#
            ),
        ),
        (
            "activity.json",
            format!(
                r#"{{"schemaVersion":1,"entries":[{{"seq":1,"atMs":5,"profileId":"{id}","profile":"Acme Production","kind":"production","workflowId":"WKF1","command":"pause","outcome":"accepted","httpStatus":204,"adobeCode":null,"requestId":null,"error":null}}]}}"#
            ),
        ),
        (
            "schedules.json",
            format!(
                r#"{{"schemaVersion":1,"schedules":[{{"id":"s1","profileId":"{id}","workflowId":"WKF1","command":"start","localTime":"2026-12-04T06:00","repeat":"once","handledThroughMs":null,"last":null,"createdMs":1}}],"paused":false}}"#
            ),
        ),
    ];
    for (name, contents) in &files {
        std::fs::write(config.path().join(name), contents).unwrap();
    }

    let session = open(config.path()).await;

    let connections = session.connections().unwrap();
    assert!(
        connections
            .list()
            .await
            .iter()
            .any(|c| c.id == id && c.name == "Acme Production" && c.tenant == "acme")
    );
    assert_eq!(connections.last_opened().to_string(), id);
    assert!(connections.set_aside().is_empty());
    let logged = &connections.activity().entries()[0].activity;
    assert_eq!(logged.connection, "Acme Production");
    assert_eq!(logged.connection_id.as_ref().map(|c| c.as_str()), Some(id));
    let schedules = session.list_schedules().unwrap().schedules;
    assert_eq!(schedules[0].schedule.connection_id, id);
    assert!(config.path().join("connections.json").exists());
    assert!(!config.path().join("profiles.json").exists());
}
