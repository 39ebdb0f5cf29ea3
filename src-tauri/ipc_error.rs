//! The one error shape that crosses IPC: a stable `code` the front end translates, a technical
//! `message` for its log, and the details a user may need to quote. Never a `Debug` string,
//! never a secret.

use flowdeck_campaign::CampaignError;
use flowdeck_cards::CardStoreError;
use serde::Serialize;

use crate::deck::DeckError;
use crate::demo::DemoError;

#[derive(Debug, Serialize, thiserror::Error)]
#[serde(rename_all = "camelCase")]
#[error("{code}: {message}")]
pub struct IpcError {
    pub code: &'static str,
    pub message: String,
    pub details: ErrorDetails,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorDetails {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adobe_code: Option<String>,
    /// Adobe's `X-Request-Id`, for support.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u64>,
    /// The command may have been carried out although no answer arrived.
    pub may_have_run: bool,
}

impl IpcError {
    fn plain(code: &'static str, message: impl ToString) -> Self {
        Self {
            code,
            message: message.to_string(),
            details: ErrorDetails::default(),
        }
    }
}

impl From<DeckError> for IpcError {
    fn from(error: DeckError) -> Self {
        match error {
            DeckError::InvalidWorkflowId(e) => Self::plain("invalid_workflow_id", e),
            DeckError::Campaign(e) => e.into(),
            DeckError::Cards(e) => e.into(),
        }
    }
}

impl From<CampaignError> for IpcError {
    fn from(error: CampaignError) -> Self {
        let code = match &error {
            CampaignError::TokenRejected(_) => "token_rejected",
            CampaignError::ApiKeyRejected(_) => "api_key_rejected",
            CampaignError::ProductProfileMismatch(_) => "product_profile_mismatch",
            CampaignError::Forbidden(_) => "access_denied",
            CampaignError::WorkflowNotFound(_) => "workflow_not_found",
            CampaignError::WrongTenantOrUri(_) => "wrong_tenant",
            CampaignError::Busy { .. } => "campaign_busy",
            CampaignError::Refused(_) => "command_refused",
            CampaignError::ServerError(_) => "campaign_error",
            CampaignError::Timeout => "no_answer",
            CampaignError::ConnectionLost => "connection_lost",
            CampaignError::Unreachable => "unreachable",
            CampaignError::ResponseTooLarge => "unexpected_answer",
            CampaignError::ClientSetup => "client_setup",
        };
        let api = error.api_error();
        let retry_after = match &error {
            CampaignError::Busy { retry_after, .. } => retry_after.map(|d| d.as_secs()),
            _ => None,
        };
        let details = ErrorDetails {
            http_status: api.map(|a| a.status),
            adobe_code: api.and_then(|a| a.adobe_code.clone()),
            request_id: api.and_then(|a| a.request_id.clone()),
            retry_after_seconds: retry_after,
            may_have_run: error.command_may_have_run(),
        };
        let message = match api {
            Some(api) if !api.message.is_empty() => format!("{error}: {}", api.message),
            _ => error.to_string(),
        };
        Self {
            code,
            message,
            details,
        }
    }
}

impl From<CardStoreError> for IpcError {
    fn from(error: CardStoreError) -> Self {
        let code = match &error {
            CardStoreError::Duplicate(_) => "duplicate_card",
            CardStoreError::NotFound(_) => "card_not_found",
            CardStoreError::NewerSchema { .. } => "newer_card_file",
            CardStoreError::Io { .. } => "storage_failed",
        };
        Self::plain(code, error)
    }
}

impl From<&DemoError> for IpcError {
    fn from(error: &DemoError) -> Self {
        let code = match error {
            DemoError::Cards(CardStoreError::NewerSchema { .. }) => "newer_card_file",
            DemoError::Cards(_) => "storage_failed",
            DemoError::Simulator(_) | DemoError::Connection(_) | DemoError::Client(_) => {
                "demo_unavailable"
            }
        };
        Self::plain(code, error)
    }
}

#[cfg(test)]
mod tests {
    use flowdeck_campaign::{ApiError, WorkflowId};
    use serde_json::json;

    use super::*;

    #[test]
    fn a_campaign_error_crosses_ipc_as_code_message_and_details() {
        let api = ApiError::from_response(
            404,
            "RST-360011 An error has occurred - please contact your administrator.",
            Some("req-42".into()),
        );
        let error = IpcError::from(DeckError::from(CampaignError::from_status(api, None)));
        assert_eq!(
            serde_json::to_value(&error).unwrap(),
            json!({
                "code": "workflow_not_found",
                "message": "Campaign does not know this workflow ID (HTTP 404): An error has occurred - please contact your administrator.",
                "details": {
                    "httpStatus": 404,
                    "adobeCode": "RST-360011",
                    "requestId": "req-42",
                    "mayHaveRun": false
                }
            })
        );
    }

    #[test]
    fn busy_carries_the_wait_and_a_timeout_says_it_may_have_run() {
        let busy = CampaignError::from_status(
            ApiError::from_response(
                429,
                r#"{"error_code":"429050","message":"Too many requests"}"#,
                None,
            ),
            Some(std::time::Duration::from_secs(30)),
        );
        let json = serde_json::to_value(IpcError::from(busy)).unwrap();
        assert_eq!(json["code"], "campaign_busy");
        assert_eq!(json["details"]["retryAfterSeconds"], 30);

        let json = serde_json::to_value(IpcError::from(CampaignError::Timeout)).unwrap();
        assert_eq!(
            json,
            json!({
                "code": "no_answer",
                "message": "Campaign did not answer in time",
                "details": { "mayHaveRun": true }
            })
        );
    }

    #[test]
    fn card_errors_have_their_own_codes() {
        let id = WorkflowId::parse("WKF1").unwrap();
        let json = serde_json::to_value(IpcError::from(CardStoreError::Duplicate(id))).unwrap();
        assert_eq!(json["code"], "duplicate_card");
    }
}
