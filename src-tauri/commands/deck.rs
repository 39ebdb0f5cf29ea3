//! A connection's deck: its cards and the commands sent from them. Every command names the
//! connection (`connection_id`) it acts on; none depends on which one the window shows. What
//! Campaign carries out also names the connection's revision the work began on (`revision`):
//! once the connection is edited or deleted, the rest of that work is refused.

use flowdeck_campaign::{WorkflowCommand, WorkflowRecord};
use flowdeck_session::{
    CommandOutcome, DeckView, RestartOutcome, Session, SignalOutcome, SignalToSend, StatusHistory,
};
use flowdeck_store::Card;
use tauri::State;

use super::CommandResult;

/// A connection's deck as the window shows it. Reading it changes nothing: which connection
/// opens at the next start is only what the user chose (`choose_connection`).
#[tauri::command]
#[specta::specta]
pub async fn open_deck(
    state: State<'_, Session>,
    connection_id: String,
) -> CommandResult<DeckView> {
    Ok(state.deck_view(&connection_id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn read_workflow(
    state: State<'_, Session>,
    connection_id: String,
    workflow_id: String,
) -> CommandResult<WorkflowRecord> {
    let deck = state.connections()?.deck(&connection_id).await?;
    Ok(deck.read(&workflow_id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn send_command(
    state: State<'_, Session>,
    connection_id: String,
    revision: u32,
    workflow_id: String,
    command: WorkflowCommand,
) -> CommandResult<CommandOutcome> {
    let deck = state
        .connections()?
        .deck_for_work(&connection_id, revision)
        .await?;
    Ok(deck.send(&workflow_id, command).await?)
}

/// Triggers one of the signal activities Campaign lists for a card's workflow.
#[tauri::command]
#[specta::specta]
pub async fn send_signal(
    state: State<'_, Session>,
    connection_id: String,
    revision: u32,
    workflow_id: String,
    signal: SignalToSend,
) -> CommandResult<SignalOutcome> {
    let deck = state
        .connections()?
        .deck_for_work(&connection_id, revision)
        .await?;
    Ok(deck.send_signal(&workflow_id, &signal).await?)
}

/// The statuses Flowdeck saw of one card's workflow, oldest first, and how long its runs take.
#[tauri::command]
#[specta::specta]
pub async fn status_timeline(
    state: State<'_, Session>,
    connection_id: String,
    workflow_id: String,
) -> CommandResult<StatusHistory> {
    let deck = state.connections()?.deck(&connection_id).await?;
    Ok(StatusHistory::of(deck.timeline(&workflow_id)?))
}

/// Stop, then Start once Campaign reports the stop effective; never Start otherwise.
#[tauri::command]
#[specta::specta]
pub async fn restart_workflow(
    state: State<'_, Session>,
    connection_id: String,
    revision: u32,
    workflow_id: String,
) -> CommandResult<RestartOutcome> {
    let deck = state
        .connections()?
        .deck_for_work(&connection_id, revision)
        .await?;
    Ok(deck.restart(&workflow_id, state.restart_patience()).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_card(
    state: State<'_, Session>,
    connection_id: String,
    workflow_id: String,
    label: String,
) -> CommandResult<Card> {
    let deck = state.connections()?.deck(&connection_id).await?;
    Ok(deck.add(&workflow_id, &label).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn remove_card(
    state: State<'_, Session>,
    connection_id: String,
    workflow_id: String,
) -> CommandResult<()> {
    let deck = state.connections()?.deck(&connection_id).await?;
    Ok(deck.remove(&workflow_id)?)
}

/// "Notify me" on or off for cards of one connection: one card's toggle, or a selection's.
#[tauri::command]
#[specta::specta]
pub async fn set_watched(
    state: State<'_, Session>,
    connection_id: String,
    workflow_ids: Vec<String>,
    watched: bool,
) -> CommandResult<Vec<Card>> {
    let deck = state.connections()?.deck(&connection_id).await?;
    Ok(deck.set_watched(&workflow_ids, watched)?)
}

/// Undo for a removal: the card comes back as it was, in its old place.
#[tauri::command]
#[specta::specta]
pub async fn restore_card(
    state: State<'_, Session>,
    connection_id: String,
    workflow_id: String,
) -> CommandResult<Card> {
    let deck = state.connections()?.deck(&connection_id).await?;
    Ok(deck.restore(&workflow_id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn edit_card(
    state: State<'_, Session>,
    connection_id: String,
    workflow_id: String,
    new_workflow_id: String,
    label: String,
    tags: Vec<String>,
) -> CommandResult<Card> {
    let deck = state.connections()?.deck(&connection_id).await?;
    Ok(deck
        .edit(&workflow_id, &new_workflow_id, &label, tags)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn move_card(
    state: State<'_, Session>,
    connection_id: String,
    workflow_id: String,
    position: u32,
) -> CommandResult<()> {
    let deck = state.connections()?.deck(&connection_id).await?;
    Ok(deck.move_card(&workflow_id, position as usize)?)
}
