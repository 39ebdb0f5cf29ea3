//! The away summary across a real close and start: what a card did while Flowdeck was closed
//! (seen when it is read again), and a schedule that came due meanwhile; nothing Flowdeck saw
//! happen itself, and nothing of a card not read since.

use std::sync::Arc;
use std::time::Duration;

use campaign_simulator::{RecordStatus, Switches};
use flowdeck_campaign::{WorkflowCommand, WorkflowStatus};
use flowdeck_secrets::{MemorySecrets, SecretStore};
use flowdeck_store::{ConnectionKind, Repeat};

use super::*;
use crate::clock::{Clock, SystemClock};
use crate::test_support::{connect, simulator};
use crate::{FolderLock, ScheduleRequest};

async fn open(config: &std::path::Path, secrets: &Arc<MemorySecrets>) -> Session {
    let folder = FolderLock::acquire(config).unwrap();
    let secrets = Arc::clone(secrets) as Arc<dyn SecretStore>;
    Session::open(
        folder,
        secrets,
        Arc::new(SystemClock),
        Duration::from_secs(1),
    )
    .await
}

#[tokio::test]
async fn what_finished_and_what_was_missed_while_closed_is_summed_up_once_read() {
    let config = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecrets::default());
    let sim = simulator(Switches {
        record_status: RecordStatus::Label,
        apply_delay_ms: 0,
        ..Switches::default()
    })
    .await;

    let session = open(config.path(), &secrets).await;
    let connections = session.connections().unwrap();
    let stage = connect(
        connections,
        &sim,
        "Acme Stage",
        ConnectionKind::Stage,
        &["WKF-NEWSLETTER", "WKF-SUMMER-SALE"],
    )
    .await;
    let deck = connections.deck(&stage.id).await.unwrap();
    for id in ["WKF-NEWSLETTER", "WKF-SUMMER-SALE"] {
        deck.read(id).await.unwrap();
    }
    // Seen by Flowdeck itself: not news later.
    assert_eq!(session.away_summary().await.lines, []);
    let due = SystemClock.now() + Duration::from_secs(2);
    let local_time = due
        .to_zoned(SystemClock.zone())
        .strftime("%Y-%m-%dT%H:%M:%S")
        .to_string();
    session
        .add_schedule(&ScheduleRequest {
            connection_id: stage.id.clone(),
            workflow_id: "WKF-SUMMER-SALE".into(),
            command: WorkflowCommand::Start,
            local_time,
            repeat: Repeat::Once,
        })
        .await
        .unwrap();
    // Started and stopped, and then Flowdeck closed before reading it again.
    deck.send("WKF-NEWSLETTER", WorkflowCommand::Start)
        .await
        .unwrap();
    deck.send("WKF-NEWSLETTER", WorkflowCommand::Stop)
        .await
        .unwrap();
    drop(deck);
    drop(session);
    tokio::time::sleep(Duration::from_millis(2500)).await;

    let session = open(config.path(), &secrets).await;
    let ran = session.run_due_schedules().await.unwrap();
    assert_eq!(ran.len(), 1, "{ran:?}");
    let deck = session
        .connections()
        .unwrap()
        .deck(&stage.id)
        .await
        .unwrap();
    deck.read("WKF-NEWSLETTER").await.unwrap();

    let summary = session.away_summary().await;
    assert_eq!(summary.lines.len(), 2, "{summary:?}");
    assert!(matches!(
        &summary.lines[0],
        AwayLine {
            what: AwayWhat::Status {
                status: WorkflowStatus::Finished,
                before: WorkflowStatus::Editing,
                ..
            },
            connection,
            label,
            ..
        } if connection == "Acme Stage" && label == "Weekly newsletter"
    ));
    assert!(matches!(
        &summary.lines[1],
        AwayLine {
            what: AwayWhat::Missed {
                command: WorkflowCommand::Start,
                ..
            },
            label,
            ..
        } if label == "Summer sale announcement"
    ));
    let starts = crate::test_support::commands_received(&sim)
        .into_iter()
        .filter(|(id, _)| id == "WKF-SUMMER-SALE")
        .count();
    assert_eq!(starts, 0, "missed, never sent late");
}
