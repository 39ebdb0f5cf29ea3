use std::fmt;
use std::net::IpAddr;

use reqwest::header::HeaderValue;
use serde::{Deserialize, Serialize};
use url::{Host, Url};
use zeroize::Zeroizing;

/// Adobe's production gateway; the simulator and tests override it.
pub const ADOBE_BASE_URL: &str = "https://mc.adobe.io";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConnectionError {
    #[error("the address {0:?} is not a valid URL")]
    InvalidUrl(String),
    #[error("the address must use https (plain http is allowed only for this computer)")]
    InsecureUrl,
    #[error("the address must not carry a user name, password, query or fragment")]
    UnexpectedUrlParts,
    #[error("the tenant ID is empty")]
    EmptyTenant,
    #[error(
        "the tenant ID looks like an IMS organisation (…@AdobeOrg); Campaign wants its tenant ID, e.g. acme or acme-mkt-stage"
    )]
    TenantIsImsOrg,
    #[error("the tenant ID contains {0:?}; only letters, digits, '-' and '_' are allowed")]
    InvalidTenant(char),
    #[error("the tenant ID is longer than {MAX_TENANT_LEN} characters")]
    TenantTooLong,
    #[error("the API key is empty")]
    EmptyApiKey,
    #[error("the API key contains characters that cannot be sent in a header, or is too long")]
    InvalidApiKey,
    #[error("the access token is empty")]
    EmptyToken,
    /// Refused when pasted: a token a header cannot carry would only fail later, as a request
    /// that may or may not have run.
    #[error("the access token contains characters that cannot be sent in a header, or is too long")]
    UnsendableToken,
}

/// Campaign tenant IDs are short names (`acme-mkt-stage1`).
pub const MAX_TENANT_LEN: usize = 64;
const MAX_API_KEY_LEN: usize = 256;
/// IMS tokens are JWTs of one or two kilobytes.
pub const MAX_TOKEN_LEN: usize = 8 * 1024;

/// What an HTTP header value can carry without being rewritten: visible ASCII.
fn fits_a_header(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_graphic())
}

/// Where the Campaign gateway lives: https anywhere, or plain http on a loopback address only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct BaseUrl(Url);

impl BaseUrl {
    pub fn adobe() -> Self {
        Self::parse(ADOBE_BASE_URL).expect("Adobe's base URL is valid")
    }

