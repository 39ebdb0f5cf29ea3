//! The one promise, without a window: a command reaches the card's own connection, exactly
//! once, and what is reported is what happened.

use std::sync::Arc;
use std::time::Duration;

use campaign_simulator::{InvalidTransition, Status, Switches};
use flowdeck_campaign::{CampaignError, WorkflowCommand};
use flowdeck_secrets::{MemorySecrets, SecretError, SecretStore};
use flowdeck_store::{ConnectionKind, Outcome};

use crate::test_support::{commands_received, connect, oauth_draft, setup, simulator};
use crate::{Connections, NotSaved, SessionError, SetAsideReason};

#[tokio::test]
async fn a_command_goes_to_the_named_connection_and_no_other() {
    let s = setup(Switches::default()).await;
    let stage_sim = simulator(Switches::default()).await;
    let cards = ["WKF-NEWSLETTER", "WKF-SUMMER-SALE"];
    let production = connect(
        &s.connections,
        &s.simulator,
        "Acme Production",
        ConnectionKind::Production,
        &cards,
    )
    .await;
    let stage = connect(
        &s.connections,
        &stage_sim,
        "Acme Stage",
        ConnectionKind::Stage,
        &cards,
    )
    .await;

    // The window shows Production; a command named for Stage still goes to Stage.
    s.connections.choose(&production.id).unwrap();
    let deck = s.connections.deck(&stage.id).await.unwrap();
    let outcome = deck
        .send("WKF-NEWSLETTER", WorkflowCommand::Start)
        .await
        .unwrap();
    assert!(outcome.not_saved.is_empty());

    assert_eq!(
        commands_received(&stage_sim),
        [("WKF-NEWSLETTER".to_owned(), "start".to_owned())]
    );
    assert!(commands_received(&s.simulator).is_empty());
    assert_eq!(
        stage_sim.status_of("WKF-NEWSLETTER"),
        Some(Status::InProgress)
    );
    assert_eq!(
        s.simulator.status_of("WKF-NEWSLETTER"),
        Some(Status::Editing)
    );

    // What it records goes to the deck that sent it, and the log names that connection.
    let stage_card = &deck.cards()[0];
    assert!(stage_card.last_command.is_some());
    let production_deck = s.connections.deck(&production.id).await.unwrap();
    assert!(
        production_deck
            .cards()
            .iter()
            .all(|c| c.last_command.is_none())
    );
    let entries = s.connections.activity().entries();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].activity.connection, "Acme Stage");
    assert_eq!(entries[0].activity.kind, Some(ConnectionKind::Stage));
    assert_eq!(
        entries[0]
            .activity
            .connection_id
            .as_ref()
            .map(ToString::to_string),
        Some(stage.id.clone())
    );
}

#[tokio::test]
async fn a_workflow_that_is_not_a_card_on_that_deck_is_refused_before_anything_is_sent() {
    let s = setup(Switches::default()).await;
    let stage_sim = simulator(Switches::default()).await;
    let stage = connect(
        &s.connections,
        &stage_sim,
        "Acme Stage",
        ConnectionKind::Stage,
        &["WKF-NEWSLETTER"],
    )
    .await;
    let requests_before = stage_sim.requests().len();
    let deck = s.connections.deck(&stage.id).await.unwrap();
    for result in [
        deck.send("WKF-WELCOME", WorkflowCommand::Stop)
            .await
            .map(|_| ()),
        deck.read("WKF-WELCOME").await.map(|_| ()),
        deck.remove("WKF-WELCOME"),
    ] {
        let Err(SessionError::NotACard {
            workflow_id,
            connection,
        }) = result
        else {
            panic!("{result:?}");
        };
        assert_eq!(workflow_id.as_str(), "WKF-WELCOME");
        assert_eq!(connection, "Acme Stage");
    }
    assert_eq!(
        stage_sim.requests().len(),
        requests_before,
        "nothing was sent"
    );
    assert_eq!(stage_sim.status_of("WKF-WELCOME"), Some(Status::InProgress));
}

