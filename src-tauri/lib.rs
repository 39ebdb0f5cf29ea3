//! Flowdeck's Tauri shell: wiring only. The work happens in `connections`, `deck` and the
//! crates they use.

mod app_error;
mod commands;
mod connections;
mod deck;
mod demo;
mod ipc_error;
mod profile_forms;
mod window_memory;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use flowdeck_secrets::OsKeyring;
use flowdeck_store::SettingsStore;
use tauri::Manager;
use tauri_plugin_log::{RotationStrategy, Target, TargetKind};

use connections::Connections;
use ipc_error::IpcError;

/// What the running app holds: the connections and the settings, or why they could not be
/// opened.
pub struct AppState {
    connections: Result<Connections, IpcError>,
    settings: Result<Mutex<SettingsStore>, IpcError>,
    /// Where an unreadable settings file was set aside at start-up, to tell the user.
    set_aside_settings: Option<PathBuf>,
}

impl AppState {
    fn connections(&self) -> Result<&Connections, IpcError> {
        self.connections.as_ref().map_err(Clone::clone)
    }

    fn settings(&self) -> Result<std::sync::MutexGuard<'_, SettingsStore>, IpcError> {
        let store = self.settings.as_ref().map_err(Clone::clone)?;
        Ok(store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()))
    }
}

const LOG_FILE_BYTES: u128 = 1024 * 1024;
const LOG_FILES_KEPT: usize = 5;

pub fn run() {
    tauri::Builder::default()
        // First, so that a second launch hands over before anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(
            tauri_plugin_log::Builder::new()
                .clear_targets()
                .target(Target::new(TargetKind::LogDir {
                    file_name: Some("flowdeck".into()),
                }))
                .level(log::LevelFilter::Info)
                .max_file_size(LOG_FILE_BYTES)
                .rotation_strategy(RotationStrategy::KeepSome(LOG_FILES_KEPT))
                .build(),
        )
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            log::info!("Flowdeck {} starting", env!("CARGO_PKG_VERSION"));
            let config_dir = app.path().app_config_dir()?;
            let keyring = Arc::new(OsKeyring::new(app.config().identifier.clone()));
            let opened = tauri::async_runtime::block_on(Connections::open(&config_dir, keyring));
            if let Err(error) = &opened {
                log::error!("could not open the connections: {error}");
            }
            let settings = SettingsStore::open(config_dir.join("settings.json"));
            let (settings, set_aside_settings) = match settings {
                Ok((store, set_aside)) => (Ok(Mutex::new(store)), set_aside),
                Err(error) => (Err(IpcError::from(app_error::AppError::from(error))), None),
            };
            app.manage(AppState {
                connections: opened.map_err(IpcError::from),
                settings,
                set_aside_settings,
            });
            window_memory::remember_main_window(app.handle());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::deck::load_deck,
            commands::deck::select_profile,
            commands::deck::read_workflow,
            commands::deck::send_command,
            commands::deck::add_card,
            commands::deck::remove_card,
            commands::deck::edit_card,
            commands::deck::move_card,
            commands::files::export_cards,
            commands::files::import_cards,
            commands::profiles::list_profiles,
            commands::profiles::save_profile,
            commands::profiles::delete_profile,
            commands::profiles::paste_token,
            commands::profiles::test_connection,
            commands::app::app_info,
            commands::app::open_link,
            commands::app::system_locale,
            commands::settings::get_settings,
            commands::settings::save_settings,
            commands::activity::activity,
            commands::files::export_activity,
        ])
        .run(tauri::generate_context!())
        .expect("Flowdeck could not start its window");
}
