//! The user's settings: language and how often cards refresh.

use flowdeck_store::{REFRESH_CHOICES, Settings};
use serde::Serialize;
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

#[tauri::command]
#[specta::specta]
pub fn save_settings(state: State<'_, Session>, settings: Settings) -> CommandResult<Settings> {
    let mut store = state.settings()?;
    let kept = store.put(settings).map_err(SessionError::from)?;
    Ok(kept.clone())
}
