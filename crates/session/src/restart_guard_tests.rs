//! An update's restart waits for what it would interrupt: a command on its way, a schedule due.

use std::sync::Arc;
use std::time::Duration;

use campaign_simulator::Switches;
use flowdeck_campaign::WorkflowCommand;
use flowdeck_secrets::{MemorySecrets, SecretStore};
use flowdeck_store::{ConnectionKind, Repeat};
use jiff::tz::TimeZone;

use super::*;
use crate::clock::HeldClock;
use crate::test_support::{connect, simulator};
use crate::{FolderLock, ScheduleRequest};

async fn open(config: &std::path::Path) -> Session {
    let secrets = Arc::new(MemorySecrets::default()) as Arc<dyn SecretStore>;
    let clock = Arc::new(HeldClock::new(
        "2026-12-03T05:00Z".parse().unwrap(),
        &TimeZone::UTC,
    ));
    let folder = FolderLock::acquire(config).unwrap();
    Session::open(folder, secrets, clock, Duration::from_secs(1)).await
}

fn start_at(connection: &str, local_time: &str) -> ScheduleRequest {
    ScheduleRequest {
        connection_id: connection.into(),
        workflow_id: "WKF-NEWSLETTER".into(),
        command: WorkflowCommand::Start,
        local_time: local_time.into(),
        repeat: Repeat::Once,
    }
}

#[tokio::test]
async fn a_schedule_due_within_ten_minutes_holds_a_restart_and_a_later_one_does_not() {
    let config = tempfile::tempdir().unwrap();
    let session = open(config.path()).await;
    assert_eq!(session.restart_would_interrupt(), None);

    session
        .add_schedule(&start_at("demo", "2026-12-03T07:00"))
        .await
        .unwrap();
    assert_eq!(session.restart_would_interrupt(), None, "due in two hours");

    session
        .add_schedule(&start_at("demo", "2026-12-03T05:08"))
        .await
        .unwrap();
    let due_ms = "2026-12-03T05:08Z"
        .parse::<jiff::Timestamp>()
        .unwrap()
        .as_millisecond();
    assert_eq!(
        session.restart_would_interrupt(),
        Some(RestartWouldInterrupt::ScheduleDue {
            due_ms: u64::try_from(due_ms).unwrap()
        })
    );

    // Paused schedules send nothing: nothing to wait for.
    session.schedules().unwrap().set_paused(true).unwrap();
    assert_eq!(session.restart_would_interrupt(), None);
}

#[tokio::test]
async fn a_command_on_its_way_holds_a_restart_until_its_answer_is_in() {
    let config = tempfile::tempdir().unwrap();
    let session = open(config.path()).await;
    let sim = simulator(Switches {
        response_delay_ms: 600,
        ..Switches::default()
    })
    .await;
    let connections = session.connections().unwrap();
    let stage = connect(
        connections,
        &sim,
        "Acme Stage",
        ConnectionKind::Stage,
        &["WKF-NEWSLETTER"],
    )
    .await;
    let deck = connections.deck(&stage.id).await.unwrap();
    let sending =
        tokio::spawn(async move { deck.send("WKF-NEWSLETTER", WorkflowCommand::Start).await });
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while session.restart_would_interrupt().is_none() {
        assert!(std::time::Instant::now() < deadline, "never seen sending");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(
        session.restart_would_interrupt(),
        Some(RestartWouldInterrupt::Sending { commands: 1 })
    );
    sending.await.unwrap().unwrap();
    assert_eq!(session.restart_would_interrupt(), None);
}
