// No console window behind the app on Windows release builds, as Flowdeck's.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

//! A blank Tauri app: its own empty page, or, with `BLANK_PAGE` naming an HTML file, that page
//! served the way Flowdeck's are (a custom protocol, no web server): the bench's floor for
//! start-up, Flowdeck's first screen as static HTML.

use tauri::http::Response;
use tauri::{WebviewUrl, WebviewWindowBuilder};

/// The scheme the static page is served under.
const SCHEME: &str = "page";

fn main() {
    let page = std::env::var_os("BLANK_PAGE").map(|path| {
        std::fs::read(&path).unwrap_or_else(|e| panic!("BLANK_PAGE {}: {e}", path.display()))
    });
    let url = if page.is_some() {
        // Linux and macOS serve a custom scheme as scheme://localhost/, Windows as http://scheme.localhost/.
        let address = if cfg!(windows) {
            format!("http://{SCHEME}.localhost/")
        } else {
            format!("{SCHEME}://localhost/")
        };
        WebviewUrl::CustomProtocol(address.parse().expect("a URL"))
    } else {
        WebviewUrl::App("index.html".into())
    };
    tauri::Builder::default()
        .register_uri_scheme_protocol(SCHEME, move |_, _| {
            Response::builder()
                .header("Content-Type", "text/html; charset=utf-8")
                .body(page.clone().unwrap_or_default())
                .expect("a response")
        })
        .setup(move |app| {
            WebviewWindowBuilder::new(app, "main", url.clone())
                .title("Blank Tauri app")
                .inner_size(1100.0, 760.0)
                .build()?;
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the blank app runs");
}
