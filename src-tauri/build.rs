/// Every command the web view may call; each also needs `allow-<name>` in `capabilities/`.
const APP_COMMANDS: &[&str] = &[
    "open_deck",
    "list_connections",
    "save_connection",
    "delete_connection",
    "choose_connection",
    "paste_token",
    "test_connection",
    "read_workflow",
    "send_command",
    "restart_workflow",
    "send_signal",
    "status_timeline",
    "add_card",
    "remove_card",
    "restore_card",
    "set_watched",
    "list_schedules",
    "add_schedule",
    "cancel_schedule",
    "pause_schedules",
    "answer_close",
    "set_tray_menu",
    "show_notification",
    "edit_card",
    "move_card",
    "export_cards",
    "import_cards",
    "app_info",
    "open_link",
    "system_locale",
    "get_settings",
    "save_settings",
    "save_proxy",
    "card_link",
    "take_opened_link",
    "activity",
    "export_activity",
    "start_at_login",
    "set_start_at_login",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(APP_COMMANDS));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}
