//! Flowdeck's Tauri shell: wiring only. The work happens in `connections`, `deck` and the
//! crates they use.

mod app_error;
mod commands;
mod connections;
mod deck;
mod demo;
mod ipc_error;
mod profile_forms;

use std::sync::Arc;

use flowdeck_secrets::OsKeyring;
use tauri::Manager;

use connections::Connections;
use ipc_error::IpcError;

/// What the running app holds: the connections, or why they could not be opened.
pub struct AppState(Result<Connections, IpcError>);

impl AppState {
    fn connections(&self) -> Result<&Connections, IpcError> {
        self.0.as_ref().map_err(Clone::clone)
    }
}

pub fn run() {
    tauri::Builder::default()
        .setup(|app| {
            let config_dir = app.path().app_config_dir()?;
            let keyring = Arc::new(OsKeyring::new(app.config().identifier.clone()));
            let opened = tauri::async_runtime::block_on(Connections::open(&config_dir, keyring));
            app.manage(AppState(opened.map_err(IpcError::from)));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::load_deck,
            commands::select_profile,
            commands::list_profiles,
            commands::save_profile,
            commands::delete_profile,
            commands::paste_token,
            commands::test_connection,
            commands::read_workflow,
            commands::send_command,
            commands::add_card,
            commands::remove_card,
        ])
        .run(tauri::generate_context!())
        .expect("Flowdeck could not start its window");
}
