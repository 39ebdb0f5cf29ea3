use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

use crate::http::ProxyRefusal;

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
    /// Which of Adobe's shapes the body had, if any: a 404 from something that is not
    /// Campaign proves nothing about the connection.
    pub shape: BodyShape,
}

/// The shapes Adobe's gateway and Campaign answer in (acs-api.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum BodyShape {
    /// `{"error_code": "401013", "message": …}`
    Gateway,
    /// `{"code": 500, "message": …}`
    Campaign,
    /// `RST-360011 An error has occurred …` as plain text.
    RstText,
    /// Campaign v8's plain text, the status first and no RST code: `404 - Unable to find
    /// document with path …`, `500 - An error has occurred …` (acs-api.md §6).
    V8Text,
    /// Anything else: a proxy's page, another web server, an empty body.
    Other,
}

/// Campaign's boilerplate before the sentence that says what is actually wrong.
const GENERIC_PREFIX: &str = "An error has occurred - please contact your administrator.";

impl ApiError {
    pub fn from_response(status: u16, body: &str, request_id: Option<String>) -> Self {
        let raw_body = truncate(body.trim(), MAX_KEPT_BODY);
        let (adobe_code, message, shape) = parse_error_body(body.trim());
        Self {
            status,
            adobe_code,
            message,
            request_id,
            raw_body,
            shape,
        }
    }

    fn code_is(&self, code: &str) -> bool {
        self.adobe_code.as_deref() == Some(code)
    }

    /// Whether the answer came from Adobe's gateway or Campaign, not from some other server.
    pub fn is_adobes(&self) -> bool {
        self.shape != BodyShape::Other
    }

    /// The parameter an RST-360011 names: "… The parameter 'segment' isn't defined …".
    pub fn named_parameter(&self) -> Option<&str> {
        let at = self.raw_body.to_ascii_lowercase().find("parameter '")?;
        let rest = &self.raw_body[at + "parameter '".len()..];
        rest.find('\'').map(|end| &rest[..end])
    }

    /// Campaign's own explanation, when its answer carries one beyond the boilerplate: the
    /// sentence a user can act on (an RST or XTK code and its text).
    pub fn reason(&self) -> Option<&str> {
        let campaign_code = self
            .adobe_code
            .as_deref()
            .is_some_and(|code| code.starts_with("RST-") || code.starts_with("XTK-"));
        if !campaign_code {
            return None;
        }
        let reason = self
            .message
            .strip_prefix(GENERIC_PREFIX)
            .unwrap_or(&self.message)
            .trim();
        (!reason.is_empty()).then_some(reason)
    }
}

fn parse_error_body(body: &str) -> (Option<String>, String, BodyShape) {
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
        let shape = if fields.contains_key("error_code") {
            BodyShape::Gateway
        } else if fields.contains_key("code") && fields.contains_key("message") {
            BodyShape::Campaign
        } else {
            BodyShape::Other
        };
        // `{"code":500,…}` only repeats the HTTP status, so it is not an Adobe error code.
        return (text("error_code"), message, shape);
    }
    let first_word = body.split_whitespace().next().unwrap_or_default();
    if is_campaign_code(first_word) {
        let message = body[first_word.len()..].trim();
        return (
            Some(first_word.to_owned()),
            truncate(message, MAX_KEPT_BODY),
            BodyShape::RstText,
        );
    }
    if let Some(message) = v8_message(body) {
        return (None, truncate(message, MAX_KEPT_BODY), BodyShape::V8Text);
    }
    (None, truncate(body, MAX_KEPT_BODY), BodyShape::Other)
}

/// The sentence of a Campaign v8 error, `<status> - <sentence>`, where the sentence is one of
/// the two v8 is documented to send: another server's "404 - Not Found" page is not v8's.
fn v8_message(body: &str) -> Option<&str> {
    let (status, sentence) = body.trim().split_once(" - ")?;
    let is_status = status.len() == 3 && status.bytes().all(|b| b.is_ascii_digit());
    let is_v8s =
        sentence.starts_with("Unable to find document") || sentence.starts_with(GENERIC_PREFIX);
    (is_status && is_v8s).then_some(sentence)
}

