//! Remove and Undo on a deck: the card comes back whole and in its place, once, and only on
//! the connection it was removed from.

use campaign_simulator::{RecordStatus, Switches};
use flowdeck_campaign::WorkflowCommand;
use flowdeck_store::ConnectionKind;

use crate::SessionError;
use crate::test_support::{connect, setup, stage_deck};

fn labelled() -> Switches {
    Switches {
        record_status: RecordStatus::Label,
        ..Switches::default()
    }
}

fn order(deck: &crate::Deck) -> Vec<String> {
    deck.cards()
        .iter()
        .map(|c| c.workflow_id.to_string())
        .collect()
}

#[tokio::test]
async fn undo_puts_a_removed_card_back_as_it_was_in_its_place() {
    let s = setup(labelled()).await;
    let cards = ["WKF-NEWSLETTER", "WKF-WELCOME", "WKF-BIRTHDAY"];
    let deck = stage_deck(&s.connections, &s.simulator, &cards).await;
    deck.read("WKF-WELCOME").await.unwrap();
    deck.send("WKF-WELCOME", WorkflowCommand::Pause)
        .await
        .unwrap();
    let before = deck.cards()[1].clone();
    assert!(before.last_command.is_some() && !before.timeline.is_empty());

    deck.remove("WKF-WELCOME").unwrap();
    assert_eq!(order(&deck), ["WKF-NEWSLETTER", "WKF-BIRTHDAY"]);
    let restored = deck.restore("WKF-WELCOME").unwrap();
    assert_eq!(restored, before);
    assert_eq!(order(&deck), cards);
    assert!(matches!(
        deck.restore("WKF-WELCOME"),
        Err(SessionError::NothingToRestore { .. })
    ));
}

#[tokio::test]
async fn undo_belongs_to_the_deck_the_card_was_removed_from() {
    let s = setup(labelled()).await;
    let stage = stage_deck(&s.connections, &s.simulator, &["WKF-WELCOME"]).await;
    let production = connect(
        &s.connections,
        &s.simulator,
        "Acme Production",
        ConnectionKind::Production,
        &[],
    )
    .await;
    let production = s.connections.deck(&production.id).await.unwrap();

    stage.remove("WKF-WELCOME").unwrap();
    assert!(matches!(
        production.restore("WKF-WELCOME"),
        Err(SessionError::NothingToRestore { .. })
    ));
    assert!(production.cards().is_empty());
    assert_eq!(order(&stage), Vec::<String>::new());
}

#[tokio::test]
async fn a_card_added_again_meanwhile_is_not_doubled_by_undo() {
    let s = setup(labelled()).await;
    let deck = stage_deck(&s.connections, &s.simulator, &["WKF-WELCOME"]).await;
    deck.remove("WKF-WELCOME").unwrap();
    deck.add("WKF-WELCOME", "Welcome again").await.unwrap();
    assert!(deck.restore("WKF-WELCOME").is_err());
    assert_eq!(order(&deck), ["WKF-WELCOME"]);
    assert_eq!(deck.cards()[0].label, "Welcome again");
}
