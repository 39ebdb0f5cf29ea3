//! The activity log: every command Flowdeck sent. Its CSV export is with the other files, in
//! `card_files.rs`.

use flowdeck_store::ActivityEntry;
use tauri::State;

use super::CommandResult;
use crate::AppState;

#[tauri::command]
pub fn activity(state: State<'_, AppState>) -> CommandResult<Vec<ActivityEntry>> {
    Ok(state.connections()?.activity().entries())
}
