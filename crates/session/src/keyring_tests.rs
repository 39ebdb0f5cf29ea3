//! The session when the keyring misbehaves: locked, slow as a prompt waiting for a person.
//! (Against a real, stopped or locked Secret Service: `tests/broken_keyring.rs`.)

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use campaign_simulator::Switches;
use flowdeck_secrets::{MemorySecrets, SecretError, SecretStore};
use flowdeck_store::ConnectionKind;

use crate::Connections;
use crate::test_support::{connect, simulator};

/// A keyring that can be locked, and whose reads can be made as slow as a prompt; it counts
/// the calls it gets.
#[derive(Default)]
struct Keyring {
    secrets: MemorySecrets,
    locked: AtomicBool,
    read_delay_ms: AtomicU64,
    calls: AtomicUsize,
}

impl Keyring {
    fn call(&self) -> Result<(), SecretError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        if self.locked.load(Ordering::SeqCst) {
            Err(SecretError::Locked)
        } else {
            Ok(())
        }
    }
}

impl SecretStore for Keyring {
    fn read(&self, account: &str) -> Result<Option<String>, SecretError> {
        std::thread::sleep(Duration::from_millis(
            self.read_delay_ms.load(Ordering::SeqCst),
        ));
        self.call()?;
        self.secrets.read(account)
    }
    fn write(&self, account: &str, secret: &str) -> Result<(), SecretError> {
        self.call()?;
        self.secrets.write(account, secret)
    }
    fn delete(&self, account: &str) -> Result<(), SecretError> {
        self.call()?;
        self.secrets.delete(account)
    }
}

/// A start of Flowdeck: the connections opened, then what the shell does once the window is up.
async fn open(config: &std::path::Path, keyring: &Arc<Keyring>) -> Connections {
    let connections = Connections::open(config, Arc::clone(keyring) as Arc<dyn SecretStore>)
        .await
        .unwrap();
    connections.retry_secret_removals().await;
    connections
}

#[tokio::test]
async fn listing_connections_never_asks_the_keyring() {
    let sim = simulator(Switches::default()).await;
    let config = tempfile::tempdir().unwrap();
    let keyring = Arc::new(Keyring::default());
    let connections = open(config.path(), &keyring).await;
    for name in ["Acme Production", "Acme Stage", "Acme Dev"] {
        connect(&connections, &sim, name, ConnectionKind::Stage, &[]).await;
    }
    // After a restart nothing has been read yet: the list still costs no keyring call.
    let connections = open(config.path(), &keyring).await;
    let before = keyring.calls.load(Ordering::SeqCst);
    for _ in 0..5 {
        assert_eq!(connections.list().await.len(), 4);
    }
    assert_eq!(keyring.calls.load(Ordering::SeqCst), before);
}

#[tokio::test]
async fn a_locked_keyring_does_not_keep_a_connection_and_its_secret_goes_later() {
    let sim = simulator(Switches::default()).await;
    let config = tempfile::tempdir().unwrap();
    let keyring = Arc::new(Keyring::default());
    let connections = open(config.path(), &keyring).await;
    let stage = connect(
        &connections,
        &sim,
        "Acme Stage",
        ConnectionKind::Stage,
        &["WKF-WELCOME"],
    )
    .await;
    let account = format!("{}/client-secret", stage.id);
    assert_eq!(keyring.secrets.accounts(), std::slice::from_ref(&account));

    keyring.locked.store(true, Ordering::SeqCst);
    let deleted = connections.delete(&stage.id).await.unwrap();
    assert!(deleted.secret_removal_pending);
    assert_eq!(connections.list().await.len(), 1, "only the demo is left");
    assert!(
        !config
            .path()
            .join("cards")
            .join(format!("{}.json", stage.id))
            .exists()
    );
    assert_eq!(
        keyring.secrets.accounts(),
        std::slice::from_ref(&account),
        "still there, for now"
    );

    // Still locked at the next start: tried, and still noted.
    let _ = open(config.path(), &keyring).await;
    assert_eq!(keyring.secrets.accounts(), [account]);
    keyring.locked.store(false, Ordering::SeqCst);
    let _ = open(config.path(), &keyring).await;
    assert!(
        keyring.secrets.accounts().is_empty(),
        "removed once the keyring let it"
    );
    let calls = keyring.calls.load(Ordering::SeqCst);
    let _ = open(config.path(), &keyring).await;
    assert_eq!(
        keyring.calls.load(Ordering::SeqCst),
        calls,
        "and not tried again"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_keyring_waiting_for_a_person_holds_up_only_the_deck_that_needs_it() {
    let sim = simulator(Switches::default()).await;
    let config = tempfile::tempdir().unwrap();
    let keyring = Arc::new(Keyring::default());
    let stage = {
        let connections = open(config.path(), &keyring).await;
        connect(&connections, &sim, "Acme Stage", ConnectionKind::Stage, &[]).await
    };
    let connections = Arc::new(open(config.path(), &keyring).await);
    keyring.read_delay_ms.store(2_000, Ordering::SeqCst);

    let opening = {
        let connections = Arc::clone(&connections);
        tokio::spawn(async move { connections.deck(&stage.id).await.map(drop) })
    };
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = Instant::now();
    assert_eq!(connections.list().await.len(), 2);
    connections.deck("demo").await.unwrap();
    assert!(
        started.elapsed() < Duration::from_millis(1_000),
        "the list and another deck waited {:?} behind the keyring",
        started.elapsed()
    );
    opening.await.unwrap().unwrap();
}
