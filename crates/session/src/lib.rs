//! Flowdeck's session core: the user's connections (the demo organisation and the stored
//! connections) and their decks. Every operation names the connection and the workflow it acts
//! on. Plain Rust, no Tauri: it tests without a window.

mod attention;
mod away;
mod background;
mod batches;
mod card_link;
mod card_ref;
mod clock;
mod closing;
mod connections;
mod deck;
mod demo;
mod error;
mod files;
mod folder_lock;
mod forms;
mod lingering;
mod proxy;
mod read_budget;
mod recently_removed;
mod removal;
mod restart;
mod restart_guard;
mod run_time;
mod schedules;
mod session;
mod signals;
#[cfg(test)]
mod test_support;
mod watch;

pub use attention::{AttentionEntry, AttentionWhy, STOPS_SOON_WITHIN_MS, SWEEP_PACE, SweepPace};
pub use away::{AwayLine, AwaySummary, AwayWhat};
pub use background::BackgroundWork;
pub use batches::{BatchItem, BatchItemState, BatchRequest, BatchView, MAX_RUNNING};
pub use card_link::{CardLink, LinkError};
pub use card_ref::CardRef;
pub use clock::{Clock, SystemClock};
pub use closing::{CloseAnswer, CloseAsked, CloseQuestion, CloseStep};
pub use connections::{ConnectionDeleted, Connections};
pub use deck::{CommandOutcome, Deck, NotSaved, Organisation};
pub use error::SessionError;
pub use files::{SetAsideFile, SetAsideReason};
pub use folder_lock::{FolderInUse, FolderLock};
pub use forms::{AuthDraft, AuthView, ConnectionDraft, ConnectionView};
/// The calendar the schedules are worked out with, for the shell's clock and time zone.
pub use jiff;
pub use lingering::{AUTO_STOP_AFTER_MS, REMIND_BEFORE_STOP_MS, STUCK_AFTER_MS};
pub use read_budget::READS_IN_FLIGHT;
pub use restart::{RESTART_PATIENCE, RestartOutcome};
pub use restart_guard::{RestartWouldInterrupt, SCHEDULE_MARGIN};
pub use run_time::{LONG_RUN_FACTOR, StatusHistory};
pub use schedules::{GRACE, Ran, ScheduleRequest, ScheduleView, Schedules};
pub use session::{DeckView, SchedulesView, Session};
pub use signals::{NamedValue, SignalOutcome, SignalToSend};
pub use watch::WatchNews;
