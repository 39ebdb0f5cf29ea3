//! Needs attention against Stage and Production on one host: one read budget for every
//! connection (the simulator counts the reads it answers at once), a slow sweep of what nobody
//! read, a busy Campaign waited out per connection, and what is listed, by a clock the test
//! holds; a connection not opened this session is listed from what was saved, and its secret is
//! never asked of the keyring.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use campaign_simulator::{RecordStatus, Simulator, Status, Switches, Workflow};
use flowdeck_campaign::{WorkflowCommand, WorkflowStatus};
use flowdeck_secrets::{MemorySecrets, SecretError, SecretStore};
use flowdeck_store::ConnectionKind;

use super::*;
use crate::clock::millis;
use crate::lingering::STUCK_AFTER_MS;
use crate::test_support::{connect_tenant, fresh_connections, two_tenants};
use crate::{Connections, READS_IN_FLIGHT};

const MINUTE_MS: u64 = 60 * 1000;

fn workflows(count: usize) -> Vec<Workflow> {
    (0..count)
        .map(|n| Workflow {
            id: format!("WKF-A{n:03}"),
            label: format!("Workflow {n}"),
            status: Status::Editing,
            transition: None,
            signals: Vec::new(),
        })
        .collect()
}

fn ids(count: usize) -> Vec<String> {
    workflows(count).into_iter().map(|w| w.id).collect()
}

fn switches() -> Switches {
    Switches {
        record_status: RecordStatus::Label,
        apply_delay_ms: 0,
        ..Switches::default()
    }
}

fn gets(sim: &Simulator, tenant: &str) -> usize {
    sim.requests_of(tenant)
        .iter()
        .filter(|r| r.method == "GET")
        .count()
}

const STAGE: (&str, &str, ConnectionKind) = ("Stage", "acme-stage", ConnectionKind::Stage);
const PRODUCTION: (&str, &str, ConnectionKind) =
    ("Production", "acme-prod", ConnectionKind::Production);

/// A connection named `name` to `tenant` of `sim`, with the first `cards` workflows as cards.
async fn open_on(
    connections: &Connections,
    sim: &Simulator,
    (name, tenant, kind): (&str, &str, ConnectionKind),
    cards: usize,
) -> Arc<crate::Deck> {
    let ids = ids(cards);
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    connect_tenant(connections, sim, name, tenant, kind, &ids).await
}

/// Four connections, two on each tenant of one host, each with `cards` cards.
async fn four_connections(
    sim: &Simulator,
    connections: &Connections,
    cards: usize,
) -> Vec<Arc<crate::Deck>> {
    let mut decks = Vec::new();
    for connection in [
        STAGE,
        PRODUCTION,
        ("Stage again", "acme-stage", ConnectionKind::Stage),
        ("Production again", "acme-prod", ConnectionKind::Production),
    ] {
        decks.push(open_on(connections, sim, connection, cards).await);
    }
    decks
}

#[tokio::test]
async fn every_connection_reads_under_one_budget_of_eight() {
    let slow = Switches {
        response_delay_ms: 60,
        ..switches()
    };
    let sim = two_tenants("acme-stage", "acme-prod", workflows(30), slow).await;
    let (connections, _folder) = fresh_connections().await;
    let decks = four_connections(&sim, &connections, 30).await;
    // Every card of every connection at once, as four windows would ask, with the sweep too.
    let mut reads = tokio::task::JoinSet::new();
    for deck in &decks {
        for card in deck.cards() {
            let deck = Arc::clone(deck);
            reads.spawn(async move { deck.read(card.workflow_id.as_str()).await.is_ok() });
        }
    }
    let pace = SweepPace {
        reread_after: Duration::ZERO,
        ..SWEEP_PACE
    };
    let swept = connections.sweep(&pace, 0).await;
    let mut read = 0;
    while let Some(ok) = reads.join_next().await {
        read += usize::from(ok.unwrap());
    }
    assert_eq!(read, 120, "every card read");
    assert!(swept > 0);
    assert_eq!(
        sim.reads_in_flight_peak(),
        READS_IN_FLIGHT,
        "at most {READS_IN_FLIGHT} reads at once on the whole host, and the budget used"
    );
}

