//! The running app's one owner of what it holds: the connections and their decks, the
//! schedules, the settings and the clock. The Tauri shell manages a `Session` and nothing
//! else of the domain; its commands ask it for what they act on, each naming the connection.
//! What could not be opened at start-up stays an error here, told to whoever asks for it,
//! while the rest of the app works.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use flowdeck_campaign::TokenStatus;
use flowdeck_secrets::SecretStore;
use flowdeck_store::{Card, Settings, SettingsStore};
use serde::Serialize;

use crate::attention::{AttentionEntry, SweepPace};
use crate::background::{BackgroundWork, background_work};
use crate::clock::{Clock, millis};
use crate::closing::{self, CloseAnswer, CloseFacts, CloseQuestion, CloseStep};
use crate::connections::{ConnectionDeleted, Connections};
use crate::deck::{Organisation, lock};
use crate::error::SessionError;
use crate::files::SetAsideFile;
use crate::folder_lock::FolderLock;
use crate::schedules::{Ran, ScheduleRequest, ScheduleView, Schedules};

/// What the window shows of one connection: its cards and how it signs in.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DeckView {
    pub organisation: Organisation,
    pub cards: Vec<Card>,
    pub credential: TokenStatus,
    /// Files Flowdeck put aside to start afresh, and why.
    pub set_aside_files: Vec<SetAsideFile>,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SchedulesView {
    pub schedules: Vec<ScheduleView>,
    pub paused: bool,
}

type Opened<T> = Result<T, Arc<SessionError>>;

pub struct Session {
    connections: Opened<Connections>,
    schedules: Opened<Schedules>,
    settings: Opened<Mutex<SettingsStore>>,
    /// Where an unreadable settings file was set aside at start-up, to tell the user.
    set_aside_settings: Option<PathBuf>,
    clock: Arc<dyn Clock>,
    /// How long a Restart waits for the Stop to take effect.
    restart_patience: Duration,
    /// The question about closing that the window shows, while it shows one.
    asking: Mutex<Option<CloseQuestion>>,
    /// When this session began (milliseconds since the epoch): before it, Flowdeck was closed.
    started_ms: u64,
    /// Scheduled commands missed since Flowdeck started (those due while it was closed
    /// included), for the away summary and Needs attention, until the user dismisses them.
    missed_schedules: Mutex<Vec<Ran>>,
    /// Batches started at Campaign's pace, under way or ended.
    batches: crate::batches::Batches,
    /// The OS keyring, for what is the app's and no connection's (the proxy's password).
    secrets: Arc<dyn SecretStore>,
    /// The config folder, this process's alone while the session lives.
    _folder: FolderLock,
}

impl Session {
    /// Opens what the config folder holds. Never fails as a whole: a part that cannot be
    /// opened answers every request for it with why.
    pub async fn open(
        folder: FolderLock,
        secrets: Arc<dyn SecretStore>,
        clock: Arc<dyn Clock>,
        restart_patience: Duration,
    ) -> Self {
        let config_dir = folder.folder();
        let connections = Connections::open(config_dir, Arc::clone(&secrets)).await;
        // What comes due from now on is this Flowdeck's to send; what came before was missed
        // (and is told in the away summary, which counts from the same moment).
        let started = clock.now();
        let schedules = Schedules::open(config_dir, started);
        let (settings, set_aside_settings) =
            match SettingsStore::open(config_dir.join("settings.json")) {
                Ok((store, set_aside)) => (Ok(Mutex::new(store)), set_aside),
                Err(error) => (Err(SessionError::from(error)), None),
            };
        for error in [
            connections.as_ref().err(),
            schedules.as_ref().err(),
            settings.as_ref().err(),
        ]
        .into_iter()
        .flatten()
        {
            log::error!("could not open at start-up: {error}");
        }
        let session = Self {
            connections: connections.map_err(Arc::new),
            schedules: schedules.map_err(Arc::new),
            settings: settings.map_err(Arc::new),
            set_aside_settings,
            clock,
            restart_patience,
            asking: Mutex::new(None),
            started_ms: millis(started),
            missed_schedules: Mutex::new(Vec::new()),
            batches: crate::batches::Batches::default(),
            secrets,
            _folder: folder,
        };
        // Before any request to Adobe: none may go round the company's proxy.
        session.route_as_saved().await;
        session
    }

