use std::fmt;
use std::path::{Path, PathBuf};

use flowdeck_campaign::{Address, BaseUrl};
use serde::{Deserialize, Serialize};

use crate::StoreError;
use crate::{atomic_file, versioned_file};

const SCHEMA_VERSION: u32 = 1;

/// The built-in demo organisation's connection ID; no stored connection may take it.
pub const DEMO_CONNECTION: &str = "demo";

/// A connection's stable ID: it names the connection's card file and its keyring entries.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(try_from = "String", into = "String")]
pub struct ConnectionId(String);

impl ConnectionId {
    pub fn demo() -> Self {
        Self(DEMO_CONNECTION.to_owned())
    }

    /// A new, random ID (a UUID): never one a lost or deleted connection had, so a new connection
    /// can never inherit another's card file or keyring entry.
    pub fn random() -> Self {
        Self(uuid::Uuid::new_v4().to_string())
    }

    pub fn is_demo(&self) -> bool {
        self.0 == DEMO_CONNECTION
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ConnectionId {
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
            Err(format!("{value:?} is not a connection ID"))
        }
    }
}

impl From<ConnectionId> for String {
    fn from(id: ConnectionId) -> Self {
        id.0
    }
}

impl fmt::Display for ConnectionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How a connection gets its access token. The secret itself is never here: only in the keyring.
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ConnectionKind {
    /// Also what a connection saved before kinds existed counts as: the careful choice.
    #[default]
    Production,
    Stage,
    Development,
    /// The built-in demo organisation only.
    Demo,
}

/// Which Campaign a connection reaches: its words for statuses and its rules differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(
    tag = "product",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum CampaignProduct {
    /// Campaign Standard (and what a connection saved before products existed counts as).
    #[default]
    Standard,
    /// Campaign v8, for customers who moved from Standard: it stops a workflow left paused or
    /// failed after this many days (the instance's `NmsServer_PausedWorkflowPeriod`).
    V8 { stops_paused_after_days: u32 },
}

/// Campaign v8 warns after 7 days and stops after 4 weekly notices: about a month, unless the
/// instance says otherwise.
pub const V8_STOPS_PAUSED_AFTER_DAYS: u32 = 28;

/// One Campaign instance the user works with, e.g. "Production" or "Stage".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Connection {
    pub id: ConnectionId,
    pub name: String,
    #[serde(default)]
    pub kind: ConnectionKind,
    #[serde(default)]
    pub product: CampaignProduct,
    /// Saved as `connection` before the campaign address type took its own name.
    #[serde(alias = "connection")]
    pub address: Address,
    pub auth: AuthMethod,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct ConnectionFile {
    /// Saved as `profiles` before connections took that name.
    #[serde(alias = "profiles")]
    connections: Vec<Connection>,
    selected: Option<ConnectionId>,
}

/// The user's connections and which one is open, saved after every change.
pub struct ConnectionStore {
    path: PathBuf,
    file: ConnectionFile,
}

/// Where the connections are kept in the config folder.
const FILE: &str = "connections.json";
/// Where they were kept before connections took that name.
const EARLIER_FILE: &str = "profiles.json";

impl ConnectionStore {
    /// Opens the connections kept in `config_dir`; also says where an unreadable file was set
    /// aside. A list saved under its earlier name takes the new one first.
    pub fn open_in(config_dir: &Path) -> Result<(Self, Option<PathBuf>), StoreError> {
        let path = config_dir.join(FILE);
        let earlier = config_dir.join(EARLIER_FILE);
        if !path.exists() && earlier.exists() {
            std::fs::rename(&earlier, &path)
                .and_then(|()| atomic_file::sync_folder(config_dir))
                .map_err(|source| StoreError::Io {
                    path: earlier,
                    source,
                })?;
        }
        Self::open(path)
    }

    /// Opens the connections at `path`; also says where an unreadable file was set aside.
    pub fn open(path: impl Into<PathBuf>) -> Result<(Self, Option<PathBuf>), StoreError> {
        let path = path.into();
        let loaded = versioned_file::load::<ConnectionFile>(&path, SCHEMA_VERSION)?;
        let store = Self {
            path,
            file: loaded.document.unwrap_or_default(),
        };
        Ok((store, loaded.set_aside))
    }

    pub fn connections(&self) -> &[Connection] {
        &self.file.connections
    }

    pub fn get(&self, id: &ConnectionId) -> Result<&Connection, StoreError> {
        self.file
            .connections
            .iter()
            .find(|p| &p.id == id)
            .ok_or_else(|| StoreError::ConnectionNotFound(id.to_string()))
    }

    /// The open connection: the last one selected that still exists, else the demo organisation.
    pub fn selected(&self) -> ConnectionId {
        self.file
            .selected
            .clone()
            .filter(|id| self.get(id).is_ok())
            .unwrap_or_else(ConnectionId::demo)
    }

    /// Remembers `id` as the connection to open next time. Every start opens the one selected
    /// last: that writes nothing, since a safe write (synced twice) sat on the way to the
    /// window's first cards.
    pub fn select(&mut self, id: &ConnectionId) -> Result<(), StoreError> {
        if !id.is_demo() {
            self.get(id)?;
        }
        if self.file.selected.as_ref() == Some(id) {
            return Ok(());
        }
        self.file.selected = Some(id.clone());
        self.save()
    }

