//! Why Campaign refuses a request, rendered in the shape Adobe uses for each case
//! (acs-api.md §2).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::lifecycle::Method;
use crate::switches::{InvalidTransition, SignalCooldownAnswer, UnknownId};

pub(crate) enum Refusal {
    ApiKeyMissing,
    ApiKeyInvalid,
    TokenInvalid,
    ProfileMismatch,
    Throttled {
        retry_after_secs: Option<u64>,
    },
    CheckYourUri,
    BadRequest(&'static str),
    UnknownWorkflow {
        id: String,
        shape: UnknownId,
    },
    InvalidTransition {
        id: String,
        method: Method,
        shape: InvalidTransition,
    },
    /// A PKey in a trigger href that names no signal activity.
    UnknownDocument {
        key: String,
    },
    PayloadTooLarge,
    WorkflowNotRunning {
        id: String,
        activity: String,
    },
    UndeclaredParameter {
        name: String,
        activity: String,
    },
    ParameterTypeMismatch {
        name: String,
        expected: &'static str,
    },
    SignalTooSoon(SignalCooldownAnswer),
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Self::ApiKeyMissing => {
                gateway_error(StatusCode::FORBIDDEN, "403000", "Api Key is required")
            }
            Self::ApiKeyInvalid => {
                gateway_error(StatusCode::FORBIDDEN, "403003", "Api Key is invalid")
            }
            Self::ProfileMismatch => {
                gateway_error(StatusCode::FORBIDDEN, "403023", "Profile is not valid")
            }
            Self::TokenInvalid => gateway_error(
                StatusCode::UNAUTHORIZED,
                "401013",
                "Oauth token is not valid",
            ),
            Self::Throttled { retry_after_secs } => {
                let mut response =
                    gateway_error(StatusCode::TOO_MANY_REQUESTS, "429050", "Too many requests");
                if let Some(seconds) = retry_after_secs {
                    response
                        .headers_mut()
                        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
                }
                response
            }
            Self::CheckYourUri => campaign_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Oops. Something went wrong. Check your URI and try again.",
            ),
            Self::BadRequest(message) => campaign_error(StatusCode::BAD_REQUEST, message),
            Self::UnknownWorkflow {
                id,
                shape: UnknownId::RstNotFound,
            } => rst_text(
                StatusCode::NOT_FOUND,
                format!(
                    "RST-360011 An error has occurred - please contact your administrator. \
                     Unable to find document of type 'xtk:workflow' with key '{id}'."
                ),
            ),
            Self::UnknownWorkflow {
                id,
                shape: UnknownId::JsonNotFound,
            } => campaign_error(
                StatusCode::NOT_FOUND,
                &format!("Unable to find workflow '{id}'."),
            ),
            Self::UnknownWorkflow {
                id,
                shape: UnknownId::V8NotFound,
            } => rst_text(
                StatusCode::NOT_FOUND,
                format!("404 - Unable to find document with path 'xtk:workflow|{id}'."),
            ),
            Self::InvalidTransition {
                shape: InvalidTransition::V8ServerError,
                ..
            } => rst_text(StatusCode::INTERNAL_SERVER_ERROR, format!("500 - {GENERIC}")),
            Self::InvalidTransition {
                shape: InvalidTransition::BareServerError,
                ..
            } => rst_text(
                StatusCode::INTERNAL_SERVER_ERROR,
                "RST-360012 An error has occurred - please contact your administrator.".into(),
            ),
            Self::UnknownDocument { key } => rst_text(
                StatusCode::NOT_FOUND,
                format!("RST-360011 {GENERIC} Unable to find document with key '{key}'."),
            ),
            Self::PayloadTooLarge => campaign_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "The payload must not exceed 64 KB.",
            ),
            Self::WorkflowNotRunning { id, activity } => rst_text(
                StatusCode::BAD_REQUEST,
                format!(
                    "RST-360012 {GENERIC} XTK-170006 The workflow '{id}' is not started: \
                     the signal activity '{activity}' cannot be triggered."
                ),
            ),
            // Adobe's documented answer (acs-api.md §2).
            Self::UndeclaredParameter { name, activity } => rst_text(
                StatusCode::BAD_REQUEST,
                format!(
                    "RST-360011 {GENERIC} The parameter '{name}' isn't defined in signal \
                     activity '{activity}'."
                ),
            ),
            Self::ParameterTypeMismatch { name, expected } => rst_text(
                StatusCode::BAD_REQUEST,
                format!(
                    "RST-360012 {GENERIC} The value of parameter '{name}' must be of type \
                     {expected}."
                ),
            ),
            Self::SignalTooSoon(SignalCooldownAnswer::HtmlError) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                "<html><head><title>Error</title></head><body><h1>Internal Server Error</h1></body></html>",
            )
                .into_response(),
            Self::SignalTooSoon(SignalCooldownAnswer::PlainOk) => {
                ([(header::CONTENT_TYPE, "text/plain")], "OK").into_response()
            }
            Self::InvalidTransition { id, method, shape } => {
                let status = match shape {
                    InvalidTransition::RstServerError => StatusCode::INTERNAL_SERVER_ERROR,
                    _ => StatusCode::BAD_REQUEST,
                };
                rst_text(
                    status,
                    format!(
                        "RST-360012 An error has occurred - please contact your administrator. \
                         XTK-170006 The command '{}' cannot be applied to workflow '{id}' in its current state.",
                        method.as_str()
                    ),
                )
            }
        }
    }
}

/// Campaign's boilerplate before the sentence that says what is wrong.
const GENERIC: &str = "An error has occurred - please contact your administrator.";

/// Adobe's gateway shape: `{"error_code": "401013", "message": …}`.
fn gateway_error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        axum::Json(json!({ "error_code": code, "message": message })),
    )
        .into_response()
}

/// Campaign's JSON shape: `{"code": 500, "message": …}`.
fn campaign_error(status: StatusCode, message: &str) -> Response {
    (
        status,
        axum::Json(json!({ "code": status.as_u16(), "message": message })),
    )
        .into_response()
}

/// Campaign's plain-text shape: `RST-360011 An error has occurred …`.
fn rst_text(status: StatusCode, text: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain;charset=utf-8")],
        text,
    )
        .into_response()
}