    /// The watched workflows of every connection, read once; what is news by this session's
    /// clock.
    pub async fn check_watched(&self) -> Result<Vec<crate::WatchNews>, SessionError> {
        let now_ms = millis(self.clock.now());
        Ok(self.connections()?.check_watched(now_ms).await)
    }

    /// Queues a batch of Starts on one connection, at most `at_most_running` running at once.
    pub async fn start_batch(
        &self,
        request: crate::BatchRequest,
    ) -> Result<crate::BatchView, SessionError> {
        self.batches.start(self.connections()?, request).await
    }

    pub fn batches(&self) -> Vec<crate::BatchView> {
        self.batches.views()
    }

    pub fn cancel_batch(&self, id: u64) -> Result<crate::BatchView, SessionError> {
        self.batches.cancel(id)
    }

    pub fn dismiss_batch(&self, id: u64) -> Result<(), SessionError> {
        self.batches.dismiss(id)
    }

    /// One pass over every batch under way; whether anything changed.
    pub async fn advance_batches(&self) -> bool {
        match self.connections() {
            Ok(connections) => self.batches.advance(connections).await,
            Err(_) => false,
        }
    }

    pub(crate) fn batch_starts_under_way(&self) -> u32 {
        self.batches.under_way()
    }

    pub(crate) fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    pub(crate) fn secrets(&self) -> &Arc<dyn SecretStore> {
        &self.secrets
    }

    pub fn connections(&self) -> Result<&Connections, SessionError> {
        opened(&self.connections)
    }

    pub fn schedules(&self) -> Result<&Schedules, SessionError> {
        opened(&self.schedules)
    }