#[tokio::test]
async fn the_sweep_reads_what_nobody_read_lately_a_few_at_a_time_and_only_open_connections() {
    let slow = Switches {
        response_delay_ms: 20,
        ..switches()
    };
    let sim = two_tenants("acme-stage", "acme-prod", workflows(12), slow).await;
    let (connections, _folder) = fresh_connections().await;
    let stage = open_on(&connections, &sim, STAGE, 12).await;
    // Adding a card read it, and a deck just opened is the window's to read first.
    let pace = SweepPace {
        reread_after: Duration::from_millis(500),
        ..SWEEP_PACE
    };
    assert_eq!(connections.sweep(&pace, 0).await, 0, "just opened");
    // A while later, the window reads one of them again.
    tokio::time::sleep(pace.reread_after).await;
    let before = gets(&sim, "acme-stage");
    stage.read("WKF-A000").await.unwrap();
    let swept = connections.sweep(&pace, 0).await;
    assert_eq!(swept, 11, "all but the one the window read");
    assert_eq!(gets(&sim, "acme-stage") - before, 12);
    assert_eq!(
        gets(&sim, "acme-prod"),
        0,
        "no connection to Production is open"
    );
    assert!(sim.reads_in_flight_peak() <= pace.at_once);
    assert_eq!(connections.sweep(&pace, 0).await, 0, "all read lately");
    assert_eq!(gets(&sim, "acme-stage") - before, 12);
}

#[tokio::test]
async fn a_busy_campaign_is_waited_out_on_its_connection_alone() {
    let sim = two_tenants("acme-stage", "acme-prod", workflows(5), switches()).await;
    let (connections, _folder) = fresh_connections().await;
    for connection in [STAGE, PRODUCTION] {
        open_on(&connections, &sim, connection, 5).await;
    }
    // Stage's Campaign answers the next read 429 with Retry-After: 120.
    let mut busy = switches();
    busy.throttle_next = 1;
    busy.retry_after_secs = Some(120);
    sim.set_switches(busy);
    let pace = SweepPace {
        at_once: 1,
        reread_after: Duration::ZERO,
        ..SWEEP_PACE
    };
    let (stage_before, prod_before) = (gets(&sim, "acme-stage"), gets(&sim, "acme-prod"));
    connections.sweep(&pace, 0).await;
    assert_eq!(
        gets(&sim, "acme-stage") - stage_before,
        1,
        "after the 429, nothing more to Stage"
    );
    assert_eq!(gets(&sim, "acme-prod") - prod_before, 5, "Production read");
    connections.sweep(&pace, 0).await;
    assert_eq!(
        gets(&sim, "acme-stage") - stage_before,
        1,
        "Stage still waits"
    );
}

#[tokio::test]
async fn what_failed_is_paused_stuck_or_stops_soon_is_listed_on_its_own_connection() {
    let stuck = Switches {
        stop_never_effective: true,
        ..switches()
    };
    let sim = two_tenants("acme-stage", "acme-prod", workflows(4), stuck).await;
    let (connections, _folder) = fresh_connections().await;
    let stage = open_on(&connections, &sim, STAGE, 4).await;
    let production = open_on(&connections, &sim, PRODUCTION, 4).await;
    let ids = ids(4);
    // Stage: A000 fails, A001 is paused, A002 is stuck stopping; Production's are all fine.
    assert!(sim.set_status("acme-stage", "WKF-A000", Status::Erroneous));
    assert!(sim.set_status("acme-stage", "WKF-A001", Status::Warning));
    stage
        .send("WKF-A002", WorkflowCommand::Start)
        .await
        .unwrap();
    stage.send("WKF-A002", WorkflowCommand::Stop).await.unwrap();
    for id in &ids {
        stage.read(id).await.unwrap();
        production.read(id).await.unwrap();
    }
    let now = millis(jiff::Timestamp::now());
    let at = |later_ms: u64| now + later_ms;

    let listed = connections.attention(at(0), &[]).await;
    let whys: Vec<(&str, &AttentionWhy)> = listed
        .iter()
        .map(|e| (e.workflow_id.as_str(), &e.why))
        .collect();
    assert_eq!(whys.len(), 2, "{whys:?}");
    assert!(matches!(whys[0], ("WKF-A000", AttentionWhy::Failed { .. })));
    assert!(matches!(whys[1], ("WKF-A001", AttentionWhy::Paused { .. })));
    let stage_id = &stage.organisation().connection_id;
    assert!(
        listed
            .iter()
            .all(|e| &e.connection_id == stage_id && e.read_now)
    );

    let later = connections
        .attention(at(STUCK_AFTER_MS + MINUTE_MS), &[])
        .await;
    assert!(
        later
            .iter()
            .any(|e| e.workflow_id.as_str() == "WKF-A002"
                && matches!(e.why, AttentionWhy::Stuck { .. })),
        "{later:?}"
    );

    // Six days on, Campaign Standard stops the failed and the paused one within two days.
    let days = connections.attention(at(6 * DAY_MS), &[]).await;
    let soon: Vec<_> = days
        .iter()
        .filter_map(|e| match e.why {
            AttentionWhy::StopsSoon { status, .. } => Some((e.workflow_id.as_str(), status)),
            _ => None,
        })
        .collect();
    assert_eq!(
        soon,
        [
            ("WKF-A000", WorkflowStatus::Erroneous),
            ("WKF-A001", WorkflowStatus::Warning)
        ]
    );
}

