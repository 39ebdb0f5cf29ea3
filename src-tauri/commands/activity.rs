//! The activity log: every command Flowdeck sent, to look at or to export.

use flowdeck_store::ActivityEntry;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::CommandResult;
use crate::AppState;
use crate::app_error::AppError;
use crate::ipc_error::IpcError;

#[tauri::command]
pub fn activity(state: State<'_, AppState>) -> CommandResult<Vec<ActivityEntry>> {
    Ok(state.connections()?.activity().entries())
}

/// Asks where to save, then writes the log there as CSV. `false` when the user cancelled.
#[tauri::command]
pub async fn export_activity(app: AppHandle, state: State<'_, AppState>) -> CommandResult<bool> {
    let csv = state.connections()?.activity().to_csv();
    let (chosen, picked) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .add_filter("CSV", &["csv"])
        .set_file_name("flowdeck-activity.csv")
        .save_file(move |path| {
            let _ = chosen.send(path);
        });
    let Some(path) = picked.await.ok().flatten() else {
        return Ok(false);
    };
    let path = path
        .into_path()
        .map_err(|e| IpcError::plain("export_failed", &e))?;
    std::fs::write(&path, csv).map_err(|source| {
        IpcError::from(AppError::from(flowdeck_store::StoreError::Io {
            path,
            source,
        }))
    })?;
    Ok(true)
}
