//! What closing the window would stop is counted from what is saved: watched cards of open and
//! unopened decks alike, and the schedules still to come unless they are paused.

use std::sync::Arc;

use campaign_simulator::Switches;
use flowdeck_campaign::WorkflowCommand;
use flowdeck_secrets::{MemorySecrets, SecretStore};
use flowdeck_store::Repeat;
use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::*;
use crate::ScheduleRequest;
use crate::test_support::{setup, stage_deck};

#[tokio::test]
async fn watched_cards_and_schedules_to_come_are_counted_and_paused_ones_are_not() {
    let s = setup(Switches::default()).await;
    let deck = stage_deck(
        &s.connections,
        &s.simulator,
        &["WKF-WELCOME", "WKF-NEWSLETTER"],
    )
    .await;
    let now: Timestamp = "2026-12-03T05:00Z".parse().unwrap();
    let schedules = Schedules::open(s.config.path(), now).unwrap();
    let zone = TimeZone::UTC;
    assert!(
        background_work(&s.connections, &schedules, &zone)
            .await
            .is_idle()
    );

    deck.set_watched(&["WKF-WELCOME".into()], true).unwrap();
    deck.set_watched(&["WKF-NEWSLETTER".into()], true).unwrap();
    let request = ScheduleRequest {
        connection_id: deck.organisation().connection_id.to_string(),
        workflow_id: "WKF-NEWSLETTER".into(),
        command: WorkflowCommand::Start,
        local_time: "2026-12-03T06:00".into(),
        repeat: Repeat::Daily,
    };
    schedules
        .add(&s.connections, &request, &zone, now)
        .await
        .unwrap();
    assert_eq!(
        background_work(&s.connections, &schedules, &zone).await,
        BackgroundWork {
            watched: 2,
            scheduled: 1,
            starting: 0
        }
    );

    schedules.set_paused(true).unwrap();
    assert_eq!(
        background_work(&s.connections, &schedules, &zone).await,
        BackgroundWork {
            watched: 2,
            scheduled: 0,
            starting: 0
        },
        "paused schedules send nothing, so closing stops none"
    );

    // A Flowdeck started again has opened no deck yet: the saved watches still count.
    let reopened = Connections::open(
        s.config.path(),
        Arc::new(MemorySecrets::default()) as Arc<dyn SecretStore>,
    )
    .await
    .unwrap();
    assert_eq!(
        background_work(&reopened, &schedules, &zone).await.watched,
        2
    );
}
