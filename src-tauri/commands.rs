//! The web view's entry points. Each only translates between IPC values and `Deck`.

use flowdeck_campaign::{WorkflowCommand, WorkflowRecord};
use flowdeck_cards::Card;
use serde::Serialize;
use tauri::State;

use crate::app_state::AppState;
use crate::deck::{CommandOutcome, Organisation};
use crate::ipc_error::IpcError;

type CommandResult<T> = Result<T, IpcError>;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeckView {
    organisation: Organisation,
    cards: Vec<Card>,
    /// Where an unreadable card file was kept, when the deck had to start afresh.
    set_aside_card_file: Option<String>,
}

#[tauri::command]
pub fn load_deck(state: State<'_, AppState>) -> CommandResult<DeckView> {
    let deck = state.deck()?;
    Ok(DeckView {
        organisation: deck.organisation().clone(),
        cards: deck.cards(),
        set_aside_card_file: state.set_aside_card_file().map(|p| p.display().to_string()),
    })
}

#[tauri::command]
pub async fn read_workflow(
    state: State<'_, AppState>,
    workflow_id: String,
) -> CommandResult<WorkflowRecord> {
    Ok(state.deck()?.read(&workflow_id).await?)
}

#[tauri::command]
pub async fn send_command(
    state: State<'_, AppState>,
    workflow_id: String,
    command: WorkflowCommand,
) -> CommandResult<CommandOutcome> {
    Ok(state.deck()?.send(&workflow_id, command).await?)
}

#[tauri::command]
pub async fn add_card(
    state: State<'_, AppState>,
    workflow_id: String,
    label: String,
) -> CommandResult<Card> {
    Ok(state.deck()?.add(&workflow_id, &label).await?)
}

#[tauri::command]
pub fn remove_card(state: State<'_, AppState>, workflow_id: String) -> CommandResult<()> {
    Ok(state.deck()?.remove(&workflow_id)?)
}
