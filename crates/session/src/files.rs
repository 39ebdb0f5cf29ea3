//! Files Flowdeck had to put aside to start afresh, and why: the user is told of each.

use std::path::PathBuf;

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum SetAsideReason {
    /// Damaged or not Flowdeck's: it could not be read.
    Unreadable,
    /// Cards of a connection Flowdeck no longer knows (its list was lost): shown on no deck.
    NoConnection,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SetAsideFile {
    /// Where the file is now.
    pub path: String,
    pub reason: SetAsideReason,
}

impl SetAsideFile {
    pub fn unreadable(path: PathBuf) -> Self {
        Self {
            path: path.display().to_string(),
            reason: SetAsideReason::Unreadable,
        }
    }
}
