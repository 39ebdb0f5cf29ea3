//! A desktop notification service (`org.freedesktop.Notifications`) on the test's session bus,
//! standing in for GNOME's: it keeps every notification the app sends, and clicks one as a
//! person would (the `default` action, `ActionInvoked`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use zbus::zvariant::OwnedValue;

/// What one notification said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub id: u32,
    pub summary: String,
    pub body: String,
    /// Action keys and their labels, in turn, as the app offered them.
    pub actions: Vec<String>,
}

struct Service {
    seen: Arc<Mutex<Vec<Notification>>>,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Service {
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        _app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        _hints: HashMap<String, OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let mut seen = self.seen.lock().unwrap();
        let id = u32::try_from(seen.len() + 1).unwrap_or(u32::MAX);
        seen.push(Notification {
            id,
            summary,
            body,
            actions,
        });
        id
    }

    #[zbus(signal)]
    async fn action_invoked(
        emitter: &zbus::object_server::SignalEmitter<'_>,
        id: u32,
        action_key: &str,
    ) -> zbus::Result<()>;

    fn close_notification(&self, _id: u32) {}

    fn get_capabilities(&self) -> Vec<String> {
        vec!["body".into()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        (
            "flowdeck-e2e".into(),
            "Flowdeck".into(),
            "1".into(),
            "1.2".into(),
        )
    }
}

pub struct NotificationService {
    seen: Arc<Mutex<Vec<Notification>>>,
    /// Held for its `Drop`: the service answers as long as this value lives.
    _connection: zbus::Connection,
}

impl NotificationService {
    pub async fn start() -> Self {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let connection = zbus::connection::Builder::session()
            .expect("a session bus (run under scripts/headless.sh)")
            .name("org.freedesktop.Notifications")
            .unwrap()
            .serve_at(
                "/org/freedesktop/Notifications",
                Service {
                    seen: Arc::clone(&seen),
                },
            )
            .unwrap()
            .build()
            .await
            .expect("the notification service's name is free");
        Self {
            seen,
            _connection: connection,
        }
    }

    /// Clicks the notification itself, as the desktop tells the app: its `default` action.
    pub async fn click(&self, notification: &Notification) {
        assert!(
            notification.actions.iter().any(|a| a == "default"),
            "the notification offers no click: {notification:?}"
        );
        let service = self
            ._connection
            .object_server()
            .interface::<_, Service>("/org/freedesktop/Notifications")
            .await
            .unwrap();
        Service::action_invoked(service.signal_emitter(), notification.id, "default")
            .await
            .unwrap();
    }

    pub fn seen(&self) -> Vec<Notification> {
        self.seen.lock().unwrap().clone()
    }

    /// Waits for a notification whose body contains `needle`.
    pub async fn wait_for(&self, needle: &str, patience: Duration) -> Notification {
        let deadline = Instant::now() + patience;
        loop {
            if let Some(found) = self.seen().into_iter().find(|n| n.body.contains(needle)) {
                return found;
            }
            assert!(
                Instant::now() < deadline,
                "no notification saying {needle:?}; seen: {:?}",
                self.seen()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}
