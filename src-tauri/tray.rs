//! The tray icon, there while Flowdeck runs: it opens the window, shows the next scheduled
//! command, pauses every schedule and quits. The window words its menu in the user's language
//! (`set_tray_menu`); until then it speaks English.

use serde::Deserialize;
use tauri::menu::{CheckMenuItem, Menu, MenuEvent, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIcon, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager, Wry};

use crate::events;
use crate::state::SessionExt;
use crate::window::{self, closing};

const OPEN: &str = "open";
const NEXT: &str = "next";
const PAUSE: &str = "pause";
const QUIT: &str = "quit";

/// The tray menu's words, as the window says them in the user's language.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TrayMenu {
    pub open: String,
    /// The next scheduled command ("Next: Start Newsletter, Thu 06:00 · Production"), or that
    /// there is none.
    pub next: String,
    pub pause_all: String,
    pub quit: String,
    pub tooltip: String,
}

pub struct Tray {
    icon: TrayIcon<Wry>,
    open: MenuItem<Wry>,
    next: MenuItem<Wry>,
    pause: CheckMenuItem<Wry>,
    quit: MenuItem<Wry>,
}

pub fn install(app: &AppHandle, paused: bool) -> tauri::Result<()> {
    let open = MenuItem::with_id(app, OPEN, "Open Flowdeck", true, None::<&str>)?;
    let next = MenuItem::with_id(app, NEXT, "No command scheduled", false, None::<&str>)?;
    let pause = CheckMenuItem::with_id(
        app,
        PAUSE,
        "Pause all schedules",
        true,
        paused,
        None::<&str>,
    )?;
    let quit = MenuItem::with_id(app, QUIT, "Quit Flowdeck", true, None::<&str>)?;
    let separator = PredefinedMenuItem::separator(app)?;
    let menu = Menu::with_items(app, &[&open, &next, &separator, &pause, &quit])?;
    let mut builder = TrayIconBuilder::with_id("flowdeck")
        .tooltip("Flowdeck")
        .menu(&menu)
        // A left click opens the window, as on every other tray icon; the menu is on the right.
        .show_menu_on_left_click(false)
        .on_menu_event(on_menu_event)
        .on_tray_icon_event(on_icon_event);
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    let icon = builder.build(app)?;
    app.manage(Tray {
        icon,
        open,
        next,
        pause,
        quit,
    });
    Ok(())
}

impl Tray {
    pub fn word(&self, menu: &TrayMenu) -> tauri::Result<()> {
        self.open.set_text(&menu.open)?;
        self.next.set_text(&menu.next)?;
        self.pause.set_text(&menu.pause_all)?;
        self.quit.set_text(&menu.quit)?;
        self.icon.set_tooltip(Some(&menu.tooltip))
    }

    pub fn show_paused(&self, paused: bool) -> tauri::Result<()> {
        self.pause.set_checked(paused)
    }
}

fn on_icon_event(icon: &TrayIcon<Wry>, event: TrayIconEvent) {
    if let TrayIconEvent::Click {
        button: MouseButton::Left,
        button_state: MouseButtonState::Up,
        ..
    } = event
    {
        window::reveal(icon.app_handle());
    }
}

fn on_menu_event(app: &AppHandle, event: MenuEvent) {
    match event.id.as_ref() {
        OPEN => window::reveal(app),
        PAUSE => toggle_pause(app),
        QUIT => closing::quit_asked(app.clone()),
        _ => {}
    }
}

fn toggle_pause(app: &AppHandle) {
    let Ok(schedules) = app.session().schedules() else {
        return;
    };
    let paused = !schedules.paused();
    if let Err(error) = schedules.set_paused(paused) {
        log::error!("the tray could not pause the schedules: {error}");
    }
    let paused = schedules.paused();
    if let Some(tray) = app.try_state::<Tray>() {
        let _ = tray.show_paused(paused);
    }
    events::schedules_paused(app, paused);
}

/// Whether the tray icon can be seen. Linux desktops show one only with a StatusNotifierWatcher
/// on the session bus (plain GNOME has none); Windows and macOS always do.
pub async fn shown(app: &AppHandle) -> bool {
    app.try_state::<Tray>().is_some() && status_notifier_watcher().await
}

#[cfg(target_os = "linux")]
async fn status_notifier_watcher() -> bool {
    async fn present() -> zbus::Result<bool> {
        let bus = zbus::Connection::session().await?;
        let dbus = zbus::fdo::DBusProxy::new(&bus).await?;
        let name = zbus::names::BusName::try_from("org.kde.StatusNotifierWatcher")?;
        Ok(dbus.name_has_owner(name).await?)
    }
    present().await.unwrap_or(false)
}

#[cfg(not(target_os = "linux"))]
async fn status_notifier_watcher() -> bool {
    true
}
