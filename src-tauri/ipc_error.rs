//! The one error shape that crosses IPC: a stable `code` the front end translates, a technical
//! `message` for its log, and the details a user may need to quote. Never a `Debug` string,
//! never a secret.

use flowdeck_campaign::{AuthError, CampaignError, ConnectionError, ImsError};
use flowdeck_secrets::SecretError;
use flowdeck_store::StoreError;
use serde::Serialize;

use crate::app_error::AppError;

#[derive(Debug, Clone, Serialize, thiserror::Error)]
#[serde(rename_all = "camelCase")]
#[error("{code}: {message}")]
pub struct IpcError {
    pub code: &'static str,
    pub message: String,
    pub details: ErrorDetails,
}

#[derive(Debug, Clone, Default, Serialize)]
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
    pub fn plain(code: &'static str, error: &impl ToString) -> Self {
        Self {
            code,
            message: error.to_string(),
            details: ErrorDetails::default(),
        }
    }
}

impl From<AppError> for IpcError {
    fn from(error: AppError) -> Self {
        match error {
            AppError::Campaign(e) => e.into(),
            AppError::InvalidWorkflowId(e) => Self::plain("invalid_workflow_id", &e),
            AppError::Auth(e) => Self::plain(auth_code(&e), &e),
            AppError::Store(e) => Self::plain(store_code(&e), &e),
            AppError::Secrets(e) => Self::plain(secret_code(&e), &e),
            AppError::InvalidConnection(e) => Self::plain(connection_code(&e), &e),
            AppError::ProfileNameMissing => Self::plain("profile_name_missing", &error),
            AppError::DemoIsBuiltIn => Self::plain("demo_is_built_in", &error),
            AppError::NotAPastedTokenProfile => Self::plain("not_pasted_token", &error),
            AppError::DemoUnavailable(_) => Self::plain("demo_unavailable", &error),
            AppError::InvalidCardList(_) => Self::plain("invalid_card_list", &error),
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

fn auth_code(error: &AuthError) -> &'static str {
    match error {
        AuthError::Ims(ImsError::InvalidClientId) => "invalid_client_id",
        AuthError::Ims(ImsError::InvalidClientSecret) => "invalid_client_secret",
        AuthError::Ims(ImsError::InvalidScope) => "invalid_scope",
        AuthError::Ims(ImsError::Busy { .. }) => "ims_busy",
        AuthError::Ims(ImsError::Refused { .. }) => "ims_refused",
        AuthError::Ims(ImsError::Unreachable | ImsError::Timeout | ImsError::ConnectionLost) => {
            "ims_unreachable"
        }
        AuthError::Ims(ImsError::UnexpectedAnswer) => "unexpected_answer",
        AuthError::TokenMissing => "token_missing",
        AuthError::SecretMissing => "secret_missing",
        AuthError::TokenExpired => "token_expired",
    }
}

fn store_code(error: &StoreError) -> &'static str {
    match error {
        StoreError::DuplicateCard(_) => "duplicate_card",
        StoreError::CardNotFound(_) => "card_not_found",
        StoreError::ProfileNotFound(_) => "profile_not_found",
        StoreError::DuplicateProfileName(_) => "duplicate_profile_name",
        StoreError::NewerSchema { .. } => "newer_file",
        StoreError::Io { .. } => "storage_failed",
    }
}

fn secret_code(error: &SecretError) -> &'static str {
    match error {
        SecretError::NoService => "keyring_unavailable",
        SecretError::Locked => "keyring_locked",
        SecretError::AccessDenied => "keyring_denied",
        SecretError::TooLong => "secret_too_long",
        SecretError::Failed(_) => "keyring_failed",
    }
}

fn connection_code(error: &ConnectionError) -> &'static str {
    match error {
        ConnectionError::InvalidUrl(_)
        | ConnectionError::InsecureUrl
        | ConnectionError::UnexpectedUrlParts => "invalid_address",
        ConnectionError::EmptyTenant | ConnectionError::InvalidTenant(_) => "invalid_tenant",
        ConnectionError::TenantIsImsOrg => "tenant_is_ims_org",
        ConnectionError::EmptyApiKey | ConnectionError::InvalidApiKey => "invalid_api_key",
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
        let error = IpcError::from(AppError::from(CampaignError::from_status(api, None)));
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
    fn each_boundary_error_has_its_own_code() {
        let id = WorkflowId::parse("WKF1").unwrap();
        let cases: Vec<(AppError, &str)> = vec![
            (StoreError::DuplicateCard(id).into(), "duplicate_card"),
            (
                AuthError::Ims(ImsError::InvalidClientSecret).into(),
                "invalid_client_secret",
            ),
            (AuthError::TokenExpired.into(), "token_expired"),
            (SecretError::NoService.into(), "keyring_unavailable"),
            (SecretError::Locked.into(), "keyring_locked"),
            (ConnectionError::TenantIsImsOrg.into(), "tenant_is_ims_org"),
        ];
        for (error, code) in cases {
            assert_eq!(IpcError::from(error).code, code);
        }
    }
}
