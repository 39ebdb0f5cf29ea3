//! What happened while Flowdeck was closed.

use flowdeck_session::{AwaySummary, Session};
use tauri::State;

use super::CommandResult;

/// Never fails: what cannot be read is left out (an async command that borrows the session
/// answers with a `Result`).
#[tauri::command]
#[specta::specta]
pub async fn away_summary(state: State<'_, Session>) -> CommandResult<AwaySummary> {
    Ok(state.away_summary().await)
}
