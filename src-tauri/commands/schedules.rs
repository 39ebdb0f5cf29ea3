//! Commands scheduled for later: listed, added, cancelled, all paused. Sending them is the
//! runner's (`runners/schedules.rs`), never the web view's.

use flowdeck_session::{ScheduleRequest, ScheduleView, SchedulesView, Session};
use tauri::{AppHandle, Manager, State};

use super::CommandResult;
use crate::tray::Tray;

#[tauri::command]
#[specta::specta]
pub fn list_schedules(state: State<'_, Session>) -> CommandResult<SchedulesView> {
    Ok(state.list_schedules()?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_schedule(
    state: State<'_, Session>,
    request: ScheduleRequest,
) -> CommandResult<ScheduleView> {
    Ok(state.add_schedule(&request).await?)
}

#[tauri::command]
#[specta::specta]
pub fn cancel_schedule(state: State<'_, Session>, schedule_id: String) -> CommandResult<()> {
    Ok(state.schedules()?.cancel(&schedule_id)?)
}

#[tauri::command]
#[specta::specta]
pub fn pause_schedules(
    app: AppHandle,
    state: State<'_, Session>,
    paused: bool,
) -> CommandResult<()> {
    state.schedules()?.set_paused(paused)?;
    // The tray's check mark says the same as the Schedules panel.
    if let Some(tray) = app.try_state::<Tray>() {
        let _ = tray.show_paused(paused);
    }
    Ok(())
}
