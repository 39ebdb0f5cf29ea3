//! What the running app holds: the open deck, or why it could not be opened.

use std::path::Path;

use crate::deck::Deck;
use crate::demo::{self, Demo, DemoError};
use crate::ipc_error::IpcError;

pub struct AppState {
    opened: Result<Demo, DemoError>,
}

impl AppState {
    /// With no real connection configured, the app opens the demo organisation.
    pub async fn open(config_dir: &Path) -> Self {
        Self {
            opened: demo::start(config_dir, demo::port_from_env()).await,
        }
    }

    pub fn deck(&self) -> Result<&Deck, IpcError> {
        self.opened
            .as_ref()
            .map(|demo| &demo.deck)
            .map_err(IpcError::from)
    }

    pub fn set_aside_card_file(&self) -> Option<&Path> {
        self.opened.as_ref().ok()?.set_aside.as_deref()
    }
}
