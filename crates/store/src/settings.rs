use std::path::PathBuf;

use serde::{Deserialize, Serialize};

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
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            language: None,
            refresh_seconds: 60,
            tray_explained: false,
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
    /// Once told is told: a window holding older settings does not bring the explanation back.
    pub fn put(&mut self, settings: Settings) -> Result<&Settings, StoreError> {
        let tray_explained = settings.tray_explained || self.settings.tray_explained;
        self.settings = Settings {
            tray_explained,
            ..settings.sanitised()
        };
        versioned_file::save(&self.path, SCHEMA_VERSION, &self.settings)?;
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
            })
            .unwrap()
            .clone();
        assert_eq!(
            kept,
            Settings {
                language: Some("sv".into()),
                refresh_seconds: 300,
                tray_explained: true,
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
}
