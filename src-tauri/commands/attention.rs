//! Needs attention, across every connection.

use flowdeck_session::{AttentionEntry, Session};
use tauri::State;

use super::CommandResult;

/// What needs attention now; the runner tells changes as they come (`attention-changed`).
#[tauri::command]
#[specta::specta]
pub async fn attention(state: State<'_, Session>) -> CommandResult<Vec<AttentionEntry>> {
    Ok(state.attention().await?)
}

/// The user has seen to a missed schedule: it leaves the list.
#[tauri::command]
#[specta::specta]
pub fn dismiss_missed_schedule(
    state: State<'_, Session>,
    schedule_id: String,
    due_ms: u64,
) -> CommandResult<()> {
    Ok(state.dismiss_missed(&schedule_id, due_ms)?)
}
