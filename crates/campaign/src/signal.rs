//! External signal activities (Adobe's "Triggering a signal activity"): what the workflow
//! record lists of them, and a signal to send, checked before anything leaves the machine.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};

/// Adobe: "the payload size should not exceed 64Ko".
pub const MAX_SIGNAL_PAYLOAD: usize = 64 * 1024;
/// Campaign accepts a signal activity's trigger at most this often.
pub const SIGNAL_COOLDOWN_SECS: u64 = 600;
const MAX_NAME_CHARS: usize = 64;
const MAX_SOURCE_CHARS: usize = 200;
const MAX_LISTED: usize = 50;

/// A signal activity the workflow record lists, with where to trigger it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SignalActivity {
    /// The activity's name in the workflow, e.g. `signal1`.
    pub name: String,
    /// What the activity declares, when the record lists it (undocumented); `None`: the
    /// user names each parameter.
    pub parameters: Option<Vec<DeclaredParameter>>,
    /// Exactly as the record gives it. Checked against the connection before any use, and
    /// never sent to the web view: a signal is always sent to the href Campaign lists now.
    #[serde(skip)]
    pub trigger_href: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DeclaredParameter {
    pub name: String,
    /// `None` when the record names a type Flowdeck does not know.
    pub kind: Option<ParameterKind>,
}

/// The types Adobe lists: string, number, boolean and date/time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ParameterKind {
    Text,
    Number,
    Boolean,
    DateTime,
}

impl ParameterKind {
    fn recognise(word: &str) -> Option<Self> {
        let key = word.to_ascii_lowercase().replace(['/', ' ', '_', '-'], "");
        Some(match key.as_str() {
            "string" | "text" => Self::Text,
            "number" | "integer" | "long" | "int64" | "float" | "double" | "decimal" => {
                Self::Number
            }
            "boolean" | "bool" => Self::Boolean,
            "datetime" | "date" | "timestamp" => Self::DateTime,
            _ => return None,
        })
    }
}

/// A parameter's value, as the user typed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "kind", content = "value")]
pub enum ParameterValue {
    Text(String),
    Number(f64),
    Boolean(bool),
    /// RFC 3339, e.g. `2026-12-24T09:00:00Z`.
    DateTime(String),
}

impl ParameterValue {
    pub fn kind(&self) -> ParameterKind {
        match self {
            Self::Text(_) => ParameterKind::Text,
            Self::Number(_) => ParameterKind::Number,
            Self::Boolean(_) => ParameterKind::Boolean,
            Self::DateTime(_) => ParameterKind::DateTime,
        }
    }

    fn to_json(&self, name: &str) -> Result<Value, SignalError> {
        Ok(match self {
            Self::Text(text) => Value::String(text.clone()),
            Self::Boolean(flag) => Value::Bool(*flag),
            // A whole number goes as one (1200, not 1200.0): Campaign's integers expect it.
            Self::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => {
                Value::Number(Number::from(*n as i64))
            }
            Self::Number(n) => Number::from_f64(*n)
                .map(Value::Number)
                .ok_or_else(|| SignalError::NotANumber(name.to_owned()))?,
            Self::DateTime(text) => {
                let not_a_date = || SignalError::NotADateTime(name.to_owned());
                let when: Timestamp = text.trim().parse().map_err(|_| not_a_date())?;
                // In UTC, so that it means the same moment wherever Campaign's server is.
                Value::String(when.to_string())
            }
        })
    }
}

/// Why a signal was not sent: each found before anything left the machine.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignalError {
    #[error("a signal needs a source")]
    SourceMissing,
    #[error("the source is longer than {MAX_SOURCE_CHARS} characters")]
    SourceTooLong,
    #[error("'{0}' is not a parameter name Campaign accepts")]
    InvalidName(String),
    #[error("the parameter '{0}' is given twice")]
    Duplicate(String),
    #[error("the signal activity does not declare the parameter '{0}'")]
    Undeclared(String),
    #[error("the parameter '{name}' must be a {expected:?}")]
    WrongKind {
        name: String,
        expected: ParameterKind,
    },
    #[error("the parameter '{0}' is not a number")]
    NotANumber(String),
    #[error("the parameter '{0}' is not a date and time")]
    NotADateTime(String),
    #[error("the signal is larger than Campaign's 64 KB")]
    TooLarge,
}

