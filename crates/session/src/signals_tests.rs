//! Signals from a deck against the simulator: the right instance, the href Campaign lists, the
//! checks made before sending, and the activity log. Each test counts the triggers received.

use campaign_simulator::{RecordStatus, SignalDeclarations, Simulator, Status, Switches};
use flowdeck_campaign::{CampaignError, ParameterValue, SignalError, WorkflowStatus};
use flowdeck_store::{Action, ConnectionKind, Outcome};
use serde_json::{Value, json};

use crate::test_support::{connect, setup, simulator, stage_deck};
use crate::{NamedValue, SessionError, SignalToSend};

fn triggers_received(sim: &Simulator) -> Vec<Value> {
    sim.requests()
        .iter()
        .filter(|r| r.path.ends_with("/trigger/"))
        .map(|r| serde_json::from_str(&r.body).unwrap_or(Value::Null))
        .collect()
}

fn welcome_signal(segment: &str) -> SignalToSend {
    SignalToSend {
        activity: "signal1".into(),
        source: "Flowdeck".into(),
        parameters: vec![
            NamedValue {
                name: "segmentCode".into(),
                value: ParameterValue::Text(segment.into()),
            },
            NamedValue {
                name: "audienceSize".into(),
                value: ParameterValue::Number(1200.0),
            },
        ],
    }
}

fn labelled() -> Switches {
    Switches {
        record_status: RecordStatus::Label,
        ..Switches::default()
    }
}

#[tokio::test]
async fn a_signal_reaches_only_the_instance_its_card_is_on_and_is_logged() {
    let s = setup(labelled()).await;
    let production = simulator(labelled()).await;
    let stage = connect(
        &s.connections,
        &s.simulator,
        "Acme Stage",
        ConnectionKind::Stage,
        &["WKF-WELCOME"],
    )
    .await;
    connect(
        &s.connections,
        &production,
        "Acme Production",
        ConnectionKind::Production,
        &["WKF-WELCOME"],
    )
    .await;

    let deck = s.connections.deck(&stage.id).await.unwrap();
    let outcome = deck
        .send_signal("WKF-WELCOME", &welcome_signal("VIP"))
        .await
        .unwrap();
    assert_eq!(outcome.activity, "signal1");
    assert!(outcome.not_saved.is_empty());
    assert_eq!(
        triggers_received(&s.simulator),
        [
            json!({ "source": "Flowdeck", "parameters": { "segmentCode": "VIP", "audienceSize": 1200 } })
        ]
    );
    assert!(triggers_received(&production).is_empty());

    let entries = s.connections.activity().entries();
    let logged = &entries[0].activity;
    assert_eq!(logged.connection, "Acme Stage");
    assert_eq!(logged.outcome, Outcome::Accepted);
    let Action::Signal(sent) = &logged.action else {
        panic!("{logged:?}");
    };
    assert_eq!(sent.activity, "signal1");
    assert_eq!(
        sent.parameters,
        r#"{"audienceSize":1200,"segmentCode":"VIP"}"#
    );
}

#[tokio::test]
async fn the_same_signal_again_within_ten_minutes_is_not_sent() {
    let s = setup(labelled()).await;
    let deck = stage_deck(&s.connections, &s.simulator, &["WKF-WELCOME"]).await;
    let first = deck
        .send_signal("WKF-WELCOME", &welcome_signal("VIP"))
        .await
        .unwrap();
    let again = deck
        .send_signal("WKF-WELCOME", &welcome_signal("Gold"))
        .await
        .unwrap_err();
    let SessionError::SignalTooSoon {
        activity,
        again_at_ms,
    } = again
    else {
        panic!("{again:?}");
    };
    assert_eq!(activity, "signal1");
    assert!(again_at_ms.abs_diff(first.again_at_ms) < 5_000);
    assert_eq!(triggers_received(&s.simulator).len(), 1);
}

#[tokio::test]
async fn a_workflow_that_is_not_running_gets_no_signal() {
    let s = setup(labelled()).await;
    let deck = stage_deck(&s.connections, &s.simulator, &["WKF-CRM-IMPORT"]).await;
    let signal = SignalToSend {
        activity: "fileArrived".into(),
        source: "Flowdeck".into(),
        parameters: Vec::new(),
    };
    let refused = deck.send_signal("WKF-CRM-IMPORT", &signal).await;
    assert!(
        matches!(
            refused,
            Err(SessionError::SignalNeedsRunningWorkflow {
                status: WorkflowStatus::Finished,
                ..
            })
        ),
        "{refused:?}"
    );
    assert!(triggers_received(&s.simulator).is_empty());

    // Where the record carries no status, Campaign decides, and says why.
    s.simulator.set_switches(Switches::default());
    let refused = deck.send_signal("WKF-CRM-IMPORT", &signal).await;
    let Err(SessionError::SignalRefused { activity, reason }) = refused else {
        panic!("{refused:?}");
    };
    assert_eq!(activity, "fileArrived");
    assert!(reason.contains("is not started"), "{reason}");
    assert_eq!(triggers_received(&s.simulator).len(), 1);
    assert_eq!(
        s.simulator.status_of("WKF-CRM-IMPORT"),
        Some(Status::Finished)
    );
}

#[tokio::test]
async fn parameters_are_checked_against_what_the_activity_declares() {
    let s = setup(labelled()).await;
    let deck = stage_deck(&s.connections, &s.simulator, &["WKF-WELCOME"]).await;
    let mut typo = welcome_signal("VIP");
    typo.parameters[0].name = "segmentcode".into();

    // Declared: refused before sending.
    let refused = deck.send_signal("WKF-WELCOME", &typo).await;
    assert!(
        matches!(
            &refused,
            Err(SessionError::InvalidSignal(SignalError::Undeclared(name))) if name == "segmentcode"
        ),
        "{refused:?}"
    );
    assert!(triggers_received(&s.simulator).is_empty());

    // Not declared in the record: Campaign answers RST-360011, and a refused signal does not
    // start the cool-down.
    s.simulator.set_switches(Switches {
        signal_declarations: SignalDeclarations::Unlisted,
        ..labelled()
    });
    let refused = deck.send_signal("WKF-WELCOME", &typo).await;
    assert!(
        matches!(
            refused,
            Err(SessionError::Campaign(
                CampaignError::UndeclaredSignalParameter(_)
            ))
        ),
        "{refused:?}"
    );
    deck.send_signal("WKF-WELCOME", &welcome_signal("VIP"))
        .await
        .unwrap();
    assert_eq!(triggers_received(&s.simulator).len(), 2);
    let outcomes: Vec<Outcome> = s
        .connections
        .activity()
        .entries()
        .iter()
        .map(|e| e.activity.outcome)
        .collect();
    assert_eq!(outcomes, [Outcome::Accepted, Outcome::Failed]);
}

#[tokio::test]
async fn a_signal_activity_campaign_no_longer_lists_is_not_guessed() {
    let s = setup(labelled()).await;
    let deck = stage_deck(&s.connections, &s.simulator, &["WKF-WELCOME"]).await;
    let mut signal = welcome_signal("VIP");
    signal.activity = "signal2".into();
    let refused = deck.send_signal("WKF-WELCOME", &signal).await;
    assert!(
        matches!(refused, Err(SessionError::SignalActivityGone { .. })),
        "{refused:?}"
    );
    assert!(triggers_received(&s.simulator).is_empty());
}
