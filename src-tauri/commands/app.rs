//! The app itself: its version and folders for About, links out, and the OS's language.

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};
use tauri_plugin_opener::OpenerExt;

use super::CommandResult;
use crate::ipc_error::{ErrorCode, IpcError};

#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    version: String,
    /// How this copy was installed ("deb", "msi", …), when it came from an installer.
    package: Option<String>,
    tauri_version: &'static str,
    config_folder: String,
    log_folder: String,
}

/// The only places the web view can ask to open: it never passes a URL or a path itself.
#[derive(Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum Link {
    DeveloperConsole,
    LogFolder,
    ConfigFolder,
}

const DEVELOPER_CONSOLE: &str = "https://developer.adobe.com/console";

#[tauri::command]
#[specta::specta]
pub fn app_info(app: AppHandle) -> CommandResult<AppInfo> {
    Ok(AppInfo {
        version: app.package_info().version.to_string(),
        package: tauri::utils::platform::bundle_type()
            .map(|bundle| format!("{bundle:?}").to_lowercase()),
        tauri_version: tauri::VERSION,
        config_folder: folder(app.path().app_config_dir())?,
        log_folder: folder(app.path().app_log_dir())?,
    })
}

#[tauri::command]
#[specta::specta]
pub fn open_link(app: AppHandle, link: Link) -> CommandResult<()> {
    let opener = app.opener();
    let opened = match link {
        Link::DeveloperConsole => opener.open_url(DEVELOPER_CONSOLE, None::<&str>),
        Link::LogFolder => opener.open_path(folder(app.path().app_log_dir())?, None::<&str>),
        Link::ConfigFolder => opener.open_path(folder(app.path().app_config_dir())?, None::<&str>),
    };
    opened.map_err(|e| IpcError::plain(ErrorCode::OpenFailed, &e))
}

fn folder(path: tauri::Result<std::path::PathBuf>) -> CommandResult<String> {
    path.map(|p| p.display().to_string())
        .map_err(|e| IpcError::plain(ErrorCode::FolderUnknown, &e))
}

/// The OS's preferred locale (e.g. "de-DE"), for the front end to choose its language.
#[tauri::command]
#[specta::specta]
pub fn system_locale() -> Option<String> {
    sys_locale::get_locale()
}
