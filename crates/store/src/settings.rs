use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use flowdeck_campaign::ProxyAddress;

use crate::StoreError;
use crate::versioned_file;

const SCHEMA_VERSION: u32 = 1;

/// The refresh intervals the user can choose from, in seconds; 0 turns it off.
pub const REFRESH_CHOICES: [u32; 6] = [0, 30, 60, 120, 300, 900];

/// The user's preferences. Unknown or out-of-range values fall back to the defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// "en", "de" or "sv"; `None` follows the operating system.
    pub language: Option<String>,
    /// How often the cards re-read their status while the window is visible.
    pub refresh_seconds: u32,
    /// Whether the user was told, the first time they closed the window, that Flowdeck keeps
    /// running in the tray for their watches and schedules.
    pub tray_explained: bool,
    /// Whether the user was offered, once, to have Flowdeck start at log-in (when they first
    /// scheduled a command or asked to be notified).
    pub start_at_login_offered: bool,
    /// How requests to Adobe leave this computer. The proxy's password is in the keyring.
    pub proxy: ProxySetting,
    /// Whether Flowdeck looks for a new version once a day.
    pub check_for_updates: bool,
    /// When Flowdeck last looked for a new version (milliseconds since the epoch).
    pub updates_checked_at_ms: Option<u64>,
}

/// The Proxy setting: the system's (the default), none, or one the user typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(tag = "mode", rename_all = "camelCase")]
pub enum ProxySetting {
    #[default]
    System,
    None,
    #[serde(rename_all = "camelCase")]
    Manual {
        /// Host and port, as `ProxyAddress` reads them.
        address: String,
        /// The user name the proxy asks for, if it asks for one.
        user: Option<String>,
    },
}

/// Longer than any user name a proxy takes; a longer one is not kept.
const MAX_PROXY_USER_CHARS: usize = 256;

impl ProxySetting {
    /// As kept: the user name trimmed, an empty one none, and a manual proxy that cannot be
    /// one the system's.
    pub fn sanitised(self) -> Self {
        match self {
            Self::Manual { address, user } => match ProxyAddress::parse(&address) {
                Ok(parsed) => Self::Manual {
                    address: parsed.to_string(),
                    user: user
                        .map(|user| user.trim().to_owned())
                        .filter(|user| !user.is_empty())
                        .filter(|user| user.chars().count() <= MAX_PROXY_USER_CHARS),
                },
                Err(_) => Self::System,
            },
            other => other,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            language: None,
            refresh_seconds: 60,
            tray_explained: false,
            start_at_login_offered: false,
            proxy: ProxySetting::System,
            check_for_updates: true,
            updates_checked_at_ms: None,
        }
    }
}

impl Settings {
    fn sanitised(self) -> Self {
        let defaults = Self::default();
        Self {
            language: self
                .language
                .filter(|l| matches!(l.as_str(), "en" | "de" | "sv")),
            refresh_seconds: if REFRESH_CHOICES.contains(&self.refresh_seconds) {
                self.refresh_seconds
            } else {
                defaults.refresh_seconds
            },
            tray_explained: self.tray_explained,
            start_at_login_offered: self.start_at_login_offered,
            proxy: self.proxy.sanitised(),
            check_for_updates: self.check_for_updates,
            updates_checked_at_ms: self.updates_checked_at_ms,
        }
    }
}

pub struct SettingsStore {
    path: PathBuf,
    settings: Settings,
}

impl SettingsStore {
    /// Opens the settings at `path`; also says where an unreadable file was set aside.
    pub fn open(path: impl Into<PathBuf>) -> Result<(Self, Option<PathBuf>), StoreError> {
        let path = path.into();
        let loaded = versioned_file::load::<Settings>(&path, SCHEMA_VERSION)?;
        let settings = loaded.document.unwrap_or_default().sanitised();
        Ok((Self { path, settings }, loaded.set_aside))
    }

    pub fn get(&self) -> &Settings {
        &self.settings
    }

    /// Keeps what is valid of `settings` and saves it; returns what was kept.
    /// Once told is told, once offered is offered: a window holding older settings does not
    /// bring the explanation or the offer back.
    pub fn put(&mut self, settings: Settings) -> Result<&Settings, StoreError> {
        let tray_explained = settings.tray_explained || self.settings.tray_explained;
        let start_at_login_offered =
            settings.start_at_login_offered || self.settings.start_at_login_offered;
        self.save(Settings {
            tray_explained,
            start_at_login_offered,
            ..settings.sanitised()
        })
    }

