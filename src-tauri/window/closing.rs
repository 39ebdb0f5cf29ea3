//! Carries out what the session decides when the window is closed or Flowdeck is asked to
//! quit (`flowdeck_session::CloseStep`): quit, hide in the tray, minimise, or ask the window.

use flowdeck_session::{CloseAnswer, CloseStep};
use tauri::AppHandle;

use crate::events;
use crate::state::SessionExt;

/// The window's close button (the close itself was prevented; this decides).
/// `tray_shown`: whether the desktop shows Flowdeck's tray icon.
pub async fn close_requested(app: &AppHandle, tray_shown: bool) {
    let step = app.session().close_requested(tray_shown).await;
    carry_out(app, step);
}

/// The tray's Quit.
pub fn quit_asked(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let step = app.session().quit_requested().await;
        carry_out(&app, step);
    });
}

pub fn answer(app: &AppHandle, answer: CloseAnswer) {
    carry_out(app, app.session().close_answered(answer));
}

fn carry_out(app: &AppHandle, step: CloseStep) {
    match step {
        CloseStep::Quit => app.exit(0),
        CloseStep::Hide { .. } => super::hide(app),
        CloseStep::Minimise => super::minimise(app),
        CloseStep::Ask(asked) => {
            super::reveal(app);
            events::close_asked(app, asked);
        }
        CloseStep::Stay => {}
    }
}
