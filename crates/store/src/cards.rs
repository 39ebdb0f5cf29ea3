use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use flowdeck_campaign::{WorkflowCommand, WorkflowId, WorkflowStatus};
use serde::{Deserialize, Serialize};

use crate::StoreError;
use crate::card::{Card, LastCommand, MAX_TIMELINE, StatusSeen};
use crate::connections::ConnectionId;
use crate::versioned_file;

const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct CardFile {
    cards: Vec<Card>,
}

/// The cards saved at `path`, read without opening (or writing) the deck: a connection not
/// opened is never opened for a count or a look. None where the file is missing or unreadable.
pub fn saved_cards(path: &std::path::Path) -> Vec<Card> {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<CardFile>(&bytes).ok())
        .map_or_else(Vec::new, |file| file.cards)
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
    /// Opens the deck at `path`. A missing file becomes `seed()` (the first run); so does an
    /// unreadable one, after it was set aside.
    pub fn open(
        path: impl Into<PathBuf>,
        seed: impl FnOnce() -> Vec<Card>,
    ) -> Result<Opened, StoreError> {
        let path = path.into();
        let loaded = versioned_file::load::<CardFile>(&path, SCHEMA_VERSION)?;
        let cards = loaded.document.map_or_else(seed, |file| file.cards);
        let store = Self { path, cards };
        store.save()?;
        Ok(Opened {
            store,
            set_aside: loaded.set_aside,
        })
    }

    pub fn cards(&self) -> &[Card] {
        &self.cards
    }

    pub fn get(&self, workflow_id: &WorkflowId) -> Option<&Card> {
        self.cards.iter().find(|c| &c.workflow_id == workflow_id)
    }

    pub fn add(&mut self, card: Card) -> Result<(), StoreError> {
        card.check_text()?;
        if self.get(&card.workflow_id).is_some() {
            return Err(StoreError::DuplicateCard(card.workflow_id));
        }
        self.cards.push(card);
        self.save()
    }

    /// Replaces the card of `workflow_id` in its place; the new one may carry another ID.
    pub fn replace(&mut self, workflow_id: &WorkflowId, card: Card) -> Result<(), StoreError> {
        let index = self.index_of(workflow_id)?;
        card.check_text()?;
        if &card.workflow_id != workflow_id && self.get(&card.workflow_id).is_some() {
            return Err(StoreError::DuplicateCard(card.workflow_id));
        }
        self.cards[index] = card;
        self.save()
    }

    /// Moves a card to `position` (clamped to the deck), the others keeping their order.
    pub fn move_to(&mut self, workflow_id: &WorkflowId, position: usize) -> Result<(), StoreError> {
        let index = self.index_of(workflow_id)?;
        let card = self.cards.remove(index);
        self.cards.insert(position.min(self.cards.len()), card);
        self.save()
    }

    /// Adds the cards whose workflow is not on the deck yet; returns how many were added.
    pub fn import(&mut self, cards: Vec<Card>) -> Result<usize, StoreError> {
        cards.iter().try_for_each(Card::check_text)?;
        let mut added = 0;
        for mut card in cards {
            if self.get(&card.workflow_id).is_none() {
                card.last_command = None;
                self.cards.push(card);
                added += 1;
            }
        }
        self.save()?;
        Ok(added)
    }

    /// Puts `card` at `position` (clamped to the deck): how a removed card comes back in its place.
    pub fn insert(&mut self, position: usize, card: Card) -> Result<(), StoreError> {
        card.check_text()?;
        if self.get(&card.workflow_id).is_some() {
            return Err(StoreError::DuplicateCard(card.workflow_id));
        }
        self.cards.insert(position.min(self.cards.len()), card);
        self.save()
    }

    /// Takes the card off the deck; returns it and where it was.
    pub fn remove(&mut self, workflow_id: &WorkflowId) -> Result<(usize, Card), StoreError> {
        let index = self.index_of(workflow_id)?;
        let card = self.cards.remove(index);
        self.save()?;
        Ok((index, card))
    }

    /// Remembers that Campaign accepted `command` for this card just now.
    pub fn record_accepted(
        &mut self,
        workflow_id: &WorkflowId,
        command: WorkflowCommand,
    ) -> Result<LastCommand, StoreError> {
        let index = self.index_of(workflow_id)?;
        let last = LastCommand::now(command);
        self.cards[index].last_command = Some(last);
        self.save()?;
        Ok(last)
    }

    /// Adds `status` (and whether the workflow's error management stopped it) to the card's
    /// timeline when it differs from the last one seen; saves only then. Whether it was new.
    pub fn record_status(
        &mut self,
        workflow_id: &WorkflowId,
        status: WorkflowStatus,
        aborted: bool,
    ) -> Result<bool, StoreError> {
        let index = self.index_of(workflow_id)?;
        let timeline = &mut self.cards[index].timeline;
        if timeline
            .last()
            .is_some_and(|seen| seen.status == status && seen.aborted == aborted)
        {
            return Ok(false);
        }
        timeline.push(StatusSeen {
            status,
            at_ms: crate::versioned_file::now_ms(),
            aborted,
        });
        if timeline.len() > MAX_TIMELINE {
            timeline.remove(0);
        }
        self.save()?;
        Ok(true)
    }

    /// Turns "Notify me" on or off; returns the card as kept.
    /// "Notify me" on or off for each of these cards: all of them or, if one is not a card,
    /// none; saved once.
    pub fn set_watched(
        &mut self,
        workflow_ids: &[WorkflowId],
        watched: bool,
    ) -> Result<Vec<Card>, StoreError> {
        let indexes = workflow_ids
            .iter()
            .map(|id| self.index_of(id))
            .collect::<Result<Vec<_>, _>>()?;
        for &index in &indexes {
            self.cards[index].watched = watched;
        }
        self.save()?;
        Ok(indexes
            .into_iter()
            .map(|index| self.cards[index].clone())
            .collect())
    }

    fn index_of(&self, workflow_id: &WorkflowId) -> Result<usize, StoreError> {
        self.cards
            .iter()
            .position(|c| &c.workflow_id == workflow_id)
            .ok_or_else(|| StoreError::CardNotFound(workflow_id.clone()))
    }

    fn save(&self) -> Result<(), StoreError> {
        let file = CardFile {
            cards: self.cards.clone(),
        };
        versioned_file::save(&self.path, SCHEMA_VERSION, &file)
    }
}

