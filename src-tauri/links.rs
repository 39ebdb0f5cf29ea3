//! `flowdeck://` links reaching the app: the one it was started with, and those the OS hands
//! to it while it runs (single-instance passes a second launch's link on; macOS sends Apple
//! Events). Each is followed by the session to a card, or refused, and the outcome waits here
//! until the window takes it: a link that starts Flowdeck arrives before the page listens.

use std::sync::Mutex;

use flowdeck_session::CardRef;
use tauri::{AppHandle, Manager};
use tauri_plugin_deep_link::DeepLinkExt;

use crate::ipc_error::IpcError;
use crate::state::SessionExt;

/// The outcome of the last link, until the window takes it.
#[derive(Default)]
pub struct OpenedLink(Mutex<Option<Result<CardRef, IpcError>>>);

impl OpenedLink {
    pub fn take(&self) -> Option<Result<CardRef, IpcError>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take()
    }

    fn put(&self, outcome: Result<CardRef, IpcError>) {
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(outcome);
    }
}

/// From start-up on: follows the link Flowdeck was started with, and every later one.
pub fn install(app: &AppHandle) {
    app.manage(OpenedLink::default());
    let handle = app.clone();
    app.deep_link().on_open_url(move |event| {
        follow_all(
            &handle,
            event.urls().into_iter().map(String::from).collect(),
        );
    });
    match app.deep_link().get_current() {
        Ok(Some(urls)) => follow_all(app, urls.into_iter().map(String::from).collect()),
        Ok(None) => {}
        Err(error) => log::warn!("could not read the link Flowdeck was started with: {error}"),
    }
}

fn follow_all(app: &AppHandle, links: Vec<String>) {
    // One card can be shown at a time: the last link wins.
    let Some(link) = links.into_iter().last() else {
        return;
    };
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let outcome = match app.session().connections() {
            Ok(connections) => connections
                .follow_link(&link)
                .await
                .map_err(|refused| IpcError::from(&refused)),
            Err(error) => Err(IpcError::from(error)),
        };
        if let Err(refused) = &outcome {
            log::info!("a link was not followed: {}", refused.message);
        }
        app.state::<OpenedLink>().put(outcome);
        crate::window::reveal(&app);
        crate::events::link_opened(&app);
    });
}
