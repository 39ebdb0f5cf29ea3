//! Commands scheduled for later: listed, added, cancelled, all paused. Sending them is the
//! runner's (`schedule_runner.rs`), never the web view's.

use flowdeck_session::jiff::Timestamp;
use flowdeck_session::jiff::tz::TimeZone;
use flowdeck_session::{ScheduleRequest, ScheduleView};
use serde::Serialize;
use tauri::{AppHandle, Manager, State};

use super::CommandResult;
use crate::state::AppState;
use crate::tray::Tray;

#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SchedulesView {
    schedules: Vec<ScheduleView>,
    paused: bool,
}

#[tauri::command]
#[specta::specta]
pub fn list_schedules(state: State<'_, AppState>) -> CommandResult<SchedulesView> {
    let schedules = state.schedules()?;
    Ok(SchedulesView {
        schedules: schedules.list(&TimeZone::system()),
        paused: schedules.paused(),
    })
}

#[tauri::command]
#[specta::specta]
pub async fn add_schedule(
    state: State<'_, AppState>,
    request: ScheduleRequest,
) -> CommandResult<ScheduleView> {
    let zone = TimeZone::system();
    Ok(state
        .schedules()?
        .add(state.connections()?, &request, &zone, Timestamp::now())
        .await?)
}

#[tauri::command]
#[specta::specta]
pub fn cancel_schedule(state: State<'_, AppState>, schedule_id: String) -> CommandResult<()> {
    Ok(state.schedules()?.cancel(&schedule_id)?)
}

#[tauri::command]
#[specta::specta]
pub fn pause_schedules(
    app: AppHandle,
    state: State<'_, AppState>,
    paused: bool,
) -> CommandResult<()> {
    state.schedules()?.set_paused(paused)?;
    // The tray's check mark says the same as the Schedules panel.
    if let Some(tray) = app.try_state::<Tray>() {
        let _ = tray.show_paused(paused);
    }
    Ok(())
}