    pub fn parse(raw: &str) -> Result<Self, ConnectionError> {
        let url =
            Url::parse(raw.trim()).map_err(|_| ConnectionError::InvalidUrl(raw.to_owned()))?;
        if url.cannot_be_a_base() || url.host().is_none() {
            return Err(ConnectionError::InvalidUrl(raw.to_owned()));
        }
        if !url.username().is_empty()
            || url.password().is_some()
            || url.query().is_some()
            || url.fragment().is_some()
        {
            return Err(ConnectionError::UnexpectedUrlParts);
        }
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&url) => {}
            _ => return Err(ConnectionError::InsecureUrl),
        }
        Ok(Self(url))
    }

    pub fn is_loopback(&self) -> bool {
        is_loopback(&self.0)
    }

    pub fn is_https(&self) -> bool {
        self.0.scheme() == "https"
    }

    pub fn host(&self) -> Option<&str> {
        self.0.host_str()
    }

    /// Whether this is Adobe's Campaign API gateway (`mc.adobe.io`): the only Campaign host an
    /// Adobe token is sent to without asking again.
    pub fn is_adobe_gateway(&self) -> bool {
        self.host()
            .is_some_and(|host| host.eq_ignore_ascii_case("mc.adobe.io"))
    }

    /// Whether this is one of Adobe's IMS hosts (`ims-na1.adobelogin.com` and its siblings):
    /// the only servers a client secret is sent to without asking again.
    pub fn is_adobe_sign_in(&self) -> bool {
        self.host().is_some_and(|host| {
            let host = host.to_ascii_lowercase();
            host == "adobelogin.com" || host.ends_with(".adobelogin.com")
        })
    }

    pub(crate) fn url(&self) -> &Url {
        &self.0
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

impl TryFrom<String> for BaseUrl {
    type Error = ConnectionError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<BaseUrl> for String {
    fn from(url: BaseUrl) -> Self {
        url.0.into()
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str().trim_end_matches('/'))
    }
}

/// The Campaign tenant ID (`acme`, `acme-mkt-stage1`): the ORGANIZATION of every URL.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Tenant(String);

impl Tenant {
    pub fn parse(raw: &str) -> Result<Self, ConnectionError> {
        let tenant = raw.trim();
        if tenant.is_empty() {
            return Err(ConnectionError::EmptyTenant);
        }
        if tenant.to_ascii_lowercase().ends_with("@adobeorg") {
            return Err(ConnectionError::TenantIsImsOrg);
        }
        if let Some(bad) = tenant
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_')))
        {
            return Err(ConnectionError::InvalidTenant(bad));
        }
        if tenant.len() > MAX_TENANT_LEN {
            return Err(ConnectionError::TenantTooLong);
        }
        Ok(Self(tenant.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Tenant {
    type Error = ConnectionError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Tenant> for String {
    fn from(tenant: Tenant) -> Self {
        tenant.0
    }
}

/// The Developer Console credential's client ID, sent as `X-Api-Key`. Not a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ApiKey(String);

impl ApiKey {
    pub fn parse(raw: &str) -> Result<Self, ConnectionError> {
        let key = raw.trim();
        if key.is_empty() {
            return Err(ConnectionError::EmptyApiKey);
        }
        if !fits_a_header(key) || key.len() > MAX_API_KEY_LEN {
            return Err(ConnectionError::InvalidApiKey);
        }
        Ok(Self(key.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ApiKey {
    type Error = ConnectionError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<ApiKey> for String {
    fn from(key: ApiKey) -> Self {
        key.0
    }
}

/// A bearer token. Deliberately neither `Serialize` nor `Display`, and its `Debug` is redacted,
/// so it cannot slip into a log line, an error message or an IPC response by accident; its
/// memory is zeroed when it is dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(Zeroizing<String>);

impl AccessToken {
    pub fn new(token: impl Into<String>) -> Self {
        Self(Zeroizing::new(token.into()))
    }

    /// A token as a user pasted it: trimmed, and refused unless a header can carry it.
    pub fn parse(pasted: &str) -> Result<Self, ConnectionError> {
        let token = pasted.trim();
        let token = token.strip_prefix("Bearer ").unwrap_or(token).trim();
        if token.is_empty() {
            return Err(ConnectionError::EmptyToken);
        }
        if !fits_a_header(token) || token.len() > MAX_TOKEN_LEN {
            return Err(ConnectionError::UnsendableToken);
        }
        Ok(Self::new(token))
    }

    /// The `Authorization` value, marked sensitive so that no HTTP layer logs or caches it.
    pub(crate) fn bearer_header(&self) -> HeaderValue {
        let header = Zeroizing::new(format!("Bearer {}", self.0.as_str()));
        let mut value = HeaderValue::from_str(&header)
            // Only a token from IMS can get here unparsed; one a header cannot carry is sent
            // as an empty credential, which Campaign refuses with a 401 before anything runs.
            .unwrap_or_else(|_| HeaderValue::from_static("Bearer"));
        value.set_sensitive(true);
        value
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}

/// Everything needed to address one Campaign instance, except the token: its API gateway, its
/// tenant and the credential's API key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    pub base_url: BaseUrl,
    pub tenant: Tenant,
    pub api_key: ApiKey,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_is_accepted_anywhere() {
        assert!(BaseUrl::parse("https://mc.adobe.io").is_ok());
        assert!(BaseUrl::parse("https://gateway.example.com/prefix").is_ok());
    }

    #[test]
    fn plain_http_is_accepted_only_on_loopback() {
        for ok in [
            "http://127.0.0.1:8080",
            "http://127.10.0.3",
            "http://[::1]:9000",
            "http://localhost:1234",
        ] {
            assert!(BaseUrl::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://mc.adobe.io",
            "http://192.168.1.10",
            "http://localhost.evil.com",
            "ftp://127.0.0.1",
        ] {
            assert_eq!(
                BaseUrl::parse(bad),
                Err(ConnectionError::InsecureUrl),
                "{bad}"
            );
        }
    }

    #[test]
    fn rejects_credentials_and_queries_in_the_address() {
        assert_eq!(
            BaseUrl::parse("https://user:pw@mc.adobe.io"),
            Err(ConnectionError::UnexpectedUrlParts)
        );
        assert_eq!(
            BaseUrl::parse("https://mc.adobe.io/?x=1"),
            Err(ConnectionError::UnexpectedUrlParts)
        );
        assert!(matches!(
            BaseUrl::parse("not a url"),
            Err(ConnectionError::InvalidUrl(_))
        ));
    }

    #[test]
    fn tenant_is_not_the_ims_org() {
        assert_eq!(
            Tenant::parse("1234ABCD@AdobeOrg"),
            Err(ConnectionError::TenantIsImsOrg)
        );
        assert_eq!(
            Tenant::parse("acme-mkt-stage1").unwrap().as_str(),
            "acme-mkt-stage1"
        );
        assert_eq!(
            Tenant::parse("ac me"),
            Err(ConnectionError::InvalidTenant(' '))
        );
        assert_eq!(
            Tenant::parse("acme/x"),
            Err(ConnectionError::InvalidTenant('/'))
        );
        assert_eq!(Tenant::parse(""), Err(ConnectionError::EmptyTenant));
    }

    #[test]
    fn api_key_must_fit_in_a_header() {
        assert!(ApiKey::parse("abc123def").is_ok());
        assert_eq!(ApiKey::parse("ab\ncd"), Err(ConnectionError::InvalidApiKey));
        assert_eq!(ApiKey::parse(" "), Err(ConnectionError::EmptyApiKey));
    }

    #[test]
    fn access_token_never_shows_itself() {
        let token = AccessToken::new("eyJ-secret-token");
        assert!(!format!("{token:?}").contains("secret"));
    }
}
