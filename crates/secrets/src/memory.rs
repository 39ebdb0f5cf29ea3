use std::collections::HashMap;
use std::sync::Mutex;

use crate::{SecretError, SecretStore, check_length};

/// For tests whose subject is not the keyring. Never used by the app.
#[derive(Default)]
pub struct MemorySecrets {
    secrets: Mutex<HashMap<String, String>>,
}

impl SecretStore for MemorySecrets {
    fn read(&self, account: &str) -> Result<Option<String>, SecretError> {
        Ok(self.lock().get(account).cloned())
    }

    fn write(&self, account: &str, secret: &str) -> Result<(), SecretError> {
        check_length(secret)?;
        self.lock().insert(account.to_owned(), secret.to_owned());
        Ok(())
    }

    fn delete(&self, account: &str) -> Result<(), SecretError> {
        self.lock().remove(account);
        Ok(())
    }
}

impl MemorySecrets {
    /// The accounts that hold a secret, sorted.
    pub fn accounts(&self) -> Vec<String> {
        let mut accounts: Vec<String> = self.lock().keys().cloned().collect();
        accounts.sort();
        accounts
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        self.secrets.lock().unwrap_or_else(|p| p.into_inner())
    }
}
