//! Client for the Adobe Campaign Standard workflow API, as described in `docs/acs-api.md`.
//!
//! Plain Rust: no Tauri, no UI. Everything a request needs arrives as typed, validated values,
//! so that a malformed tenant, key or workflow ID is rejected before anything leaves the machine.

mod address;
mod client;
mod command;
mod error;
mod http;
mod ims;
mod proxy;
mod record;
mod signal;
mod tokens;
mod workflow_id;

pub use address::{ADOBE_BASE_URL, AccessToken, Address, ApiKey, BaseUrl, ConnectionError, Tenant};
pub use client::{Accepted, CampaignClient, REQUEST_TIMEOUT};
pub use command::WorkflowCommand;
pub use error::{ApiError, BodyShape, CampaignError};
pub use http::{ProxyProblem, ProxyRefusal, prepare_clients_for, route_requests};
pub use ims::{
    ADOBE_IMS_URL, ClientSecret, DEFAULT_SCOPES, ImsCredentials, ImsError, IssuedToken,
    request_token,
};
pub use proxy::{ManualProxy, ProxyAddress, ProxyAddressError, ProxyRoute, ProxySignIn};
pub use record::{WorkflowRecord, WorkflowStatus};
pub use signal::{
    DeclaredParameter, MAX_SIGNAL_PAYLOAD, ParameterKind, ParameterValue, SIGNAL_COOLDOWN_SECS,
    Signal, SignalActivity, SignalError,
};
pub use tokens::{AuthError, TokenProvider, TokenStatus, renewal_due_after};
pub use workflow_id::{WorkflowId, WorkflowIdError};
