//! The activity log: every command Flowdeck sent, under the connection that sent it. Its CSV
//! export is with the other files, in `files.rs`.

use flowdeck_session::Session;
use flowdeck_store::ActivityEntry;
use tauri::State;

use super::CommandResult;

#[tauri::command]
#[specta::specta]
pub fn activity(state: State<'_, Session>) -> CommandResult<Vec<ActivityEntry>> {
    Ok(state.connections()?.activity().entries())
}
