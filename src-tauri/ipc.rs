//! The IPC surface: every command the web view may call, listed once. The app answers with
//! Tauri's own handler for that list; the TypeScript bindings the front end uses
//! (`ui/src/lib/bindings.ts`) are generated from the same list by tauri-specta, in a test that
//! fails when they are stale: run `FLOWDECK_WRITE_BINDINGS=1 cargo test -p flowdeck bindings`
//! to write them anew. The app itself carries none of the type descriptions: tauri-specta's
//! builder made all of them on the main thread at every start, before the window, only to
//! answer calls the way `generate_handler!` does.

use tauri::ipc::Invoke;

use crate::commands;

/// Hands the list of every command to `$collect`: `tauri::generate_handler` for the app,
/// `tauri_specta::collect_commands` for the bindings.
macro_rules! with_every_command {
    ($($collect:ident)::+) => {
        $($collect)::+![
            commands::deck::open_deck,
            commands::deck::read_workflow,
            commands::deck::send_command,
            commands::deck::restart_workflow,
            commands::deck::send_signal,
            commands::deck::status_timeline,
            commands::deck::add_card,
            commands::deck::remove_card,
            commands::deck::restore_card,
            commands::deck::set_watched,
            commands::deck::edit_card,
            commands::deck::move_card,
            commands::files::export_cards,
            commands::files::import_cards,
            commands::connections::list_connections,
            commands::connections::save_connection,
            commands::connections::delete_connection,
            commands::connections::choose_connection,
            commands::connections::paste_token,
            commands::connections::test_connection,
            commands::app::app_info,
            commands::app::open_link,
            commands::app::system_locale,
            commands::settings::get_settings,
            commands::settings::save_settings,
            commands::settings::save_proxy,
            commands::links::card_link,
            commands::links::take_opened_link,
            commands::updates::check_for_update,
            commands::updates::install_update,
            commands::batches::start_batch,
            commands::batches::batches,
            commands::batches::cancel_batch,
            commands::batches::dismiss_batch,
            commands::away::away_summary,
            commands::attention::attention,
            commands::attention::dismiss_missed_schedule,
            commands::login::start_at_login,
            commands::login::set_start_at_login,
            commands::activity::activity,
            commands::files::export_activity,
            commands::schedules::list_schedules,
            commands::schedules::add_schedule,
            commands::schedules::cancel_schedule,
            commands::schedules::pause_schedules,
            commands::closing::answer_close,
            commands::closing::set_tray_menu,
            commands::notifications::show_notification,
        ]
    };
}

