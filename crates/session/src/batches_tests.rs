//! A batch at Campaign's pace against Stage and Production on one host: exactly one Start per
//! workflow, to Stage alone, never more running at once than asked; cancelled, it starts
//! nothing more. The simulator's workflows finish by themselves (`run_ms`).

use std::time::Duration;

use campaign_simulator::{
    ArmedFault, Endpoint, Fault, RecordStatus, Simulator, Status, Switches, Workflow,
};
use flowdeck_store::ConnectionKind;

use super::*;
use crate::test_support::{connect_tenant, fresh_connections, oauth_draft, two_tenants};

const BATCH: [&str; 6] = ["WKF-B1", "WKF-B2", "WKF-B3", "WKF-B4", "WKF-B5", "WKF-B6"];

fn workflows() -> Vec<Workflow> {
    BATCH
        .iter()
        .map(|id| Workflow {
            id: (*id).into(),
            label: format!("Batch {id}"),
            status: Status::Editing,
            transition: None,
            signals: Vec::new(),
        })
        .collect()
}

/// A steady start of `ids` on the connection `(ID, revision)`, at most `at_most_running` at once.
fn request(
    (connection_id, revision): &(String, u32),
    ids: &[&str],
    at_most_running: u32,
) -> BatchRequest {
    BatchRequest {
        connection_id: connection_id.clone(),
        revision: *revision,
        workflow_ids: ids.iter().map(|id| (*id).to_owned()).collect(),
        at_most_running,
    }
}

/// Stage (the simulator's first tenant, whose peak it reports) and Production on one host,
/// the same six workflows on each, each a card of its connection; each connection's ID and
/// revision.
async fn stage_and_production() -> (
    Connections,
    Simulator,
    [(String, u32); 2],
    tempfile::TempDir,
) {
    let switches = Switches {
        record_status: RecordStatus::Label,
        apply_delay_ms: 0,
        run_ms: 250,
        ..Switches::default()
    };
    let simulator = two_tenants("acme-stage", "acme-prod", workflows(), switches).await;
    let (connections, folder) = fresh_connections().await;
    let mut ids = Vec::new();
    for (name, tenant, kind) in [
        ("Acme Stage", "acme-stage", ConnectionKind::Stage),
        ("Acme Production", "acme-prod", ConnectionKind::Production),
    ] {
        let deck = connect_tenant(&connections, &simulator, name, tenant, kind, &BATCH).await;
        let organisation = deck.organisation();
        ids.push((organisation.connection_id.clone(), organisation.revision));
    }
    (
        connections,
        simulator,
        [ids[0].clone(), ids[1].clone()],
        folder,
    )
}

