// No console window behind the app on Windows release builds, as Flowdeck's.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the blank app runs");
}
