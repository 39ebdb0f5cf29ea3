//! New versions: looked for on demand, installed when the user agrees.

use tauri::AppHandle;

use super::CommandResult;
use crate::updates::{self, UpdateCheck};

#[tauri::command]
#[specta::specta]
pub async fn check_for_update(app: AppHandle) -> CommandResult<UpdateCheck> {
    updates::check(&app).await
}

/// Installs `version` (the one the window showed) and restarts as it; does not return when
/// it succeeds.
#[tauri::command]
#[specta::specta]
pub async fn install_update(app: AppHandle, version: String) -> CommandResult<()> {
    updates::install_and_restart(&app, &version).await
}
