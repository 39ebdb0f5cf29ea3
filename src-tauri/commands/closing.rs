//! The window's part in closing and the tray: its answer to a close question, and the tray
//! menu's words in the user's language.

use tauri::{AppHandle, Manager};

use flowdeck_session::CloseAnswer;

use crate::tray::{Tray, TrayMenu};
use crate::window::closing;

#[tauri::command]
#[specta::specta]
pub fn answer_close(app: AppHandle, answer: CloseAnswer) {
    closing::answer(&app, answer);
}

/// Never fails for the user: a tray that keeps its English words is logged, not shown.
#[tauri::command]
#[specta::specta]
pub fn set_tray_menu(app: AppHandle, menu: TrayMenu) {
    if let Some(tray) = app.try_state::<Tray>()
        && let Err(error) = tray.word(&menu)
    {
        log::warn!("could not word the tray menu: {error}");
    }
}
