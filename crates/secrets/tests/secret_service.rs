//! Against the real OS keyring: on Linux a Secret Service (gnome-keyring, unlocked, inside a
//! private D-Bus session: `scripts/headless.sh`). Run with `--test-threads=1`.

use flowdeck_secrets::{MAX_SECRET_CHARS, OsKeyring, SecretError, SecretStore};

const SERVICE: &str = "io.flowdeck.desktop.tests";

#[test]
fn a_secret_round_trips_through_a_fresh_store_and_is_deleted() {
    let account = "connection-1/client-secret";
    OsKeyring::new(SERVICE)
        .write(account, "p8e-Secret-Value")
        .unwrap();

    // A new store object, as after a restart: the value comes from the keyring, not memory.
    let reopened = OsKeyring::new(SERVICE);
    assert_eq!(
        reopened.read(account).unwrap().as_deref(),
        Some("p8e-Secret-Value")
    );

    reopened.write(account, "p8e-Replaced").unwrap();
    assert_eq!(
        OsKeyring::new(SERVICE).read(account).unwrap().as_deref(),
        Some("p8e-Replaced")
    );

    reopened.delete(account).unwrap();
    assert_eq!(OsKeyring::new(SERVICE).read(account).unwrap(), None);
    reopened.delete(account).unwrap();
}

#[test]
fn the_largest_secret_flowdeck_stores_round_trips_and_a_larger_one_is_refused() {
    let account = "connection-2/client-secret";
    let largest: String = "Ab9-".repeat(MAX_SECRET_CHARS / 4);
    assert_eq!(largest.chars().count(), MAX_SECRET_CHARS);
    let store = OsKeyring::new(SERVICE);
    store.write(account, &largest).unwrap();
    assert_eq!(
        OsKeyring::new(SERVICE).read(account).unwrap(),
        Some(largest.clone())
    );

    let too_long = format!("{largest}x");
    assert_eq!(store.write(account, &too_long), Err(SecretError::TooLong));
    assert_eq!(
        OsKeyring::new(SERVICE).read(account).unwrap(),
        Some(largest),
        "unchanged"
    );
    store.delete(account).unwrap();
}

#[test]
fn accounts_are_kept_apart() {
    let store = OsKeyring::new(SERVICE);
    store.write("connection-3/client-secret", "three").unwrap();
    store.write("connection-4/client-secret", "four").unwrap();
    store.delete("connection-3/client-secret").unwrap();
    assert_eq!(store.read("connection-3/client-secret").unwrap(), None);
    assert_eq!(
        store.read("connection-4/client-secret").unwrap().as_deref(),
        Some("four")
    );
    store.delete("connection-4/client-secret").unwrap();
}
