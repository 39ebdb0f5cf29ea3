//! Restart against the simulator: Stop, the stop taking effect, then Start; and the cases
//! where Start must not be sent, counted at the simulator.

use std::sync::Arc;
use std::time::Duration;

use campaign_simulator::{RecordStatus, Status, Switches};
use flowdeck_campaign::WorkflowCommand;

use crate::test_support::{Setup, commands_received, setup, stage_deck};
use crate::{Deck, SessionError};

fn recorded(switches: Switches) -> Switches {
    Switches {
        record_status: RecordStatus::Label,
        apply_delay_ms: 400,
        ..switches
    }
}

/// A Stage connection to the setup's simulator with the Welcome journey on its deck.
async fn welcome_deck(s: &Setup) -> Arc<Deck> {
    stage_deck(&s.connections, &s.simulator, &["WKF-WELCOME"]).await
}

fn sent(commands: &[(&str, &str)]) -> Vec<(String, String)> {
    commands
        .iter()
        .map(|(id, method)| ((*id).to_owned(), (*method).to_owned()))
        .collect()
}

#[tokio::test]
async fn restart_stops_waits_for_the_stop_then_starts() {
    let s = setup(recorded(Switches::default())).await;
    let deck = welcome_deck(&s).await;

    let outcome = deck
        .restart("WKF-WELCOME", Duration::from_secs(10))
        .await
        .unwrap();
    assert_eq!(outcome.stop.last_command.command, WorkflowCommand::Stop);
    assert_eq!(outcome.start.last_command.command, WorkflowCommand::Start);
    assert_eq!(
        commands_received(&s.simulator),
        sent(&[("WKF-WELCOME", "stop"), ("WKF-WELCOME", "start")])
    );
    // Start went out only after Campaign said Finished: its request follows such a read.
    let requests = s.simulator.requests();
    let start = requests.iter().rposition(|r| r.method == "POST").unwrap();
    assert!(
        requests[..start]
            .iter()
            .any(|r| r.method == "GET" && r.status == Some(200))
    );
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(
        s.simulator.status_of("WKF-WELCOME"),
        Some(Status::InProgress)
    );
}

#[tokio::test]
async fn a_stop_that_never_takes_effect_is_never_followed_by_start() {
    let s = setup(recorded(Switches {
        stop_never_effective: true,
        ..Switches::default()
    }))
    .await;
    let deck = welcome_deck(&s).await;

    let restarting = {
        let deck = Arc::clone(&deck);
        tokio::spawn(async move { deck.restart("WKF-WELCOME", Duration::from_secs(2)).await })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    // Nothing else reaches the workflow between the Stop and the Start.
    assert!(matches!(
        deck.send("WKF-WELCOME", WorkflowCommand::Start).await,
        Err(SessionError::AlreadySending { .. })
    ));
    let error = restarting.await.unwrap().unwrap_err();
    assert!(
        matches!(error, SessionError::StopNotEffective { waited_secs: 2, .. }),
        "{error:?}"
    );
    assert_eq!(
        commands_received(&s.simulator),
        sent(&[("WKF-WELCOME", "stop")])
    );
}

#[tokio::test]
async fn without_a_status_to_see_the_stop_by_start_is_not_sent() {
    let s = setup(Switches::default()).await;
    let deck = welcome_deck(&s).await;
    let error = deck
        .restart("WKF-WELCOME", Duration::from_secs(5))
        .await
        .unwrap_err();
    assert!(
        matches!(error, SessionError::StopNotVisible { .. }),
        "{error:?}"
    );
    assert_eq!(
        commands_received(&s.simulator),
        sent(&[("WKF-WELCOME", "stop")])
    );
}
