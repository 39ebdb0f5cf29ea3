//! Desktop notifications that open their card when clicked. On Linux Flowdeck speaks to the
//! desktop's notification service itself (`org.freedesktop.Notifications`), with a default
//! action, because Tauri's notification plugin has no click callback there; elsewhere the
//! plugin shows them.

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

/// Tauri's notification plugin, registered with the app, shows them; it tells no clicks.
#[cfg(not(target_os = "linux"))]
pub fn install(_app: &tauri::AppHandle) {}

/// Elsewhere the plugin shows it; a click opens Flowdeck but not the card.
#[cfg(not(target_os = "linux"))]
pub async fn show(
    app: &tauri::AppHandle,
    title: &str,
    body: &str,
    _card: Option<CardRef>,
    _open_label: &str,
) -> tauri_plugin_notification::Result<()> {
    use tauri_plugin_notification::NotificationExt;
    app.notification().builder().title(title).body(body).show()
}
