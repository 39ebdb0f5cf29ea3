//! Keyring entries of deleted connections that the keyring could not remove at the time (locked,
//! or no Secret Service running): their account names only, never a secret, to retry later.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::StoreError;
use crate::versioned_file;

const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize, Deserialize, Default)]
struct RemovalsFile {
    accounts: BTreeSet<String>,
}

pub struct SecretRemovals {
    path: PathBuf,
    file: RemovalsFile,
}

impl SecretRemovals {
    pub fn open(path: impl Into<PathBuf>) -> Result<Self, StoreError> {
        let path = path.into();
        let loaded = versioned_file::load::<RemovalsFile>(&path, SCHEMA_VERSION)?;
        Ok(Self {
            path,
            file: loaded.document.unwrap_or_default(),
        })
    }

    pub fn accounts(&self) -> Vec<String> {
        self.file.accounts.iter().cloned().collect()
    }

    pub fn add(&mut self, account: &str) -> Result<(), StoreError> {
        if self.file.accounts.insert(account.to_owned()) {
            self.save()?;
        }
        Ok(())
    }

    pub fn done(&mut self, account: &str) -> Result<(), StoreError> {
        if self.file.accounts.remove(account) {
            self.save()?;
        }
        Ok(())
    }

    fn save(&self) -> Result<(), StoreError> {
        versioned_file::save(&self.path, SCHEMA_VERSION, &self.file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_left_to_remove_survives_a_restart_until_done() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret-removals.json");
        let mut removals = SecretRemovals::open(&path).unwrap();
        removals.add("a/client-secret").unwrap();
        removals.add("b/client-secret").unwrap();
        let mut reopened = SecretRemovals::open(&path).unwrap();
        assert_eq!(reopened.accounts(), ["a/client-secret", "b/client-secret"]);
        reopened.done("a/client-secret").unwrap();
        assert_eq!(
            SecretRemovals::open(&path).unwrap().accounts(),
            ["b/client-secret"]
        );
    }
}
