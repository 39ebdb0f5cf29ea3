use std::fmt;
use std::path::PathBuf;

use flowdeck_campaign::{Address, BaseUrl};
use serde::{Deserialize, Serialize};

use crate::StoreError;
use crate::versioned_file;

const SCHEMA_VERSION: u32 = 1;

/// The built-in demo organisation's profile ID; no stored profile may take it.
pub const DEMO_PROFILE: &str = "demo";

/// A profile's stable ID: it names the profile's card file and its keyring entries.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(try_from = "String", into = "String")]
pub struct ProfileId(String);

impl ProfileId {
    pub fn demo() -> Self {
        Self(DEMO_PROFILE.to_owned())
    }

    /// A new, random ID (a UUID): never one a lost or deleted profile had, so a new profile
    /// can never inherit another's card file or keyring entry.
    pub fn random() -> Self {
        Self(uuid::Uuid::new_v4().to_string())
    }

    pub fn is_demo(&self) -> bool {
        self.0 == DEMO_PROFILE
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ProfileId {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        let valid = !value.is_empty()
            && value.len() <= 40
            && value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if valid {
            Ok(Self(value))
        } else {
            Err(format!("{value:?} is not a profile ID"))
        }
    }
}

impl From<ProfileId> for String {
    fn from(id: ProfileId) -> Self {
        id.0
    }
}

impl fmt::Display for ProfileId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How a profile gets its access token. The secret itself is never here: only in the keyring.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum AuthMethod {
    /// OAuth Server-to-Server: a client secret (in the keyring) and these scopes.
    #[serde(rename = "oauth", rename_all = "camelCase")]
    OAuth { scopes: String, ims_url: BaseUrl },
    /// An access token the user pasted; kept in memory only.
    PastedToken,
}

/// What a Campaign instance is for. Its colour follows from it, so that red always means
/// Production and a command is never sent to one instance while the user thinks of another.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, specta::Type,
)]
#[serde(rename_all = "camelCase")]
pub enum ConnectionKind {
    /// Also what a profile saved before kinds existed counts as: the careful choice.
    #[default]
    Production,
    Stage,
    Development,
    /// The built-in demo organisation only.
    Demo,
}

/// One Campaign instance the user works with, e.g. "Production" or "Stage".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    pub id: ProfileId,
    pub name: String,
    #[serde(default)]
    pub kind: ConnectionKind,
    /// Saved as `connection` before the campaign address type took its own name.
    #[serde(alias = "connection")]
    pub address: Address,
    pub auth: AuthMethod,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct ProfileFile {
    profiles: Vec<Profile>,
    selected: Option<ProfileId>,
}

/// The user's connection profiles and which one is open, saved after every change.
pub struct ProfileStore {
    path: PathBuf,
    file: ProfileFile,
}

impl ProfileStore {
    /// Opens the profiles at `path`; also says where an unreadable file was set aside.
    pub fn open(path: impl Into<PathBuf>) -> Result<(Self, Option<PathBuf>), StoreError> {
        let path = path.into();
        let loaded = versioned_file::load::<ProfileFile>(&path, SCHEMA_VERSION)?;
        let store = Self {
            path,
            file: loaded.document.unwrap_or_default(),
        };
        Ok((store, loaded.set_aside))
    }

    pub fn profiles(&self) -> &[Profile] {
        &self.file.profiles
    }

    pub fn get(&self, id: &ProfileId) -> Result<&Profile, StoreError> {
        self.file
            .profiles
            .iter()
            .find(|p| &p.id == id)
            .ok_or_else(|| StoreError::ProfileNotFound(id.to_string()))
    }

    /// The open profile: the last one selected that still exists, else the demo organisation.
    pub fn selected(&self) -> ProfileId {
        self.file
            .selected
            .clone()
            .filter(|id| self.get(id).is_ok())
            .unwrap_or_else(ProfileId::demo)
    }

    /// Remembers `id` as the profile to open next time. Every start opens the one selected
    /// last: that writes nothing, since a safe write (synced twice) sat on the way to the
    /// window's first cards.
    pub fn select(&mut self, id: &ProfileId) -> Result<(), StoreError> {
        if !id.is_demo() {
            self.get(id)?;
        }
        if self.file.selected.as_ref() == Some(id) {
            return Ok(());
        }
        self.file.selected = Some(id.clone());
        self.save()
    }

    /// Adds the profile, or replaces the one with its ID. Names are unique, ignoring case.
    pub fn put(&mut self, profile: Profile) -> Result<(), StoreError> {
        let name = profile.name.trim().to_lowercase();
        if self
            .file
            .profiles
            .iter()
            .any(|p| p.id != profile.id && p.name.trim().to_lowercase() == name)
        {
            return Err(StoreError::DuplicateProfileName(profile.name));
        }
        match self.file.profiles.iter_mut().find(|p| p.id == profile.id) {
            Some(existing) => *existing = profile,
            None => self.file.profiles.push(profile),
        }
        self.save()
    }

    pub fn ids(&self) -> impl Iterator<Item = &ProfileId> {
        self.file.profiles.iter().map(|p| &p.id)
    }

