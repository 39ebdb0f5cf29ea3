//! Connections without a window: connections, secrets (in memory: the keyring has its own tests
//! against a real Secret Service), tokens and decks against a simulator.

use campaign_simulator::Switches;
use flowdeck_campaign::{CampaignError, TokenStatus, WorkflowCommand};
use flowdeck_secrets::{MemorySecrets, SecretStore};
use flowdeck_store::Action;

use super::*;
use crate::test_support::{config_contents, oauth_draft, pasted_draft, setup};

#[tokio::test]
async fn the_demo_opens_when_nothing_is_configured() {
    let s = setup(Switches::default()).await;
    let deck = s
        .connections
        .deck(&s.connections.last_opened().to_string())
        .await
        .unwrap();
    assert!(deck.organisation().is_demo);
    assert_eq!(deck.cards().len(), 6);
    let connections = s.connections.list().await;
    assert_eq!(connections.len(), 1);
    assert!(connections[0].is_demo);
}

#[tokio::test]
async fn an_oauth_connection_keeps_its_secret_in_the_keyring_only() {
    let s = setup(Switches::default()).await;
    let secret = s.simulator.credentials().client_secret.clone();
    let view = s
        .connections
        .save(oauth_draft(&s.simulator, "Stage", Some(&secret)))
        .await
        .unwrap();
    assert_eq!(
        s.secrets
            .read(&format!("{}/client-secret", view.id))
            .unwrap(),
        Some(secret.clone())
    );
    s.connections.check(&view.id).await.unwrap();
    assert!(matches!(
        s.connections.list().await[1].credential,
        TokenStatus::Connected {
            expires_at_ms: Some(_)
        }
    ));
    let written = config_contents(s.config.path());
    assert!(written.contains("Stage"));
    assert!(!written.contains(&secret));
    for token in s.simulator.issued_tokens() {
        assert!(!written.contains(&token));
    }

    // Editing without a new secret keeps the stored one.
    let mut edit = oauth_draft(&s.simulator, "Stage EU", None);
    edit.id = Some(view.id.clone());
    s.connections.save(edit).await.unwrap();
    assert_eq!(
        s.secrets
            .read(&format!("{}/client-secret", view.id))
            .unwrap(),
        Some(secret)
    );

    s.connections.delete(&view.id).await.unwrap();
    assert_eq!(
        s.secrets
            .read(&format!("{}/client-secret", view.id))
            .unwrap(),
        None
    );
    assert!(
        !s.config
            .path()
            .join("cards")
            .join(format!("{}.json", view.id))
            .exists()
    );
    assert_eq!(s.connections.list().await.len(), 1);
}

#[tokio::test]
async fn without_a_secret_the_connection_says_so() {
    let s = setup(Switches::default()).await;
    let view = s
        .connections
        .save(oauth_draft(&s.simulator, "Prod", None))
        .await
        .unwrap();
    assert_eq!(view.credential, TokenStatus::Missing);
    let error = s.connections.check(&view.id).await.unwrap_err();
    assert!(matches!(
        error,
        SessionError::Auth(flowdeck_campaign::AuthError::SecretMissing)
    ));
}

#[tokio::test]
async fn a_command_after_the_token_was_revoked_renews_it_once_and_runs_once() {
    let s = setup(Switches::default()).await;
    let secret = s.simulator.credentials().client_secret.clone();
    let view = s
        .connections
        .save(oauth_draft(&s.simulator, "Stage", Some(&secret)))
        .await
        .unwrap();
    let deck = s.connections.deck(&view.id).await.unwrap();
    assert!(
        deck.cards().is_empty(),
        "a new connection starts with no cards"
    );
    deck.add("WKF-NEWSLETTER", "").await.unwrap();
    s.simulator.revoke_issued_tokens();

    deck.send("WKF-NEWSLETTER", WorkflowCommand::Start)
        .await
        .unwrap();

    let requests = s.simulator.requests();
    let ims = requests
        .iter()
        .filter(|r| r.path == "/ims/token/v3")
        .count();
    let commands: Vec<_> = requests
        .iter()
        .filter(|r| r.path.ends_with("/commands"))
        .collect();
    assert_eq!(ims, 2, "one token, one renewal");
    assert_eq!(commands.len(), 2, "the 401, then the one that ran");
    assert_ne!(
        commands[0].headers["authorization"],
        commands[1].headers["authorization"]
    );
    assert_eq!(
        s.simulator.status_of("WKF-NEWSLETTER"),
        Some(campaign_simulator::Status::InProgress)
    );

    // One command, one entry: accepted, with the answer's status and request ID.
    deck.add("WKF-WINBACK", "").await.unwrap();
    s.simulator.rename("WKF-WINBACK", "WKF-WINBACK-2");
    assert!(
        deck.send("WKF-WINBACK", WorkflowCommand::Stop)
            .await
            .is_err()
    );
    let entries = s.connections.activity().entries();
    assert_eq!(entries.len(), 2);
    let (failed, accepted) = (&entries[0].activity, &entries[1].activity);
    assert_eq!(accepted.outcome, flowdeck_store::Outcome::Accepted);
    assert_eq!(accepted.connection, "Stage");
    assert_eq!(accepted.http_status, Some(204));
    assert!(accepted.request_id.as_deref().unwrap().starts_with("sim-"));
    assert_eq!(failed.outcome, flowdeck_store::Outcome::Failed);
    assert_eq!(failed.action, Action::Command(WorkflowCommand::Stop));
    assert_eq!(failed.http_status, Some(404));
    assert_eq!(failed.adobe_code.as_deref(), Some("RST-360011"));
    assert!(failed.request_id.is_some());
}