/// `RST-360011`, `XTK-170006`: a prefix, a dash and digits.
fn is_campaign_code(word: &str) -> bool {
    ["RST-", "XTK-"].iter().any(|prefix| {
        word.strip_prefix(prefix)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
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
    /// Campaign said why, in its own words (an RST or XTK code and a sentence): most often
    /// that the workflow does not accept this command in its current state.
    #[error("Campaign refused the command (HTTP {}): {}", .0.status, .0.reason().unwrap_or_default())]
    RefusedWithReason(ApiError),
    /// A 5xx with neither Campaign's reason nor Adobe's busy answer: whether the command ran
    /// is unknown.
    #[error("Campaign had an internal error (HTTP {})", .0.status)]
    ServerError(ApiError),
    /// Something between Flowdeck and Campaign (a captive portal, a proxy) answered with a
    /// redirect, which is never followed: it would carry the token elsewhere.
    #[error("the request was redirected elsewhere (HTTP {})", .0.status)]
    Redirected(ApiError),
    /// A proxy or gateway gave up on Campaign (502 not from Adobe, 504): whether Campaign got
    /// the request is unknown.
    #[error("a gateway between Flowdeck and Campaign gave up waiting (HTTP {})", .0.status)]
    GatewayGaveUp(ApiError),
    #[error("Campaign did not answer in time")]
    Timeout,
    #[error("the connection to Campaign dropped before an answer arrived")]
    ConnectionLost,
    #[error("Campaign could not be reached")]
    Unreachable,
    /// The network's proxy would not let the request through: nothing reached Campaign.
    #[error("{0}: nothing reached Campaign")]
    Proxy(ProxyRefusal),
    #[error("Campaign's answer was larger than Flowdeck accepts")]
    ResponseTooLarge,
    #[error("Campaign's answer was not readable text")]
    UnreadableAnswer,
    #[error("Flowdeck could not prepare a secure connection")]
    ClientSetup,
    /// The workflow record lists a signal trigger that is not on this connection's Campaign
    /// API; it is never contacted.
    #[error("the signal's address is not on this Campaign instance ({host})")]
    SignalAddressElsewhere { host: String },
    /// Adobe's RST-360011: the activity does not declare a parameter the signal carries.
    #[error("the signal activity does not declare a parameter (HTTP {})", .0.status)]
    UndeclaredSignalParameter(ApiError),
    /// Not Campaign's confirmation nor one of its errors: what a signal sent again within its
    /// cool-down may get (acs-api.md §2). Whether it was received is unknown.
    #[error("Campaign's answer to the signal was not JSON (HTTP {status})")]
    SignalAnswerNotJson {
        status: u16,
        request_id: Option<String>,
    },
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
            // Only Campaign's own busy answer says the request was not carried out. A proxy's
            // 503 page may come after it forwarded the command; its 429 refused it unread.
            429 | 503 if api.is_adobes() => Self::Busy {
                error: api,
                retry_after,
            },
            429 => Self::Refused(api),
            503 => Self::GatewayGaveUp(api),
            300..=399 => Self::Redirected(api),
            500 if api.message.contains("Check your URI") => Self::WrongTenantOrUri(api),
            // Adobe answers a tenant whose DNS name is broken with a 502 of its own.
            502 if api.is_adobes() => Self::WrongTenantOrUri(api),
            502 | 504 => Self::GatewayGaveUp(api),
            400..=599 if api.reason().is_some() => Self::RefusedWithReason(api),
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
            | Self::RefusedWithReason(api)
            | Self::ServerError(api)
            | Self::Redirected(api)
            | Self::GatewayGaveUp(api)
            | Self::UndeclaredSignalParameter(api)
            | Self::Busy { error: api, .. } => Some(api),
            Self::Timeout
            | Self::ConnectionLost
            | Self::Unreachable
            | Self::Proxy(_)
            | Self::ResponseTooLarge
            | Self::UnreadableAnswer
            | Self::ClientSetup
            | Self::SignalAddressElsewhere { .. }
            | Self::SignalAnswerNotJson { .. } => None,
        }
    }

    /// A command or signal that failed this way may still have been carried out by Campaign,
    /// so it must never be sent again automatically (acs-api.md §5): read the status instead.
    pub fn command_may_have_run(&self) -> bool {
        matches!(
            self,
            Self::Timeout
                | Self::ConnectionLost
                | Self::GatewayGaveUp(_)
                | Self::ServerError(_)
                | Self::SignalAnswerNotJson { .. }
        )
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
            classify(
                502,
                r#"{"code":502,"message":"Oops. Something went wrong."}"#
            ),
            CampaignError::WrongTenantOrUri(_)
        ));
        for status in [502, 504] {
            assert!(matches!(
                classify(status, "<html><h1>Bad Gateway</h1></html>"),
                CampaignError::GatewayGaveUp(_)
            ));
        }
        assert!(matches!(
            classify(302, "<html>Sign in</html>"),
            CampaignError::Redirected(_)
        ));
        assert!(matches!(
            classify(
                500,
                "RST-360012 An error has occurred - please contact your administrator."
            ),
            CampaignError::ServerError(_)
        ));
        assert!(matches!(
            classify(400, "invalid"),
            CampaignError::Refused(_)
        ));
        let adobe_busy = |status: u16| {
            classify(
                status,
                &format!(r#"{{"error_code":"{status}050","message":"Too many requests"}}"#),
            )
        };
        assert!(matches!(adobe_busy(429), CampaignError::Busy { .. }));
        assert!(matches!(adobe_busy(503), CampaignError::Busy { .. }));
    }

    #[test]
    fn a_refusal_that_says_why_keeps_campaigns_reason() {
        let text = "RST-360012 An error has occurred - please contact your administrator. \
                    XTK-170006 The workflow 'WKF1' is already started.";
        for status in [400, 409, 500] {
            let error = classify(status, text);
            let CampaignError::RefusedWithReason(api) = &error else {
                panic!("{status}: {error:?}");
            };
            assert_eq!(
                api.reason(),
                Some("XTK-170006 The workflow 'WKF1' is already started.")
            );
            assert!(error.to_string().ends_with("is already started."));
        }
        let xtk = classify(500, "XTK-170006 Workflow in use.");
        assert!(matches!(xtk, CampaignError::RefusedWithReason(_)));
        // Without a Campaign code there is no reason to quote, whatever the text says.
        assert!(matches!(
            classify(500, "the workflow cannot be paused"),
            CampaignError::ServerError(_)
        ));
    }

    #[test]
    fn campaign_v8s_answers_without_rst_codes_are_sorted_as_campaign_standards() {
        let missing = classify(
            404,
            "404 - Unable to find document with path 'xtk:workflow|W'.",
        );
        assert!(matches!(missing, CampaignError::WorkflowNotFound(ref api) if api.is_adobes()));
        let refused = classify(
            500,
            "500 - An error has occurred - please contact your administrator.",
        );
        assert!(matches!(refused, CampaignError::ServerError(ref api) if api.is_adobes()));
        assert_eq!(refused.api_error().and_then(ApiError::reason), None);
    }

    #[test]
    fn knows_adobes_shapes_from_any_other_server() {
        let shape = |body: &str| ApiError::from_response(404, body, None).shape;
        assert_eq!(
            shape("RST-360011 An error has occurred"),
            BodyShape::RstText
        );
        assert_eq!(
            shape(r#"{"error_code":"404010","message":"x"}"#),
            BodyShape::Gateway
        );
        assert_eq!(
            shape(r#"{"code":404,"message":"Unable to find workflow"}"#),
            BodyShape::Campaign
        );
        assert_eq!(
            shape("404 - Unable to find document with path 'xtk:workflow|WKF-1'."),
            BodyShape::V8Text
        );
        assert_eq!(
            shape("500 - An error has occurred - please contact your administrator."),
            BodyShape::V8Text
        );
        for other in [
            "",
            "Not Found",
            "404 - Not Found",
            "<html><body>404 Not Found</body></html>",
            r#"{"detail":"Not Found"}"#,
            "RST-not-a-code",
        ] {
            assert_eq!(shape(other), BodyShape::Other, "{other}");
        }
    }

    #[test]
    fn only_lost_answers_may_have_run() {
        assert!(CampaignError::Timeout.command_may_have_run());
        assert!(CampaignError::ConnectionLost.command_may_have_run());
        assert!(classify(504, "").command_may_have_run());
        assert!(!classify(302, "").command_may_have_run());
        assert!(!CampaignError::Unreachable.command_may_have_run());
        let adobe_429 = r#"{"error_code":"429050","message":"Too many requests"}"#;
        assert!(!classify(429, adobe_429).command_may_have_run());
    }

    /// Only Campaign's own busy answer is waited out and sent again: a proxy's 503 page can
    /// come after it forwarded the command, and a bare 5xx says nothing of whether it ran.
    #[test]
    fn only_adobes_busy_answer_is_busy_and_any_other_5xx_may_have_run() {
        let page = "<html><body><h1>503 Service Unavailable</h1></body></html>";
        assert!(matches!(
            classify(503, page),
            CampaignError::GatewayGaveUp(_)
        ));
        assert!(classify(503, page).command_may_have_run());
        assert!(classify(503, "").command_may_have_run());
        assert!(matches!(classify(429, page), CampaignError::Refused(_)));
        assert!(!classify(429, page).command_may_have_run());
        for status in [500, 501, 507] {
            assert!(
                classify(status, "An error has occurred").command_may_have_run(),
                "{status}"
            );
        }
        // Campaign said why it refused: it did not run.
        let refused = "RST-360012 An error has occurred - please contact your administrator. XTK-170006 The command 'start' cannot be applied";
        assert!(!classify(500, refused).command_may_have_run());
        assert!(!classify(500, r#"{"code":500,"message":"Oops. Something went wrong. Check your URI and try again."}"#).command_may_have_run());
    }
}