    pub fn remove(&mut self, id: &ProfileId) -> Result<Profile, StoreError> {
        let index = self
            .file
            .profiles
            .iter()
            .position(|p| &p.id == id)
            .ok_or_else(|| StoreError::ProfileNotFound(id.to_string()))?;
        let profile = self.file.profiles.remove(index);
        if self.file.selected.as_ref() == Some(id) {
            self.file.selected = None;
        }
        self.save()?;
        Ok(profile)
    }

    fn save(&self) -> Result<(), StoreError> {
        versioned_file::save(&self.path, SCHEMA_VERSION, &self.file)
    }
}

#[cfg(test)]
mod tests {
    use flowdeck_campaign::{ApiKey, Tenant};

    use super::*;

    fn profile(name: &str) -> Profile {
        Profile {
            id: ProfileId::random(),
            name: name.into(),
            kind: ConnectionKind::Stage,
            address: Address {
                base_url: BaseUrl::adobe(),
                tenant: Tenant::parse("acme").unwrap(),
                api_key: ApiKey::parse("client-id").unwrap(),
            },
            auth: AuthMethod::OAuth {
                scopes: "openid,AdobeID".into(),
                ims_url: BaseUrl::parse("https://ims-na1.adobelogin.com").unwrap(),
            },
        }
    }

    #[test]
    fn profiles_and_the_selection_survive_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("profiles.json");
        let (mut store, _) = ProfileStore::open(&path).unwrap();
        assert!(store.selected().is_demo(), "with no profile the demo opens");
        let production = profile("Production");
        store.put(production.clone()).unwrap();
        let stage = profile("Stage");
        assert_ne!(stage.id, production.id);
        store.put(stage.clone()).unwrap();
        store.select(&stage.id).unwrap();

        let (reopened, set_aside) = ProfileStore::open(&path).unwrap();
        assert!(set_aside.is_none());
        assert_eq!(reopened.profiles(), &[production, stage.clone()]);
        assert_eq!(reopened.selected(), stage.id);
    }

    #[test]
    fn selecting_the_profile_already_selected_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("profiles.json");
        let (mut store, _) = ProfileStore::open(&path).unwrap();
        let stage = profile("Stage");
        store.put(stage.clone()).unwrap();
        store.select(&stage.id).unwrap();
        std::fs::remove_file(&path).unwrap();

        store.select(&stage.id).unwrap();
        assert!(!path.exists(), "the same selection again is not written");
        store.select(&ProfileId::demo()).unwrap();
        let (reopened, _) = ProfileStore::open(&path).unwrap();
        assert!(reopened.selected().is_demo(), "a new selection is written");
    }

    #[test]
    fn names_are_unique_and_editing_keeps_the_id() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = ProfileStore::open(dir.path().join("p.json")).unwrap();
        let mut production = profile("Production");
        store.put(production.clone()).unwrap();
        let clash = profile(" production ");
        assert!(matches!(
            store.put(clash),
            Err(StoreError::DuplicateProfileName(_))
        ));
        production.name = "Production EU".into();
        store.put(production.clone()).unwrap();
        assert_eq!(store.profiles(), &[production]);
    }

    #[test]
    fn removing_the_open_profile_falls_back_to_the_demo() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = ProfileStore::open(dir.path().join("p.json")).unwrap();
        let production = profile("Production");
        store.put(production.clone()).unwrap();
        store.select(&production.id).unwrap();
        store.remove(&production.id).unwrap();
        assert!(store.selected().is_demo());
        assert!(matches!(
            store.remove(&production.id),
            Err(StoreError::ProfileNotFound(_))
        ));
    }

    #[test]
    fn the_file_holds_no_secret_fields() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        let (mut store, _) = ProfileStore::open(&path).unwrap();
        store.put(profile("Production")).unwrap();
        let saved: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let auth = &saved["profiles"][0]["auth"];
        assert_eq!(auth["kind"], "oauth");
        assert_eq!(
            auth.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["imsUrl", "kind", "scopes"]
        );
    }

    #[test]
    fn a_profile_saved_before_kinds_existed_counts_as_production() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        let (mut store, _) = ProfileStore::open(&path).unwrap();
        store.put(profile("Old")).unwrap();
        let mut saved: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(saved["profiles"][0]["kind"], "stage");
        saved["profiles"][0].as_object_mut().unwrap().remove("kind");
        std::fs::write(&path, saved.to_string()).unwrap();
        let (reopened, _) = ProfileStore::open(&path).unwrap();
        assert_eq!(reopened.profiles()[0].kind, ConnectionKind::Production);
    }

    #[test]
    fn new_ids_are_random_valid_and_never_repeat() {
        let ids: std::collections::HashSet<String> =
            (0..1000).map(|_| ProfileId::random().to_string()).collect();
        assert_eq!(ids.len(), 1000);
        for id in &ids {
            assert!(ProfileId::try_from(id.clone()).is_ok(), "{id}");
        }
    }

    #[test]
    fn profile_ids_are_safe_for_file_and_keyring_names() {
        assert!(ProfileId::try_from("profile-12".to_owned()).is_ok());
        for bad in ["", "../x", "Profile", "a b", &"x".repeat(41)] {
            assert!(ProfileId::try_from(bad.to_owned()).is_err(), "{bad}");
        }
    }
}
