//! Keeps the main window's size and position on disk as they change, not only on a clean exit:
//! a force-quit, a crash or a logout's SIGTERM would otherwise lose them.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tauri::{AppHandle, Manager, Runtime, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// Everything but whether the window is shown, which is shown.rs's business: the
/// window is made hidden and shown once its page has loaded.
pub const REMEMBERED: StateFlags = StateFlags::all().difference(StateFlags::VISIBLE);

/// Long enough that dragging a window edge writes once, not at every pixel.
const SETTLE: Duration = Duration::from_millis(400);

pub fn remember_main_window<R: Runtime>(app: &AppHandle<R>) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let changes = Arc::new(AtomicU64::new(0));
    let app = app.clone();
    window.on_window_event(move |event| {
        if !matches!(event, WindowEvent::Resized(_) | WindowEvent::Moved(_)) {
            return;
        }
        let change = changes.fetch_add(1, Ordering::SeqCst) + 1;
        let (app, changes) = (app.clone(), Arc::clone(&changes));
        tauri::async_runtime::spawn(async move {
            tokio::time::sleep(SETTLE).await;
            if changes.load(Ordering::SeqCst) == change
                && let Err(error) = app.save_window_state(REMEMBERED)
            {
                log::warn!("could not keep the window's size and position: {error}");
            }
        });
    });
}
