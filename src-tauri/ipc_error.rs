//! The one error shape that crosses IPC: a stable `code` the front end translates, a technical
//! `message` for its log, and the details a user may need to quote. Never a `Debug` string,
//! never a secret. The codes are a closed enum, so the front end's list is generated from it.

use flowdeck_campaign::{
    AuthError, CampaignError, ConnectionError, ImsError, ParameterKind, ProxyProblem, ProxyRefusal,
    SignalError, WorkflowStatus,
};
use flowdeck_secrets::SecretError;
use flowdeck_session::{LinkError, SessionError};
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
    ProxyAuthRequired,
    ProxyRefused,
    ProxyUnreachable,
    ProxyAddressInvalid,
    ProxyPasswordMissing,
    ProxyPasswordTooLong,
    LinkInvalid,
    LinkConnectionUnknown,
    LinkCardUnknown,
    PausedPeriodInvalid,
    BatchPaceInvalid,
    BatchEmpty,
    BatchNotFound,
    BatchUnderWay,
    UpdatesUnavailable,
    UpdateCheckFailed,
    UpdateSignatureInvalid,
    UpdateInstallFailed,
    UpdateNotAllowed,
    UpdateWaitsForWork,
    UpdateGone,
    StartAtLoginFailed,
    UnexpectedAnswer,
    ClientSetup,
    NotCampaign,
    NotACard,
    NothingToRestore,
    ScheduleTimeInvalid,
    ScheduleInThePast,
    ScheduleNotFound,
    TooManySchedules,
    AlreadySending,
    ConnectionChanged,
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
    ConnectionNameMissing,
    ConnectionNameTooLong,
    DuplicateConnectionName,
    ConnectionNotFound,
    DemoIsBuiltIn,
    DemoKindReserved,
    NotPastedToken,
    SecretNeededForImsAddress,
    SecretNeededForAddress,
    OpenFailed,
    ExportFailed,
    InvalidCardList,
    CardListTooLarge,
    LabelTooLong,
    TagsTooLong,
    FolderUnknown,
    SignalAddressElsewhere,
    SignalParameterUndeclared,
    SignalAnswerNotJson,
    SignalSourceInvalid,
    SignalParameterName,
    SignalParameterDuplicate,
    SignalParameterValue,
    SignalTooLarge,
    SignalActivityGone,
    SignalNeedsRunning,
    SignalTooSoon,
    SignalRefused,
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
    /// The signal activity, and the parameter, a signal's failure concerns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    /// The type a parameter's value must have.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_kind: Option<ParameterKind>,
    /// When Campaign takes the same signal again (milliseconds since the epoch).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_at_ms: Option<u64>,
    /// The workflow's status, where it is why nothing was sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow_status: Option<WorkflowStatus>,
    /// Commands on their way, where they are why nothing else happens now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commands: Option<u32>,
    /// The tenant a link names, where no connection uses it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
    /// The workflow a link names, where it is not a card.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow_id: Option<String>,
    /// The host a record pointed elsewhere to; the proxy (host and port) that refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// The command may have been carried out although no answer arrived.
    pub may_have_run: bool,
}

impl IpcError {
    pub fn plain(code: ErrorCode, error: &impl ToString) -> Self {
        Self::with(code, error, ErrorDetails::default())
    }

    fn with(code: ErrorCode, error: &impl ToString, details: ErrorDetails) -> Self {
        let details = ErrorDetails {
            parameter: details.parameter.map(bounded),
            host: details.host.map(bounded),
            tenant: details.tenant.map(bounded),
            workflow_id: details.workflow_id.map(bounded),
            ..details
        };
        Self {
            code,
            message: bounded(error.to_string()),
            details: Box::new(details),
        }
    }
}

/// More than any message of Flowdeck's own; what a caller passed in (an ID, a parameter name)
/// is echoed at most this long, so a megabyte-long argument is not sent back whole.
const MAX_ECHOED_CHARS: usize = 500;

