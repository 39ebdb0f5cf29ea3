//! The web view's entry points. Each only translates between IPC values and `Connections` or a
//! `Deck`; the work happens there.

use flowdeck_campaign::{TokenStatus, WorkflowCommand, WorkflowRecord};
use flowdeck_store::Card;
use serde::Serialize;
use tauri::State;

use crate::AppState;
use crate::deck::{CommandOutcome, Deck, Organisation};
use crate::ipc_error::IpcError;
use crate::profile_forms::{ProfileDraft, ProfileView};

type CommandResult<T> = Result<T, IpcError>;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeckView {
    organisation: Organisation,
    cards: Vec<Card>,
    credential: TokenStatus,
    /// Where an unreadable file was kept when Flowdeck had to start it afresh.
    set_aside_files: Vec<String>,
}

async fn deck_view(state: &AppState, deck: &Deck) -> CommandResult<DeckView> {
    let set_aside_files = [
        state.connections()?.set_aside_profiles(),
        deck.set_aside_card_file(),
    ]
    .into_iter()
    .flatten()
    .map(|path| path.display().to_string())
    .collect();
    Ok(DeckView {
        organisation: deck.organisation().clone(),
        cards: deck.cards(),
        credential: deck.token_status().await,
        set_aside_files,
    })
}

#[tauri::command]
pub async fn load_deck(state: State<'_, AppState>) -> CommandResult<DeckView> {
    let deck = state.connections()?.selected_deck().await?;
    deck_view(&state, &deck).await
}

#[tauri::command]
pub async fn select_profile(
    state: State<'_, AppState>,
    profile_id: String,
) -> CommandResult<DeckView> {
    let connections = state.connections()?;
    let id = connections.select(&profile_id)?;
    let deck = connections.deck(&id).await?;
    deck_view(&state, &deck).await
}

/// What a new connection starts with, so the form never hard-codes Adobe's addresses.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileDefaults {
    base_url: &'static str,
    ims_url: &'static str,
    scopes: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfilesView {
    profiles: Vec<ProfileView>,
    selected: String,
    defaults: ProfileDefaults,
}

#[tauri::command]
pub async fn list_profiles(state: State<'_, AppState>) -> CommandResult<ProfilesView> {
    let connections = state.connections()?;
    Ok(ProfilesView {
        profiles: connections.list().await,
        selected: connections.selected().to_string(),
        defaults: ProfileDefaults {
            base_url: flowdeck_campaign::ADOBE_BASE_URL,
            ims_url: flowdeck_campaign::ADOBE_IMS_URL,
            scopes: flowdeck_campaign::DEFAULT_SCOPES,
        },
    })
}

#[tauri::command]
pub async fn save_profile(
    state: State<'_, AppState>,
    draft: ProfileDraft,
) -> CommandResult<ProfileView> {
    Ok(state.connections()?.save(draft).await?)
}

#[tauri::command]
pub async fn delete_profile(state: State<'_, AppState>, profile_id: String) -> CommandResult<()> {
    Ok(state.connections()?.delete(&profile_id).await?)
}

#[tauri::command]
pub async fn paste_token(
    state: State<'_, AppState>,
    profile_id: String,
    access_token: String,
) -> CommandResult<TokenStatus> {
    Ok(state
        .connections()?
        .paste_token(&profile_id, &access_token)
        .await?)
}

#[tauri::command]
pub async fn test_connection(state: State<'_, AppState>, profile_id: String) -> CommandResult<()> {
    Ok(state.connections()?.check(&profile_id).await?)
}

#[tauri::command]
pub async fn read_workflow(
    state: State<'_, AppState>,
    workflow_id: String,
) -> CommandResult<WorkflowRecord> {
    let deck = state.connections()?.selected_deck().await?;
    Ok(deck.read(&workflow_id).await?)
}

#[tauri::command]
pub async fn send_command(
    state: State<'_, AppState>,
    workflow_id: String,
    command: WorkflowCommand,
) -> CommandResult<CommandOutcome> {
    let deck = state.connections()?.selected_deck().await?;
    Ok(deck.send(&workflow_id, command).await?)
}

#[tauri::command]
pub async fn add_card(
    state: State<'_, AppState>,
    workflow_id: String,
    label: String,
) -> CommandResult<Card> {
    let deck = state.connections()?.selected_deck().await?;
    Ok(deck.add(&workflow_id, &label).await?)
}

#[tauri::command]
pub async fn remove_card(state: State<'_, AppState>, workflow_id: String) -> CommandResult<()> {
    let deck = state.connections()?.selected_deck().await?;
    Ok(deck.remove(&workflow_id)?)
}
