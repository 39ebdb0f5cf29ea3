use keyring::{Entry, Error};

use crate::{SecretError, SecretStore, check_length};

/// The OS keyring: Keychain on macOS, Credential Manager on Windows, Secret Service on Linux.
pub struct OsKeyring {
    service: String,
}

impl OsKeyring {
    /// `service` names the app in the keyring, e.g. its bundle identifier.
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    fn entry(&self, account: &str) -> Result<Entry, SecretError> {
        Entry::new(&self.service, account).map_err(classify)
    }
}

impl SecretStore for OsKeyring {
    fn read(&self, account: &str) -> Result<Option<String>, SecretError> {
        match self.entry(account)?.get_password() {
            Ok(secret) => Ok(Some(secret)),
            Err(Error::NoEntry) => Ok(None),
            Err(error) => Err(classify(error)),
        }
    }

    fn write(&self, account: &str, secret: &str) -> Result<(), SecretError> {
        check_length(secret)?;
        self.entry(account)?.set_password(secret).map_err(classify)
    }

    fn delete(&self, account: &str) -> Result<(), SecretError> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(Error::NoEntry) => Ok(()),
            Err(error) => Err(classify(error)),
        }
    }
}

/// Sorts keyring failures into what the user can act on. `BadEncoding` carries the stored
/// bytes, so its content is never put into the message.
fn classify(error: Error) -> SecretError {
    match error {
        Error::PlatformFailure(inner) => by_text(&inner.to_string()),
        Error::NoStorageAccess(inner) => {
            let text = inner.to_string();
            if mentions_lock(&text) {
                SecretError::Locked
            } else if mentions_missing_service(&text) {
                SecretError::NoService
            } else {
                SecretError::AccessDenied
            }
        }
        Error::TooLong(..) => SecretError::TooLong,
        Error::BadEncoding(_) => SecretError::Failed("the stored secret is not valid text".into()),
        other => SecretError::Failed(other.to_string()),
    }
}

fn by_text(text: &str) -> SecretError {
    if mentions_lock(text) {
        SecretError::Locked
    } else if mentions_missing_service(text) {
        SecretError::NoService
    } else {
        SecretError::Failed(text.to_owned())
    }
}

fn mentions_lock(text: &str) -> bool {
    text.contains("IsLocked") || text.to_lowercase().contains("locked")
}

fn mentions_missing_service(text: &str) -> bool {
    let text = text.to_lowercase();
    [
        "dbus",
        "d-bus",
        "autolaunch",
        "serviceunknown",
        "org.freedesktop.secrets",
        "no such",
    ]
    .iter()
    .any(|needle| text.contains(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_failures_seen_on_linux_get_their_remedies() {
        assert_eq!(
            by_text(
                "Platform secure storage failure: Unable to autolaunch a dbus-daemon without a $DISPLAY for X11"
            ),
            SecretError::NoService
        );
        assert_eq!(by_text("SS error: IsLocked"), SecretError::Locked);
        assert!(matches!(by_text("something else"), SecretError::Failed(_)));
    }

    #[test]
    fn a_bad_encoding_never_repeats_the_stored_bytes() {
        let error = classify(Error::BadEncoding(b"s3cr3t\xff".to_vec()));
        assert!(!error.to_string().contains("s3cr3t"));
    }
}
