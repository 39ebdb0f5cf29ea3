//! Connections: listing, editing, credentials, testing.

use flowdeck_campaign::TokenStatus;
use serde::Serialize;
use tauri::State;

use flowdeck_session::{ConnectionDeleted, ConnectionDraft, ConnectionView, Session};

use super::CommandResult;

/// What a new connection starts with, so the form never hard-codes Adobe's addresses.
#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionDefaults {
    base_url: &'static str,
    ims_url: &'static str,
    scopes: &'static str,
}

#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionsView {
    connections: Vec<ConnectionView>,
    /// The connection the window showed last, to open again.
    last_opened: String,
    defaults: ConnectionDefaults,
}

#[tauri::command]
#[specta::specta]
pub async fn list_connections(state: State<'_, Session>) -> CommandResult<ConnectionsView> {
    let connections = state.connections()?;
    Ok(ConnectionsView {
        connections: connections.list().await,
        last_opened: connections.last_opened().to_string(),
        defaults: ConnectionDefaults {
            base_url: flowdeck_campaign::ADOBE_BASE_URL,
            ims_url: flowdeck_campaign::ADOBE_IMS_URL,
            scopes: flowdeck_campaign::DEFAULT_SCOPES,
        },
    })
}

#[tauri::command]
#[specta::specta]
pub async fn save_connection(
    state: State<'_, Session>,
    draft: ConnectionDraft,
) -> CommandResult<ConnectionView> {
    Ok(state.connections()?.save(draft).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_connection(
    state: State<'_, Session>,
    connection_id: String,
) -> CommandResult<ConnectionDeleted> {
    Ok(state.delete_connection(&connection_id).await?)
}

/// The user chose this connection in the window: it opens at the next start.
#[tauri::command]
#[specta::specta]
pub fn choose_connection(state: State<'_, Session>, connection_id: String) -> CommandResult<()> {
    Ok(state.connections()?.choose(&connection_id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn paste_token(
    state: State<'_, Session>,
    connection_id: String,
    access_token: String,
) -> CommandResult<TokenStatus> {
    Ok(state
        .connections()?
        .paste_token(&connection_id, &access_token)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn test_connection(
    state: State<'_, Session>,
    connection_id: String,
) -> CommandResult<()> {
    Ok(state.connections()?.check(&connection_id).await?)
}
