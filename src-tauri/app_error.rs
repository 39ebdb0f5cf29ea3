use flowdeck_campaign::{AuthError, CampaignError, ConnectionError, WorkflowIdError};
use flowdeck_secrets::SecretError;
use flowdeck_store::StoreError;

/// Everything the app's plain modules can fail with; `ipc_error.rs` turns it into what the
/// web view shows.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
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
    #[error("a connection profile needs a name")]
    ProfileNameMissing,
    #[error("the demo organisation cannot be changed or removed")]
    DemoIsBuiltIn,
    #[error("this connection does not use a pasted token")]
    NotAPastedTokenProfile,
    #[error("this is not a Flowdeck card list: {0}")]
    InvalidCardList(String),
    #[error("the demo organisation's local Campaign could not start: {0}")]
    DemoUnavailable(String),
}
