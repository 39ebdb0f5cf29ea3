//! What Flowdeck keeps in its config folder: each organisation's cards, the connection
//! connections and the user's settings. Never a secret: those live only in the OS keyring. Plain Rust, no Tauri.

mod activity;
mod atomic_file;
mod card;
mod card_list;
mod cards;
mod connections;
mod journal;
mod schedules;
mod secret_removals;
mod settings;
mod versioned_file;

use std::io;
use std::path::PathBuf;

use flowdeck_campaign::WorkflowId;

pub use activity::{
    Action, Activity, ActivityEntry, ActivityLog, MAX_ENTRIES, Outcome, STOPPED_BEFORE_THE_ANSWER,
    SignalSent,
};
pub use card::{
    Card, LastCommand, MAX_LABEL_CHARS, MAX_TAG_CHARS, MAX_TAGS, MAX_TIMELINE, StatusSeen,
    clean_tags,
};
pub use card_list::{
    CardListError, MAX_CARD_LIST_BYTES, MAX_CARDS_IN_LIST, export_card_list, parse_card_list,
};
pub use cards::{CardStore, Opened, saved_cards, set_aside_orphans};
pub use connections::{
    AuthMethod, CampaignProduct, Connection, ConnectionId, ConnectionKind, ConnectionStore,
    DEMO_CONNECTION, V8_STOPS_PAUSED_AFTER_DAYS,
};
pub use schedules::{MAX_SCHEDULES, MissedReason, Repeat, Schedule, ScheduleEvent, ScheduleStore};
pub use secret_removals::SecretRemovals;
pub use settings::{ProxySetting, REFRESH_CHOICES, Settings, SettingsStore};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("a card for workflow {0} is already on the deck")]
    DuplicateCard(WorkflowId),
    #[error("no card for workflow {0}")]
    CardNotFound(WorkflowId),
    #[error("a card's label can have at most {MAX_LABEL_CHARS} characters")]
    LabelTooLong,
    #[error("a card can have at most {MAX_TAGS} tags of at most {MAX_TAG_CHARS} characters each")]
    TooManyOrLongTags,
    #[error("no schedule {0}")]
    ScheduleNotFound(String),
    #[error("at most {MAX_SCHEDULES} commands can be scheduled")]
    TooManySchedules,
    #[error("no connection {0}")]
    ConnectionNotFound(String),
    #[error("a connection is already named {0:?}")]
    DuplicateConnectionName(String),
    #[error("{path} was written by a newer Flowdeck (schema {found})")]
    NewerSchema { path: PathBuf, found: u32 },
    #[error("{path} could not be read or written: {source}")]
    Io { path: PathBuf, source: io::Error },
}
