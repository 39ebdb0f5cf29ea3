//! Connection profiles: listing, editing, credentials, testing.

use flowdeck_campaign::TokenStatus;
use serde::Serialize;
use tauri::State;

use flowdeck_session::{ProfileDeleted, ProfileDraft, ProfileView, Session};

use super::CommandResult;

/// What a new connection starts with, so the form never hard-codes Adobe's addresses.
#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProfileDefaults {
    base_url: &'static str,
    ims_url: &'static str,
    scopes: &'static str,
}

#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProfilesView {
    profiles: Vec<ProfileView>,
    /// The connection the window showed last, to open again.
    last_opened: String,
    defaults: ProfileDefaults,
}

#[tauri::command]
#[specta::specta]
pub async fn list_profiles(state: State<'_, Session>) -> CommandResult<ProfilesView> {
    let connections = state.connections()?;
    Ok(ProfilesView {
        profiles: connections.list().await,
        last_opened: connections.last_opened().to_string(),
        defaults: ProfileDefaults {
            base_url: flowdeck_campaign::ADOBE_BASE_URL,
            ims_url: flowdeck_campaign::ADOBE_IMS_URL,
            scopes: flowdeck_campaign::DEFAULT_SCOPES,
        },
    })
}

#[tauri::command]
#[specta::specta]
pub async fn save_profile(
    state: State<'_, Session>,
    draft: ProfileDraft,
) -> CommandResult<ProfileView> {
    Ok(state.connections()?.save(draft).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_profile(
    state: State<'_, Session>,
    profile_id: String,
) -> CommandResult<ProfileDeleted> {
    Ok(state.delete_connection(&profile_id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn paste_token(
    state: State<'_, Session>,
    profile_id: String,
    access_token: String,
) -> CommandResult<TokenStatus> {
    Ok(state
        .connections()?
        .paste_token(&profile_id, &access_token)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn test_connection(state: State<'_, Session>, profile_id: String) -> CommandResult<()> {
    Ok(state.connections()?.check(&profile_id).await?)
}