#[tokio::test]
async fn a_pasted_token_lives_in_memory_and_an_expired_one_asks_for_a_new_one() {
    let s = setup(Switches::default()).await;
    let key = s.simulator.credentials().api_key.clone();
    let view = s
        .connections
        .save(pasted_draft(&s.simulator, &key, None))
        .await
        .unwrap();
    assert_eq!(view.credential, TokenStatus::Missing);
    let error = s.connections.check(&view.id).await.unwrap_err();
    assert!(matches!(
        error,
        SessionError::Auth(flowdeck_campaign::AuthError::TokenMissing)
    ));

    let token = s.simulator.credentials().access_token.clone();
    let status = s.connections.paste_token(&view.id, &token).await.unwrap();
    assert_eq!(
        status,
        TokenStatus::Connected {
            expires_at_ms: None
        }
    );
    s.connections.check(&view.id).await.unwrap();
    assert!(!config_contents(s.config.path()).contains(&token));

    s.connections
        .paste_token(&view.id, "no-longer-valid")
        .await
        .unwrap();
    let error = s.connections.check(&view.id).await.unwrap_err();
    assert!(matches!(
        error,
        SessionError::Auth(flowdeck_campaign::AuthError::TokenExpired)
    ));
    assert_eq!(
        s.connections.list().await[1].credential,
        TokenStatus::Expired
    );
}

#[tokio::test]
async fn test_connection_names_what_is_wrong() {
    let s = setup(Switches::default()).await;
    let token = s.simulator.credentials().access_token.clone();
    let key = s.simulator.credentials().api_key.clone();

    let mut wrong_tenant = pasted_draft(&s.simulator, &key, Some(&token));
    wrong_tenant.tenant = "acme".into();
    let view = s.connections.save(wrong_tenant).await.unwrap();
    assert!(matches!(
        s.connections.check(&view.id).await,
        Err(SessionError::Campaign(CampaignError::WrongTenantOrUri(_)))
    ));
    s.connections.delete(&view.id).await.unwrap();

    let view = s
        .connections
        .save(pasted_draft(&s.simulator, "other-key", Some(&token)))
        .await
        .unwrap();
    assert!(matches!(
        s.connections.check(&view.id).await,
        Err(SessionError::Campaign(CampaignError::ApiKeyRejected(_)))
    ));
    s.connections.delete(&view.id).await.unwrap();

    let view = s
        .connections
        .save(oauth_draft(&s.simulator, "Wrong secret", Some("nope")))
        .await
        .unwrap();
    assert!(matches!(
        s.connections.check(&view.id).await,
        Err(SessionError::Auth(flowdeck_campaign::AuthError::Ims(
            flowdeck_campaign::ImsError::InvalidClientSecret
        )))
    ));

    s.simulator.set_switches(Switches {
        profile_mismatch: true,
        ..Switches::default()
    });
    let secret = s.simulator.credentials().client_secret.clone();
    let view = s
        .connections
        .save(oauth_draft(&s.simulator, "Mismatch", Some(&secret)))
        .await
        .unwrap();
    assert!(matches!(
        s.connections.check(&view.id).await,
        Err(SessionError::Campaign(
            CampaignError::ProductProfileMismatch(_)
        ))
    ));
}