    pub fn settings(&self) -> Result<MutexGuard<'_, SettingsStore>, SessionError> {
        opened(&self.settings).map(lock)
    }

    pub fn restart_patience(&self) -> Duration {
        self.restart_patience
    }

    /// Connection `id`'s deck as the window shows it, with every file Flowdeck had to set
    /// aside at start-up. Reading it changes nothing on disk.
    pub async fn deck_view(&self, id: &str) -> Result<DeckView, SessionError> {
        let connections = self.connections()?;
        let deck = connections.deck(id).await?;
        let schedules_aside = self
            .schedules
            .as_ref()
            .ok()
            .and_then(Schedules::set_aside_file);
        let unreadable = self
            .set_aside_settings
            .iter()
            .chain(schedules_aside)
            .chain(deck.set_aside_card_file())
            .cloned()
            .map(SetAsideFile::unreadable);
        Ok(DeckView {
            organisation: deck.organisation().clone(),
            cards: deck.cards(),
            credential: deck.token_status().await,
            set_aside_files: connections
                .set_aside()
                .iter()
                .cloned()
                .chain(unreadable)
                .collect(),
        })
    }

    /// Removes a connection and, with it, its schedules. Schedules that cannot be removed
    /// fail harmlessly later: a deleted connection has no deck to send to.
    pub async fn delete_connection(&self, id: &str) -> Result<ConnectionDeleted, SessionError> {
        let deleted = self.connections()?.delete(id).await?;
        if let Ok(schedules) = self.schedules()
            && let Err(error) = schedules.forget_connection(id)
        {
            log::warn!("the schedules of {id} were not removed: {error}");
        }
        Ok(deleted)
    }

    pub fn list_schedules(&self) -> Result<SchedulesView, SessionError> {
        let schedules = self.schedules()?;
        Ok(SchedulesView {
            schedules: schedules.list(&self.clock.zone()),
            paused: schedules.paused(),
        })
    }

    pub async fn add_schedule(
        &self,
        request: &ScheduleRequest,
    ) -> Result<ScheduleView, SessionError> {
        self.schedules()?
            .add(
                self.connections()?,
                request,
                &self.clock.zone(),
                self.clock.now(),
            )
            .await
    }

    /// Sends what is due now and marks missed what is past. The zone is asked each time:
    /// 06:00 follows the computer to another time zone.
    pub async fn run_due_schedules(&self) -> Result<Vec<Ran>, SessionError> {
        let ran = self
            .schedules()?
            .run_due(self.connections()?, self.clock.as_ref())
            .await;
        lock(&self.missed_schedules).extend(
            ran.iter()
                .filter(|ran| matches!(ran, Ran::Missed { .. }))
                .cloned(),
        );
        Ok(ran)
    }

    pub(crate) fn started_ms(&self) -> u64 {
        self.started_ms
    }

    /// Every scheduled command missed since Flowdeck started and not dismissed.
    pub(crate) fn missed_schedules(&self) -> Vec<Ran> {
        lock(&self.missed_schedules).clone()
    }

    /// What needs attention on every connection now.
    pub async fn attention(&self) -> Result<Vec<AttentionEntry>, SessionError> {
        let missed = self.missed_schedules();
        let now_ms = millis(self.clock.now());
        Ok(self.connections()?.attention(now_ms, &missed).await)
    }

    /// Reads in the background what nobody read lately on the open connections.
    pub async fn sweep_reads(&self, pace: &SweepPace) -> Result<usize, SessionError> {
        let now_ms = millis(self.clock.now());
        Ok(self.connections()?.sweep(pace, now_ms).await)
    }

    /// The user has seen to a missed schedule: it leaves Needs attention. Refused where no
    /// such occurrence was missed.
    pub fn dismiss_missed(&self, schedule_id: &str, due_ms: u64) -> Result<(), SessionError> {
        let mut missed = lock(&self.missed_schedules);
        let before = missed.len();
        missed.retain(|ran| {
            !matches!(ran, Ran::Missed { schedule_id: id, due_ms: due, .. }
                if id == schedule_id && *due == due_ms)
        });
        if missed.len() == before {
            return Err(
                flowdeck_store::StoreError::ScheduleNotFound(schedule_id.to_owned()).into(),
            );
        }
        Ok(())
    }

    /// What would stop if Flowdeck quit now.
    pub async fn background_work(&self) -> BackgroundWork {
        match (self.connections(), self.schedules()) {
            (Ok(connections), Ok(schedules)) => BackgroundWork {
                starting: self.batches.under_way(),
                ..background_work(connections, schedules, &self.clock.zone()).await
            },
            _ => BackgroundWork::default(),
        }
    }

    /// The window's close button was pressed.
    pub async fn close_requested(&self, tray_shown: bool) -> CloseStep {
        let work = self.background_work().await;
        let asking = *lock(&self.asking);
        // Which way a close went is what anyone asking "why is it still running?" needs.
        log::info!(
            "window closed with {} watched, {} scheduled; tray shown: {tray_shown}",
            work.watched,
            work.scheduled
        );
        self.take(closing::when_closed(CloseFacts {
            asking,
            work,
            tray_shown,
            tray_explained: self.tray_explained(),
        }))
    }

    /// The tray's Quit.
    pub async fn quit_requested(&self) -> CloseStep {
        let work = self.background_work().await;
        self.take(closing::when_quit(work))
    }

    pub fn close_answered(&self, answer: CloseAnswer) -> CloseStep {
        self.take(closing::when_answered(answer))
    }

    /// Notes what a step asks or tells, before the shell carries it out.
    fn take(&self, step: CloseStep) -> CloseStep {
        *lock(&self.asking) = match &step {
            CloseStep::Ask(asked) => Some(asked.question),
            _ => None,
        };
        if let CloseStep::Hide {
            tray_now_explained: true,
        } = step
        {
            self.note_tray_explained();
        }
        step
    }

    fn tray_explained(&self) -> bool {
        self.settings()
            .is_ok_and(|settings| settings.get().tray_explained)
    }

    fn note_tray_explained(&self) {
        let Ok(mut settings) = self.settings() else {
            return;
        };
        let told = Settings {
            tray_explained: true,
            ..settings.get().clone()
        };
        if let Err(error) = settings.put(told) {
            log::warn!("could not note that the tray was explained: {error}");
        }
    }
}

fn opened<T>(part: &Opened<T>) -> Result<&T, SessionError> {
    part.as_ref()
        .map_err(|error| SessionError::NotOpened(Arc::clone(error)))
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