    /// Adds the connection, or replaces the one with its ID. Names are unique, ignoring case.
    pub fn put(&mut self, connection: Connection) -> Result<(), StoreError> {
        let name = connection.name.trim().to_lowercase();
        if self
            .file
            .connections
            .iter()
            .any(|p| p.id != connection.id && p.name.trim().to_lowercase() == name)
        {
            return Err(StoreError::DuplicateConnectionName(connection.name));
        }
        match self
            .file
            .connections
            .iter_mut()
            .find(|p| p.id == connection.id)
        {
            Some(existing) => *existing = connection,
            None => self.file.connections.push(connection),
        }
        self.save()
    }

    pub fn ids(&self) -> impl Iterator<Item = &ConnectionId> {
        self.file.connections.iter().map(|p| &p.id)
    }

    pub fn remove(&mut self, id: &ConnectionId) -> Result<Connection, StoreError> {
        let index = self
            .file
            .connections
            .iter()
            .position(|p| &p.id == id)
            .ok_or_else(|| StoreError::ConnectionNotFound(id.to_string()))?;
        let connection = self.file.connections.remove(index);
        if self.file.selected.as_ref() == Some(id) {
            self.file.selected = None;
        }
        self.save()?;
        Ok(connection)
    }

    fn save(&self) -> Result<(), StoreError> {
        versioned_file::save(&self.path, SCHEMA_VERSION, &self.file)
    }
}

#[cfg(test)]
mod tests {
    use flowdeck_campaign::{ApiKey, Tenant};

    use super::*;

    fn connection(name: &str) -> Connection {
        Connection {
            id: ConnectionId::random(),
            name: name.into(),
            kind: ConnectionKind::Stage,
            product: CampaignProduct::Standard,
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
    fn connections_and_the_selection_survive_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("connections.json");
        let (mut store, _) = ConnectionStore::open(&path).unwrap();
        assert!(
            store.selected().is_demo(),
            "with no connection the demo opens"
        );
        let production = connection("Production");
        store.put(production.clone()).unwrap();
        let stage = connection("Stage");
        assert_ne!(stage.id, production.id);
        store.put(stage.clone()).unwrap();
        store.select(&stage.id).unwrap();

        let (reopened, set_aside) = ConnectionStore::open(&path).unwrap();
        assert!(set_aside.is_none());
        assert_eq!(reopened.connections(), &[production, stage.clone()]);
        assert_eq!(reopened.selected(), stage.id);
    }

    #[test]
    fn selecting_the_connection_already_selected_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("connections.json");
        let (mut store, _) = ConnectionStore::open(&path).unwrap();
        let stage = connection("Stage");
        store.put(stage.clone()).unwrap();
        store.select(&stage.id).unwrap();
        std::fs::remove_file(&path).unwrap();

        store.select(&stage.id).unwrap();
        assert!(!path.exists(), "the same selection again is not written");
        store.select(&ConnectionId::demo()).unwrap();
        let (reopened, _) = ConnectionStore::open(&path).unwrap();
        assert!(reopened.selected().is_demo(), "a new selection is written");
    }

    #[test]
    fn names_are_unique_and_editing_keeps_the_id() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = ConnectionStore::open(dir.path().join("p.json")).unwrap();
        let mut production = connection("Production");
        store.put(production.clone()).unwrap();
        let clash = connection(" production ");
        assert!(matches!(
            store.put(clash),
            Err(StoreError::DuplicateConnectionName(_))
        ));
        production.name = "Production EU".into();
        store.put(production.clone()).unwrap();
        assert_eq!(store.connections(), &[production]);
    }

    #[test]
    fn removing_the_open_connection_falls_back_to_the_demo() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = ConnectionStore::open(dir.path().join("p.json")).unwrap();
        let production = connection("Production");
        store.put(production.clone()).unwrap();
        store.select(&production.id).unwrap();
        store.remove(&production.id).unwrap();
        assert!(store.selected().is_demo());
        assert!(matches!(
            store.remove(&production.id),
            Err(StoreError::ConnectionNotFound(_))
        ));
    }

    #[test]
    fn the_file_holds_no_secret_fields() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        let (mut store, _) = ConnectionStore::open(&path).unwrap();
        store.put(connection("Production")).unwrap();
        let saved: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let auth = &saved["connections"][0]["auth"];
        assert_eq!(auth["kind"], "oauth");
        assert_eq!(
            auth.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["imsUrl", "kind", "scopes"]
        );
    }

    #[test]
    fn a_connection_saved_before_kinds_existed_counts_as_production() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        let (mut store, _) = ConnectionStore::open(&path).unwrap();
        store.put(connection("Old")).unwrap();
        let mut saved: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(saved["connections"][0]["kind"], "stage");
        saved["connections"][0]
            .as_object_mut()
            .unwrap()
            .remove("kind");
        std::fs::write(&path, saved.to_string()).unwrap();
        let (reopened, _) = ConnectionStore::open(&path).unwrap();
        assert_eq!(reopened.connections()[0].kind, ConnectionKind::Production);
    }

    #[test]
    fn new_ids_are_random_valid_and_never_repeat() {
        let ids: std::collections::HashSet<String> = (0..1000)
            .map(|_| ConnectionId::random().to_string())
            .collect();
        assert_eq!(ids.len(), 1000);
        for id in &ids {
            assert!(ConnectionId::try_from(id.clone()).is_ok(), "{id}");
        }
    }

    #[test]
    fn connection_ids_are_safe_for_file_and_keyring_names() {
        assert!(ConnectionId::try_from("connection-12".to_owned()).is_ok());
        for bad in ["", "../x", "Connection", "a b", &"x".repeat(41)] {
            assert!(ConnectionId::try_from(bad.to_owned()).is_err(), "{bad}");
        }
    }
}
