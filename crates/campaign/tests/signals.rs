//! Signals against the simulator in each of its signal switches: the href comes from the
//! workflow record, the token goes nowhere else, and every refusal is its own error. Each test
//! counts the triggers the simulator received.

#[path = "support/campaign.rs"]
mod campaign_support;

use campaign_simulator::{
    ArmedFault, Endpoint, Fault, SignalCooldownAnswer, SignalDeclarations, Simulator,
    SimulatorConfig, Switches,
};
use campaign_support::{Setup, id, setup};
use flowdeck_campaign::{CampaignError, ParameterKind, ParameterValue, Signal, SignalActivity};
use serde_json::{Value, json};

async fn signal_of(s: &Setup, workflow: &str, activity: &str) -> SignalActivity {
    let record = s
        .client
        .read_workflow(&s.token, &id(workflow))
        .await
        .unwrap();
    record
        .signals
        .into_iter()
        .find(|signal| signal.name == activity)
        .unwrap_or_else(|| panic!("{workflow} lists no {activity}"))
}

fn triggers_received(s: &Setup) -> Vec<Value> {
    s.simulator
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/trigger/"))
        .map(|r| serde_json::from_str(&r.body).unwrap_or(Value::Null))
        .collect()
}

fn welcome_parameters() -> Vec<(String, ParameterValue)> {
    vec![
        ("segmentCode".into(), ParameterValue::Text("VIP".into())),
        ("audienceSize".into(), ParameterValue::Number(1200.0)),
        ("isTest".into(), ParameterValue::Boolean(true)),
        (
            "sendAt".into(),
            ParameterValue::DateTime("2026-12-24T09:00:00Z".into()),
        ),
    ]
}

async fn send(s: &Setup, activity: &SignalActivity, signal: &Signal) -> Result<(), CampaignError> {
    s.client
        .send_signal(&s.token, activity, signal)
        .await
        .map(drop)
}

#[tokio::test]
async fn a_declared_signal_goes_to_the_listed_href_with_typed_parameters() {
    let s = setup(Switches::default()).await;
    let activity = signal_of(&s, "WKF-WELCOME", "signal1").await;
    let kinds: Vec<_> = activity
        .parameters
        .iter()
        .flatten()
        .map(|p| p.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            Some(ParameterKind::Text),
            Some(ParameterKind::Number),
            Some(ParameterKind::Boolean),
            Some(ParameterKind::DateTime),
        ]
    );
    let signal = Signal::new(&activity, "Flowdeck", &welcome_parameters()).unwrap();
    send(&s, &activity, &signal).await.unwrap();
    assert_eq!(
        triggers_received(&s),
        [json!({ "source": "Flowdeck", "parameters": {
            "segmentCode": "VIP", "audienceSize": 1200, "isTest": true,
            "sendAt": "2026-12-24T09:00:00Z",
        }})]
    );
    let request = s.simulator.requests().pop().unwrap();
    assert_eq!(request.status, Some(200));
    assert_eq!(request.headers["cache-control"], "no-cache");
}

#[tokio::test]
async fn an_undeclared_parameter_is_adobes_rst_360011() {
    let s = setup(Switches {
        signal_declarations: SignalDeclarations::Unlisted,
        ..Switches::default()
    })
    .await;
    let activity = signal_of(&s, "WKF-WELCOME", "signal1").await;
    assert_eq!(activity.parameters, None);
    let parameters = [("segmentcode".to_owned(), ParameterValue::Text("VIP".into()))];
    let signal = Signal::new(&activity, "Flowdeck", &parameters).unwrap();
    let error = send(&s, &activity, &signal).await.unwrap_err();
    let CampaignError::UndeclaredSignalParameter(api) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(
        api.named_parameter(),
        Some("segmentcode"),
        "{}",
        api.raw_body
    );
    assert_eq!(triggers_received(&s).len(), 1);
}

#[tokio::test]
async fn a_workflow_that_is_not_running_refuses_with_campaigns_reason() {
    let s = setup(Switches::default()).await;
    let activity = signal_of(&s, "WKF-CRM-IMPORT", "fileArrived").await;
    let parameters = [(
        "fileName".to_owned(),
        ParameterValue::Text("crm.csv".into()),
    )];
    let signal = Signal::new(&activity, "Flowdeck", &parameters).unwrap();
    let error = send(&s, &activity, &signal).await.unwrap_err();
    let CampaignError::RefusedWithReason(api) = &error else {
        panic!("{error:?}");
    };
    assert!(api.reason().unwrap().contains("is not started"), "{api:?}");
    assert!(!error.command_may_have_run());
}

#[tokio::test]
async fn a_signal_sent_again_too_soon_gets_an_answer_that_proves_nothing() {
    for answer in [
        SignalCooldownAnswer::HtmlError,
        SignalCooldownAnswer::PlainOk,
    ] {
        let s = setup(Switches {
            signal_cooldown_answer: answer,
            ..Switches::default()
        })
        .await;
        let activity = signal_of(&s, "WKF-WELCOME", "signal1").await;
        let signal = Signal::new(&activity, "Flowdeck", &[]).unwrap();
        send(&s, &activity, &signal).await.unwrap();
        let error = send(&s, &activity, &signal).await.unwrap_err();
        assert!(
            matches!(error, CampaignError::SignalAnswerNotJson { .. }),
            "{answer:?}: {error:?}"
        );
        assert!(error.command_may_have_run(), "{answer:?}");
        assert_eq!(triggers_received(&s).len(), 2, "{answer:?}");
    }
}

#[tokio::test]
async fn a_trigger_href_on_another_host_never_gets_the_token() {
    let elsewhere = Simulator::start(SimulatorConfig::demo()).await.unwrap();
    let s = setup(Switches {
        signal_href_base: Some(elsewhere.base_url()),
        ..Switches::default()
    })
    .await;
    let activity = signal_of(&s, "WKF-WELCOME", "signal1").await;
    let signal = Signal::new(&activity, "Flowdeck", &[]).unwrap();
    let error = send(&s, &activity, &signal).await.unwrap_err();
    // The same host as Campaign's: only the port tells the other server apart.
    assert_eq!(
        error,
        CampaignError::SignalAddressElsewhere {
            host: format!("127.0.0.1:{}", elsewhere.address().port())
        }
    );
    assert!(elsewhere.requests().is_empty());
    assert!(triggers_received(&s).is_empty());
}

#[tokio::test]
async fn a_lost_answer_to_a_signal_may_have_been_received_and_is_not_resent() {
    let s = setup(Switches {
        faults: vec![ArmedFault {
            on: Endpoint::Signals,
            fault: Fault::DropAfterProcessing,
            times: Some(1),
        }],
        ..Switches::default()
    })
    .await;
    let activity = signal_of(&s, "WKF-WELCOME", "signal1").await;
    let signal = Signal::new(&activity, "Flowdeck", &[]).unwrap();
    let error = send(&s, &activity, &signal).await.unwrap_err();
    assert_eq!(error, CampaignError::ConnectionLost);
    assert!(error.command_may_have_run());
    assert_eq!(triggers_received(&s).len(), 1);
    assert_eq!(s.simulator.faults_injected(), 1);
}
