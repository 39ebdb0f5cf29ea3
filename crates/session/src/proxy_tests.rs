//! The Proxy setting as the session keeps it: the address and user name in the settings, the
//! password only in the keyring, and never half of a change.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use flowdeck_campaign::ProxyAddressError;
use flowdeck_secrets::{MemorySecrets, SecretStore};
use flowdeck_store::ProxySetting;
use jiff::tz::TimeZone;

use crate::clock::HeldClock;
use crate::{FolderLock, Session, SessionError};

async fn open(config: &Path, secrets: &Arc<MemorySecrets>) -> Session {
    let clock = Arc::new(HeldClock::new(
        "2026-12-03T05:00Z".parse().unwrap(),
        &TimeZone::UTC,
    ));
    let folder = FolderLock::acquire(config).unwrap();
    let secrets = Arc::clone(secrets) as Arc<dyn SecretStore>;
    Session::open(folder, secrets, clock, Duration::from_secs(1)).await
}

fn manual(address: &str, user: Option<&str>) -> ProxySetting {
    ProxySetting::Manual {
        address: address.into(),
        user: user.map(str::to_owned),
    }
}

#[tokio::test]
async fn a_proxy_password_goes_to_the_keyring_and_nowhere_else() {
    let config = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecrets::default());
    let session = open(config.path(), &secrets).await;
    let kept = session
        .change_proxy(
            manual("http://proxy.corp:3128", Some(" mia ")),
            Some("corp-secret".into()),
        )
        .await
        .unwrap();
    assert_eq!(kept.proxy, manual("proxy.corp:3128", Some("mia")));
    assert_eq!(
        secrets.read("proxy/password").unwrap().as_deref(),
        Some("corp-secret")
    );
    let file = std::fs::read_to_string(config.path().join("settings.json")).unwrap();
    assert!(!file.contains("corp-secret"), "{file}");
    drop(session);

    // Saved again without a password: the one in the keyring stays.
    let session = open(config.path(), &secrets).await;
    assert_eq!(session.settings().unwrap().get().proxy, kept.proxy);
    session
        .change_proxy(manual("proxy.corp:8080", Some("mia")), None)
        .await
        .unwrap();
    assert_eq!(
        secrets.read("proxy/password").unwrap().as_deref(),
        Some("corp-secret")
    );

    // No user name, or no manual proxy: no password kept.
    session
        .change_proxy(manual("proxy.corp:8080", None), None)
        .await
        .unwrap();
    assert_eq!(secrets.read("proxy/password").unwrap(), None);
    let kept = session
        .change_proxy(ProxySetting::None, None)
        .await
        .unwrap();
    assert_eq!(kept.proxy, ProxySetting::None);
    assert!(secrets.accounts().is_empty());
}

#[tokio::test]
async fn a_change_that_cannot_be_kept_whole_is_not_kept_at_all() {
    let config = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecrets::default());
    let session = open(config.path(), &secrets).await;

    let no_port = session.change_proxy(manual("proxy.corp", None), None).await;
    assert!(
        matches!(
            no_port,
            Err(SessionError::InvalidProxyAddress(
                ProxyAddressError::Malformed
            ))
        ),
        "{no_port:?}"
    );
    // A user name with no password, given or saved: the proxy would only refuse.
    let no_password = session
        .change_proxy(manual("proxy.corp:3128", Some("mia")), None)
        .await;
    assert!(
        matches!(no_password, Err(SessionError::ProxyPasswordMissing)),
        "{no_password:?}"
    );
    let too_long = session
        .change_proxy(
            manual("proxy.corp:3128", Some("mia")),
            Some("x".repeat(513)),
        )
        .await;
    assert!(
        matches!(too_long, Err(SessionError::ProxyPasswordTooLong)),
        "{too_long:?}"
    );
    assert_eq!(
        session.settings().unwrap().get().proxy,
        ProxySetting::System
    );
    assert!(secrets.accounts().is_empty());
}