/// What answers the web view's calls.
pub fn invoke_handler() -> impl Fn(Invoke) -> bool + Send + Sync + 'static {
    with_every_command!(tauri::generate_handler)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use specta_typescript::Typescript;

    use super::*;
    use crate::ipc_error::IpcError;

    /// The commands and the types the web view receives, as the bindings describe them.
    fn builder() -> tauri_specta::Builder<tauri::Wry> {
        tauri_specta::Builder::<tauri::Wry>::new()
            .commands(with_every_command!(tauri_specta::collect_commands))
            // A failed command rejects, as `invoke` does; the front end's IPC module turns the
            // rejection into its one error type, once, for every command.
            .error_handling(tauri_specta::ErrorHandlingMode::Throw)
            .typ::<IpcError>()
            // What `schedules-ran` carries to the window.
            .typ::<flowdeck_session::Ran>()
            // What `watch-news` carries.
            .typ::<flowdeck_session::WatchNews>()
            // What `close-asked` carries.
            .typ::<flowdeck_session::CloseAsked>()
            // What `update-available` carries.
            .typ::<crate::updates::AvailableUpdate>()
            // What `open-card` carries.
            .typ::<flowdeck_session::CardRef>()
            // Millisecond timestamps and counts stay far below 2^53: JSON numbers hold them exactly.
            .dangerously_cast_bigints_to_number()
    }

    const BINDINGS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/ui/src/lib/bindings.ts");

    /// The bindings as the commands, types and events generate them now.
    fn fresh_bindings() -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bindings.ts");
        builder().export(Typescript::default(), &path).unwrap();
        std::fs::read_to_string(path).unwrap() + &events() + &rules()
    }

    /// Campaign's rules the cards show, as the session applies them to watched workflows.
    fn rules() -> String {
        format!(
            "\n/** Campaign Standard stops a workflow paused or failed this long (ms). */\nexport const AUTO_STOP_AFTER_MS = {};\n/** A command taking effect longer than this is stuck (ms). */\nexport const STUCK_AFTER_MS = {};\n/** Campaign v8 stops a paused workflow after this many days unless the instance says otherwise. */\nexport const V8_STOPS_PAUSED_AFTER_DAYS = {};\n",
            flowdeck_session::AUTO_STOP_AFTER_MS,
            flowdeck_session::STUCK_AFTER_MS,
            flowdeck_store::V8_STOPS_PAUSED_AFTER_DAYS,
        )
    }

    /// The front end's event names and payload types, from `events.rs`. Written into the
    /// bindings rather than a file of their own: the payloads are the bindings' types.
    fn events() -> String {
        let mut ts = String::from(
            "\n/** Every event the backend tells the window, by name. */\nexport const EVENTS = {\n",
        );
        for event in crate::events::EVENTS {
            ts += &format!("\t{}: \"{}\",\n", event.key, event.name);
        }
        ts += "} as const;\n\n/** What each event carries. */\nexport type EventPayloads = {\n";
        for event in crate::events::EVENTS {
            ts += &format!("\t\"{}\": {},\n", event.name, event.payload);
        }
        ts + "};\n"
    }

    #[test]
    fn every_event_payload_is_a_type_the_bindings_export() {
        let bindings = fresh_bindings();
        for event in crate::events::EVENTS {
            let named = event.payload.trim_end_matches("[]");
            assert!(
                !named.starts_with(char::is_uppercase)
                    || bindings.contains(&format!("export type {named} =")),
                "{}'s payload {named} is not a type the bindings export",
                event.name
            );
        }
    }

    #[test]
    fn bindings_are_up_to_date() {
        let fresh = fresh_bindings();
        if std::env::var_os("FLOWDECK_WRITE_BINDINGS").is_some() {
            std::fs::write(BINDINGS, &fresh).unwrap();
        }
        let committed = std::fs::read_to_string(Path::new(BINDINGS)).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/lib/bindings.ts is stale: run `FLOWDECK_WRITE_BINDINGS=1 cargo test -p flowdeck bindings`"
        );
    }

    /// The window may call exactly the commands the app has: each is declared in `build.rs`
    /// (so it needs a permission) and granted in `capabilities/main.json`.
    #[test]
    fn every_command_is_declared_and_granted_and_nothing_else() {
        let bindings = fresh_bindings();
        let mut commands: Vec<String> = bindings
            .split("__TAURI_INVOKE")
            // What stands before the import, then the import itself.
            .skip(2)
            .filter_map(|call| call.split('"').nth(1).map(str::to_owned))
            .filter(|name| !name.is_empty())
            .collect();
        commands.sort();
        commands.dedup();
        assert_eq!(commands.len(), 48, "{commands:?}");

        let build = include_str!("build.rs");
        let declared_list = build
            .split("APP_COMMANDS: &[&str] = &[")
            .nth(1)
            .and_then(|rest| rest.split("];").next())
            .unwrap();
        let mut declared: Vec<String> = declared_list
            .split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect();
        declared.sort();
        assert_eq!(declared, commands, "build.rs declares exactly the commands");

        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/main.json")).unwrap();
        let mut granted: Vec<String> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
            .map(|p| p.replace('-', "_"))
            .collect();
        granted.sort();
        assert_eq!(
            granted, commands,
            "the main window is granted exactly the commands"
        );
    }
}
