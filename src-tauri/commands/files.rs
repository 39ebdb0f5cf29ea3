//! Files the user exchanges with Flowdeck, always through the OS's dialogs: the web view never
//! names a path. Card lists (JSON, to share with a team) and the activity log (CSV).

use std::io::Read;
use std::path::{Path, PathBuf};

use tauri::{AppHandle, State};
use tauri_plugin_dialog::{DialogExt, FilePath};

use flowdeck_session::{Session, SessionError};
use flowdeck_store::MAX_CARD_LIST_BYTES;

use super::CommandResult;
use crate::ipc_error::{ErrorCode, IpcError};

/// `false` when the user cancelled the dialog.
#[tauri::command]
#[specta::specta]
pub async fn export_cards(
    app: AppHandle,
    state: State<'_, Session>,
    connection_id: String,
) -> CommandResult<bool> {
    let deck = state.connections()?.deck(&connection_id).await?;
    save_as(
        &app,
        "Flowdeck cards",
        "json",
        "flowdeck-cards.json",
        deck.export_cards(),
    )
    .await
}

/// How many cards were added; `None` when the user cancelled the dialog.
#[tauri::command]
#[specta::specta]
pub async fn import_cards(
    app: AppHandle,
    state: State<'_, Session>,
    connection_id: String,
) -> CommandResult<Option<u32>> {
    let deck = state.connections()?.deck(&connection_id).await?;
    let (chosen, picked) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .add_filter("Flowdeck cards", &["json"])
        .pick_file(move |path| {
            let _ = chosen.send(path);
        });
    let Some(path) = picked.await.ok().flatten() else {
        return Ok(None);
    };
    let path = local(path)?;
    let file = read_at_most(&path, MAX_CARD_LIST_BYTES).map_err(|source| io_error(path, source))?;
    let added = deck.import_cards(&file)?;
    Ok(Some(u32::try_from(added).unwrap_or(u32::MAX)))
}

/// A byte more than `max` when the file is larger, so the bound is reported, never a huge read.
fn read_at_most(path: &Path, max: usize) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    std::fs::File::open(path)?
        .take(limit)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// `false` when the user cancelled the dialog.
#[tauri::command]
#[specta::specta]
pub async fn export_activity(app: AppHandle, state: State<'_, Session>) -> CommandResult<bool> {
    let csv = state.connections()?.activity().to_csv();
    save_as(&app, "CSV", "csv", "flowdeck-activity.csv", csv).await
}

/// Asks where to save `contents`, then writes it there; `false` when the user cancelled.
async fn save_as(
    app: &AppHandle,
    kind: &str,
    extension: &str,
    suggested_name: &str,
    contents: String,
) -> CommandResult<bool> {
    let (chosen, picked) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .add_filter(kind, &[extension])
        .set_file_name(suggested_name)
        .save_file(move |path| {
            let _ = chosen.send(path);
        });
    let Some(path) = picked.await.ok().flatten() else {
        return Ok(false);
    };
    let path = local(path)?;
    std::fs::write(&path, contents).map_err(|source| io_error(path, source))?;
    Ok(true)
}

fn local(path: FilePath) -> CommandResult<PathBuf> {
    path.into_path()
        .map_err(|e| IpcError::plain(ErrorCode::ExportFailed, &e))
}

fn io_error(path: PathBuf, source: std::io::Error) -> IpcError {
    SessionError::from(flowdeck_store::StoreError::Io { path, source }).into()
}
