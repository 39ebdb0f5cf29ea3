//! Flowdeck's Tauri shell: wiring only. The work happens in the session crate
//! (`flowdeck-session`) and the crates it uses; `commands/` only translates.

mod closing;
mod commands;
mod ipc;
mod ipc_error;
mod notifications;
#[cfg(target_os = "linux")]
pub mod rendering;
mod schedule_runner;
mod state;
mod tray;
mod watch_runner;
mod window_memory;
mod window_shown;

use std::sync::{Arc, Mutex};

use flowdeck_secrets::OsKeyring;
use flowdeck_session::jiff::Timestamp;
use flowdeck_session::{Connections, Schedules, SessionError};
use flowdeck_store::SettingsStore;
use tauri::Manager;
use tauri_plugin_log::{RotationStrategy, Target, TargetKind};

use ipc_error::IpcError;
use state::AppState;

const LOG_FILE_BYTES: u128 = 1024 * 1024;
const LOG_FILES_KEPT: usize = 5;

pub fn run() {
    let builder = tauri::Builder::default()
        // First, so that a second launch hands over before anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            closing::reveal_main_window(app);
        }))
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(window_memory::REMEMBERED)
                .build(),
        )
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
        .plugin(tauri_plugin_dialog::init());
    // On Linux Flowdeck shows notifications itself (notifications.rs).
    #[cfg(not(target_os = "linux"))]
    let builder = builder.plugin(tauri_plugin_notification::init());
    builder
        .setup(|app| {
            log::info!("Flowdeck {} starting", env!("CARGO_PKG_VERSION"));
            let config_dir = app.path().app_config_dir()?;
            let keyring = Arc::new(OsKeyring::new(app.config().identifier.clone()));
            let opened = tauri::async_runtime::block_on(Connections::open(&config_dir, keyring));
            if let Err(error) = &opened {
                log::error!("could not open the connections: {error}");
            }
            // What comes due from now on is this Flowdeck's to send; what came before was missed.
            let schedules = Schedules::open(&config_dir, Timestamp::now()).map_err(IpcError::from);
            let settings = SettingsStore::open(config_dir.join("settings.json"));
            let (settings, set_aside_settings) = match settings {
                Ok((store, set_aside)) => (Ok(Mutex::new(store)), set_aside),
                Err(error) => (Err(IpcError::from(SessionError::from(error))), None),
            };
            let paused = schedules.as_ref().is_ok_and(|s| s.paused());
            app.manage(AppState {
                connections: opened.map_err(IpcError::from),
                schedules,
                settings,
                set_aside_settings,
                restart_patience: state::restart_patience(),
            });
            app.manage(closing::Closing::default());
            app.manage(notifications::Notifier::default());
            notifications::follow_clicks(app.handle().clone());
            // Without a tray (a desktop session with no way to show one), closing asks instead.
            if let Err(error) = tray::install(app.handle(), paused) {
                log::warn!("no tray icon: {error}");
            }
            window_memory::remember_main_window(app.handle());
            window_shown::show_at_the_latest(app.handle());
            schedule_runner::start(app.handle().clone());
            watch_runner::start(app.handle().clone());
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                if let Ok(connections) = handle.state::<AppState>().connections() {
                    connections.retry_secret_removals().await;
                }
            });
            Ok(())
        })
        .on_page_load(window_shown::on_page_load)
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event
                && window.label() == "main"
            {
                api.prevent_close();
                closing::close_requested(window.app_handle().clone());
            }
        })
        .invoke_handler(ipc::invoke_handler())
        .run(tauri::generate_context!())
        .expect("Flowdeck could not start its window");
}
