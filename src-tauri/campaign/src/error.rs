use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

/// How much of an error body is kept for the activity log.
const MAX_KEPT_BODY: usize = 2048;

/// What Campaign (or Adobe's gateway in front of it) said when it refused a request.
///
/// Adobe answers in three shapes (acs-api.md §2): gateway JSON `{"error_code","message"}`,
/// Campaign JSON `{"code","message"}`, and plain text starting with an `RST-` code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiError {
    pub status: u16,
    /// `401013`, `403023`, `RST-360011`…; absent when the body names none.
    pub adobe_code: Option<String>,
    pub message: String,
    /// The gateway's `X-Request-Id`, which users quote to Adobe support.
    pub request_id: Option<String>,
    /// The body as received (bounded), for the activity log.
    pub raw_body: String,
}

impl ApiError {
    pub fn from_response(status: u16, body: &str, request_id: Option<String>) -> Self {
        let raw_body = truncate(body.trim(), MAX_KEPT_BODY);
        let (adobe_code, message) = parse_error_body(body.trim());
        Self {
            status,
            adobe_code,
            message,
            request_id,
            raw_body,
        }
    }

    fn code_is(&self, code: &str) -> bool {
        self.adobe_code.as_deref() == Some(code)
    }
}

fn parse_error_body(body: &str) -> (Option<String>, String) {
    if let Ok(Value::Object(fields)) = serde_json::from_str::<Value>(body) {
        let text = |key: &str| match fields.get(key) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        let message = text("message")
            .or_else(|| text("error_description"))
            .or_else(|| text("error"))
            .unwrap_or_default();
        // `{"code":500,…}` only repeats the HTTP status, so it is not an Adobe error code.
        return (text("error_code"), message);
    }
    let first_word = body.split_whitespace().next().unwrap_or_default();
    if first_word.starts_with("RST-") {
        let message = body[first_word.len()..].trim();
        return (
            Some(first_word.to_owned()),
            truncate(message, MAX_KEPT_BODY),
        );
    }
    (None, truncate(body, MAX_KEPT_BODY))
}

fn truncate(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// Everything that can go wrong talking to Campaign, sorted by what the user can do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CampaignError {
    #[error("Campaign did not accept the access token (HTTP {})", .0.status)]
    TokenRejected(ApiError),
    #[error("Adobe's gateway did not accept the API key (HTTP {})", .0.status)]
    ApiKeyRejected(ApiError),
    #[error("the credential's product profile does not match this tenant (HTTP {})", .0.status)]
    ProductProfileMismatch(ApiError),
    #[error("Campaign refused access (HTTP {})", .0.status)]
    Forbidden(ApiError),
    #[error("Campaign does not know this workflow ID (HTTP {})", .0.status)]
    WorkflowNotFound(ApiError),
    #[error("no Campaign instance answers at this tenant and address (HTTP {})", .0.status)]
    WrongTenantOrUri(ApiError),
    #[error("Campaign is busy (HTTP {})", .error.status)]
    Busy {
        error: ApiError,
        retry_after: Option<Duration>,
    },
    #[error("Campaign refused the request (HTTP {})", .0.status)]
    Refused(ApiError),
    #[error("Campaign had an internal error (HTTP {})", .0.status)]
    ServerError(ApiError),
    #[error("Campaign did not answer in time")]
    Timeout,
    #[error("the connection to Campaign dropped before an answer arrived")]
    ConnectionLost,
    #[error("Campaign could not be reached")]
    Unreachable,
    #[error("Campaign's answer was larger than Flowdeck accepts")]
    ResponseTooLarge,
    #[error("Flowdeck could not prepare a secure connection")]
    ClientSetup,
}

