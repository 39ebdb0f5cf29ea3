use std::fmt;

use serde::{Deserialize, Serialize};

/// Campaign's editable workflow ID (e.g. `WKF12`). It goes into a URL path, so only a
/// conservative alphabet is accepted; anything else is rejected before a request is built.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(try_from = "String", into = "String")]
pub struct WorkflowId(String);

pub const MAX_WORKFLOW_ID_LEN: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkflowIdError {
    #[error("the workflow ID is empty")]
    Empty,
    #[error("the workflow ID is longer than {MAX_WORKFLOW_ID_LEN} characters")]
    TooLong,
    #[error("the workflow ID contains {0:?}; only letters, digits, '_', '-' and '.' are allowed")]
    InvalidCharacter(char),
    #[error("the workflow ID cannot contain '..' or be made of dots only")]
    DotSegment,
}

impl WorkflowId {
    pub fn parse(raw: &str) -> Result<Self, WorkflowIdError> {
        let id = raw.trim();
        if id.is_empty() {
            return Err(WorkflowIdError::Empty);
        }
        if id.chars().count() > MAX_WORKFLOW_ID_LEN {
            return Err(WorkflowIdError::TooLong);
        }
        if let Some(bad) = id
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
        {
            return Err(WorkflowIdError::InvalidCharacter(bad));
        }
        if id.contains("..") || id.chars().all(|c| c == '.') {
            return Err(WorkflowIdError::DotSegment);
        }
        Ok(Self(id.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for WorkflowId {
    type Error = WorkflowIdError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<WorkflowId> for String {
    fn from(id: WorkflowId) -> Self {
        id.0
    }
}

impl fmt::Display for WorkflowId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_campaign_style_ids() {
        for id in ["WKF12", "wkf_newsletter", "WKF-2024.spring", "a"] {
            assert_eq!(WorkflowId::parse(id).unwrap().as_str(), id);
        }
    }

    #[test]
    fn trims_surrounding_whitespace_a_paste_brings_along() {
        assert_eq!(WorkflowId::parse("  WKF12\n").unwrap().as_str(), "WKF12");
    }

    #[test]
    fn rejects_what_could_escape_the_path_segment() {
        assert_eq!(WorkflowId::parse(""), Err(WorkflowIdError::Empty));
        assert_eq!(WorkflowId::parse("   "), Err(WorkflowIdError::Empty));
        assert_eq!(
            WorkflowId::parse("../admin"),
            Err(WorkflowIdError::InvalidCharacter('/'))
        );
        assert_eq!(WorkflowId::parse(".."), Err(WorkflowIdError::DotSegment));
        assert_eq!(WorkflowId::parse("."), Err(WorkflowIdError::DotSegment));
        assert_eq!(WorkflowId::parse("a..b"), Err(WorkflowIdError::DotSegment));
        assert_eq!(
            WorkflowId::parse("WKF 12"),
            Err(WorkflowIdError::InvalidCharacter(' '))
        );
        assert_eq!(
            WorkflowId::parse("WKF%2F"),
            Err(WorkflowIdError::InvalidCharacter('%'))
        );
        assert_eq!(
            WorkflowId::parse("WKF?x=1"),
            Err(WorkflowIdError::InvalidCharacter('?'))
        );
        assert_eq!(
            WorkflowId::parse("Wkf\u{e9}"),
            Err(WorkflowIdError::InvalidCharacter('\u{e9}'))
        );
    }

    #[test]
    fn bounds_the_length() {
        assert!(WorkflowId::parse(&"W".repeat(MAX_WORKFLOW_ID_LEN)).is_ok());
        assert_eq!(
            WorkflowId::parse(&"W".repeat(MAX_WORKFLOW_ID_LEN + 1)),
            Err(WorkflowIdError::TooLong)
        );
    }

    #[test]
    fn deserialising_validates() {
        assert!(serde_json::from_str::<WorkflowId>("\"WKF1\"").is_ok());
        assert!(serde_json::from_str::<WorkflowId>("\"a/b\"").is_err());
    }
}
