//! Notifications the window asks for, in the user's language: watch news and missed schedules.

use tauri::AppHandle;

use flowdeck_session::CardRef;

use crate::notifications;

/// Never fails for the user: the window has said it in its live region already, and a desktop
/// without a notification service is logged, not shown.
#[tauri::command]
#[specta::specta]
pub async fn show_notification(
    app: AppHandle,
    title: String,
    body: String,
    card: Option<CardRef>,
    open_label: String,
) {
    if let Err(error) = notifications::show(&app, &title, &body, card, &open_label).await {
        log::warn!("could not show a notification: {error}");
    }
}