    /// Notes when Flowdeck last looked for a new version; the rest stays as saved.
    pub fn put_updates_checked(&mut self, at_ms: u64) -> Result<&Settings, StoreError> {
        self.save(Settings {
            updates_checked_at_ms: Some(at_ms),
            ..self.settings.clone()
        })
    }

    /// Changes the Proxy setting alone; the rest stays as saved.
    pub fn put_proxy(&mut self, proxy: ProxySetting) -> Result<&Settings, StoreError> {
        self.save(Settings {
            proxy: proxy.sanitised(),
            ..self.settings.clone()
        })
    }

    fn save(&mut self, settings: Settings) -> Result<&Settings, StoreError> {
        versioned_file::save(&self.path, SCHEMA_VERSION, &settings)?;
        self.settings = settings;
        Ok(&self.settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_os_and_refresh_every_minute() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = SettingsStore::open(dir.path().join("settings.json")).unwrap();
        assert_eq!(
            store.get(),
            &Settings {
                language: None,
                refresh_seconds: 60,
                tray_explained: false,
                start_at_login_offered: false,
                proxy: ProxySetting::System,
                check_for_updates: true,
                updates_checked_at_ms: None,
            }
        );
    }

    #[test]
    fn choices_survive_a_reopen_and_invalid_ones_fall_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        let (mut store, _) = SettingsStore::open(&path).unwrap();
        let kept = store
            .put(Settings {
                language: Some("sv".into()),
                refresh_seconds: 300,
                tray_explained: true,
                start_at_login_offered: false,
                proxy: ProxySetting::None,
                check_for_updates: false,
                updates_checked_at_ms: Some(7),
            })
            .unwrap()
            .clone();
        assert_eq!(
            kept,
            Settings {
                language: Some("sv".into()),
                refresh_seconds: 300,
                tray_explained: true,
                start_at_login_offered: false,
                proxy: ProxySetting::None,
                check_for_updates: false,
                updates_checked_at_ms: Some(7),
            }
        );
        let (reopened, _) = SettingsStore::open(&path).unwrap();
        assert_eq!(reopened.get(), &kept);

        let (mut store, _) = SettingsStore::open(&path).unwrap();
        let kept = store
            .put(Settings {
                language: Some("fr".into()),
                refresh_seconds: 7,
                tray_explained: false,
                start_at_login_offered: false,
                proxy: ProxySetting::Manual {
                    address: "proxy.corp".into(),
                    user: None,
                },
                ..Settings::default()
            })
            .unwrap();
        assert_eq!(
            kept,
            &Settings {
                tray_explained: true,
                ..Settings::default()
            },
            "invalid choices fall back; the tray, once explained, is not explained again"
        );
    }

    /// A window opened before the offer was made still holds `false`: saving its settings must
    /// not make Flowdeck offer again.
    #[test]
    fn the_log_in_offer_once_made_stays_made() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = SettingsStore::open(dir.path().join("settings.json")).unwrap();
        store
            .put(Settings {
                start_at_login_offered: true,
                ..Settings::default()
            })
            .unwrap();
        let kept = store.put(Settings::default()).unwrap();
        assert!(kept.start_at_login_offered);
    }

    #[test]
    fn a_manual_proxy_is_kept_as_host_and_port_with_its_user_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        let (mut store, _) = SettingsStore::open(&path).unwrap();
        store
            .put(Settings {
                language: Some("de".into()),
                ..Settings::default()
            })
            .unwrap();
        let kept = store
            .put_proxy(ProxySetting::Manual {
                address: " http://proxy.corp:3128/ ".into(),
                user: Some(" mia ".into()),
            })
            .unwrap()
            .clone();
        assert_eq!(
            kept.proxy,
            ProxySetting::Manual {
                address: "proxy.corp:3128".into(),
                user: Some("mia".into()),
            }
        );
        assert_eq!(kept.language.as_deref(), Some("de"), "the rest stays");
        let (reopened, _) = SettingsStore::open(&path).unwrap();
        assert_eq!(reopened.get(), &kept);
        let file = std::fs::read_to_string(&path).unwrap();
        assert!(!file.contains("password"), "{file}");
    }
}
