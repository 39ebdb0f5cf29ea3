//! The one error shape that crosses IPC: a stable `code` the front end translates, a technical
//! `message` for its log, and the details a user may need to quote. Never a `Debug` string,
//! never a secret. The codes are a closed enum, so the front end's list is generated from it.

use flowdeck_campaign::{AuthError, CampaignError, ConnectionError, ImsError};
use flowdeck_secrets::SecretError;
use flowdeck_session::SessionError;
use flowdeck_store::{CardListError, StoreError};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, specta::Type, thiserror::Error)]
#[serde(rename_all = "camelCase")]
#[error("{code:?}: {message}")]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
    /// Boxed: most errors carry none, and every command's `Result` stays small.
    pub details: Box<ErrorDetails>,
}

/// Every failure the web view can be told of; each has its own words in the catalogues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    InvalidWorkflowId,
    TokenRejected,
    ApiKeyRejected,
    ProductProfileMismatch,
    AccessDenied,
    WorkflowNotFound,
    WrongTenant,
    CampaignBusy,
    CommandRefused,
    RefusedWithReason,
    CampaignError,
    Redirected,
    GatewayGaveUp,
    NoAnswer,
    ConnectionLost,
    Unreachable,
    UnexpectedAnswer,
    ClientSetup,
    NotCampaign,
    NotACard,
    AlreadySending,
    StopNotEffective,
    StopNotVisible,
    DuplicateCard,
    CardNotFound,
    NewerFile,
    StorageFailed,
    DemoUnavailable,
    InvalidClientId,
    InvalidClientSecret,
    InvalidScope,
    ImsBusy,
    ImsRefused,
    ImsUnavailable,
    ImsUnreachable,
    TokenMissing,
    SecretMissing,
    TokenExpired,
    TokenUnsendable,
    KeyringUnavailable,
    KeyringLocked,
    KeyringDenied,
    SecretTooLong,
    KeyringFailed,
    InvalidAddress,
    InvalidTenant,
    TenantTooLong,
    TenantIsImsOrg,
    InvalidApiKey,
    ProfileNameMissing,
    ProfileNameTooLong,
    DuplicateProfileName,
    ProfileNotFound,
    DemoIsBuiltIn,
    DemoKindReserved,
    NotPastedToken,
    SecretNeededForImsAddress,
    OpenFailed,
    ExportFailed,
    InvalidCardList,
    CardListTooLarge,
    LabelTooLong,
    TagsTooLong,
    FolderUnknown,
}

#[derive(Debug, Clone, Default, Serialize, specta::Type)]
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
    /// Campaign's own words for why it refused, to show as they are.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The connection the failure concerns, by name, where the message names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection: Option<String>,
    /// The command may have been carried out although no answer arrived.
    pub may_have_run: bool,
}

impl IpcError {
    pub fn plain(code: ErrorCode, error: &impl ToString) -> Self {
        Self {
            code,
            message: error.to_string(),
            details: Box::default(),
        }
    }
}

