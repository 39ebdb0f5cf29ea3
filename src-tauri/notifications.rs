//! Desktop notifications that open their card when clicked. On Linux Flowdeck speaks to the
//! desktop's notification service itself (`org.freedesktop.Notifications`), with a default
//! action; on Windows and macOS through notify-rust, waiting for the response. Tauri's
//! notification plugin has no click callback on any of them.

use flowdeck_session::CardRef;

#[cfg(target_os = "linux")]
pub use linux::show;

#[cfg(target_os = "linux")]
mod linux {
    use std::collections::HashMap;
    use std::sync::Mutex;

    use futures_util::StreamExt;
    use tauri::{AppHandle, Manager};
    use zbus::zvariant::Value;

    use super::CardRef;

    const SERVICE: &str = "org.freedesktop.Notifications";
    const PATH: &str = "/org/freedesktop/Notifications";
    /// The action a notification service invokes when the notification itself is clicked.
    const DEFAULT_ACTION: &str = "default";

    /// Which card each notification shown is about, by the service's notification ID, and
    /// the one bus connection that shows them and hears their clicks: some services tell a
    /// click only to the connection that asked for the notification.
    #[derive(Default)]
    pub struct Notifier {
        about: Mutex<HashMap<u32, CardRef>>,
        bus: tokio::sync::OnceCell<zbus::Connection>,
    }

    async fn proxy(app: &AppHandle) -> zbus::Result<zbus::Proxy<'static>> {
        let notifier = app.state::<Notifier>();
        let bus = notifier
            .bus
            .get_or_try_init(zbus::Connection::session)
            .await?
            .clone();
        zbus::Proxy::new_owned(bus, SERVICE, PATH, SERVICE).await
    }

    /// Shows a notification; clicking it opens `card`'s deck on that card.
    pub async fn show(
        app: &AppHandle,
        title: &str,
        body: &str,
        card: Option<CardRef>,
        open_label: &str,
    ) -> zbus::Result<()> {
        let proxy = proxy(app).await?;
        let actions: Vec<&str> = if card.is_some() {
            vec![DEFAULT_ACTION, open_label]
        } else {
            Vec::new()
        };
        let hints: HashMap<&str, Value<'_>> = HashMap::new();
        let id: u32 = proxy
            .call(
                "Notify",
                &("Flowdeck", 0u32, "", title, body, actions, hints, -1i32),
            )
            .await?;
        if let Some(card) = card {
            let notifier = app.state::<Notifier>();
            notifier
                .about
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .insert(id, card);
        }
        Ok(())
    }

    fn open_card(app: &AppHandle, card: CardRef) {
        crate::window::reveal(app);
        crate::events::open_card(app, card);
    }

    /// From start-up on: a click on one of Flowdeck's notifications opens its card.
    pub fn install(app: &AppHandle) {
        app.manage(Notifier::default());
        let app = app.clone();
        tauri::async_runtime::spawn(async move {
            if let Err(error) = clicks(&app).await {
                log::warn!("notification clicks will not open their cards: {error}");
            }
        });
    }

    async fn clicks(app: &AppHandle) -> zbus::Result<()> {
        let proxy = proxy(app).await?;
        let mut invoked = proxy.receive_signal("ActionInvoked").await?;
        while let Some(message) = invoked.next().await {
            let Ok((id, action)) = message.body().deserialize::<(u32, String)>() else {
                continue;
            };
            let card = app
                .state::<Notifier>()
                .about
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .remove(&id);
            if let (DEFAULT_ACTION, Some(card)) = (action.as_str(), card) {
                open_card(app, card);
            }
        }
        Ok(())
    }
}

#[cfg(target_os = "linux")]
pub use linux::install;

#[cfg(not(target_os = "linux"))]
pub use elsewhere::{install, show};

/// Windows (a toast) and macOS (an NSUserNotification), through notify-rust: a click on the
/// notification itself opens its card, heard on a thread of the notification's own that waits
/// for the user's response (or the notification going away).
#[cfg(not(target_os = "linux"))]
mod elsewhere {
    use notify_rust::{Notification, NotificationResponse};
    use tauri::AppHandle;

    use super::CardRef;

    pub fn install(_app: &AppHandle) {}

    pub async fn show(
        app: &AppHandle,
        title: &str,
        body: &str,
        card: Option<CardRef>,
        _open_label: &str,
    ) -> notify_rust::error::Result<()> {
        let mut notification = Notification::new();
        notification.summary(title).body(body);
        // As Tauri's plugin does: the installed app's own identity, so that the notification
        // is Flowdeck's (its name and icon) and its click comes back to this process.
        #[cfg(windows)]
        if installed() {
            notification.app_id(&app.config().identifier);
        }
        #[cfg(target_os = "macos")]
        let _ = notify_rust::set_application(&app.config().identifier);
        let handle = notification.show()?;
        if let Some(card) = card {
            let app = app.clone();
            std::thread::spawn(move || {
                let waited = handle.wait_for_response(|response: &NotificationResponse| {
                    if matches!(response, NotificationResponse::Default) {
                        crate::window::reveal(&app);
                        crate::events::open_card(&app, card);
                    }
                });
                if let Err(error) = waited {
                    log::warn!("a notification's click will not open its card: {error}");
                }
            });
        }
        Ok(())
    }

    /// Run from a build folder, the app has no identity of its own with Windows yet.
    #[cfg(windows)]
    fn installed() -> bool {
        let Ok(exe) = std::env::current_exe() else {
            return false;
        };
        let folder = exe
            .parent()
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default();
        !["debug", "release"]
            .iter()
            .any(|build| folder.ends_with(std::path::Path::new("target").join(build)))
    }
}
