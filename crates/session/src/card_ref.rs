//! One card on one connection: what a notification is about, and what it opens.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CardRef {
    pub connection_id: String,
    pub workflow_id: String,
}
