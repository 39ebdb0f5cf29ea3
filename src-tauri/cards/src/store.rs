use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use flowdeck_campaign::{WorkflowCommand, WorkflowId};
use serde::{Deserialize, Serialize};

use crate::atomic_file;
use crate::card::{Card, LastCommand};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum CardStoreError {
    #[error("a card for workflow {0} is already on the deck")]
    Duplicate(WorkflowId),
    #[error("no card for workflow {0}")]
    NotFound(WorkflowId),
    #[error("the card file {path} was written by a newer Flowdeck (schema {found})")]
    NewerSchema { path: PathBuf, found: u32 },
    #[error("the card file {path} could not be read or written: {source}")]
    Io { path: PathBuf, source: io::Error },
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CardFile {
    schema_version: u32,
    cards: Vec<Card>,
}

/// The cards of one organisation, saved after every change.
#[derive(Debug)]
pub struct CardStore {
    path: PathBuf,
    cards: Vec<Card>,
}

/// A store just opened, and where an unreadable file was set aside, if one was.
#[derive(Debug)]
pub struct Opened {
    pub store: CardStore,
    pub set_aside: Option<PathBuf>,
}

impl CardStore {
    /// Opens the deck at `path`. A missing file becomes `seed()` (the first run). A file that
    /// cannot be parsed is renamed aside, never overwritten, and the deck starts from the seed.
    pub fn open(
        path: impl Into<PathBuf>,
        seed: impl FnOnce() -> Vec<Card>,
    ) -> Result<Opened, CardStoreError> {
        let path = path.into();
        let io_error = |source| CardStoreError::Io {
            path: path.clone(),
            source,
        };
        let (cards, set_aside) = match fs::read(&path) {
            Ok(bytes) => match serde_json::from_slice::<CardFile>(&bytes) {
                Ok(file) if file.schema_version > SCHEMA_VERSION => {
                    return Err(CardStoreError::NewerSchema {
                        path,
                        found: file.schema_version,
                    });
                }
                Ok(file) => (file.cards, None),
                Err(_) => {
                    let aside = set_aside(&path).map_err(io_error)?;
                    (seed(), Some(aside))
                }
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => (seed(), None),
            Err(e) => return Err(io_error(e)),
        };
        let store = Self { path, cards };
        store.save()?;
        Ok(Opened { store, set_aside })
    }

    pub fn cards(&self) -> &[Card] {
        &self.cards
    }

    pub fn get(&self, workflow_id: &WorkflowId) -> Option<&Card> {
        self.cards.iter().find(|c| &c.workflow_id == workflow_id)
    }

    pub fn add(&mut self, card: Card) -> Result<(), CardStoreError> {
        if self.get(&card.workflow_id).is_some() {
            return Err(CardStoreError::Duplicate(card.workflow_id));
        }
        self.cards.push(card);
        self.save()
    }

    pub fn remove(&mut self, workflow_id: &WorkflowId) -> Result<Card, CardStoreError> {
        let index = self.index_of(workflow_id)?;
        let card = self.cards.remove(index);
        self.save()?;
        Ok(card)
    }

    /// Remembers that Campaign accepted `command` for this card just now.
    pub fn record_accepted(
        &mut self,
        workflow_id: &WorkflowId,
        command: WorkflowCommand,
    ) -> Result<LastCommand, CardStoreError> {
        let index = self.index_of(workflow_id)?;
        let last = LastCommand {
            command,
            accepted_at_ms: now_ms(),
        };
        self.cards[index].last_command = Some(last);
        self.save()?;
        Ok(last)
    }

    fn index_of(&self, workflow_id: &WorkflowId) -> Result<usize, CardStoreError> {
        self.cards
            .iter()
            .position(|c| &c.workflow_id == workflow_id)
            .ok_or_else(|| CardStoreError::NotFound(workflow_id.clone()))
    }

    fn save(&self) -> Result<(), CardStoreError> {
        let file = CardFile {
            schema_version: SCHEMA_VERSION,
            cards: self.cards.clone(),
        };
        let json = serde_json::to_vec_pretty(&file).expect("cards always serialise");
        atomic_file::write(&self.path, &json).map_err(|source| CardStoreError::Io {
            path: self.path.clone(),
            source,
        })
    }
}

/// Renames an unreadable file to `<name>.unreadable-<ms>` so the user can still recover it.
fn set_aside(path: &Path) -> io::Result<PathBuf> {
    let mut aside = path.as_os_str().to_owned();
    aside.push(format!(".unreadable-{}", now_ms()));
    let aside = PathBuf::from(aside);
    fs::rename(path, &aside)?;
    Ok(aside)
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(raw: &str) -> WorkflowId {
        WorkflowId::parse(raw).unwrap()
    }

    fn seed() -> Vec<Card> {
        vec![Card::new(id("WKF1"), "Newsletter")]
    }

    #[test]
    fn first_open_seeds_and_saves() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cards").join("demo.json");
        let opened = CardStore::open(&path, seed).unwrap();
        assert_eq!(opened.store.cards(), seed().as_slice());
        assert!(opened.set_aside.is_none());
        assert!(path.exists());
    }

    #[test]
    fn changes_survive_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.json");
        let mut store = CardStore::open(&path, seed).unwrap().store;
        store.add(Card::new(id("WKF2"), "Import")).unwrap();
        store.remove(&id("WKF1")).unwrap();
        store
            .record_accepted(&id("WKF2"), WorkflowCommand::Start)
            .unwrap();
        drop(store);

        let reopened = CardStore::open(&path, || panic!("must not reseed"))
            .unwrap()
            .store;
        assert_eq!(reopened.cards().len(), 1);
        let card = &reopened.cards()[0];
        assert_eq!(card.workflow_id, id("WKF2"));
        assert_eq!(card.last_command.unwrap().command, WorkflowCommand::Start);
    }

    #[test]
    fn an_emptied_deck_stays_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.json");
        let mut store = CardStore::open(&path, seed).unwrap().store;
        store.remove(&id("WKF1")).unwrap();
        let reopened = CardStore::open(&path, seed).unwrap().store;
        assert!(reopened.cards().is_empty());
    }

    #[test]
    fn refuses_duplicates_and_unknown_cards() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = CardStore::open(dir.path().join("d.json"), seed)
            .unwrap()
            .store;
        assert!(matches!(
            store.add(Card::new(id("WKF1"), "again")),
            Err(CardStoreError::Duplicate(_))
        ));
        assert!(matches!(
            store.remove(&id("NOPE")),
            Err(CardStoreError::NotFound(_))
        ));
    }

    #[test]
    fn an_unreadable_file_is_set_aside_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.json");
        fs::write(&path, b"{ this is not json").unwrap();
        let opened = CardStore::open(&path, seed).unwrap();
        let aside = opened.set_aside.expect("the broken file is kept");
        assert_eq!(fs::read(&aside).unwrap(), b"{ this is not json");
        assert_eq!(opened.store.cards(), seed().as_slice());
    }

    #[test]
    fn a_newer_schema_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.json");
        fs::write(&path, br#"{"schemaVersion":99,"cards":[]}"#).unwrap();
        assert!(matches!(
            CardStore::open(&path, seed),
            Err(CardStoreError::NewerSchema { found: 99, .. })
        ));
        assert_eq!(
            fs::read(&path).unwrap(),
            br#"{"schemaVersion":99,"cards":[]}"#
        );
    }

    #[test]
    fn saved_file_carries_the_schema_version_and_no_temporary_file_remains() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.json");
        CardStore::open(&path, seed).unwrap();
        let saved: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        assert_eq!(saved["schemaVersion"], SCHEMA_VERSION);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
