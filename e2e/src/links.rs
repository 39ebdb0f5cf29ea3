//! How the desktop opens a `flowdeck://` link: through the URL handler of the installed
//! desktop entry (`MimeType=x-scheme-handler/flowdeck`, `Exec=… %u`).

use std::path::PathBuf;
use std::process::Command;

const SCHEME_HANDLER: &str = "x-scheme-handler/flowdeck";

/// The command that opens `link`: the installed entry's `Exec` with the link for `%u` where
/// the app under test is the installed .deb (`FLOWDECK_EXPECT_PACKAGE=deb`), which must name
/// the scheme; else the app under test with the link as its one argument.
pub fn url_handler(link: &str) -> Vec<String> {
    let Some(entry) = installed_desktop_entry() else {
        return vec![
            crate::app_path().to_string_lossy().into_owned(),
            link.to_owned(),
        ];
    };
    let text = std::fs::read_to_string(&entry).unwrap();
    let field = |name: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(name)?.strip_prefix('='))
            .unwrap_or_else(|| panic!("{} has no {name}:\n{text}", entry.display()))
            .to_owned()
    };
    let mime_types = field("MimeType");
    assert!(
        mime_types.split(';').any(|mime| mime == SCHEME_HANDLER),
        "the desktop entry does not handle flowdeck:// links: MimeType={mime_types}"
    );
    let exec = field("Exec");
    let words: Vec<String> = exec
        .split_whitespace()
        .map(|word| match word {
            "%u" | "%U" => link.to_owned(),
            other => other.to_owned(),
        })
        .collect();
    assert!(
        words.iter().any(|word| word == link),
        "the entry's Exec takes no URL: Exec={exec}"
    );
    words
}

fn installed_desktop_entry() -> Option<PathBuf> {
    if std::env::var("FLOWDECK_EXPECT_PACKAGE").ok()? != "deb" {
        return None;
    }
    let listing = Command::new("dpkg")
        .args(["-L", "flowdeck"])
        .output()
        .ok()?;
    let entry = String::from_utf8_lossy(&listing.stdout)
        .lines()
        .find(|path| path.starts_with("/usr/share/applications/") && path.ends_with(".desktop"))
        .map(PathBuf::from);
    Some(entry.expect("the installed package has a desktop entry"))
}