#[tokio::test]
async fn drafts_are_validated_before_anything_is_stored() {
    let s = setup(Switches::default()).await;
    let mut ims_org = oauth_draft(&s.simulator, "Prod", Some("secret"));
    ims_org.tenant = "ABCD1234@AdobeOrg".into();
    assert!(matches!(
        s.connections.save(ims_org).await,
        Err(SessionError::InvalidConnection(
            flowdeck_campaign::ConnectionError::TenantIsImsOrg
        ))
    ));
    let mut insecure = oauth_draft(&s.simulator, "Prod", Some("secret"));
    insecure.base_url = "http://mc.adobe.io".into();
    assert!(s.connections.save(insecure).await.is_err());
    assert!(
        s.connections
            .save(oauth_draft(&s.simulator, "  ", None))
            .await
            .is_err()
    );
    let mut long_name = oauth_draft(&s.simulator, &"N".repeat(81), Some("secret"));
    assert!(matches!(
        s.connections.save(long_name).await,
        Err(SessionError::ConnectionNameTooLong)
    ));
    long_name = oauth_draft(&s.simulator, "Prod", Some("secret"));
    long_name.tenant = "t".repeat(65);
    assert!(matches!(
        s.connections.save(long_name).await,
        Err(SessionError::InvalidConnection(
            flowdeck_campaign::ConnectionError::TenantTooLong
        ))
    ));
    assert_eq!(s.connections.list().await.len(), 1);
    assert!(
        s.secrets.accounts().is_empty(),
        "nothing reached the keyring"
    );
}

#[tokio::test]
async fn a_token_a_header_cannot_carry_is_refused_when_pasted_not_when_sent() {
    let s = setup(Switches::default()).await;
    let key = s.simulator.credentials().api_key.clone();
    let token = s.simulator.credentials().access_token.clone();
    for unsendable in [
        format!("{token}\nsecond line"),
        format!("{token} with spaces"),
        format!("{token}é"),
        "x".repeat(9000),
    ] {
        assert!(matches!(
            s.connections
                .save(pasted_draft(&s.simulator, &key, Some(&unsendable)))
                .await,
            Err(SessionError::InvalidConnection(
                flowdeck_campaign::ConnectionError::UnsendableToken
            ))
        ));
    }
    assert_eq!(s.connections.list().await.len(), 1, "nothing was saved");
    let saved = s
        .connections
        .save(pasted_draft(
            &s.simulator,
            &key,
            Some(&format!("  Bearer {token}\n")),
        ))
        .await
        .unwrap();
    assert!(matches!(
        s.connections.paste_token(&saved.id, "bad\u{0}token").await,
        Err(SessionError::InvalidConnection(
            flowdeck_campaign::ConnectionError::UnsendableToken
        ))
    ));
    let deck = s.connections.deck(&saved.id).await.unwrap();
    deck.add("WKF-WELCOME", "").await.unwrap();
    assert!(
        s.simulator.requests().iter().all(|r| r.status == Some(200)),
        "the pasted token, trimmed of its Bearer prefix, was accepted"
    );
    assert!(matches!(
        deck.add("WKF-BIRTHDAY", &"L".repeat(201)).await,
        Err(SessionError::Store(
            flowdeck_store::StoreError::LabelTooLong
        ))
    ));
}

