//! What the running app holds: the session's connections and the settings, or why they could
//! not be opened.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use flowdeck_session::{Connections, Schedules};
use flowdeck_store::SettingsStore;

use crate::ipc_error::IpcError;

pub struct AppState {
    pub connections: Result<Connections, IpcError>,
    pub schedules: Result<Schedules, IpcError>,
    pub settings: Result<Mutex<SettingsStore>, IpcError>,
    /// Where an unreadable settings file was set aside at start-up, to tell the user.
    pub set_aside_settings: Option<PathBuf>,
    /// How long a Restart waits for the Stop to take effect.
    pub restart_patience: Duration,
}

/// `RESTART_PATIENCE`, unless `FLOWDECK_RESTART_PATIENCE_SECS` says otherwise (the end-to-end
/// tests, which cannot wait a minute for a stop that never comes).
pub fn restart_patience() -> Duration {
    std::env::var("FLOWDECK_RESTART_PATIENCE_SECS")
        .ok()
        .and_then(|secs| secs.parse().ok())
        .map_or(flowdeck_session::RESTART_PATIENCE, Duration::from_secs)
}

impl AppState {
    pub fn connections(&self) -> Result<&Connections, IpcError> {
        self.connections.as_ref().map_err(Clone::clone)
    }

    pub fn schedules(&self) -> Result<&Schedules, IpcError> {
        self.schedules.as_ref().map_err(Clone::clone)
    }

    pub fn settings(&self) -> Result<MutexGuard<'_, SettingsStore>, IpcError> {
        let store = self.settings.as_ref().map_err(Clone::clone)?;
        Ok(store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()))
    }
}
