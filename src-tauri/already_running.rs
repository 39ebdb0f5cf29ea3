//! A second Flowdeck on a config folder another one holds. Where the single-instance hand-over
//! reaches the first (the same desktop session), that one comes forward and this one ends, as
//! before. Where it cannot (another log-in, a desktop without a session bus), this one says so
//! in a dialog and ends: no window, no page, no file of the folder touched, nothing sent.

use flowdeck_session::FolderInUse;
use tauri_plugin_dialog::{DialogExt, MessageDialogKind};

pub fn tell_and_end(in_use: &FolderInUse, mut context: tauri::Context) {
    eprintln!("Flowdeck is not starting: {in_use}");
    // Not even the main window's page: it would ask for a session this process never opens.
    context.config_mut().app.windows.clear();
    let (title, text) = words(&sys_locale::get_locale().unwrap_or_default());
    tauri::Builder::default()
        // Comes forward where it can, as any second launch does, and ends this process.
        .plugin(tauri_plugin_single_instance::init(|_, _, _| {}))
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let handle = app.handle().clone();
            app.dialog()
                .message(text)
                .title(title)
                .kind(MessageDialogKind::Info)
                .show(move |_| handle.exit(0));
            Ok(())
        })
        .run(context)
        .expect("Flowdeck could not say that it is already running");
}

/// The dialog's title and text in the OS's language: the user's own choice of language is in
/// the other Flowdeck's folder, which this one leaves alone.
fn words(locale: &str) -> (&'static str, &'static str) {
    match locale.get(..2) {
        Some("de") => (
            "Flowdeck läuft bereits",
            "Ein anderes Flowdeck verwendet bereits Ihre Flowdeck-Daten, vielleicht in einer anderen Anmeldung auf diesem Computer. Verwenden Sie dieses, oder beenden Sie es und öffnen Sie Flowdeck dann erneut.",
        ),
        Some("sv") => (
            "Flowdeck körs redan",
            "Ett annat Flowdeck använder redan dina Flowdeck-data, kanske i en annan inloggning på den här datorn. Använd det, eller avsluta det och öppna sedan Flowdeck igen.",
        ),
        _ => (
            "Flowdeck is already running",
            "Another Flowdeck is already using your Flowdeck data, perhaps in another log-in on this computer. Use that one, or quit it and then open Flowdeck again.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn the_dialog_speaks_the_systems_language_and_english_otherwise() {
        assert_eq!(words("de-AT").0, "Flowdeck läuft bereits");
        assert_eq!(words("sv_SE.UTF-8").0, "Flowdeck körs redan");
        assert_eq!(words("fr-FR").0, "Flowdeck is already running");
        assert_eq!(words("").0, "Flowdeck is already running");
    }
}
