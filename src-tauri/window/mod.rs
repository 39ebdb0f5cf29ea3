//! The main window: made hidden and shown once its page has loaded, kept where the user left
//! it, drawn without compositing where there is no GPU, and closed by the session's rules.

pub mod closing;
pub mod memory;
#[cfg(target_os = "linux")]
pub mod rendering;
pub mod shown;

use tauri::{AppHandle, Manager};

pub fn reveal(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

fn hide(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.hide();
    }
}

fn minimise(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.minimize();
    }
}
