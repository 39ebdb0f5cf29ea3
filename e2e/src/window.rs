//! The app's window as the X server sees it: the close button a window manager would deliver,
//! and whether the window is on screen. WebDriver can do neither: it only knows the page.

use x11rb::connection::Connection;
use x11rb::protocol::xproto::{
    AtomEnum, ClientMessageEvent, ConnectionExt, EventMask, MapState, Window,
};
use x11rb::rust_connection::RustConnection;

const TITLE: &[u8] = b"Flowdeck";

fn atom(conn: &RustConnection, name: &str) -> u32 {
    conn.intern_atom(false, name.as_bytes())
        .unwrap()
        .reply()
        .unwrap()
        .atom
}

/// The app's top-level windows (there is one, but an unmapped one is still a window).
fn app_windows(conn: &RustConnection, root: Window) -> Vec<Window> {
    windows_titled(conn, root, TITLE)
}

fn windows_titled(conn: &RustConnection, root: Window, title: &[u8]) -> Vec<Window> {
    let tree = conn.query_tree(root).unwrap().reply().unwrap();
    tree.children
        .into_iter()
        .filter(|&window| {
            conn.get_property(false, window, AtomEnum::WM_NAME, AtomEnum::ANY, 0, 64)
                .ok()
                .and_then(|cookie| cookie.reply().ok())
                .is_some_and(|name| name.value == title)
        })
        .collect()
}

fn connect() -> (RustConnection, Window) {
    let (conn, screen) =
        x11rb::connect(None).expect("an X display (run under scripts/headless.sh)");
    let root = conn.setup().roots[screen].root;
    (conn, root)
}

/// Clicks the window's close button, as a window manager tells the app: WM_DELETE_WINDOW.
pub fn click_close_button() {
    let (conn, root) = connect();
    let protocols = atom(&conn, "WM_PROTOCOLS");
    let delete = atom(&conn, "WM_DELETE_WINDOW");
    let windows = app_windows(&conn, root);
    assert!(!windows.is_empty(), "no Flowdeck window on the display");
    for window in windows {
        let event = ClientMessageEvent::new(32, window, protocols, [delete, 0, 0, 0, 0]);
        conn.send_event(false, window, EventMask::NO_EVENT, event)
            .unwrap();
    }
    // A round trip, so the server has handled the events before this connection closes: a
    // client that disconnects straight after a flush can lose what it sent.
    conn.get_input_focus().unwrap().reply().unwrap();
}

/// Whether a Flowdeck window is on screen (mapped and viewable).
pub fn window_on_screen() -> bool {
    let (conn, root) = connect();
    app_windows(&conn, root).into_iter().any(|window| {
        conn.get_window_attributes(window)
            .ok()
            .and_then(|cookie| cookie.reply().ok())
            .is_some_and(|attributes| attributes.map_state == MapState::VIEWABLE)
    })
}

/// Whether the app has a window at all, shown or hidden: none once it has quit.
pub fn window_exists() -> bool {
    let (conn, root) = connect();
    !app_windows(&conn, root).is_empty()
}

/// Whether a top-level window with this title is on the display, shown or not.
pub fn window_titled(title: &str) -> bool {
    let (conn, root) = connect();
    !windows_titled(&conn, root, title.as_bytes()).is_empty()
}