impl CampaignError {
    /// Sorts a non-2xx answer into the case the user acts on.
    pub fn from_status(api: ApiError, retry_after: Option<Duration>) -> Self {
        match api.status {
            401 => Self::TokenRejected(api),
            403 if api.code_is("403023") => Self::ProductProfileMismatch(api),
            403 if api.code_is("403003") || api.code_is("403000") => Self::ApiKeyRejected(api),
            403 => Self::Forbidden(api),
            404 => Self::WorkflowNotFound(api),
            429 | 503 => Self::Busy {
                error: api,
                retry_after,
            },
            500 if api.message.contains("Check your URI") => Self::WrongTenantOrUri(api),
            502 => Self::WrongTenantOrUri(api),
            400..=499 => Self::Refused(api),
            _ => Self::ServerError(api),
        }
    }

    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Self::TokenRejected(api)
            | Self::ApiKeyRejected(api)
            | Self::ProductProfileMismatch(api)
            | Self::Forbidden(api)
            | Self::WorkflowNotFound(api)
            | Self::WrongTenantOrUri(api)
            | Self::Refused(api)
            | Self::ServerError(api)
            | Self::Busy { error: api, .. } => Some(api),
            Self::Timeout
            | Self::ConnectionLost
            | Self::Unreachable
            | Self::ResponseTooLarge
            | Self::ClientSetup => None,
        }
    }

    /// A command that failed this way may still have been carried out by Campaign, so it must
    /// never be sent again automatically (acs-api.md §5): read the status instead.
    pub fn command_may_have_run(&self) -> bool {
        matches!(self, Self::Timeout | Self::ConnectionLost)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify(status: u16, body: &str) -> CampaignError {
        CampaignError::from_status(
            ApiError::from_response(status, body, Some("req-1".into())),
            None,
        )
    }

    #[test]
    fn parses_the_gateway_json_shape() {
        let api = ApiError::from_response(
            401,
            r#"{"error_code":"401013","message":"Oauth token is not valid"}"#,
            Some("abc".into()),
        );
        assert_eq!(api.adobe_code.as_deref(), Some("401013"));
        assert_eq!(api.message, "Oauth token is not valid");
        assert_eq!(api.request_id.as_deref(), Some("abc"));
    }

    #[test]
    fn parses_the_campaign_json_shape() {
        let api = ApiError::from_response(
            500,
            r#"{"code":500,"message":"Oops. Something went wrong. Check your URI and try again."}"#,
            None,
        );
        assert_eq!(api.adobe_code, None);
        assert!(api.message.starts_with("Oops."));
    }

    #[test]
    fn parses_the_rst_plain_text_shape() {
        let api = ApiError::from_response(
            404,
            "RST-360011 An error has occurred - please contact your administrator. Unable to find document",
            None,
        );
        assert_eq!(api.adobe_code.as_deref(), Some("RST-360011"));
        assert!(api.message.starts_with("An error has occurred"));
    }

    #[test]
    fn keeps_any_other_body_as_the_message() {
        let api = ApiError::from_response(502, "<html>Bad gateway</html>", None);
        assert_eq!(api.adobe_code, None);
        assert_eq!(api.message, "<html>Bad gateway</html>");
        let empty = ApiError::from_response(503, "", None);
        assert_eq!(empty.message, "");
    }

    #[test]
    fn numeric_error_codes_are_read_too() {
        let api = ApiError::from_response(
            403,
            r#"{"error_code":403003,"message":"Api Key is invalid"}"#,
            None,
        );
        assert_eq!(api.adobe_code.as_deref(), Some("403003"));
    }

    #[test]
    fn bounds_what_it_keeps() {
        let huge = "x".repeat(100_000);
        let api = ApiError::from_response(500, &huge, None);
        assert!(api.raw_body.len() <= MAX_KEPT_BODY + '…'.len_utf8());
        assert!(api.message.len() <= MAX_KEPT_BODY + '…'.len_utf8());
    }

    #[test]
    fn sorts_each_documented_case() {
        assert!(matches!(
            classify(
                401,
                r#"{"error_code":"401013","message":"Oauth token is not valid"}"#
            ),
            CampaignError::TokenRejected(_)
        ));
        assert!(matches!(
            classify(
                403,
                r#"{"error_code":"403023","message":"Profile is not valid"}"#
            ),
            CampaignError::ProductProfileMismatch(_)
        ));
        assert!(matches!(
            classify(
                403,
                r#"{"error_code":"403003","message":"Api Key is invalid"}"#
            ),
            CampaignError::ApiKeyRejected(_)
        ));
        assert!(matches!(
            classify(
                403,
                r#"{"error_code":"403000","message":"Api Key is required"}"#
            ),
            CampaignError::ApiKeyRejected(_)
        ));
        assert!(matches!(classify(403, "nope"), CampaignError::Forbidden(_)));
        assert!(matches!(
            classify(404, "RST-360011 An error has occurred"),
            CampaignError::WorkflowNotFound(_)
        ));
        assert!(matches!(
            classify(
                500,
                r#"{"code":500,"message":"Oops. Something went wrong. Check your URI and try again."}"#
            ),
            CampaignError::WrongTenantOrUri(_)
        ));
        assert!(matches!(
            classify(502, ""),
            CampaignError::WrongTenantOrUri(_)
        ));
        assert!(matches!(
            classify(500, "RST-1 boom"),
            CampaignError::ServerError(_)
        ));
        assert!(matches!(
            classify(400, "RST-2 invalid"),
            CampaignError::Refused(_)
        ));
        assert!(matches!(classify(429, ""), CampaignError::Busy { .. }));
        assert!(matches!(classify(503, ""), CampaignError::Busy { .. }));
    }

    #[test]
    fn only_lost_answers_may_have_run() {
        assert!(CampaignError::Timeout.command_may_have_run());
        assert!(CampaignError::ConnectionLost.command_may_have_run());
        assert!(!CampaignError::Unreachable.command_may_have_run());
        assert!(!classify(429, "").command_may_have_run());
    }
}