#[tokio::test]
async fn a_second_command_to_a_workflow_on_its_way_is_refused_and_never_sent() {
    let s = setup(Switches::default()).await;
    let view = connect(
        &s.connections,
        &s.simulator,
        "Acme Stage",
        ConnectionKind::Stage,
        &["WKF-NEWSLETTER", "WKF-SUMMER-SALE"],
    )
    .await;
    s.simulator.set_switches(Switches {
        response_delay_ms: 400,
        ..Switches::default()
    });
    let deck = s.connections.deck(&view.id).await.unwrap();
    // A card click and a bulk run on the same workflow, at the same moment; a third command to
    // another workflow is not held up.
    let (first, second, other) = tokio::join!(
        deck.send("WKF-NEWSLETTER", WorkflowCommand::Start),
        async {
            tokio::time::sleep(Duration::from_millis(100)).await;
            deck.send("WKF-NEWSLETTER", WorkflowCommand::Start).await
        },
        async {
            tokio::time::sleep(Duration::from_millis(100)).await;
            deck.send("WKF-SUMMER-SALE", WorkflowCommand::Start).await
        },
    );
    first.unwrap();
    other.unwrap();
    assert!(
        matches!(second, Err(SessionError::AlreadySending { ref connection, .. }) if connection == "Acme Stage"),
        "{second:?}"
    );
    let mut received = commands_received(&s.simulator);
    received.sort();
    assert_eq!(
        received,
        [
            ("WKF-NEWSLETTER".to_owned(), "start".to_owned()),
            ("WKF-SUMMER-SALE".to_owned(), "start".to_owned())
        ]
    );
    // Once the answer is in, the workflow takes commands again.
    deck.send("WKF-NEWSLETTER", WorkflowCommand::Pause)
        .await
        .unwrap();
    assert_eq!(commands_received(&s.simulator).len(), 3);
    // And a card cannot be removed while its command is on the way.
    let (sent, removed) = tokio::join!(
        deck.send("WKF-NEWSLETTER", WorkflowCommand::Resume),
        async {
            tokio::time::sleep(Duration::from_millis(100)).await;
            deck.remove("WKF-NEWSLETTER")
        }
    );
    sent.unwrap();
    assert!(matches!(removed, Err(SessionError::AlreadySending { .. })));
    assert_eq!(deck.cards().len(), 2);
}

/// Replaces a file Flowdeck writes with a folder of the same name: the next write fails, as
/// on a full or read-only disk (file modes do not stop root, who runs these tests in CI).
fn make_unwritable(path: &std::path::Path) {
    std::fs::remove_file(path).unwrap();
    std::fs::create_dir(path).unwrap();
}

#[tokio::test]
async fn an_accepted_command_stays_accepted_when_its_records_cannot_be_saved() {
    let s = setup(Switches::default()).await;
    let view = connect(
        &s.connections,
        &s.simulator,
        "Acme Stage",
        ConnectionKind::Stage,
        &["WKF-NEWSLETTER"],
    )
    .await;
    let deck = s.connections.deck(&view.id).await.unwrap();
    make_unwritable(
        &s.config
            .path()
            .join("cards")
            .join(format!("{}.json", view.id)),
    );
    s.connections
        .deck("demo")
        .await
        .unwrap()
        .send("WKF-NEWSLETTER", WorkflowCommand::Start)
        .await
        .unwrap();
    make_unwritable(&s.config.path().join("activity.journal"));

    let outcome = deck
        .send("WKF-NEWSLETTER", WorkflowCommand::Start)
        .await
        .expect("Campaign accepted it: that is what the user is told");
    assert_eq!(outcome.last_command.command, WorkflowCommand::Start);
    assert!(outcome.request_id.is_some());
    assert_eq!(outcome.not_saved, [NotSaved::ActivityLog, NotSaved::Card]);
    assert_eq!(commands_received(&s.simulator).len(), 1, "sent once");
    assert_eq!(
        s.simulator.status_of("WKF-NEWSLETTER"),
        Some(Status::InProgress)
    );
}

#[tokio::test]
async fn campaigns_reason_for_a_refusal_is_kept_and_logged() {
    let s = setup(Switches {
        invalid_transition: InvalidTransition::RstServerError,
        ..Switches::default()
    })
    .await;
    let view = connect(
        &s.connections,
        &s.simulator,
        "Acme Stage",
        ConnectionKind::Stage,
        &["WKF-CRM-IMPORT"],
    )
    .await;
    let deck = s.connections.deck(&view.id).await.unwrap();
    let error = deck
        .send("WKF-CRM-IMPORT", WorkflowCommand::Pause)
        .await
        .unwrap_err();
    let SessionError::Campaign(CampaignError::RefusedWithReason(api)) = &error else {
        panic!("{error:?}");
    };
    assert!(api.reason().unwrap().contains("cannot be applied"));
    let entry = &s.connections.activity().entries()[0].activity;
    assert_eq!(entry.outcome, Outcome::Failed);
    assert!(
        entry
            .error
            .as_deref()
            .unwrap()
            .contains("in its current state")
    );
}