#[tokio::test]
async fn a_card_is_repaired_after_a_rename_and_a_list_moves_between_connections() {
    let s = setup(Switches::default()).await;
    let secret = s.simulator.credentials().client_secret.clone();
    let view = s
        .connections
        .save(oauth_draft(&s.simulator, "Stage", Some(&secret)))
        .await
        .unwrap();
    let deck = s.connections.deck(&view.id).await.unwrap();
    deck.add("WKF-NEWSLETTER", "Newsletter").await.unwrap();
    deck.add("WKF-WELCOME", "").await.unwrap();
    deck.send("WKF-NEWSLETTER", WorkflowCommand::Start)
        .await
        .unwrap();

    // Someone renamed it in Campaign: an unknown new ID is refused, the right one repairs it.
    s.simulator.rename("WKF-NEWSLETTER", "WKF-NEWSLETTER-2027");
    let unknown = deck.edit("WKF-NEWSLETTER", "WKF-TYPO", "", vec![]).await;
    assert!(matches!(
        unknown,
        Err(SessionError::Campaign(CampaignError::WorkflowNotFound(_)))
    ));
    let card = deck
        .edit(
            "WKF-NEWSLETTER",
            "WKF-NEWSLETTER-2027",
            "",
            vec![" Q1 ".into(), "q1".into(), "Mail".into()],
        )
        .await
        .unwrap();
    assert_eq!(card.label, "Newsletter", "an empty label keeps the old one");
    assert_eq!(card.tags, ["Q1", "Mail"]);
    assert_eq!(
        card.last_command, None,
        "history of the old ID does not carry over"
    );
    deck.move_card("WKF-WELCOME", 0).unwrap();

    // Export from the demo-free connection, import into the demo deck: only new workflows come in.
    let exported = deck.export_cards();
    assert!(!exported.contains("lastCommand"));
    assert!(!exported.contains(&secret));
    let demo = s.connections.deck("demo").await.unwrap();
    assert_eq!(
        demo.import_cards(exported.as_bytes()).unwrap(),
        1,
        "WKF-WELCOME is already there"
    );
    let imported = demo.cards().into_iter().last().unwrap();
    assert_eq!(imported.workflow_id.as_str(), "WKF-NEWSLETTER-2027");
    assert_eq!(imported.tags, ["Q1", "Mail"]);
    assert!(matches!(
        demo.import_cards(b"{\"cards\": 3}"),
        Err(SessionError::InvalidCardList(_))
    ));
    assert!(matches!(
        demo.import_cards(b"{\"flowdeckCards\": 9, \"cards\": []}"),
        Err(SessionError::InvalidCardList(
            flowdeck_store::CardListError::Newer(9)
        ))
    ));
}

#[tokio::test]
async fn a_secret_is_sent_to_a_new_sign_in_host_only_when_typed_again() {
    let s = setup(Switches::default()).await;
    let secret = s.simulator.credentials().client_secret.clone();
    let saved = s
        .connections
        .save(oauth_draft(&s.simulator, "Acme Stage", Some(&secret)))
        .await
        .unwrap();
    let moved = |ims_url: &str, secret: Option<&str>| {
        let mut draft = oauth_draft(&s.simulator, "Acme Stage", secret);
        draft.id = Some(saved.id.clone());
        if let AuthDraft::OAuth { ims_url: url, .. } = &mut draft.auth {
            *url = ims_url.to_owned();
        }
        draft
    };
    let elsewhere = "https://sso.example.com";
    assert!(matches!(
        s.connections.save(moved(elsewhere, None)).await,
        Err(SessionError::SecretNeededForNewImsAddress)
    ));
    assert!(
        s.connections
            .save(moved(elsewhere, Some(&secret)))
            .await
            .is_ok()
    );
    // Adobe's own sign-in hosts may change region without asking again.
    assert!(
        s.connections
            .save(moved("https://ims-eu1.adobelogin.com", None))
            .await
            .is_ok()
    );
    assert!(
        s.connections
            .save(moved("https://ims-na1.adobelogin.com", None))
            .await
            .is_ok()
    );
}

/// A bulk Stop on Stage, and its tenant corrected halfway: what was not sent yet must not go
/// to the edited tenant with Stage's credential (where one credential covers both instances,
/// that is Production), nor to the old one. The rest is refused, and nothing reaches Campaign.
#[tokio::test]
async fn work_begun_before_an_edit_never_reaches_the_edited_connection() {
    let s = setup(Switches::default()).await;
    let stage = crate::test_support::connect(
        &s.connections,
        &s.simulator,
        "Acme Stage",
        ConnectionKind::Stage,
        &["WKF-WELCOME"],
    )
    .await;
    let begun = s.connections.deck(&stage.id).await.unwrap();
    let revision = begun.organisation().revision;

    let mut edited = oauth_draft(&s.simulator, "Acme Stage", None);
    edited.id = Some(stage.id.clone());
    edited.tenant = "acme-production".into();
    s.connections.save(edited).await.unwrap();

    let refused = s.connections.deck_for_work(&stage.id, revision).await;
    assert!(
        matches!(&refused, Err(SessionError::ConnectionChanged { connection }) if connection == "Acme Stage"),
        "{:?}",
        refused.map(|d| d.organisation().clone())
    );
    assert!(crate::test_support::commands_received(&s.simulator).is_empty());

    let now = s.connections.deck(&stage.id).await.unwrap();
    assert_eq!(now.organisation().tenant, "acme-production");
    let current = now.organisation().revision;
    assert_ne!(current, revision);
    assert!(
        s.connections
            .deck_for_work(&stage.id, current)
            .await
            .is_ok()
    );

    s.connections.delete(&stage.id).await.unwrap();
    assert!(
        s.connections
            .deck_for_work(&stage.id, current)
            .await
            .is_err()
    );
    assert!(crate::test_support::commands_received(&s.simulator).is_empty());
}

