//! Against a real Secret Service that cannot be used: none running (`stopped`), or its
//! collection locked with no one to type the password (`locked`: the test locks it itself,
//! after saving a connection). `scripts/broken-keyring.sh` sets each up and runs these with
//! `--ignored`; they mean nothing against a working keyring.

use std::sync::Arc;

use campaign_simulator::{Simulator, SimulatorConfig};
use flowdeck_secrets::{MemorySecrets, OsKeyring, SecretError, SecretStore};
use flowdeck_session::{AuthDraft, ConnectionDraft, Connections, SessionError};
use flowdeck_store::ConnectionKind;

const SERVICE: &str = "io.flowdeck.desktop.tests";

fn locked() -> bool {
    match std::env::var("FLOWDECK_KEYRING").as_deref() {
        Ok("stopped") => false,
        Ok("locked") => true,
        other => panic!("run through scripts/broken-keyring.sh, not with {other:?}"),
    }
}

/// Locks the login collection, as the screen locker or a timeout does.
fn lock_the_collection() {
    let locked = std::process::Command::new("dbus-send")
        .args([
            "--session",
            "--dest=org.freedesktop.secrets",
            "--print-reply",
            "/org/freedesktop/secrets",
            "org.freedesktop.Secret.Service.Lock",
            "array:objpath:/org/freedesktop/secrets/collection/login",
        ])
        .output()
        .unwrap();
    assert!(locked.status.success(), "{locked:?}");
}

fn draft(sim: &Simulator, name: &str) -> ConnectionDraft {
    let credentials = sim.credentials();
    ConnectionDraft {
        id: None,
        name: name.into(),
        kind: ConnectionKind::Stage,
        product: flowdeck_store::CampaignProduct::Standard,
        tenant: credentials.tenant.clone(),
        api_key: credentials.api_key.clone(),
        base_url: sim.base_url(),
        auth: AuthDraft::OAuth {
            scopes: flowdeck_campaign::DEFAULT_SCOPES.into(),
            ims_url: sim.base_url(),
            client_secret: Some(credentials.client_secret.clone()),
        },
    }
}

#[tokio::test]
#[ignore = "needs a stopped or locked Secret Service: scripts/broken-keyring.sh"]
async fn with_the_keyring_unusable_connections_are_listed_refused_and_still_deleted() {
    let (locked, keyring) = (locked(), Arc::new(OsKeyring::new(SERVICE)));
    let expected = if locked {
        SecretError::Locked
    } else {
        SecretError::NoService
    };
    let sim = Simulator::start(SimulatorConfig::demo()).await.unwrap();
    let config = tempfile::tempdir().unwrap();
    // Saved while a keyring worked: this one before it was locked; with none running, as on
    // another machine (in memory).
    let saved = {
        let earlier: Arc<dyn SecretStore> = if locked {
            Arc::clone(&keyring) as Arc<dyn SecretStore>
        } else {
            Arc::new(MemorySecrets::default())
        };
        let earlier = Connections::open(config.path(), earlier).await.unwrap();
        let saved = earlier.save(draft(&sim, "Acme Stage")).await.unwrap();
        earlier
            .deck(&saved.id)
            .await
            .unwrap()
            .add("WKF-WELCOME", "")
            .await
            .unwrap();
        saved
    };
    if locked {
        lock_the_collection();
    }

    assert_eq!(
        keyring.write("probe/client-secret", "x"),
        Err(expected.clone())
    );
    let keyring: Arc<dyn SecretStore> = keyring;
    let connections = Connections::open(config.path(), keyring).await.unwrap();
    assert_eq!(
        connections.list().await.len(),
        2,
        "listed without the keyring"
    );

    match connections.save(draft(&sim, "Acme Production")).await {
        Err(SessionError::Secrets(error)) => assert_eq!(error, expected),
        other => panic!("{other:?}"),
    }
    assert_eq!(connections.list().await.len(), 2, "nothing half-created");

    let deleted = connections.delete(&saved.id).await.unwrap();
    assert!(deleted.secret_removal_pending);
    assert_eq!(connections.list().await.len(), 1, "only the demo is left");
    let account = format!("{}/client-secret", saved.id);
    let noted = std::fs::read_to_string(config.path().join("secret-removals.json")).unwrap();
    assert!(noted.contains(&account), "{noted}");
    if locked {
        // The secret is still in the keyring, where the next start will remove it.
        let unlocked = std::process::Command::new("sh")
            .args([
                "-c",
                "echo -n flowdeck | gnome-keyring-daemon --unlock --replace --components=secrets",
            ])
            .output()
            .unwrap();
        assert!(unlocked.status.success());
        Connections::open(config.path(), Arc::new(OsKeyring::new(SERVICE)))
            .await
            .unwrap()
            .retry_secret_removals()
            .await;
        assert_eq!(
            OsKeyring::new(SERVICE).read(&account),
            Ok(None),
            "removed at the next start"
        );
    }
}