#[tokio::test]
async fn test_connection_trusts_only_campaigns_own_not_found() {
    let s = setup(Switches::default()).await;
    let view = connect(
        &s.connections,
        &s.simulator,
        "Stage",
        ConnectionKind::Stage,
        &[],
    )
    .await;
    s.connections.check(&view.id).await.unwrap();
    s.simulator.set_switches(Switches {
        unknown_id: campaign_simulator::UnknownId::JsonNotFound,
        ..Switches::default()
    });
    s.connections.check(&view.id).await.unwrap();

    // Any web server answers 404 to a path it does not know.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let not_found = axum::Router::new().fallback(|| async {
        (
            axum::http::StatusCode::NOT_FOUND,
            "<html><body>Not Found</body></html>",
        )
    });
    tokio::spawn(async move { axum::serve(listener, not_found).await });
    let mut draft = oauth_draft(&s.simulator, "Typo", None);
    draft.id = Some(view.id.clone());
    draft.base_url = format!("http://{address}");
    s.connections.save(draft).await.unwrap();
    let error = s.connections.check(&view.id).await.unwrap_err();
    assert!(
        matches!(error, SessionError::NotCampaign { status: 404 }),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_new_connection_after_a_damaged_connection_list_gets_no_old_cards_or_secret() {
    let s = setup(Switches::default()).await;
    let old = connect(
        &s.connections,
        &s.simulator,
        "Acme Production",
        ConnectionKind::Production,
        &["WKF-NEWSLETTER"],
    )
    .await;
    let old_account = format!("{}/client-secret", old.id);
    assert!(s.secrets.read(&old_account).unwrap().is_some());
    std::fs::write(s.config.path().join("connections.json"), b"{ damaged").unwrap();

    let reopened = Connections::open(
        s.config.path(),
        Arc::clone(&s.secrets) as Arc<dyn SecretStore>,
    )
    .await
    .unwrap();
    let aside = reopened.set_aside();
    let named = |reason: SetAsideReason, prefix: &str| {
        aside.iter().any(|file| {
            file.reason == reason
                && std::path::Path::new(&file.path)
                    .file_name()
                    .is_some_and(|name| name.to_string_lossy().starts_with(prefix))
        })
    };
    assert!(
        named(SetAsideReason::Unreadable, "connections.json.unreadable-"),
        "{aside:?}"
    );
    assert!(
        named(
            SetAsideReason::NoConnection,
            &format!("{}.json.no-connection-", old.id)
        ),
        "the lost connection's cards are kept aside: {aside:?}"
    );

    let mut draft = oauth_draft(&s.simulator, "Acme Production", None);
    draft.kind = ConnectionKind::Production;
    let new = reopened.save(draft).await.unwrap();
    assert_ne!(new.id, old.id);
    assert!(reopened.deck(&new.id).await.unwrap().cards().is_empty());
    assert_eq!(new.credential, flowdeck_campaign::TokenStatus::Missing);
    assert_eq!(
        s.secrets.accounts(),
        [old_account],
        "the old secret is untouched, and not the new one's"
    );
}

/// A keyring that refuses every write, as a locked collection does.
struct RefusingKeyring;

impl SecretStore for RefusingKeyring {
    fn read(&self, _: &str) -> Result<Option<String>, SecretError> {
        Ok(None)
    }
    fn write(&self, _: &str, _: &str) -> Result<(), SecretError> {
        Err(SecretError::Locked)
    }
    fn delete(&self, _: &str) -> Result<(), SecretError> {
        Ok(())
    }
}

#[tokio::test]
async fn a_new_connection_whose_secret_cannot_be_kept_is_not_half_created() {
    let sim = simulator(Switches::default()).await;
    let config = tempfile::tempdir().unwrap();
    let connections = Connections::open(config.path(), Arc::new(RefusingKeyring))
        .await
        .unwrap();
    let secret = sim.credentials().client_secret.clone();
    let error = connections
        .save(oauth_draft(&sim, "Acme Stage", Some(&secret)))
        .await
        .unwrap_err();
    assert!(matches!(error, SessionError::Secrets(SecretError::Locked)));
    assert_eq!(connections.list().await.len(), 1, "only the demo");
    // The same name can be saved again once the keyring is open.
    let memory = Connections::open(config.path(), Arc::new(MemorySecrets::default()))
        .await
        .unwrap();
    memory
        .save(oauth_draft(&sim, "Acme Stage", Some(&secret)))
        .await
        .unwrap();
}

#[tokio::test]
async fn only_the_built_in_demo_is_of_the_kind_demo() {
    let s = setup(Switches::default()).await;
    let mut draft = oauth_draft(&s.simulator, "Fake demo", None);
    draft.kind = ConnectionKind::Demo;
    assert!(matches!(
        s.connections.save(draft).await,
        Err(SessionError::DemoKindReserved)
    ));
    let demo = s.connections.deck("demo").await.unwrap();
    assert_eq!(demo.organisation().kind, ConnectionKind::Demo);
}
