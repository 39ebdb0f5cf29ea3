//! Watching against the simulator: a finished workflow is told once, a renamed one once, an
//! unwatched one is never read for it. Reads are counted at the simulator.

use campaign_simulator::{RecordStatus, Simulator, Switches};
use flowdeck_campaign::{WorkflowCommand, WorkflowStatus};

use super::WatchNews;
use crate::test_support::{setup, stage_deck};

fn now_ms() -> u64 {
    u64::try_from(jiff::Timestamp::now().as_millisecond()).unwrap()
}

fn labelled() -> Switches {
    Switches {
        record_status: RecordStatus::Label,
        ..Switches::default()
    }
}

fn reads_of(sim: &Simulator, workflow: &str) -> usize {
    sim.requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path.ends_with(&format!("/{workflow}")))
        .count()
}

#[tokio::test]
async fn a_watched_workflow_that_finishes_is_told_once_and_an_unwatched_one_is_not_read() {
    let s = setup(labelled()).await;
    let deck = stage_deck(
        &s.connections,
        &s.simulator,
        &["WKF-WELCOME", "WKF-NEWSLETTER"],
    )
    .await;
    assert!(deck.set_watched(&["WKF-WELCOME".into()], true).unwrap()[0].watched);
    let before = reads_of(&s.simulator, "WKF-NEWSLETTER");

    assert_eq!(
        s.connections.check_watched(now_ms()).await,
        [],
        "In progress is not news"
    );
    deck.send("WKF-WELCOME", WorkflowCommand::Stop)
        .await
        .unwrap();
    let news = s.connections.check_watched(now_ms()).await;
    assert!(
        matches!(
            news.as_slice(),
            [WatchNews::Status { status: WorkflowStatus::Finished, connection, label, .. }]
                if connection == "Acme Stage" && label == "Welcome journey"
        ),
        "{news:?}"
    );
    assert_eq!(s.connections.check_watched(now_ms()).await, [], "told once");
    assert_eq!(
        reads_of(&s.simulator, "WKF-NEWSLETTER"),
        before,
        "not watched, not read"
    );

    deck.set_watched(&["WKF-WELCOME".into()], false).unwrap();
    let reads = reads_of(&s.simulator, "WKF-WELCOME");
    assert_eq!(s.connections.check_watched(now_ms()).await, []);
    assert_eq!(
        reads_of(&s.simulator, "WKF-WELCOME"),
        reads,
        "no longer read"
    );
}

#[tokio::test]
async fn a_watched_workflow_renamed_in_campaign_is_told_once() {
    let s = setup(labelled()).await;
    let deck = stage_deck(&s.connections, &s.simulator, &["WKF-WELCOME"]).await;
    deck.set_watched(&["WKF-WELCOME".into()], true).unwrap();
    assert!(s.simulator.rename("WKF-WELCOME", "WKF-WELCOME-2027"));
    let news = s.connections.check_watched(now_ms()).await;
    assert!(
        matches!(news.as_slice(), [WatchNews::Gone { .. }]),
        "{news:?}"
    );
    assert_eq!(s.connections.check_watched(now_ms()).await, [], "said once");
}

#[tokio::test]
async fn a_selection_is_watched_together_or_not_at_all() {
    let s = setup(labelled()).await;
    let deck = stage_deck(
        &s.connections,
        &s.simulator,
        &["WKF-WELCOME", "WKF-NEWSLETTER"],
    )
    .await;
    let both = ["WKF-WELCOME".to_string(), "WKF-NEWSLETTER".to_string()];
    let cards = deck.set_watched(&both, true).unwrap();
    assert!(cards.iter().all(|card| card.watched), "{cards:?}");
    assert_eq!(s.connections.watched_count().await, 2);

    let with_a_stranger = ["WKF-WELCOME".to_string(), "WKF-ELSEWHERE".to_string()];
    assert!(deck.set_watched(&with_a_stranger, false).is_err());
    assert_eq!(
        s.connections.watched_count().await,
        2,
        "one card that is not on this deck changes none"
    );
}

const MINUTE_MS: u64 = 60 * 1000;
const DAY_MS: u64 = 24 * 60 * MINUTE_MS;