/// A keyring that counts what is asked of it.
#[derive(Default)]
struct CountingKeyring {
    inner: MemorySecrets,
    reads: AtomicUsize,
}

impl SecretStore for CountingKeyring {
    fn read(&self, account: &str) -> Result<Option<String>, SecretError> {
        self.reads.fetch_add(1, Ordering::SeqCst);
        self.inner.read(account)
    }
    fn write(&self, account: &str, secret: &str) -> Result<(), SecretError> {
        self.inner.write(account, secret)
    }
    fn delete(&self, account: &str) -> Result<(), SecretError> {
        self.inner.delete(account)
    }
}

#[tokio::test]
async fn a_connection_not_opened_says_what_was_seen_and_its_secret_is_never_asked_for() {
    let sim = two_tenants("acme-stage", "acme-prod", workflows(2), switches()).await;
    let keyring = Arc::new(CountingKeyring::default());
    let folder = tempfile::tempdir().unwrap();
    {
        let connections = Connections::open(folder.path(), Arc::clone(&keyring) as _)
            .await
            .unwrap();
        let production = open_on(&connections, &sim, PRODUCTION, 2).await;
        assert!(sim.set_status("acme-prod", "WKF-A001", Status::Erroneous));
        production.read("WKF-A001").await.unwrap();
    }
    // The next start: the connection is saved, its deck not opened.
    let connections = Connections::open(folder.path(), Arc::clone(&keyring) as _)
        .await
        .unwrap();
    let asked = keyring.reads.load(Ordering::SeqCst);
    let gets_before = gets(&sim, "acme-prod");
    let listed = connections
        .attention(millis(jiff::Timestamp::now()), &[])
        .await;
    connections.sweep(&SWEEP_PACE, 0).await;
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0].workflow_id.as_str(), "WKF-A001");
    assert_eq!(listed[0].connection, "Production");
    assert!(matches!(listed[0].why, AttentionWhy::Failed { .. }));
    assert!(!listed[0].read_now, "as seen before, not read now");
    assert_eq!(keyring.reads.load(Ordering::SeqCst), asked, "no keyring");
    assert_eq!(gets(&sim, "acme-prod"), gets_before, "and no read");
}

#[tokio::test]
async fn a_missed_schedule_is_listed_on_its_own_connection_with_its_card() {
    let sim = two_tenants("acme-stage", "acme-prod", workflows(1), switches()).await;
    let (connections, _folder) = fresh_connections().await;
    let stage = open_on(&connections, &sim, STAGE, 1).await;
    let missed = Ran::Missed {
        schedule_id: "s1".into(),
        connection_id: stage.organisation().connection_id.clone(),
        workflow_id: flowdeck_campaign::WorkflowId::parse("WKF-A000").unwrap(),
        command: WorkflowCommand::Start,
        due_ms: 1_000,
        reason: flowdeck_store::MissedReason::NotRunning,
    };
    let listed = connections.attention(2_000, &[missed]).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].label, stage.cards()[0].label);
    assert_eq!(listed[0].connection, "Stage");
    assert!(matches!(
        listed[0].why,
        AttentionWhy::Missed {
            command: WorkflowCommand::Start,
            due_ms: 1_000,
            ..
        }
    ));
}

#[tokio::test]
async fn a_workflow_its_error_management_stopped_is_failed_and_never_stops_soon() {
    let sim = two_tenants(
        "acme-stage",
        "acme-prod",
        workflows(1),
        Switches::v8_engine(),
    )
    .await;
    let (connections, folder) = fresh_connections().await;
    let stage = open_on(&connections, &sim, STAGE, 1).await;
    assert!(sim.set_status("acme-stage", "WKF-A000", Status::Aborted));
    stage.read("WKF-A000").await.unwrap();
    let six_days_on = millis(jiff::Timestamp::now()) + 6 * DAY_MS;
    let listed = connections.attention(six_days_on, &[]).await;
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(
        matches!(listed[0].why, AttentionWhy::Failed { .. }),
        "stopped already: nothing for Campaign to stop, {listed:?}"
    );

    // The next start, the connection not opened: what was saved says stopped too.
    let next_start = Connections::open(folder.path(), Arc::new(MemorySecrets::default()))
        .await
        .unwrap();
    let listed = next_start.attention(six_days_on, &[]).await;
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(!listed[0].read_now, "as seen before");
    assert!(
        matches!(listed[0].why, AttentionWhy::Failed { .. }),
        "{listed:?}"
    );
}
