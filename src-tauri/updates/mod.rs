//! New versions of Flowdeck: looked for once a day (unless turned off) and on demand, each
//! signed with Flowdeck's key and checked against the public key built into the app, installed
//! only when the user agrees and only when a restart interrupts nothing: no command on its way,
//! no bulk run (the window holds those), no scheduled command due within ten minutes.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub mod offer;

use flowdeck_session::{RestartWouldInterrupt, Session};
use tauri::{AppHandle, Manager};
use tauri_plugin_updater::{Update, UpdaterExt};

use crate::ipc_error::{ErrorCode, IpcError};
use crate::state::SessionExt;
pub use offer::{AvailableUpdate, UpdateCheck};

const DAY: Duration = Duration::from_secs(24 * 60 * 60);
/// How often the daily check looks whether a day has passed (a laptop asleep for a night
/// checks soon after it wakes, not a day later).
const LOOK_EVERY: Duration = Duration::from_secs(60 * 60);
/// After start-up, before the first look: the window and the decks come first.
const FIRST_LOOK_AFTER: Duration = Duration::from_secs(5);

/// The update last found, kept so that the one installed is the one the user was shown.
#[derive(Default)]
pub struct FoundUpdate(tokio::sync::Mutex<Option<Update>>);

pub fn install(app: &AppHandle) {
    app.manage(FoundUpdate::default());
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(FIRST_LOOK_AFTER).await;
        loop {
            if daily_check_due(app.session()) {
                match check(&app).await {
                    Ok(UpdateCheck {
                        available: Some(update),
                        ..
                    }) => crate::events::update_available(&app, update),
                    Ok(_) => {}
                    Err(error) => {
                        log::info!("the daily look for updates failed: {}", error.message)
                    }
                }
            }
            tokio::time::sleep(LOOK_EVERY).await;
        }
    });
}

fn daily_check_due(session: &Session) -> bool {
    let Ok(settings) = session.settings() else {
        return false;
    };
    let settings = settings.get();
    settings.check_for_updates
        && settings
            .updates_checked_at_ms
            .is_none_or(|at| now_ms().saturating_sub(at) >= millis(DAY))
}

/// Looks for a newer version now.
pub async fn check(app: &AppHandle) -> Result<UpdateCheck, IpcError> {
    let current_version = app.package_info().version.to_string();
    let updater = app.updater().map_err(|error| failure(&error))?;
    let found = updater.check().await.map_err(|error| failure(&error))?;
    if let Ok(mut settings) = app.session().settings()
        && let Err(error) = settings.put_updates_checked(now_ms())
    {
        log::warn!("could not note when updates were looked for: {error}");
    }
    let available = found.as_ref().map(|update| AvailableUpdate {
        version: update.version.clone(),
        notes: update.body.clone(),
    });
    *app.state::<FoundUpdate>().0.lock().await = found;
    Ok(UpdateCheck {
        current_version,
        available,
    })
}

/// Installs `version`, the one the user agreed to, and restarts Flowdeck as it. Refused while
/// a restart would interrupt something; nothing is installed unless its signature holds.
pub async fn install_and_restart(app: &AppHandle, version: &str) -> Result<(), IpcError> {
    if let Some(interrupted) = app.session().restart_would_interrupt() {
        return Err(waits_for(&interrupted));
    }
    // Kept, not taken: after a refused download the user can look again and retry.
    let found = app.state::<FoundUpdate>();
    let update = found.0.lock().await.clone();
    let Some(update) = update.filter(|update| update.version == version) else {
        return Err(IpcError::plain(
            ErrorCode::UpdateGone,
            &format!("version {version} is no longer offered"),
        ));
    };
    let bytes = update
        .download(|_, _| {}, || {})
        .await
        .map_err(|error| failure(&error))?;
    // Checked again after the download, which can take a while.
    if let Some(interrupted) = app.session().restart_would_interrupt() {
        return Err(waits_for(&interrupted));
    }
    update.install(bytes).map_err(|error| failure(&error))?;
    log::info!("installed Flowdeck {version}; restarting");
    app.restart();
}

fn waits_for(interrupted: &RestartWouldInterrupt) -> IpcError {
    let mut error = IpcError::plain(
        ErrorCode::UpdateWaitsForWork,
        &format!("a restart now would interrupt {interrupted:?}"),
    );
    match interrupted {
        RestartWouldInterrupt::Sending { commands } => {
            error.details.commands = Some(*commands);
        }
        RestartWouldInterrupt::ScheduleDue { due_ms } => error.details.retry_at_ms = Some(*due_ms),
        RestartWouldInterrupt::Batch { starts } => error.details.commands = Some(*starts),
    }
    error
}

/// The updater's failures, in the words a user can act on.
fn failure(error: &tauri_plugin_updater::Error) -> IpcError {
    use tauri_plugin_updater::Error;
    let code = match error {
        Error::Minisign(_) | Error::Base64(_) | Error::SignatureUtf8(_) => {
            ErrorCode::UpdateSignatureInvalid
        }
        Error::AuthenticationFailed => ErrorCode::UpdateNotAllowed,
        Error::EmptyEndpoints | Error::UnsupportedOs | Error::UnsupportedArch => {
            ErrorCode::UpdatesUnavailable
        }
        Error::Reqwest(_)
        | Error::Network(_)
        | Error::ReleaseNotFound
        | Error::Serialization(_)
        | Error::TargetNotFound(_)
        | Error::TargetsNotFound(_)
        | Error::InsecureTransportProtocol => ErrorCode::UpdateCheckFailed,
        _ => ErrorCode::UpdateInstallFailed,
    };
    IpcError::plain(code, error)
}

fn now_ms() -> u64 {
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    millis(since_epoch)
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}
