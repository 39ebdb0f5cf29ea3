//! A desktop panel's side of the tray on the test's session bus: it owns
//! `org.kde.StatusNotifierWatcher`, as KDE, Xfce or GNOME's AppIndicator extension do, takes
//! the app's tray icon when it registers, and reads and clicks its menu over `com.canonical.dbusmenu`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use zbus::message::Header;
use zbus::object_server::SignalEmitter;
use zbus::zvariant::{OwnedObjectPath, OwnedValue, Type, Value};

/// Where a registered tray icon answers: its bus name and its object path.
#[derive(Debug, Clone)]
struct Item {
    bus: String,
    path: String,
}

struct Watcher {
    items: Arc<Mutex<Vec<Item>>>,
}

#[zbus::interface(name = "org.kde.StatusNotifierWatcher")]
impl Watcher {
    async fn register_status_notifier_item(
        &self,
        service: String,
        #[zbus(header)] header: Header<'_>,
        #[zbus(signal_emitter)] emitter: SignalEmitter<'_>,
    ) {
        let sender = header.sender().map(|s| s.to_string()).unwrap_or_default();
        // Ayatana's indicators give their object path; others give their bus name.
        let item = if service.starts_with('/') {
            Item {
                bus: sender,
                path: service.clone(),
            }
        } else {
            Item {
                bus: service.clone(),
                path: "/StatusNotifierItem".into(),
            }
        };
        self.items.lock().unwrap().push(item);
        let _ = Self::status_notifier_item_registered(&emitter, &service).await;
    }

    fn register_status_notifier_host(&self, _service: String) {}

    #[zbus(property)]
    fn registered_status_notifier_items(&self) -> Vec<String> {
        let items = self.items.lock().unwrap();
        items
            .iter()
            .map(|i| format!("{}{}", i.bus, i.path))
            .collect()
    }

    #[zbus(property)]
    fn is_status_notifier_host_registered(&self) -> bool {
        true
    }

    #[zbus(property)]
    fn protocol_version(&self) -> i32 {
        0
    }

    #[zbus(signal)]
    async fn status_notifier_item_registered(
        emitter: &SignalEmitter<'_>,
        service: &str,
    ) -> zbus::Result<()>;
}

/// One entry of the tray menu, as a panel would draw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuEntry {
    pub id: i32,
    pub label: String,
    pub enabled: bool,
    /// For a check item: whether it is ticked.
    pub checked: Option<bool>,
}

#[derive(Debug, serde::Deserialize, Type, zbus::zvariant::OwnedValue)]
struct Layout {
    id: i32,
    properties: HashMap<String, OwnedValue>,
    children: Vec<OwnedValue>,
}

pub struct TrayHost {
    items: Arc<Mutex<Vec<Item>>>,
    connection: zbus::Connection,
}

impl TrayHost {
    pub async fn start() -> Self {
        let items = Arc::new(Mutex::new(Vec::new()));
        let connection = zbus::connection::Builder::session()
            .expect("a session bus (run under scripts/headless.sh)")
            .name("org.kde.StatusNotifierWatcher")
            .unwrap()
            .serve_at(
                "/StatusNotifierWatcher",
                Watcher {
                    items: Arc::clone(&items),
                },
            )
            .unwrap()
            .build()
            .await
            .expect("the tray host's name is free");
        Self { items, connection }
    }

    /// The app's tray icon, once it has registered: the newest one whose app is still on the
    /// bus (an app that quit leaves its registration behind, as a real panel would notice).
    async fn item(&self, patience: Duration) -> Item {
        let deadline = Instant::now() + patience;
        let bus = zbus::fdo::DBusProxy::new(&self.connection).await.unwrap();
        loop {
            let registered: Vec<Item> = self.items.lock().unwrap().iter().rev().cloned().collect();
            for item in registered {
                let Ok(name) = zbus::names::BusName::try_from(item.bus.as_str()) else {
                    continue;
                };
                if bus.name_has_owner(name).await.unwrap_or(false) {
                    return item;
                }
            }
            assert!(
                Instant::now() < deadline,
                "no tray icon registered with the panel"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn menu_proxy(&self) -> zbus::Proxy<'static> {
        let item = self.item(Duration::from_secs(20)).await;
        let icon = zbus::Proxy::new(
            &self.connection,
            item.bus.clone(),
            item.path.clone(),
            "org.kde.StatusNotifierItem",
        )
        .await
        .unwrap();
        let menu: OwnedObjectPath = icon.get_property("Menu").await.unwrap();
        zbus::Proxy::new(
            &self.connection,
            item.bus,
            menu.to_string(),
            "com.canonical.dbusmenu",
        )
        .await
        .unwrap()
    }

    /// The menu's entries, in order, separators left out.
    pub async fn menu(&self) -> Vec<MenuEntry> {
        let proxy = self.menu_proxy().await;
        let (_revision, root): (u32, Layout) = proxy
            .call("GetLayout", &(0i32, -1i32, Vec::<String>::new()))
            .await
            .unwrap();
        root.children
            .into_iter()
            .filter_map(|child| Layout::try_from(child).ok())
            .filter(|entry| text(&entry.properties, "type").as_deref() != Some("separator"))
            .map(|entry| MenuEntry {
                id: entry.id,
                label: text(&entry.properties, "label")
                    .unwrap_or_default()
                    .replace('_', ""),
                enabled: entry
                    .properties
                    .get("enabled")
                    .and_then(|v| bool::try_from(v).ok())
                    .unwrap_or(true),
                checked: (text(&entry.properties, "toggle-type").as_deref() == Some("checkmark"))
                    .then(|| {
                        entry
                            .properties
                            .get("toggle-state")
                            .and_then(|v| i32::try_from(v).ok())
                            == Some(1)
                    }),
            })
            .collect()
    }

    /// Waits until the menu has an entry whose label contains `needle`.
    pub async fn wait_for_entry(&self, needle: &str, patience: Duration) -> MenuEntry {
        let deadline = Instant::now() + patience;
        loop {
            let menu = self.menu().await;
            if let Some(entry) = menu.iter().find(|e| e.label.contains(needle)) {
                return entry.clone();
            }
            assert!(
                Instant::now() < deadline,
                "no tray entry saying {needle:?}; the menu: {menu:?}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Clicks the entry whose label contains `needle`, as a panel does.
    pub async fn click(&self, needle: &str) {
        let entry = self.wait_for_entry(needle, Duration::from_secs(10)).await;
        let proxy = self.menu_proxy().await;
        let _: () = proxy
            .call("Event", &(entry.id, "clicked", Value::from(0i32), 0u32))
            .await
            .unwrap();
    }
}

fn text(properties: &HashMap<String, OwnedValue>, key: &str) -> Option<String> {
    properties
        .get(key)
        .and_then(|v| String::try_from(v.try_clone().ok()?).ok())
}
