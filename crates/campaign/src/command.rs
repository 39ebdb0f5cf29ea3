use std::fmt;

use serde::{Deserialize, Serialize};

/// The four execution commands of the API; the spec's `WorkflowCommand` enum is exactly these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum WorkflowCommand {
    Start,
    Pause,
    Resume,
    Stop,
}

impl WorkflowCommand {
    pub const ALL: [WorkflowCommand; 4] = [Self::Start, Self::Pause, Self::Resume, Self::Stop];

    /// The value of `method` in the request body.
    pub fn method(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Pause => "pause",
            Self::Resume => "resume",
            Self::Stop => "stop",
        }
    }
}

impl fmt::Display for WorkflowCommand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.method())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_the_method_the_api_expects() {
        for command in WorkflowCommand::ALL {
            assert_eq!(
                serde_json::to_value(command).unwrap(),
                serde_json::Value::String(command.method().to_owned())
            );
        }
    }
}
