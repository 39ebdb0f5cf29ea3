//! What the running app holds of the domain: one `Session`, reached from any handle with
//! `app.session()`.

use std::time::Duration;

use flowdeck_session::Session;
use tauri::{AppHandle, Manager, Runtime};

use crate::overrides;

pub trait SessionExt {
    fn session(&self) -> &Session;
}

impl<R: Runtime> SessionExt for AppHandle<R> {
    fn session(&self) -> &Session {
        self.state::<Session>().inner()
    }
}

/// How long a Restart waits for the Stop to take effect: `RESTART_PATIENCE`, unless the
/// end-to-end tests, which cannot wait a minute for a stop that never comes, say otherwise.
pub fn restart_patience() -> Duration {
    overrides::seconds(
        "FLOWDECK_RESTART_PATIENCE_SECS",
        flowdeck_session::RESTART_PATIENCE,
    )
}