fn bounded(text: String) -> String {
    match text.char_indices().nth(MAX_ECHOED_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// A signal's own checks, each naming the parameter it is about.
fn invalid_signal(error: &SignalError) -> IpcError {
    let about = |code, parameter: &String, expected_kind| {
        let details = ErrorDetails {
            parameter: Some(parameter.clone()),
            expected_kind,
            ..ErrorDetails::default()
        };
        IpcError::with(code, error, details)
    };
    match error {
        SignalError::SourceMissing | SignalError::SourceTooLong => {
            IpcError::plain(ErrorCode::SignalSourceInvalid, error)
        }
        SignalError::TooLarge => IpcError::plain(ErrorCode::SignalTooLarge, error),
        SignalError::InvalidName(name) => about(ErrorCode::SignalParameterName, name, None),
        SignalError::Duplicate(name) => about(ErrorCode::SignalParameterDuplicate, name, None),
        SignalError::Undeclared(name) => about(ErrorCode::SignalParameterUndeclared, name, None),
        SignalError::WrongKind { name, expected } => {
            about(ErrorCode::SignalParameterValue, name, Some(*expected))
        }
        SignalError::NotANumber(name) => about(
            ErrorCode::SignalParameterValue,
            name,
            Some(ParameterKind::Number),
        ),
        SignalError::NotADateTime(name) => about(
            ErrorCode::SignalParameterValue,
            name,
            Some(ParameterKind::DateTime),
        ),
    }
}

impl From<SessionError> for IpcError {
    fn from(error: SessionError) -> Self {
        Self::from(&error)
    }
}

impl From<&SessionError> for IpcError {
    fn from(error: &SessionError) -> Self {
        let about_connection = |code, connection: &String| Self {
            code,
            message: error.to_string(),
            details: Box::new(ErrorDetails {
                connection: Some(connection.clone()),
                ..ErrorDetails::default()
            }),
        };
        match error {
            SessionError::NotOpened(cause) => Self::from(&**cause),
            SessionError::Campaign(e) => e.clone().into(),
            SessionError::NotACard { connection, .. } => {
                about_connection(ErrorCode::NotACard, connection)
            }
            SessionError::NothingToRestore { connection, .. } => {
                about_connection(ErrorCode::NothingToRestore, connection)
            }
            SessionError::AlreadySending { connection, .. } => {
                about_connection(ErrorCode::AlreadySending, connection)
            }
            SessionError::ConnectionChanged { connection } => {
                about_connection(ErrorCode::ConnectionChanged, connection)
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
            SessionError::Auth(AuthError::Ims(ImsError::Proxy(refusal))) => {
                proxy_error(refusal, error)
            }
            SessionError::Auth(e) => Self::plain(auth_code(e), &error),
            SessionError::PausedPeriodInvalid => {
                Self::plain(ErrorCode::PausedPeriodInvalid, &error)
            }
            SessionError::BatchPaceInvalid => Self::plain(ErrorCode::BatchPaceInvalid, &error),
            SessionError::BatchEmpty => Self::plain(ErrorCode::BatchEmpty, &error),
            SessionError::BatchNotFound => Self::plain(ErrorCode::BatchNotFound, &error),
            SessionError::BatchUnderWay => Self::plain(ErrorCode::BatchUnderWay, &error),
            SessionError::InvalidProxyAddress(_) => {
                Self::plain(ErrorCode::ProxyAddressInvalid, &error)
            }
            SessionError::ProxyPasswordMissing => {
                Self::plain(ErrorCode::ProxyPasswordMissing, &error)
            }
            SessionError::ProxyPasswordTooLong => {
                Self::plain(ErrorCode::ProxyPasswordTooLong, &error)
            }
            SessionError::Store(e) => Self::plain(store_code(e), &error),
            SessionError::Secrets(e) => Self::plain(secret_code(e), &error),
            SessionError::InvalidConnection(e) => Self::plain(connection_code(e), &error),
            SessionError::InvalidCardList(CardListError::Unreadable(_)) => {
                Self::plain(ErrorCode::InvalidCardList, &error)
            }
            SessionError::InvalidCardList(CardListError::Newer(_)) => {
                Self::plain(ErrorCode::NewerFile, &error)
            }
            SessionError::ConnectionNameMissing => {
                Self::plain(ErrorCode::ConnectionNameMissing, &error)
            }
            SessionError::ConnectionNameTooLong => {
                Self::plain(ErrorCode::ConnectionNameTooLong, &error)
            }
            SessionError::InvalidCardList(
                CardListError::TooLarge | CardListError::TooManyCards(_),
            ) => Self::plain(ErrorCode::CardListTooLarge, &error),
            SessionError::DemoIsBuiltIn => Self::plain(ErrorCode::DemoIsBuiltIn, &error),
            SessionError::ScheduleTimeInvalid { .. } => {
                Self::plain(ErrorCode::ScheduleTimeInvalid, &error)
            }
            SessionError::ScheduleInThePast { .. } => {
                Self::plain(ErrorCode::ScheduleInThePast, &error)
            }
            SessionError::DemoKindReserved => Self::plain(ErrorCode::DemoKindReserved, &error),
            SessionError::NotAPastedTokenConnection => {
                Self::plain(ErrorCode::NotPastedToken, &error)
            }
            SessionError::SecretNeededForNewImsAddress => {
                Self::plain(ErrorCode::SecretNeededForImsAddress, &error)
            }
            SessionError::SecretNeededForNewAddress => {
                Self::plain(ErrorCode::SecretNeededForAddress, &error)
            }
            SessionError::DemoUnavailable(_) => Self::plain(ErrorCode::DemoUnavailable, &error),
            SessionError::InvalidSignal(e) => invalid_signal(e),
            SessionError::SignalActivityGone { activity, .. } => {
                let details = ErrorDetails {
                    activity: Some(activity.clone()),
                    ..ErrorDetails::default()
                };
                Self::with(ErrorCode::SignalActivityGone, &error, details)
            }
            SessionError::SignalNeedsRunningWorkflow { status, .. } => {
                let details = ErrorDetails {
                    workflow_status: Some(*status),
                    ..ErrorDetails::default()
                };
                Self::with(ErrorCode::SignalNeedsRunning, &error, details)
            }
            SessionError::SignalTooSoon {
                activity,
                again_at_ms,
            } => {
                let details = ErrorDetails {
                    activity: Some(activity.clone()),
                    retry_at_ms: Some(*again_at_ms),
                    ..ErrorDetails::default()
                };
                Self::with(ErrorCode::SignalTooSoon, &error, details)
            }
            SessionError::SignalRefused { activity, reason } => {
                let details = ErrorDetails {
                    activity: Some(activity.clone()),
                    reason: Some(reason.clone()).filter(|r| !r.is_empty()),
                    ..ErrorDetails::default()
                };
                Self::with(ErrorCode::SignalRefused, &error, details)
            }
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
            CampaignError::Proxy(refusal) => return proxy_error(refusal, &error),
            CampaignError::ResponseTooLarge | CampaignError::UnreadableAnswer => {
                ErrorCode::UnexpectedAnswer
            }
            CampaignError::ClientSetup => ErrorCode::ClientSetup,
            CampaignError::SignalAddressElsewhere { .. } => ErrorCode::SignalAddressElsewhere,
            CampaignError::UndeclaredSignalParameter(_) => ErrorCode::SignalParameterUndeclared,
            CampaignError::SignalAnswerNotJson { .. } => ErrorCode::SignalAnswerNotJson,
        };
        let api = error.api_error();
        let retry_after = match &error {
            CampaignError::Busy { retry_after, .. } => retry_after.map(|d| d.as_secs()),
            _ => None,
        };
        let (http_status, request_id) = match &error {
            CampaignError::SignalAnswerNotJson { status, request_id } => {
                (Some(*status), request_id.clone())
            }
            _ => (
                api.map(|a| a.status),
                api.and_then(|a| a.request_id.clone()),
            ),
        };
        let details = ErrorDetails {
            http_status,
            adobe_code: api.and_then(|a| a.adobe_code.clone()),
            request_id,
            retry_after_seconds: retry_after,
            reason: match &error {
                CampaignError::RefusedWithReason(api) => api.reason().map(str::to_owned),
                _ => None,
            },
            parameter: match &error {
                CampaignError::UndeclaredSignalParameter(api) => {
                    api.named_parameter().map(str::to_owned)
                }
                _ => None,
            },
            host: match &error {
                CampaignError::SignalAddressElsewhere { host } => Some(host.clone()),
                _ => None,
            },
            may_have_run: error.command_may_have_run(),
            ..ErrorDetails::default()
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

/// A link Flowdeck did not follow, naming what it did not find.
impl From<&LinkError> for IpcError {
    fn from(error: &LinkError) -> Self {
        let details = match error {
            LinkError::NotACardLink => ErrorDetails::default(),
            LinkError::ConnectionUnknown { tenant } => ErrorDetails {
                tenant: Some(tenant.clone()),
                ..ErrorDetails::default()
            },
            LinkError::CardUnknown {
                workflow_id,
                connection,
            } => ErrorDetails {
                workflow_id: Some(workflow_id.clone()),
                connection: Some(connection.clone()),
                ..ErrorDetails::default()
            },
        };
        let code = match error {
            LinkError::NotACardLink => ErrorCode::LinkInvalid,
            LinkError::ConnectionUnknown { .. } => ErrorCode::LinkConnectionUnknown,
            LinkError::CardUnknown { .. } => ErrorCode::LinkCardUnknown,
        };
        Self::with(code, error, details)
    }
}

/// The same words whether the proxy stood before Campaign or before the sign-in.
fn proxy_code(problem: ProxyProblem) -> ErrorCode {
    match problem {
        ProxyProblem::AuthRequired => ErrorCode::ProxyAuthRequired,
        ProxyProblem::Refused => ErrorCode::ProxyRefused,
        ProxyProblem::Unreachable => ErrorCode::ProxyUnreachable,
    }
}

/// A proxy's refusal, naming the proxy.
fn proxy_error(refusal: &ProxyRefusal, error: &impl ToString) -> IpcError {
    let details = ErrorDetails {
        host: refusal.proxy.clone(),
        ..ErrorDetails::default()
    };
    IpcError::with(proxy_code(refusal.problem), error, details)
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
        AuthError::Ims(ImsError::Proxy(refusal)) => proxy_code(refusal.problem),
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
        StoreError::ConnectionNotFound(_) => ErrorCode::ConnectionNotFound,
        StoreError::DuplicateConnectionName(_) => ErrorCode::DuplicateConnectionName,
        StoreError::ScheduleNotFound(_) => ErrorCode::ScheduleNotFound,
        StoreError::TooManySchedules => ErrorCode::TooManySchedules,
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

    /// Found by the IPC fuzz test: an unknown ID a megabyte long came back whole in the message.
    #[test]
    fn what_a_caller_passed_in_is_echoed_only_so_long() {
        let huge = "\u{1d54f}".repeat(50_000);
        let error = IpcError::from(SessionError::from(StoreError::ConnectionNotFound(
            huge.clone(),
        )));
        assert_eq!(error.code, ErrorCode::ConnectionNotFound);
        assert!(
            error.message.chars().count() <= MAX_ECHOED_CHARS + 1,
            "{}",
            error.message.len()
        );
        assert!(error.message.ends_with('…'));
        let short = IpcError::from(SessionError::from(StoreError::ConnectionNotFound(
            "c-1".into(),
        )));
        assert_eq!(short.message, "no connection c-1");
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
            (
                CampaignError::Proxy(ProxyRefusal {
                    problem: ProxyProblem::AuthRequired,
                    proxy: None,
                })
                .into(),
                "proxy_auth_required",
            ),
            (
                AuthError::Ims(ImsError::Proxy(ProxyRefusal {
                    problem: ProxyProblem::Refused,
                    proxy: None,
                }))
                .into(),
                "proxy_refused",
            ),
            (
                AuthError::Ims(ImsError::Proxy(ProxyRefusal {
                    problem: ProxyProblem::Unreachable,
                    proxy: None,
                }))
                .into(),
                "proxy_unreachable",
            ),
            (SecretError::NoService.into(), "keyring_unavailable"),
            (SecretError::Locked.into(), "keyring_locked"),
            (ConnectionError::TenantIsImsOrg.into(), "tenant_is_ims_org"),
            (SessionError::NotCampaign { status: 404 }, "not_campaign"),
            (CardListError::Newer(2).into(), "newer_file"),
            (
                SignalError::Undeclared("x".into()).into(),
                "signal_parameter_undeclared",
            ),
            (
                SignalError::NotADateTime("x".into()).into(),
                "signal_parameter_value",
            ),
            (SignalError::SourceMissing.into(), "signal_source_invalid"),
            (
                CampaignError::SignalAnswerNotJson {
                    status: 500,
                    request_id: None,
                }
                .into(),
                "signal_answer_not_json",
            ),
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
    fn a_refused_link_names_what_flowdeck_did_not_find() {
        let unknown = IpcError::from(&LinkError::CardUnknown {
            workflow_id: "WKF-NEWSLETTER".into(),
            connection: "Acme Stage".into(),
        });
        assert_eq!(
            serde_json::to_value(&unknown).unwrap(),
            json!({
                "code": "link_card_unknown",
                "message": "workflow WKF-NEWSLETTER is not a card on Acme Stage",
                "details": {
                    "workflowId": "WKF-NEWSLETTER",
                    "connection": "Acme Stage",
                    "mayHaveRun": false
                }
            })
        );
        let tenant = IpcError::from(&LinkError::ConnectionUnknown {
            tenant: "acme-stage".into(),
        });
        assert_eq!(
            serde_json::to_value(&tenant).unwrap()["details"],
            json!({ "tenant": "acme-stage", "mayHaveRun": false })
        );
    }

    #[test]
    fn a_proxys_refusal_names_the_proxy_before_campaign_and_before_the_sign_in() {
        let refusal = ProxyRefusal {
            problem: ProxyProblem::AuthRequired,
            proxy: Some("proxy.corp:3128".into()),
        };
        for error in [
            SessionError::from(CampaignError::Proxy(refusal.clone())),
            SessionError::from(AuthError::Ims(ImsError::Proxy(refusal.clone()))),
        ] {
            let json = serde_json::to_value(IpcError::from(error)).unwrap();
            assert_eq!(json["code"], "proxy_auth_required");
            assert_eq!(
                json["details"],
                json!({ "host": "proxy.corp:3128", "mayHaveRun": false })
            );
        }
    }

    #[test]
    fn a_signals_failure_names_its_activity_parameter_and_when_to_retry() {
        let too_soon = IpcError::from(SessionError::SignalTooSoon {
            activity: "signal1".into(),
            again_at_ms: 1_800_000_000_000,
        });
        assert_eq!(
            serde_json::to_value(&too_soon).unwrap()["details"],
            json!({ "activity": "signal1", "retryAtMs": 1_800_000_000_000_u64, "mayHaveRun": false })
        );
        let wrong = IpcError::from(SessionError::from(SignalError::WrongKind {
            name: "size".into(),
            expected: ParameterKind::Number,
        }));
        assert_eq!(
            serde_json::to_value(&wrong).unwrap()["details"],
            json!({ "parameter": "size", "expectedKind": "number", "mayHaveRun": false })
        );
        let api = ApiError::from_response(
            400,
            "RST-360011 An error has occurred - please contact your administrator. The parameter 'segment' isn't defined in signal activity 'signal1'.",
            None,
        );
        let undeclared = IpcError::from(CampaignError::UndeclaredSignalParameter(api));
        let json = serde_json::to_value(&undeclared).unwrap();
        assert_eq!(json["code"], "signal_parameter_undeclared");
        assert_eq!(json["details"]["parameter"], "segment");
        let not_json = IpcError::from(CampaignError::SignalAnswerNotJson {
            status: 500,
            request_id: Some("req-7".into()),
        });
        assert_eq!(
            serde_json::to_value(&not_json).unwrap()["details"],
            json!({ "httpStatus": 500, "requestId": "req-7", "mayHaveRun": true })
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
