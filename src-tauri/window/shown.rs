//! The main window is made hidden and shown once its page has loaded. Drawn earlier, without
//! compositing (rendering.rs), WebKitGTK's first paint of the window waits up to half a second
//! for a web process that is still starting, holding the main thread, so that the page itself
//! was asked for later: seen in about a third of launches under Xvfb (page load started at
//! 700-1300 ms instead of 200-300 ms). Shown after the load, the window also opens on the
//! page rather than on an empty frame.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tauri::webview::{PageLoadEvent, PageLoadPayload};
use tauri::{AppHandle, Manager, Runtime, Webview};

/// A page that never finishes loading must not leave the window hidden for good.
const AT_THE_LATEST: Duration = Duration::from_secs(3);

static SHOWN: AtomicBool = AtomicBool::new(false);

fn show_once<R: Runtime>(app: &AppHandle<R>) {
    if SHOWN.swap(true, Ordering::SeqCst) {
        return;
    }
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// For `Builder::on_page_load`: the first load of the main window's page shows it; a reload
/// (the window hidden in the tray) does not.
pub fn on_page_load<R: Runtime>(webview: &Webview<R>, payload: &PageLoadPayload<'_>) {
    if payload.event() == PageLoadEvent::Finished && webview.label() == "main" {
        show_once(webview.app_handle());
    }
}

/// Started at log-in: the page's load does not show the window; the tray's Open Flowdeck does.
pub fn keep_hidden() {
    SHOWN.store(true, Ordering::SeqCst);
}

/// Shows the window after `AT_THE_LATEST`, if its page has not by then.
pub fn show_at_the_latest<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(AT_THE_LATEST).await;
        show_once(&app);
    });
}
