//! Adobe IMS, OAuth Server-to-Server (acs-api.md §4): a client ID and secret for an access token.

use std::fmt;
use std::time::Duration;

use serde::Deserialize;
use zeroize::Zeroizing;

use crate::http::{self, ProxyRefusal, Transport};
use crate::{AccessToken, ApiKey, BaseUrl};

pub const ADOBE_IMS_URL: &str = "https://ims-na1.adobelogin.com";
/// What a Campaign credential's page usually lists; the user can edit it.
pub const DEFAULT_SCOPES: &str =
    "openid,AdobeID,campaign_sdk,additional_info.projectedProductContext";
pub const IMS_TIMEOUT: Duration = Duration::from_secs(30);
/// A token answer is a few kilobytes; anything far beyond is not IMS.
const MAX_IMS_BODY: usize = 64 * 1024;

/// The credential's client secret. Redacted `Debug`, no `Display`, no `Serialize`; zeroed
/// when dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct ClientSecret(Zeroizing<String>);

impl ClientSecret {
    pub fn new(secret: impl Into<String>) -> Self {
        Self(Zeroizing::new(secret.into()))
    }
}

impl fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ClientSecret(<redacted>)")
    }
}

/// Everything IMS needs to issue a token for one Developer Console credential.
#[derive(Debug, Clone)]
pub struct ImsCredentials {
    pub ims_url: BaseUrl,
    /// The credential's client ID, which is also Campaign's API key.
    pub client_id: ApiKey,
    pub client_secret: ClientSecret,
    /// Comma-separated, as copied from the credential's page.
    pub scopes: String,
}

#[derive(Debug)]
pub struct IssuedToken {
    pub token: AccessToken,
    pub lifetime: Duration,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImsError {
    #[error("IMS did not accept the client ID")]
    InvalidClientId,
    #[error("IMS did not accept the client secret")]
    InvalidClientSecret,
    #[error("IMS did not accept the scopes")]
    InvalidScope,
    #[error("IMS is busy")]
    Busy { retry_after: Option<Duration> },
    #[error("IMS is having trouble (HTTP {status})")]
    Unavailable { status: u16 },
    #[error("IMS refused the request (HTTP {status}): {error}")]
    Refused { status: u16, error: String },
    #[error("IMS could not be reached")]
    Unreachable,
    /// The network's proxy would not let the sign-in through.
    #[error("{0}: nothing reached Adobe's sign-in")]
    Proxy(ProxyRefusal),
    #[error("IMS did not answer in time")]
    Timeout,
    #[error("the connection to IMS dropped")]
    ConnectionLost,
    #[error("IMS's answer could not be read")]
    UnexpectedAnswer,
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    expires_in: u64,
}

#[derive(Deserialize, Default)]
struct ErrorAnswer {
    #[serde(default)]
    error: String,
    #[serde(default)]
    error_description: String,
}

/// `POST <ims>/ims/token/v3` with the form fields of acs-api.md §4. One request, never retried
/// here: IMS throttles integrations that ask too often.
pub async fn request_token(
    credentials: &ImsCredentials,
    timeout: Duration,
) -> Result<IssuedToken, ImsError> {
    let http = http::client_for(&credentials.ims_url, timeout).ok_or(ImsError::Unreachable)?;
    let mut url = credentials.ims_url.url().clone();
    url.path_segments_mut()
        .expect("BaseUrl guarantees a base URL")
        .pop_if_empty()
        .extend(["ims", "token", "v3"]);
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", credentials.client_id.as_str()),
        ("client_secret", credentials.client_secret.0.as_str()),
        ("scope", credentials.scopes.as_str()),
    ];
    let response = http
        .post(url)
        .timeout(timeout)
        .form(&form)
        .send()
        .await
        .map_err(transport)?;
    let status = response.status();
    let retry_after = http::retry_after(response.headers());
    let (body, complete) = http::read_bounded(response, MAX_IMS_BODY)
        .await
        .map_err(transport)?;
    if !complete {
        return Err(ImsError::UnexpectedAnswer);
    }
    let body = String::from_utf8_lossy(&body);
    if status.is_success() {
        let answer: TokenAnswer =
            serde_json::from_str(&body).map_err(|_| ImsError::UnexpectedAnswer)?;
        return Ok(IssuedToken {
            token: AccessToken::new(answer.access_token),
            lifetime: Duration::from_secs(answer.expires_in),
        });
    }
    let answer: ErrorAnswer = serde_json::from_str(&body).unwrap_or_default();
    Err(match (status.as_u16(), answer.error.as_str()) {
        (429 | 503, _) => ImsError::Busy { retry_after },
        (500..=599, _) => ImsError::Unavailable {
            status: status.as_u16(),
        },
        (_, "invalid_client") if answer.error_description.contains("client_id") => {
            ImsError::InvalidClientId
        }
        (_, "invalid_client") => ImsError::InvalidClientSecret,
        (_, "invalid_scope") => ImsError::InvalidScope,
        (status, error) => ImsError::Refused {
            status,
            error: error.to_owned(),
        },
    })
}

fn transport(error: reqwest::Error) -> ImsError {
    match http::classify(&error) {
        Transport::Unreachable => ImsError::Unreachable,
        Transport::Proxy(refusal) => ImsError::Proxy(refusal),
        Transport::Timeout => ImsError::Timeout,
        Transport::ConnectionLost => ImsError::ConnectionLost,
    }
}
