//! The user's settings: language and how often cards refresh.

use flowdeck_store::{REFRESH_CHOICES, Settings};
use serde::{Deserialize, Serialize};
use tauri::State;

use super::CommandResult;
use flowdeck_session::{Session, SessionError};

#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SettingsView {
    settings: Settings,
    refresh_choices: &'static [u32],
}

#[tauri::command]
#[specta::specta]
pub fn get_settings(state: State<'_, Session>) -> CommandResult<SettingsView> {
    Ok(SettingsView {
        settings: state.settings()?.get().clone(),
        refresh_choices: &REFRESH_CHOICES,
    })
}

/// Every setting, as the window saves them. Strict, unlike the file: the file's reader takes
/// what it cannot use for the default, but a call that names no settings, or others, is refused
/// rather than taken for "back to the defaults" (found by the IPC fuzz test).
#[derive(Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SettingsChange {
    language: Option<String>,
    refresh_seconds: u32,
    tray_explained: bool,
    start_at_login_offered: bool,
}

#[tauri::command]
#[specta::specta]
pub fn save_settings(
    state: State<'_, Session>,
    settings: SettingsChange,
) -> CommandResult<Settings> {
    let SettingsChange {
        language,
        refresh_seconds,
        tray_explained,
        start_at_login_offered,
    } = settings;
    let mut store = state.settings()?;
    let kept = store
        .put(Settings {
            language,
            refresh_seconds,
            tray_explained,
            start_at_login_offered,
        })
        .map_err(SessionError::from)?;
    Ok(kept.clone())
}
