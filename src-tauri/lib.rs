//! Flowdeck's Tauri shell: wiring only. The work happens in `deck` and the crates it uses.

mod app_state;
mod commands;
mod deck;
mod demo;
mod ipc_error;

use tauri::Manager;

use app_state::AppState;

pub fn run() {
    tauri::Builder::default()
        .setup(|app| {
            let config_dir = app.path().app_config_dir()?;
            let state = tauri::async_runtime::block_on(AppState::open(&config_dir));
            app.manage(state);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::load_deck,
            commands::read_workflow,
            commands::send_command,
            commands::add_card,
            commands::remove_card,
        ])
        .run(tauri::generate_context!())
        .expect("Flowdeck could not start its window");
}