#[tokio::test]
async fn a_watched_workflow_campaign_will_stop_is_told_a_day_before_once() {
    let s = setup(labelled()).await;
    let deck = stage_deck(&s.connections, &s.simulator, &["WKF-BIRTHDAY"]).await;
    deck.set_watched(&["WKF-BIRTHDAY".into()], true).unwrap();
    let first_seen = now_ms();
    let news = s.connections.check_watched(first_seen).await;
    assert!(
        matches!(
            news.as_slice(),
            [WatchNews::Status {
                status: WorkflowStatus::Warning,
                ..
            }]
        ),
        "{news:?}"
    );
    assert_eq!(
        s.connections.check_watched(first_seen + 5 * DAY_MS).await,
        [],
        "two days before, nothing yet"
    );
    let news = s
        .connections
        .check_watched(first_seen + 6 * DAY_MS + MINUTE_MS)
        .await;
    let [
        WatchNews::StopsSoon {
            stops_at_ms,
            status,
            label,
            ..
        },
    ] = news.as_slice()
    else {
        panic!("{news:?}");
    };
    assert_eq!(*status, WorkflowStatus::Warning);
    assert_eq!(label, "Birthday offers");
    let since = deck.timeline("WKF-BIRTHDAY").unwrap()[0].at_ms;
    assert_eq!(*stops_at_ms, since + 7 * DAY_MS);
    assert_eq!(
        s.connections
            .check_watched(first_seen + 6 * DAY_MS + 2 * MINUTE_MS)
            .await,
        [],
        "told once"
    );
}

#[tokio::test]
async fn a_watched_workflow_its_error_management_stopped_is_never_told_campaign_will_stop_it() {
    let s = setup(Switches::v8_engine()).await;
    let tenant = s.simulator.credentials().tenant.clone();
    assert!(
        s.simulator
            .set_status(&tenant, "WKF-WINBACK", campaign_simulator::Status::Aborted)
    );
    let deck = stage_deck(&s.connections, &s.simulator, &["WKF-WINBACK"]).await;
    deck.set_watched(&["WKF-WINBACK".into()], true).unwrap();
    let first_seen = now_ms();
    s.connections.check_watched(first_seen).await;
    assert_eq!(
        s.connections
            .check_watched(first_seen + 6 * DAY_MS + MINUTE_MS)
            .await,
        [],
        "already stopped: nothing for Campaign to stop"
    );
}

#[tokio::test]
async fn a_watched_workflow_stuck_taking_a_command_is_told_once() {
    let s = setup(Switches {
        report_transitions: true,
        apply_delay_ms: 60 * 60 * 1000,
        ..labelled()
    })
    .await;
    let deck = stage_deck(&s.connections, &s.simulator, &["WKF-WELCOME"]).await;
    deck.set_watched(&["WKF-WELCOME".into()], true).unwrap();
    deck.send("WKF-WELCOME", WorkflowCommand::Stop)
        .await
        .unwrap();
    let sent = now_ms();
    assert_eq!(s.connections.check_watched(sent).await, []);
    assert_eq!(
        s.connections.check_watched(sent + 10 * MINUTE_MS).await,
        [],
        "ten minutes is not stuck"
    );
    let news = s.connections.check_watched(sent + 20 * MINUTE_MS).await;
    assert!(
        matches!(news.as_slice(), [WatchNews::Stuck { label, .. }] if label == "Welcome journey"),
        "{news:?}"
    );
    assert_eq!(
        s.connections.check_watched(sent + 30 * MINUTE_MS).await,
        [],
        "told once"
    );
}

#[tokio::test]
async fn a_watched_run_lasting_more_than_twice_the_usual_is_told_once() {
    let s = setup(Switches {
        apply_delay_ms: 0,
        run_ms: 150,
        ..labelled()
    })
    .await;
    let deck = stage_deck(&s.connections, &s.simulator, &["WKF-NEWSLETTER"]).await;
    deck.set_watched(&["WKF-NEWSLETTER".into()], true).unwrap();
    deck.read("WKF-NEWSLETTER").await.unwrap();
    // Two runs Flowdeck saw start and end: about 150 ms each.
    for _ in 0..2 {
        deck.send("WKF-NEWSLETTER", WorkflowCommand::Start)
            .await
            .unwrap();
        deck.read("WKF-NEWSLETTER").await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        deck.read("WKF-NEWSLETTER").await.unwrap();
    }
    s.simulator.set_switches(Switches {
        run_ms: 0,
        ..s.simulator.switches()
    });
    deck.send("WKF-NEWSLETTER", WorkflowCommand::Start)
        .await
        .unwrap();
    let started = now_ms();
    assert_eq!(
        s.connections.check_watched(started).await,
        [],
        "just started"
    );
    let news = s.connections.check_watched(started + 5_000).await;
    let [
        WatchNews::RunningLong {
            usual_ms, label, ..
        },
    ] = news.as_slice()
    else {
        panic!("{news:?}");
    };
    assert_eq!(label, "Weekly newsletter");
    assert!((100..2_000).contains(usual_ms), "{usual_ms}");
    assert_eq!(
        s.connections.check_watched(started + 6_000).await,
        [],
        "told once"
    );
}
