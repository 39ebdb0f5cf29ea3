//! What a workflow's External signal activities declare: their names and typed parameters.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Adobe: "the payload size should not exceed 64Ko".
pub const MAX_SIGNAL_PAYLOAD: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignalActivity {
    /// The activity's name in the workflow, e.g. `signal1`.
    pub name: String,
    /// The parameters it declares; any other is refused with RST-360011.
    #[serde(default)]
    pub parameters: Vec<SignalParameter>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignalParameter {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: ParameterType,
}

/// The types Adobe lists: string, number, boolean and date/time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ParameterType {
    String,
    Number,
    Boolean,
    DateTime,
}

impl ParameterType {
    pub(crate) fn accepts(self, value: &Value) -> bool {
        match self {
            Self::String => value.is_string(),
            Self::Number => value.is_number(),
            Self::Boolean => value.is_boolean(),
            Self::DateTime => value
                .as_str()
                .is_some_and(|text| text.parse::<jiff::Timestamp>().is_ok()),
        }
    }

    pub(crate) fn word(self) -> &'static str {
        match self {
            Self::String => "string",
            Self::Number => "number",
            Self::Boolean => "boolean",
            Self::DateTime => "date/time",
        }
    }
}