impl From<SessionError> for IpcError {
    fn from(error: SessionError) -> Self {
        let about_connection = |code, connection: &String| Self {
            code,
            message: error.to_string(),
            details: Box::new(ErrorDetails {
                connection: Some(connection.clone()),
                ..ErrorDetails::default()
            }),
        };
        match &error {
            SessionError::Campaign(e) => e.clone().into(),
            SessionError::NotACard { connection, .. } => {
                about_connection(ErrorCode::NotACard, connection)
            }
            SessionError::AlreadySending { connection, .. } => {
                about_connection(ErrorCode::AlreadySending, connection)
            }
            SessionError::StopNotEffective { connection, .. } => {
                about_connection(ErrorCode::StopNotEffective, connection)
            }
            SessionError::StopNotVisible { connection, .. } => {
                about_connection(ErrorCode::StopNotVisible, connection)
            }
            SessionError::NotCampaign { status } => Self {
                code: ErrorCode::NotCampaign,
                message: error.to_string(),
                details: Box::new(ErrorDetails {
                    http_status: Some(*status),
                    ..ErrorDetails::default()
                }),
            },
            SessionError::InvalidWorkflowId(_) => Self::plain(ErrorCode::InvalidWorkflowId, &error),
            SessionError::Auth(e) => Self::plain(auth_code(e), &error),
            SessionError::Store(e) => Self::plain(store_code(e), &error),
            SessionError::Secrets(e) => Self::plain(secret_code(e), &error),
            SessionError::InvalidConnection(e) => Self::plain(connection_code(e), &error),
            SessionError::InvalidCardList(CardListError::Unreadable(_)) => {
                Self::plain(ErrorCode::InvalidCardList, &error)
            }
            SessionError::InvalidCardList(CardListError::Newer(_)) => {
                Self::plain(ErrorCode::NewerFile, &error)
            }
            SessionError::ProfileNameMissing => Self::plain(ErrorCode::ProfileNameMissing, &error),
            SessionError::ProfileNameTooLong => Self::plain(ErrorCode::ProfileNameTooLong, &error),
            SessionError::InvalidCardList(
                CardListError::TooLarge | CardListError::TooManyCards(_),
            ) => Self::plain(ErrorCode::CardListTooLarge, &error),
            SessionError::DemoIsBuiltIn => Self::plain(ErrorCode::DemoIsBuiltIn, &error),
            SessionError::DemoKindReserved => Self::plain(ErrorCode::DemoKindReserved, &error),
            SessionError::NotAPastedTokenProfile => Self::plain(ErrorCode::NotPastedToken, &error),
            SessionError::SecretNeededForNewImsAddress => {
                Self::plain(ErrorCode::SecretNeededForImsAddress, &error)
            }
            SessionError::DemoUnavailable(_) => Self::plain(ErrorCode::DemoUnavailable, &error),
        }
    }
}

impl From<CampaignError> for IpcError {
    fn from(error: CampaignError) -> Self {
        let code = match &error {
            CampaignError::TokenRejected(_) => ErrorCode::TokenRejected,
            CampaignError::ApiKeyRejected(_) => ErrorCode::ApiKeyRejected,
            CampaignError::ProductProfileMismatch(_) => ErrorCode::ProductProfileMismatch,
            CampaignError::Forbidden(_) => ErrorCode::AccessDenied,
            CampaignError::WorkflowNotFound(_) => ErrorCode::WorkflowNotFound,
            CampaignError::WrongTenantOrUri(_) => ErrorCode::WrongTenant,
            CampaignError::Busy { .. } => ErrorCode::CampaignBusy,
            CampaignError::Refused(_) => ErrorCode::CommandRefused,
            CampaignError::RefusedWithReason(_) => ErrorCode::RefusedWithReason,
            CampaignError::ServerError(_) => ErrorCode::CampaignError,
            CampaignError::Redirected(_) => ErrorCode::Redirected,
            CampaignError::GatewayGaveUp(_) => ErrorCode::GatewayGaveUp,
            CampaignError::Timeout => ErrorCode::NoAnswer,
            CampaignError::ConnectionLost => ErrorCode::ConnectionLost,
            CampaignError::Unreachable => ErrorCode::Unreachable,
            CampaignError::ResponseTooLarge | CampaignError::UnreadableAnswer => {
                ErrorCode::UnexpectedAnswer
            }
            CampaignError::ClientSetup => ErrorCode::ClientSetup,
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
            reason: match &error {
                CampaignError::RefusedWithReason(api) => api.reason().map(str::to_owned),
                _ => None,
            },
            connection: None,
            may_have_run: error.command_may_have_run(),
        };
        let message = match api {
            Some(api) if !api.message.is_empty() => format!("{error}: {}", api.message),
            _ => error.to_string(),
        };
        Self {
            code,
            message,
            details: Box::new(details),
        }
    }
}

fn auth_code(error: &AuthError) -> ErrorCode {
    match error {
        AuthError::Ims(ImsError::InvalidClientId) => ErrorCode::InvalidClientId,
        AuthError::Ims(ImsError::InvalidClientSecret) => ErrorCode::InvalidClientSecret,
        AuthError::Ims(ImsError::InvalidScope) => ErrorCode::InvalidScope,
        AuthError::Ims(ImsError::Busy { .. }) => ErrorCode::ImsBusy,
        AuthError::Ims(ImsError::Refused { .. }) => ErrorCode::ImsRefused,
        AuthError::Ims(ImsError::Unavailable { .. }) => ErrorCode::ImsUnavailable,
        AuthError::Ims(ImsError::Unreachable | ImsError::Timeout | ImsError::ConnectionLost) => {
            ErrorCode::ImsUnreachable
        }
        AuthError::Ims(ImsError::UnexpectedAnswer) => ErrorCode::UnexpectedAnswer,
        AuthError::TokenMissing => ErrorCode::TokenMissing,
        AuthError::SecretMissing => ErrorCode::SecretMissing,
        AuthError::TokenExpired => ErrorCode::TokenExpired,
    }
}