/// A signal ready to send: its body is valid JSON of at most 64 KB, and where the activity
/// declares its parameters, it has only those, each of its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signal {
    body: String,
    /// What the activity log keeps: the parameters as sent (never a secret: the user typed
    /// them for Campaign's workflow).
    pub logged_parameters: String,
}

impl Signal {
    pub fn new(
        activity: &SignalActivity,
        source: &str,
        parameters: &[(String, ParameterValue)],
    ) -> Result<Self, SignalError> {
        let source = source.trim();
        if source.is_empty() {
            return Err(SignalError::SourceMissing);
        }
        if source.chars().count() > MAX_SOURCE_CHARS {
            return Err(SignalError::SourceTooLong);
        }
        let mut values = Map::new();
        for (name, value) in parameters {
            let name = name.trim();
            if !is_parameter_name(name) {
                return Err(SignalError::InvalidName(name.to_owned()));
            }
            if let Some(declared) = &activity.parameters {
                let Some(parameter) = declared.iter().find(|p| p.name == name) else {
                    return Err(SignalError::Undeclared(name.to_owned()));
                };
                if let Some(expected) = parameter.kind.filter(|&kind| kind != value.kind()) {
                    return Err(SignalError::WrongKind {
                        name: name.to_owned(),
                        expected,
                    });
                }
            }
            if values
                .insert(name.to_owned(), value.to_json(name)?)
                .is_some()
            {
                return Err(SignalError::Duplicate(name.to_owned()));
            }
        }
        let logged_parameters = Value::Object(values.clone()).to_string();
        let mut body = Map::new();
        body.insert("source".into(), Value::String(source.to_owned()));
        if !values.is_empty() {
            body.insert("parameters".into(), Value::Object(values));
        }
        let body = Value::Object(body).to_string();
        if body.len() > MAX_SIGNAL_PAYLOAD {
            return Err(SignalError::TooLarge);
        }
        Ok(Self {
            body,
            logged_parameters,
        })
    }

    pub(crate) fn body(&self) -> &str {
        &self.body
    }
}

/// A workflow variable's name: a letter or `_`, then letters, digits and `_`.
fn is_parameter_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.len() <= MAX_NAME_CHARS
}

/// `activities.activity.<name>.trigger.href` of a workflow record (Adobe's sample), and the
/// parameters beside it when the record lists them. Activities without a trigger are not
/// signals.
pub(crate) fn listed_signals(record: &Map<String, Value>) -> Vec<SignalActivity> {
    let Some(Value::Object(activities)) = record
        .get("activities")
        .and_then(|activities| activities.get("activity"))
    else {
        return Vec::new();
    };
    activities
        .iter()
        .filter(|(name, _)| name.chars().count() <= MAX_NAME_CHARS)
        .filter_map(|(name, activity)| {
            let href = activity.get("trigger")?.get("href")?.as_str()?;
            Some(SignalActivity {
                name: name.clone(),
                parameters: declared_parameters(activity.get("parameters")),
                trigger_href: href.to_owned(),
            })
        })
        .take(MAX_LISTED)
        .collect()
}

fn declared_parameters(listed: Option<&Value>) -> Option<Vec<DeclaredParameter>> {
    let Value::Array(listed) = listed? else {
        return None;
    };
    Some(
        listed
            .iter()
            .filter_map(|parameter| {
                let name = parameter.get("name")?.as_str()?;
                is_parameter_name(name).then(|| DeclaredParameter {
                    name: name.to_owned(),
                    kind: parameter
                        .get("type")
                        .and_then(Value::as_str)
                        .and_then(ParameterKind::recognise),
                })
            })
            .take(MAX_LISTED)
            .collect(),
    )
}

#[cfg(test)]
#[path = "signal_tests.rs"]
mod tests;
