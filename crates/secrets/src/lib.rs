//! Where Flowdeck keeps secrets: the OS keyring and nowhere else.
//!
//! `SecretStore` is small so that code whose subject is not the keyring can be tested with
//! [`MemorySecrets`]; the keyring itself is tested against a real Secret Service. Every call
//! blocks (a D-Bus or OS round trip): callers run them off the UI thread.

mod keyring_store;
mod memory;

pub use keyring_store::OsKeyring;
pub use memory::MemorySecrets;

/// Windows Credential Manager holds at most 2560 bytes, about 1280 UTF-16 characters; staying
/// well under it means a secret that works on one OS works on all.
pub const MAX_SECRET_CHARS: usize = 1024;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    #[error(
        "no keyring service is running (on Linux: a Secret Service such as GNOME Keyring or KWallet)"
    )]
    NoService,
    #[error("the keyring is locked")]
    Locked,
    #[error("the keyring refused access")]
    AccessDenied,
    #[error("the secret is longer than {MAX_SECRET_CHARS} characters")]
    TooLong,
    /// Never carries the secret: only what went wrong.
    #[error("the keyring failed: {0}")]
    Failed(String),
}

/// Secrets by account name, within one service (the app).
pub trait SecretStore: Send + Sync {
    fn read(&self, account: &str) -> Result<Option<String>, SecretError>;
    fn write(&self, account: &str, secret: &str) -> Result<(), SecretError>;
    /// Deleting what is not there succeeds: the outcome the caller wanted holds.
    fn delete(&self, account: &str) -> Result<(), SecretError>;
}

fn check_length(secret: &str) -> Result<(), SecretError> {
    if secret.chars().count() > MAX_SECRET_CHARS {
        Err(SecretError::TooLong)
    } else {
        Ok(())
    }
}
