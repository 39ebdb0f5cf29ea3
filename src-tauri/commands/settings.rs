//! The user's settings: language, how often cards refresh, and the proxy.

use flowdeck_store::{ProxySetting, REFRESH_CHOICES, Settings};
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
    check_for_updates: bool,
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
        check_for_updates,
    } = settings;
    let mut store = state.settings()?;
    // The proxy is saved on its own (with its password), and when updates were last looked
    // for is the backend's to note: the window does not send them here.
    let saved = store.get().clone();
    let kept = store
        .put(Settings {
            language,
            refresh_seconds,
            tray_explained,
            start_at_login_offered,
            check_for_updates,
            ..saved
        })
        .map_err(SessionError::from)?;
    Ok(kept.clone())
}

/// The Proxy setting as the window saves it: a new password for a manual proxy's user, or
/// none to keep the one in the keyring.
#[derive(Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProxyChange {
    proxy: ProxySetting,
    password: Option<String>,
}

/// Saves the Proxy setting and puts it in force for every later request to Adobe.
#[tauri::command]
#[specta::specta]
pub async fn save_proxy(state: State<'_, Session>, change: ProxyChange) -> CommandResult<Settings> {
    Ok(state.change_proxy(change.proxy, change.password).await?)
}