/// Sets aside every card file in `folder` that belongs to none of `known` connections (left by a
/// connection list that was lost or damaged), so that no new connection is ever shown its cards.
/// Returns where each one went, to tell the user.
pub fn set_aside_orphans(
    folder: &Path,
    known: &HashSet<&ConnectionId>,
) -> Result<Vec<PathBuf>, StoreError> {
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(StoreError::Io {
                path: folder.to_owned(),
                source,
            });
        }
    };
    let mut set_aside = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let owner = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .and_then(|stem| ConnectionId::try_from(stem.to_owned()).ok());
        if owner.is_some_and(|id| known.contains(&id)) {
            continue;
        }
        let aside = versioned_file::rename_aside(&path, "no-connection")
            .map_err(|source| StoreError::Io { path, source })?;
        set_aside.push(aside);
    }
    Ok(set_aside)
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    fn id(raw: &str) -> WorkflowId {
        WorkflowId::parse(raw).unwrap()
    }

    fn seed() -> Vec<Card> {
        vec![Card::new(id("WKF1"), "Newsletter")]
    }

    #[test]
    fn the_timeline_keeps_each_new_status_across_a_reopen_and_is_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cards.json");
        let mut store = CardStore::open(&path, seed).unwrap().store;
        use WorkflowStatus::*;
        for status in [Editing, Editing, InProgress, InProgress, Finished] {
            store.record_status(&id("WKF1"), status, false).unwrap();
        }
        let reopened = CardStore::open(&path, Vec::new).unwrap().store;
        let seen: Vec<WorkflowStatus> = reopened.cards()[0]
            .timeline
            .iter()
            .map(|s| s.status)
            .collect();
        assert_eq!(seen, [Editing, InProgress, Finished], "changes only");
        let mut store = reopened;
        for n in 0..MAX_TIMELINE {
            let status = if n % 2 == 0 { InProgress } else { Finished };
            store.record_status(&id("WKF1"), status, false).unwrap();
        }
        let timeline = &store.cards()[0].timeline;
        assert_eq!(timeline.len(), MAX_TIMELINE);
        assert!(timeline.windows(2).all(|w| w[0].at_ms <= w[1].at_ms));
        assert_ne!(timeline[0].status, Editing, "the oldest went first");
    }

    #[test]
    fn an_abort_is_a_change_of_its_own_and_is_kept_across_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cards.json");
        let mut store = CardStore::open(&path, seed).unwrap().store;
        let erroneous = WorkflowStatus::Erroneous;
        assert!(store.record_status(&id("WKF1"), erroneous, false).unwrap());
        assert!(store.record_status(&id("WKF1"), erroneous, true).unwrap());
        assert!(!store.record_status(&id("WKF1"), erroneous, true).unwrap());
        let seen: Vec<(WorkflowStatus, bool)> = crate::saved_cards(&path)[0]
            .timeline
            .iter()
            .map(|s| (s.status, s.aborted))
            .collect();
        assert_eq!(seen, [(erroneous, false), (erroneous, true)]);
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
    fn a_removed_card_goes_back_in_its_place_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.json");
        let mut store = CardStore::open(&path, seed).unwrap().store;
        store.add(Card::new(id("WKF2"), "Import")).unwrap();
        store.add(Card::new(id("WKF3"), "Birthday")).unwrap();
        let (position, card) = store.remove(&id("WKF2")).unwrap();
        assert_eq!(position, 1);
        store.insert(position, card.clone()).unwrap();
        assert!(matches!(
            store.insert(position, card),
            Err(StoreError::DuplicateCard(_))
        ));
        let reopened = CardStore::open(&path, seed).unwrap().store;
        let order: Vec<_> = reopened
            .cards()
            .iter()
            .map(|c| c.workflow_id.to_string())
            .collect();
        assert_eq!(order, ["WKF1", "WKF2", "WKF3"]);
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
            Err(StoreError::DuplicateCard(_))
        ));
        assert!(matches!(
            store.remove(&id("NOPE")),
            Err(StoreError::CardNotFound(_))
        ));
    }

    #[test]
    fn a_card_is_edited_in_place_and_reordered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.json");
        let mut store = CardStore::open(&path, seed).unwrap().store;
        store.add(Card::new(id("WKF2"), "Import")).unwrap();
        store.add(Card::new(id("WKF3"), "Win-back")).unwrap();

        let mut renamed = Card::new(id("WKF1-NEW"), "Newsletter 2027");
        renamed.tags = vec!["Q1".into()];
        store.replace(&id("WKF1"), renamed).unwrap();
        assert!(matches!(
            store.replace(&id("WKF2"), Card::new(id("WKF3"), "clash")),
            Err(StoreError::DuplicateCard(_))
        ));
        store.move_to(&id("WKF3"), 0).unwrap();
        store.move_to(&id("WKF1-NEW"), 99).unwrap();

        let reopened = CardStore::open(&path, Vec::new).unwrap().store;
        let order: Vec<&str> = reopened
            .cards()
            .iter()
            .map(|c| c.workflow_id.as_str())
            .collect();
        assert_eq!(order, ["WKF3", "WKF2", "WKF1-NEW"]);
        assert_eq!(reopened.cards()[2].tags, ["Q1"]);
    }

    #[test]
    fn an_import_adds_only_new_workflows() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = CardStore::open(dir.path().join("d.json"), seed)
            .unwrap()
            .store;
        let added = store
            .import(vec![
                Card::new(id("WKF1"), "dup"),
                Card::new(id("WKF9"), "New"),
            ])
            .unwrap();
        assert_eq!(added, 1);
        assert_eq!(store.cards().len(), 2);
        assert_eq!(store.cards()[0].label, "Newsletter");
    }

    #[test]
    fn card_files_of_no_known_connection_are_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let kept = ConnectionId::random();
        let lost = ConnectionId::random();
        for owner in [&kept, &lost, &ConnectionId::demo()] {
            CardStore::open(dir.path().join(format!("{owner}.json")), seed).unwrap();
        }
        let demo = ConnectionId::demo();
        let known = HashSet::from([&kept, &demo]);
        let aside = set_aside_orphans(dir.path(), &known).unwrap();
        assert_eq!(aside.len(), 1);
        let name = aside[0].file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with(&format!("{lost}.json.no-connection-")),
            "{name}"
        );
        assert!(!dir.path().join(format!("{lost}.json")).exists());
        assert!(dir.path().join(format!("{kept}.json")).exists());
        assert!(dir.path().join("demo.json").exists());
        assert!(set_aside_orphans(dir.path(), &known).unwrap().is_empty());
        assert!(
            set_aside_orphans(&dir.path().join("none"), &known)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn an_unreadable_deck_is_set_aside_and_reseeded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.json");
        fs::write(&path, b"[]").unwrap();
        let opened = CardStore::open(&path, seed).unwrap();
        assert!(opened.set_aside.is_some());
        assert_eq!(opened.store.cards(), seed().as_slice());
    }
}
