//! "Start Flowdeck when I log in": the OS's own log-in items, through Tauri's autostart plugin
//! (an XDG autostart entry on Linux, the registry's Run key on Windows, a Launch Agent on
//! macOS). Started that way, Flowdeck opens in the tray, without a window.

use tauri::AppHandle;
use tauri_plugin_autostart::ManagerExt;

use super::CommandResult;
use crate::ipc_error::{ErrorCode, IpcError};

/// What the log-in item starts Flowdeck with: the window stays closed.
pub const AT_LOGIN_ARG: &str = "--at-login";

/// Whether this process was started by the log-in item.
pub fn started_at_login() -> bool {
    std::env::args().any(|arg| arg == AT_LOGIN_ARG)
}

/// Whether Flowdeck starts when the user logs in.
#[tauri::command]
#[specta::specta]
pub fn start_at_login(app: AppHandle) -> CommandResult<bool> {
    app.autolaunch().is_enabled().map_err(not_changed)
}

/// Turns starting at log-in on or off; answers whether it is on now.
#[tauri::command]
#[specta::specta]
pub fn set_start_at_login(app: AppHandle, enabled: bool) -> CommandResult<bool> {
    let login = app.autolaunch();
    let changed = if enabled {
        login.enable()
    } else {
        login.disable()
    };
    changed.map_err(not_changed)?;
    log::info!("start at log-in: {enabled}");
    login.is_enabled().map_err(not_changed)
}

fn not_changed(error: tauri_plugin_autostart::Error) -> IpcError {
    log::warn!("the log-in item could not be read or changed: {error}");
    IpcError::plain(ErrorCode::StartAtLoginFailed, &error)
}
