//! The activity log: every command Flowdeck sent, under the connection that sent it. Its CSV
//! export is with the other files, in `files.rs`.

use flowdeck_store::ActivityEntry;
use tauri::State;

use super::CommandResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub fn activity(state: State<'_, AppState>) -> CommandResult<Vec<ActivityEntry>> {
    Ok(state.connections()?.activity().entries())
}
