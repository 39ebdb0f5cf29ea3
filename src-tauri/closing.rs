//! Closing the window and quitting. While watched workflows or schedules are active, closing
//! keeps Flowdeck running in the tray (explained the first time); where the desktop shows no
//! tray, closing asks first. Quitting from the tray says what will not run. With nothing active,
//! closing quits, as it always did.

use std::sync::Mutex;

use flowdeck_session::jiff::tz::TimeZone;
use flowdeck_session::{BackgroundWork, background_work};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Manager};

use crate::state::AppState;
use crate::tray::Tray;

/// Told to the window when it must ask before closing or quitting.
pub const CLOSE_ASKED: &str = "close-asked";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum CloseQuestion {
    /// The first close with a tray: Flowdeck will keep running there.
    KeepRunning,
    /// Quit, and stop what is active? (The tray's Quit.)
    Quit,
    /// The window was closed on a desktop that shows no tray: quit, or minimise instead?
    QuitWithoutTray,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CloseAsked {
    pub question: CloseQuestion,
    pub work: BackgroundWork,
}

/// What the user answered.
#[derive(Debug, Clone, Copy, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum CloseAnswer {
    KeepRunning,
    Quit,
    Minimise,
    /// Neither: the window stays open.
    Stay,
}

/// The question the window shows, while it shows one.
#[derive(Default)]
pub struct Closing {
    asking: Mutex<Option<CloseQuestion>>,
}

impl Closing {
    fn asking(&self) -> std::sync::MutexGuard<'_, Option<CloseQuestion>> {
        self.asking
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

pub fn reveal_main_window(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

fn hide_main_window(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.hide();
    }
}

async fn current_work(app: &AppHandle) -> BackgroundWork {
    let state = app.state::<AppState>();
    match (state.connections(), state.schedules()) {
        (Ok(connections), Ok(schedules)) => {
            background_work(connections, schedules, &TimeZone::system()).await
        }
        _ => BackgroundWork::default(),
    }
}

fn ask(app: &AppHandle, question: CloseQuestion, work: BackgroundWork) {
    *app.state::<Closing>().asking() = Some(question);
    reveal_main_window(app);
    let _ = app.emit(CLOSE_ASKED, CloseAsked { question, work });
}

/// The window's close button (the close itself was prevented; this decides).
pub fn close_requested(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let work = current_work(&app).await;
        let asking = *app.state::<Closing>().asking();
        match asking {
            // Closed again while the window asks: the safe reading of each question.
            Some(CloseQuestion::KeepRunning) => return answer(&app, CloseAnswer::KeepRunning),
            Some(CloseQuestion::Quit | CloseQuestion::QuitWithoutTray) => {
                return answer(&app, CloseAnswer::Quit);
            }
            None => {}
        }
        let shows = desktop_shows_tray(&app).await;
        // Which way a close went is what anyone asking "why is it still running?" needs.
        log::info!(
            "window closed with {} watched, {} scheduled; tray shown: {shows}",
            work.watched,
            work.scheduled
        );
        if work.is_idle() {
            app.exit(0);
        } else if !shows {
            ask(&app, CloseQuestion::QuitWithoutTray, work);
        } else if tray_explained(&app) {
            hide_main_window(&app);
        } else {
            ask(&app, CloseQuestion::KeepRunning, work);
        }
    });
}

/// The tray's Quit.
pub fn quit_asked(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let work = current_work(&app).await;
        if work.is_idle() {
            app.exit(0);
        } else {
            ask(&app, CloseQuestion::Quit, work);
        }
    });
}

pub fn answer(app: &AppHandle, answer: CloseAnswer) {
    *app.state::<Closing>().asking() = None;
    match answer {
        CloseAnswer::KeepRunning => {
            if let Ok(mut settings) = app.state::<AppState>().settings() {
                let told = flowdeck_store::Settings {
                    tray_explained: true,
                    ..settings.get().clone()
                };
                if let Err(error) = settings.put(told) {
                    log::warn!("could not note that the tray was explained: {error}");
                }
            }
            hide_main_window(app);
        }
        CloseAnswer::Quit => app.exit(0),
        CloseAnswer::Minimise => {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.minimize();
            }
        }
        CloseAnswer::Stay => {}
    }
}

fn tray_explained(app: &AppHandle) -> bool {
    app.state::<AppState>()
        .settings()
        .is_ok_and(|settings| settings.get().tray_explained)
}

/// Whether the tray icon can be seen. Linux desktops show one only with a StatusNotifierWatcher
/// on the session bus (plain GNOME has none); Windows and macOS always do.
async fn desktop_shows_tray(app: &AppHandle) -> bool {
    app.try_state::<Tray>().is_some() && status_notifier_watcher().await
}

#[cfg(target_os = "linux")]
async fn status_notifier_watcher() -> bool {
    async fn present() -> zbus::Result<bool> {
        let bus = zbus::Connection::session().await?;
        let dbus = zbus::fdo::DBusProxy::new(&bus).await?;
        let name = zbus::names::BusName::try_from("org.kde.StatusNotifierWatcher")?;
        Ok(dbus.name_has_owner(name).await?)
    }
    present().await.unwrap_or(false)
}

#[cfg(not(target_os = "linux"))]
async fn status_notifier_watcher() -> bool {
    true
}