fn store_code(error: &StoreError) -> ErrorCode {
    match error {
        StoreError::DuplicateCard(_) => ErrorCode::DuplicateCard,
        StoreError::CardNotFound(_) => ErrorCode::CardNotFound,
        StoreError::LabelTooLong => ErrorCode::LabelTooLong,
        StoreError::TooManyOrLongTags => ErrorCode::TagsTooLong,
        StoreError::ProfileNotFound(_) => ErrorCode::ProfileNotFound,
        StoreError::DuplicateProfileName(_) => ErrorCode::DuplicateProfileName,
        StoreError::NewerSchema { .. } => ErrorCode::NewerFile,
        StoreError::Io { .. } => ErrorCode::StorageFailed,
    }
}

fn secret_code(error: &SecretError) -> ErrorCode {
    match error {
        SecretError::NoService => ErrorCode::KeyringUnavailable,
        SecretError::Locked => ErrorCode::KeyringLocked,
        SecretError::AccessDenied => ErrorCode::KeyringDenied,
        SecretError::TooLong => ErrorCode::SecretTooLong,
        SecretError::Failed(_) => ErrorCode::KeyringFailed,
    }
}

fn connection_code(error: &ConnectionError) -> ErrorCode {
    match error {
        ConnectionError::InvalidUrl(_)
        | ConnectionError::InsecureUrl
        | ConnectionError::UnexpectedUrlParts => ErrorCode::InvalidAddress,
        ConnectionError::EmptyTenant | ConnectionError::InvalidTenant(_) => {
            ErrorCode::InvalidTenant
        }
        ConnectionError::TenantIsImsOrg => ErrorCode::TenantIsImsOrg,
        ConnectionError::TenantTooLong => ErrorCode::TenantTooLong,
        ConnectionError::EmptyToken => ErrorCode::TokenMissing,
        ConnectionError::UnsendableToken => ErrorCode::TokenUnsendable,
        ConnectionError::EmptyApiKey | ConnectionError::InvalidApiKey => ErrorCode::InvalidApiKey,
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
        let error = IpcError::from(SessionError::from(CampaignError::from_status(api, None)));
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
        let cases: Vec<(SessionError, &str)> = vec![
            (
                StoreError::DuplicateCard(id.clone()).into(),
                "duplicate_card",
            ),
            (
                AuthError::Ims(ImsError::InvalidClientSecret).into(),
                "invalid_client_secret",
            ),
            (AuthError::TokenExpired.into(), "token_expired"),
            (SecretError::NoService.into(), "keyring_unavailable"),
            (SecretError::Locked.into(), "keyring_locked"),
            (ConnectionError::TenantIsImsOrg.into(), "tenant_is_ims_org"),
            (SessionError::NotCampaign { status: 404 }, "not_campaign"),
            (CardListError::Newer(2).into(), "newer_file"),
        ];
        for (error, code) in cases {
            assert_eq!(
                serde_json::to_value(IpcError::from(error)).unwrap()["code"],
                code
            );
        }
    }

    #[test]
    fn a_refusal_for_another_connection_names_it() {
        let id = WorkflowId::parse("WKF1").unwrap();
        let error = IpcError::from(SessionError::AlreadySending {
            workflow_id: id,
            connection: "Acme Production".into(),
        });
        assert_eq!(
            serde_json::to_value(&error).unwrap(),
            json!({
                "code": "already_sending",
                "message": "a command for workflow WKF1 on Acme Production is still being sent",
                "details": { "connection": "Acme Production", "mayHaveRun": false }
            })
        );
    }

    #[test]
    fn campaigns_reason_for_a_refusal_reaches_the_web_view() {
        let api = ApiError::from_response(
            500,
            "RST-360012 An error has occurred - please contact your administrator. XTK-170006 The workflow is already started.",
            None,
        );
        let json =
            serde_json::to_value(IpcError::from(CampaignError::from_status(api, None))).unwrap();
        assert_eq!(json["code"], "refused_with_reason");
        assert_eq!(
            json["details"]["reason"],
            "XTK-170006 The workflow is already started."
        );
    }
}