async fn run_to_end(batches: &Batches, connections: &Connections) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while batches.views().iter().any(BatchView::is_under_way) {
        assert!(
            std::time::Instant::now() < deadline,
            "{:?}",
            batches.views()
        );
        batches.advance(connections).await;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn starts_of(sim: &Simulator, tenant: &str) -> Vec<String> {
    sim.requests_of(tenant)
        .iter()
        .filter(|r| r.method == "POST" && r.path.starts_with(&format!("/{tenant}/")))
        .filter(|r| r.path.ends_with("/commands") && r.body.contains("start"))
        .map(|r| r.path.rsplit('/').nth(1).unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn a_batch_of_six_at_two_at_once_starts_each_once_on_its_own_tenant() {
    let (connections, sim, [stage, _production], _folder) = stage_and_production().await;
    let batches = Batches::default();
    let view = batches
        .start(&connections, request(&stage, &BATCH, 2))
        .await
        .unwrap();
    assert_eq!(view.connection, "Acme Stage");
    assert!(
        starts_of(&sim, "acme-stage").is_empty(),
        "queued, nothing sent yet"
    );

    batches.advance(&connections).await;
    assert_eq!(starts_of(&sim, "acme-stage").len(), 2, "two at once");
    run_to_end(&batches, &connections).await;

    let mut started = starts_of(&sim, "acme-stage");
    started.sort();
    assert_eq!(
        started, BATCH,
        "each started once, in the batch's order of cards"
    );
    assert_eq!(
        starts_of(&sim, "acme-prod"),
        Vec::<String>::new(),
        "none on Production"
    );
    assert!(sim.running_peak() <= 2, "peak {}", sim.running_peak());
    assert!(
        batches.views()[0].items.iter().all(|item| matches!(
            item.state,
            BatchItemState::Ended(Some(WorkflowStatus::Finished))
        )),
        "{:?}",
        batches.views()
    );
}

#[tokio::test]
async fn a_cancelled_batch_starts_nothing_more_and_what_runs_runs_on() {
    let (connections, sim, [_stage, production], _folder) = stage_and_production().await;
    let batches = Batches::default();
    let view = batches
        .start(&connections, request(&production, &BATCH, 1))
        .await
        .unwrap();
    batches.advance(&connections).await;
    let cancelled = batches.cancel(view.id).unwrap();
    assert!(matches!(
        cancelled.items[0].state,
        BatchItemState::Running(_)
    ));
    assert!(
        cancelled.items[1..]
            .iter()
            .all(|item| matches!(item.state, BatchItemState::Cancelled))
    );
    assert!(matches!(
        batches.dismiss(view.id),
        Err(SessionError::BatchUnderWay)
    ));
    run_to_end(&batches, &connections).await;
    assert_eq!(starts_of(&sim, "acme-prod"), ["WKF-B1"]);
    batches.dismiss(view.id).unwrap();
    assert!(batches.views().is_empty());
}

#[tokio::test]
async fn a_batch_is_refused_beyond_adobes_limit_or_for_what_is_not_a_card() {
    let (connections, sim, [stage, _], _folder) = stage_and_production().await;
    let batches = Batches::default();
    for pace in [0, 21] {
        assert!(matches!(
            batches
                .start(&connections, request(&stage, &BATCH, pace))
                .await,
            Err(SessionError::BatchPaceInvalid)
        ));
    }
    assert!(matches!(
        batches
            .start(
                &connections,
                request(&stage, &["WKF-B1", "WKF-ELSEWHERE"], 2)
            )
            .await,
        Err(SessionError::NotACard { .. })
    ));
    assert!(matches!(
        batches.start(&connections, request(&stage, &[], 2)).await,
        Err(SessionError::BatchEmpty)
    ));
    assert!(batches.views().is_empty());
    assert!(starts_of(&sim, "acme-stage").is_empty());
}

#[tokio::test]
async fn a_start_whose_answer_was_lost_is_never_sent_again_and_holds_its_place_until_it_ends() {
    let (connections, sim, [stage, _], _folder) = stage_and_production().await;
    sim.set_switches(Switches {
        faults: vec![ArmedFault {
            on: Endpoint::Commands,
            fault: Fault::DropAfterProcessing,
            times: Some(1),
        }],
        ..sim.switches()
    });
    let batches = Batches::default();
    batches
        .start(&connections, request(&stage, &["WKF-B1", "WKF-B2"], 1))
        .await
        .unwrap();
    run_to_end(&batches, &connections).await;
    assert_eq!(
        starts_of(&sim, "acme-stage"),
        ["WKF-B1", "WKF-B2"],
        "each once: the lost answer's Start is not sent again"
    );
    let items = &batches.views()[0].items;
    assert!(
        matches!(items[0].state, BatchItemState::MayHaveRun(_, None)),
        "{items:?}"
    );
    assert_eq!(
        sim.running_peak(),
        1,
        "the one that may have started held its place until Campaign said it ended"
    );
    assert!(
        matches!(items[1].state, BatchItemState::Ended(_)),
        "{items:?}"
    );
}

#[tokio::test]
async fn a_connection_edited_mid_batch_gets_none_of_the_rest() {
    let (connections, sim, [stage, _], _folder) = stage_and_production().await;
    let batches = Batches::default();
    batches
        .start(&connections, request(&stage, &BATCH, 1))
        .await
        .unwrap();
    batches.advance(&connections).await;
    assert_eq!(starts_of(&sim, "acme-stage"), ["WKF-B1"]);

    // Stage's tenant corrected to Production's while the batch waits.
    let credentials = campaign_simulator::demo::tenant_credentials("acme-prod");
    let mut draft = oauth_draft(&sim, "Acme Stage", Some(&credentials.client_secret));
    draft.id = Some(stage.0);
    draft.tenant = credentials.tenant;
    draft.api_key = credentials.api_key;
    connections.save(draft).await.unwrap();
    run_to_end(&batches, &connections).await;

    assert_eq!(starts_of(&sim, "acme-stage"), ["WKF-B1"]);
    assert_eq!(
        starts_of(&sim, "acme-prod"),
        Vec::<String>::new(),
        "none under the new tenant"
    );
    let items = &batches.views()[0].items;
    assert!(
        items[1..]
            .iter()
            .all(|item| matches!(&item.state, BatchItemState::Failed(e) if matches!(**e, SessionError::ConnectionChanged { .. }))),
        "{items:?}"
    );
}