/// A deck being opened while its connection is saved must not be kept with the settings from
/// before the save: every later command would go to the old tenant until the next edit.
#[tokio::test]
async fn a_deck_opened_while_its_connection_is_saved_is_never_kept_with_the_old_settings() {
    let s = setup(Switches::default()).await;
    let stage = crate::test_support::connect(
        &s.connections,
        &s.simulator,
        "Acme Stage",
        ConnectionKind::Stage,
        &[],
    )
    .await;
    let mut same = oauth_draft(&s.simulator, "Acme Stage", None);
    same.id = Some(stage.id.clone());
    // Saved again: the deck is opened afresh by the next request.
    s.connections.save(same).await.unwrap();

    let mut edited = oauth_draft(&s.simulator, "Acme Stage", None);
    edited.id = Some(stage.id.clone());
    edited.tenant = "acme-corrected".into();
    // The deck starts opening first: it reads the saved settings, then waits for the keyring
    // while the edit is saved.
    let (opened, saved) = tokio::join!(s.connections.deck(&stage.id), s.connections.save(edited));
    saved.unwrap();
    opened.unwrap();

    let kept = s.connections.deck(&stage.id).await.unwrap();
    assert_eq!(kept.organisation().tenant, "acme-corrected");
}

/// Support and the user can tell, for every command, which tenant and address it reached.
#[tokio::test]
async fn the_activity_log_records_the_tenant_and_address_a_command_went_to() {
    let s = setup(Switches::default()).await;
    let deck =
        crate::test_support::stage_deck(&s.connections, &s.simulator, &["WKF-WELCOME"]).await;
    // The demo's WKF-WELCOME is running: Pause applies.
    deck.send("WKF-WELCOME", WorkflowCommand::Pause)
        .await
        .unwrap();

    let entry = &s.connections.activity().entries()[0].activity;
    assert_eq!(
        entry.tenant.as_deref(),
        Some(s.simulator.credentials().tenant.as_str())
    );
    let address = flowdeck_campaign::BaseUrl::parse(&s.simulator.base_url()).unwrap();
    assert_eq!(entry.address.as_deref(), Some(address.to_string().as_str()));
    assert!(
        s.connections
            .activity()
            .to_csv()
            .contains(&address.to_string())
    );
}

/// An Adobe token goes only where the user vouched for it: moving a saved connection's Campaign
/// address to a server Adobe does not run needs the secret, or a pasted token, again.
#[tokio::test]
async fn a_campaign_address_moved_off_adobe_needs_the_secret_or_token_again() {
    let s = setup(Switches::default()).await;
    let secret = s.simulator.credentials().client_secret.clone();
    let mut first = oauth_draft(&s.simulator, "Acme", Some(&secret));
    first.base_url = flowdeck_campaign::ADOBE_BASE_URL.into();
    let oauth = s.connections.save(first).await.unwrap();
    let pasted = s
        .connections
        .save(pasted_draft(
            &s.simulator,
            &s.simulator.credentials().api_key,
            Some(&s.simulator.credentials().access_token),
        ))
        .await
        .unwrap();
    let before = config_contents(s.config.path());

    let moved = |secret: Option<&str>| {
        let mut draft = oauth_draft(&s.simulator, "Acme", secret);
        draft.id = Some(oauth.id.clone());
        draft.base_url = "https://campaign.example.com".into();
        draft
    };
    let moved_pasted = |token: Option<&str>| {
        let credentials = s.simulator.credentials();
        let mut draft = pasted_draft(&s.simulator, &credentials.api_key, token);
        draft.id = Some(pasted.id.clone());
        draft.name = pasted.name.clone();
        draft.base_url = "https://campaign.example.com".into();
        draft
    };
    assert!(matches!(
        s.connections.save(moved(None)).await,
        Err(SessionError::SecretNeededForNewAddress)
    ));
    assert!(matches!(
        s.connections.save(moved_pasted(None)).await,
        Err(SessionError::SecretNeededForNewAddress)
    ));
    assert_eq!(
        config_contents(s.config.path()),
        before,
        "nothing was saved"
    );

    // Typed again, they vouch for the new address.
    assert!(s.connections.save(moved(Some(&secret))).await.is_ok());
    let token = s.simulator.credentials().access_token.clone();
    assert!(s.connections.save(moved_pasted(Some(&token))).await.is_ok());
    assert!(s.simulator.requests().is_empty(), "no request on the way");
}

