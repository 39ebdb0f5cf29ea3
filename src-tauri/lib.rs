//! Flowdeck's Tauri shell: wiring only. The work happens in the session crate
//! (`flowdeck-session`) and the crates it uses; `commands/` only translates, and the desktop
//! parts (window, tray, notifications, runners) carry out what the session decides.

mod already_running;
mod commands;
mod events;
mod ipc;
mod ipc_error;
mod links;
mod notifications;
mod overrides;
mod runners;
mod state;
mod tray;
mod updates;
mod window;

use std::sync::Arc;

use flowdeck_secrets::OsKeyring;
use flowdeck_session::{FolderLock, Session, SystemClock};
use tauri::{AppHandle, Manager};
use tauri_plugin_log::{RotationStrategy, Target, TargetKind};

use state::SessionExt;
#[cfg(target_os = "linux")]
pub use window::rendering;

const LOG_FILE_BYTES: u128 = 1024 * 1024;
const LOG_FILES_KEPT: usize = 5;

pub fn run() {
    let context = tauri::generate_context!();
    // Tauri's own rule for `app_config_dir`, which is not there to ask before the app is built.
    let config_dir = dirs::config_dir()
        .expect("this system has no folder for an app's settings")
        .join(&context.config().identifier);
    match FolderLock::acquire(&config_dir) {
        Ok(folder) => run_on(folder, context),
        Err(in_use) => already_running::tell_and_end(&in_use, context),
    }
}

fn run_on(folder: FolderLock, context: tauri::Context) {
    let builder = tauri::Builder::default()
        // First, so that a second launch hands over before anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            window::reveal(app);
        }))
        // After single-instance, which hands it a second launch's link (its `deep-link`
        // feature); `links.rs` follows them.
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(window::memory::REMEMBERED)
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
        .plugin(tauri_plugin_dialog::init())
        .plugin(
            tauri_plugin_autostart::Builder::new()
                .arg(commands::login::AT_LOGIN_ARG)
                .build(),
        );
    builder
        .setup(move |app| {
            log::info!("Flowdeck {} starting", app.package_info().version);
            if let Some(problem) = folder.unguarded() {
                log::warn!("the config folder could not be locked, so a second Flowdeck could use it too: {problem}");
            }
            let keyring = Arc::new(OsKeyring::new(app.config().identifier.clone()));
            let session = tauri::async_runtime::block_on(Session::open(
                folder,
                keyring,
                Arc::new(SystemClock),
                state::restart_patience(),
            ));
            let paused = session.schedules().is_ok_and(|s| s.paused());
            app.manage(session);
            notifications::install(app.handle());
            links::install(app.handle());
            updates::install(app.handle());
            // Without a tray (a desktop session with no way to show one), closing asks instead.
            if let Err(error) = tray::install(app.handle(), paused) {
                log::warn!("no tray icon: {error}");
            }
            window::memory::remember_main_window(app.handle());
            if commands::login::started_at_login() {
                // Started by the log-in item: in the tray, without a window, unless the desktop
                // shows no tray, where the window is all there is.
                window::shown::keep_hidden();
                let handle = app.handle().clone();
                tauri::async_runtime::spawn(async move {
                    if !tray::shown(&handle).await {
                        window::reveal(&handle);
                    }
                });
            } else {
                window::shown::show_at_the_latest(app.handle());
            }
            runners::schedules::start(app.handle().clone());
            runners::watch::start(app.handle().clone());
            runners::batches::start(app.handle().clone());
            runners::attention::start(app.handle().clone());
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                if let Ok(connections) = handle.session().connections() {
                    connections.retry_secret_removals().await;
                }
            });
            Ok(())
        })
        .on_page_load(window::shown::on_page_load)
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event
                && window.label() == "main"
            {
                api.prevent_close();
                close_main_window(window.app_handle().clone());
            }
        })
        .invoke_handler(ipc::invoke_handler())
        .run(context)
        .expect("Flowdeck could not start its window");
}

/// The window's close button: whether it hides in the tray depends on whether the desktop
/// shows one.
fn close_main_window(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let tray_shown = tray::shown(&app).await;
        window::closing::close_requested(&app, tray_shown).await;
    });
}
