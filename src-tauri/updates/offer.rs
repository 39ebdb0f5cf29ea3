//! What the window is told of a new version.

use serde::Serialize;

/// A new version, as the window tells of it.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AvailableUpdate {
    pub version: String,
    /// What is new, as the release says it.
    pub notes: Option<String>,
}

/// What a check found: the version running, and a newer one if there is one.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UpdateCheck {
    pub current_version: String,
    pub available: Option<AvailableUpdate>,
}
