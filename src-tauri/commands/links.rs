//! Links to a card: the one to copy, and the one the OS opened Flowdeck with.

use flowdeck_session::{CardRef, Session};
use tauri::State;

use super::CommandResult;
use crate::links::OpenedLink;

/// The `flowdeck://` link to card `workflow_id` on connection `connection_id`.
#[tauri::command]
#[specta::specta]
pub async fn card_link(
    state: State<'_, Session>,
    connection_id: String,
    workflow_id: String,
) -> CommandResult<String> {
    Ok(state
        .connections()?
        .card_link(&connection_id, &workflow_id)
        .await?)
}

/// The card the last link opened, or why it was refused; nothing when no link is waiting.
/// Taking it leaves none waiting.
#[tauri::command]
#[specta::specta]
pub fn take_opened_link(opened: State<'_, OpenedLink>) -> CommandResult<Option<CardRef>> {
    opened.take().transpose()
}
