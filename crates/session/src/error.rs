use flowdeck_campaign::{
    AuthError, CampaignError, ConnectionError, SignalError, WorkflowId, WorkflowIdError,
    WorkflowStatus,
};
use flowdeck_secrets::SecretError;
use flowdeck_store::{CardListError, StoreError};

/// Long enough for "Acme Europe Production (Campaign v8)", short enough for the header band.
pub const MAX_CONNECTION_NAME_CHARS: usize = 80;

/// More than any proxy takes; within what every OS keyring holds.
pub const MAX_PROXY_PASSWORD_CHARS: usize = 512;

/// Everything the session can fail with, each case carrying what the user needs to act on it.
/// The Tauri package turns it into a stable code and a translated message.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    InvalidWorkflowId(#[from] WorkflowIdError),
    #[error(transparent)]
    Campaign(#[from] CampaignError),
    #[error(transparent)]
    Auth(#[from] AuthError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Secrets(#[from] SecretError),
    #[error(transparent)]
    InvalidConnection(#[from] ConnectionError),
    #[error(transparent)]
    InvalidCardList(#[from] CardListError),
    #[error(transparent)]
    InvalidSignal(#[from] SignalError),
    #[error("Campaign no longer lists the signal activity {activity} in workflow {workflow_id}")]
    SignalActivityGone {
        workflow_id: WorkflowId,
        activity: String,
    },
    #[error("workflow {workflow_id} is not running ({status:?}); a signal needs it running")]
    SignalNeedsRunningWorkflow {
        workflow_id: WorkflowId,
        status: WorkflowStatus,
    },
    #[error("the signal {activity} was sent less than 10 minutes ago")]
    SignalTooSoon { activity: String, again_at_ms: u64 },
    #[error("Campaign refused the signal {activity}: {reason}")]
    SignalRefused { activity: String, reason: String },
    #[error(transparent)]
    InvalidProxyAddress(#[from] flowdeck_campaign::ProxyAddressError),
    #[error("the proxy's user name needs its password")]
    ProxyPasswordMissing,
    #[error("a proxy's password can have at most {MAX_PROXY_PASSWORD_CHARS} characters")]
    ProxyPasswordTooLong,
    #[error("Campaign v8 stops a paused workflow after 7 to 365 days")]
    PausedPeriodInvalid,
    #[error("a batch runs between 1 and 20 workflows at once")]
    BatchPaceInvalid,
    #[error("a batch needs at least one card")]
    BatchEmpty,
    #[error("there is no such batch")]
    BatchNotFound,
    #[error("the batch is still under way")]
    BatchUnderWay,
    #[error("a connection needs a name")]
    ConnectionNameMissing,
    #[error("a connection's name can have at most {MAX_CONNECTION_NAME_CHARS} characters")]
    ConnectionNameTooLong,
    #[error("the demo organisation cannot be changed or removed")]
    DemoIsBuiltIn,
    #[error("only the built-in demo organisation is of the kind Demo")]
    DemoKindReserved,
    #[error(
        "the sign-in address moved to a server outside Adobe's; enter the client secret again to send it there"
    )]
    SecretNeededForNewImsAddress,
    #[error(
        "the Campaign API address moved to a server outside Adobe's; enter the client secret (or paste a token) again to send it there"
    )]
    SecretNeededForNewAddress,
    #[error("this connection does not use a pasted token")]
    NotAPastedTokenConnection,
    #[error("workflow {workflow_id} is not a card on {connection}")]
    NotACard {
        workflow_id: WorkflowId,
        connection: String,
    },
    #[error("{local_time:?} is not a date and time")]
    ScheduleTimeInvalid { local_time: String },
    #[error("{local_time} has passed")]
    ScheduleInThePast { local_time: String },
    #[error("the card of workflow {workflow_id} on {connection} can no longer be put back")]
    NothingToRestore {
        workflow_id: WorkflowId,
        connection: String,
    },
    #[error("a command for workflow {workflow_id} on {connection} is still being sent")]
    AlreadySending {
        workflow_id: WorkflowId,
        connection: String,
    },
    #[error(
        "Campaign accepted the Stop for {workflow_id} on {connection}, but the stop did not take effect within {waited_secs} s; Start was not sent"
    )]
    StopNotEffective {
        workflow_id: WorkflowId,
        connection: String,
        waited_secs: u64,
    },
    #[error(
        "Campaign accepted the Stop for {workflow_id} on {connection}, but does not report the status that would show it took effect; Start was not sent"
    )]
    StopNotVisible {
        workflow_id: WorkflowId,
        connection: String,
    },
    /// The address answered, but not as Campaign does: a 404 from any web server proves
    /// nothing about the tenant, the key or the token.
    #[error("the address answered HTTP {status}, but not as Adobe Campaign answers")]
    NotCampaign { status: u16 },
    #[error("the demo organisation's local Campaign could not start: {0}")]
    DemoUnavailable(String),
    /// The connection was edited or deleted after this work began on it: nothing more of the
    /// work is sent, to the new settings or the old.
    #[error("{connection} was changed after this began; nothing more was sent to it")]
    ConnectionChanged { connection: String },
    /// What Flowdeck could not open at start-up, told again to each request that needs it.
    #[error(transparent)]
    NotOpened(std::sync::Arc<SessionError>),
}

impl SessionError {
    /// Whether the command this error answered may have been carried out all the same.
    pub fn command_may_have_run(&self) -> bool {
        matches!(self, Self::Campaign(error) if error.command_may_have_run())
    }
}