/// OAuth, then a pasted token, then OAuth again at a new sign-in server: no sign-in address was
/// vouched for since the secret was typed, so it is asked for again.
#[tokio::test]
async fn oauth_then_pasted_then_oauth_elsewhere_needs_the_secret_again() {
    let s = setup(Switches::default()).await;
    let secret = s.simulator.credentials().client_secret.clone();
    let saved = s
        .connections
        .save(oauth_draft(&s.simulator, "Acme Stage", Some(&secret)))
        .await
        .unwrap();
    let mut pasted = pasted_draft(&s.simulator, &s.simulator.credentials().api_key, None);
    pasted.id = Some(saved.id.clone());
    pasted.name = "Acme Stage".into();
    s.connections.save(pasted).await.unwrap();

    let mut back = oauth_draft(&s.simulator, "Acme Stage", None);
    back.id = Some(saved.id.clone());
    if let AuthDraft::OAuth { ims_url, .. } = &mut back.auth {
        *ims_url = "https://sso.example.com".into();
    }
    assert!(matches!(
        s.connections.save(back).await,
        Err(SessionError::SecretNeededForNewImsAddress)
    ));
}

/// A keyring that refuses the new secret leaves the connection as it was: its earlier settings
/// and the secret the keyring kept, never the new address with the old secret.
#[tokio::test]
async fn a_save_whose_secret_the_keyring_refuses_changes_nothing() {
    struct RefusesWrites(MemorySecrets);
    impl SecretStore for RefusesWrites {
        fn read(&self, account: &str) -> Result<Option<String>, flowdeck_secrets::SecretError> {
            self.0.read(account)
        }
        fn write(&self, _: &str, _: &str) -> Result<(), flowdeck_secrets::SecretError> {
            Err(flowdeck_secrets::SecretError::Locked)
        }
        fn delete(&self, account: &str) -> Result<(), flowdeck_secrets::SecretError> {
            self.0.delete(account)
        }
    }
    let simulator = crate::test_support::simulator(Switches::default()).await;
    let config = tempfile::tempdir().unwrap();
    let memory = MemorySecrets::default();
    let secret = simulator.credentials().client_secret.clone();
    let first = {
        let connections = Connections::open(config.path(), Arc::new(MemorySecrets::default()))
            .await
            .unwrap();
        connections
            .save(oauth_draft(&simulator, "Acme Stage", None))
            .await
            .unwrap()
    };
    memory
        .write(&format!("{}/client-secret", first.id), &secret)
        .unwrap();
    let connections = Connections::open(config.path(), Arc::new(RefusesWrites(memory)))
        .await
        .unwrap();
    let before = config_contents(config.path());

    let mut moved = oauth_draft(&simulator, "Acme Stage", Some("a-new-secret"));
    moved.id = Some(first.id.clone());
    moved.tenant = "acme-elsewhere".into();
    assert!(connections.save(moved).await.is_err());

    assert_eq!(config_contents(config.path()), before);
    let deck = connections.deck(&first.id).await.unwrap();
    assert_eq!(deck.organisation().tenant, simulator.credentials().tenant);
}

#[tokio::test]
async fn a_campaign_v8_connection_keeps_its_product_and_its_period_within_reason() {
    use flowdeck_store::CampaignProduct;
    let s = setup(Switches::default()).await;
    let secret = s.simulator.credentials().client_secret.clone();
    let mut draft = crate::test_support::oauth_draft(&s.simulator, "Acme v8", Some(&secret));
    draft.product = CampaignProduct::V8 {
        stops_paused_after_days: 3,
    };
    assert!(matches!(
        s.connections.save(draft).await,
        Err(SessionError::PausedPeriodInvalid)
    ));
    let mut draft = crate::test_support::oauth_draft(&s.simulator, "Acme v8", Some(&secret));
    let v8 = CampaignProduct::V8 {
        stops_paused_after_days: 28,
    };
    draft.product = v8;
    let view = s.connections.save(draft).await.unwrap();
    assert_eq!(view.product, v8);
    let deck = s.connections.deck(&view.id).await.unwrap();
    assert_eq!(deck.organisation().product, v8);
}
