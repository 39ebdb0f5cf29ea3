//! One access token per connection: fetched when needed, renewed shortly before it expires or once
//! after Campaign rejects it, with at most one IMS request in flight and never a loop.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use tokio::sync::Mutex;

use crate::AccessToken;
use crate::ims::{IMS_TIMEOUT, ImsCredentials, ImsError, request_token};

/// Renew this long before expiry, or a tenth of the lifetime for short-lived tokens.
const RENEWAL_MARGIN: Duration = Duration::from_secs(5 * 60);
/// After IMS refused, ask again no sooner than this: never a loop against IMS.
const IMS_COOL_DOWN: Duration = Duration::from_secs(10);
/// No token lives longer than this, whatever IMS or a pasted token claims (Adobe's: a day).
const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(366 * 24 * 3600);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    #[error(transparent)]
    Ims(#[from] ImsError),
    #[error("no access token has been pasted for this connection")]
    TokenMissing,
    #[error("no client secret is stored for this connection")]
    SecretMissing,
    #[error("the pasted access token has expired")]
    TokenExpired,
}

/// What the UI may know about a connection's token: never the token itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum TokenStatus {
    #[serde(rename_all = "camelCase")]
    Connected {
        expires_at_ms: Option<u64>,
    },
    Expired,
    Missing,
}

/// The moment to renew a token of this lifetime, counted from when it was issued.
pub fn renewal_due_after(lifetime: Duration) -> Duration {
    lifetime.saturating_sub(RENEWAL_MARGIN.min(lifetime / 10))
}

enum Source {
    OAuth(ImsCredentials),
    /// OAuth, but the client secret has not been entered yet.
    SecretMissing,
    Pasted,
}

struct Held {
    token: AccessToken,
    renew_at: Option<Instant>,
    expires_at_ms: Option<u64>,
    rejected: bool,
}

#[derive(Default)]
struct State {
    held: Option<Held>,
    last_ims_failure: Option<(Instant, ImsError)>,
}

pub struct TokenProvider {
    source: Source,
    ims_timeout: Duration,
    // A tokio mutex, held across the IMS request: concurrent callers wait for that one request.
    state: Mutex<State>,
}

impl TokenProvider {
    pub fn oauth(credentials: ImsCredentials) -> Self {
        Self {
            source: Source::OAuth(credentials),
            ims_timeout: IMS_TIMEOUT,
            state: Mutex::new(State::default()),
        }
    }

    pub fn secret_missing() -> Self {
        Self {
            source: Source::SecretMissing,
            ims_timeout: IMS_TIMEOUT,
            state: Mutex::new(State::default()),
        }
    }

    pub fn pasted(token: Option<AccessToken>) -> Self {
        let provider = Self {
            source: Source::Pasted,
            ims_timeout: IMS_TIMEOUT,
            state: Mutex::new(State::default()),
        };
        if let Some(token) = token {
            provider.state.try_lock().expect("new").held = Some(pasted_held(token));
        }
        provider
    }

    /// How long one IMS request may take; shorter in tests.
    pub fn with_ims_timeout(mut self, timeout: Duration) -> Self {
        self.ims_timeout = timeout;
        self
    }

    /// Whether a rejected token can be replaced without asking the user.
    pub fn renews_itself(&self) -> bool {
        matches!(self.source, Source::OAuth(_))
    }

    /// A token to use now.
    pub async fn token(&self) -> Result<AccessToken, AuthError> {
        let mut state = self.state.lock().await;
        if let Some(held) = &state.held
            && !held.rejected
            && held.renew_at.is_none_or(|at| Instant::now() < at)
        {
            return Ok(held.token.clone());
        }
        let credentials = match &self.source {
            Source::OAuth(credentials) => credentials,
            Source::SecretMissing => return Err(AuthError::SecretMissing),
            Source::Pasted if state.held.is_some() => return Err(AuthError::TokenExpired),
            Source::Pasted => return Err(AuthError::TokenMissing),
        };
        if let Some((at, error)) = &state.last_ims_failure
            && at.elapsed() < cool_down_after(error)
        {
            return Err(error.clone().into());
        }
        match request_token(credentials, self.ims_timeout).await {
            Ok(issued) => {
                let lifetime = issued.lifetime.min(MAX_TOKEN_LIFETIME);
                state.held = Some(Held {
                    token: issued.token.clone(),
                    renew_at: Some(Instant::now() + renewal_due_after(lifetime)),
                    expires_at_ms: Some(now_ms().saturating_add(millis(lifetime))),
                    rejected: false,
                });
                state.last_ims_failure = None;
                Ok(issued.token)
            }
            Err(error) => {
                state.last_ims_failure = Some((Instant::now(), error.clone()));
                Err(error.into())
            }
        }
    }

    /// Campaign answered 401 to `token`. If it is still the current one, it is dropped, so the
    /// next `token()` renews it (OAuth) or reports it expired (pasted). A token already
    /// replaced by a concurrent caller is left alone: one 401 wave, one renewal.
    pub async fn rejected(&self, token: &AccessToken) {
        let mut state = self.state.lock().await;
        if let Some(held) = state.held.as_mut()
            && &held.token == token
        {
            held.rejected = true;
        }
    }

    pub async fn status(&self) -> TokenStatus {
        let state = self.state.lock().await;
        match (&self.source, &state.held) {
            (_, Some(held))
                if held.rejected || held.renew_at.is_some_and(|at| Instant::now() >= at) =>
            {
                if self.renews_itself() {
                    TokenStatus::Connected {
                        expires_at_ms: None,
                    }
                } else {
                    TokenStatus::Expired
                }
            }
            (_, Some(held)) => TokenStatus::Connected {
                expires_at_ms: held.expires_at_ms,
            },
            (Source::OAuth(_), None) => TokenStatus::Connected {
                expires_at_ms: None,
            },
            (Source::Pasted | Source::SecretMissing, None) => TokenStatus::Missing,
        }
    }
}

/// How long to leave IMS alone after it failed: its own `Retry-After` when it gave a longer one.
fn cool_down_after(error: &ImsError) -> Duration {
    match error {
        ImsError::Busy {
            retry_after: Some(wait),
        } => IMS_COOL_DOWN.max(*wait),
        _ => IMS_COOL_DOWN,
    }
}

/// IMS tokens are JWTs whose payload says when they were created and for how long they live;
/// a pasted token that says so is treated as expired from then on.
fn pasted_held(token: AccessToken) -> Held {
    let expires_at_ms = jwt_expiry_ms(token.expose());
    let renew_at = expires_at_ms.map(|expiry| {
        let remaining = Duration::from_millis(expiry.saturating_sub(now_ms()));
        Instant::now() + remaining.min(MAX_TOKEN_LIFETIME)
    });
    Held {
        token,
        renew_at,
        expires_at_ms,
        rejected: false,
    }
}

fn jwt_expiry_ms(token: &str) -> Option<u64> {
    let payload = token.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let number = |key: &str| match &claims[key] {
        serde_json::Value::String(s) => s.parse::<u64>().ok(),
        value => value.as_u64(),
    };
    match (number("created_at"), number("expires_in")) {
        // A crafted token may claim anything: an expiry beyond u64 is no expiry anyone can use.
        (Some(created), Some(lifetime)) => created.checked_add(lifetime),
        _ => number("exp").and_then(|seconds| seconds.checked_mul(1000)),
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(millis)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renews_five_minutes_early_or_a_tenth_early_for_short_tokens() {
        assert_eq!(
            renewal_due_after(Duration::from_secs(86_399)),
            Duration::from_secs(86_099)
        );
        assert_eq!(
            renewal_due_after(Duration::from_secs(3_000)),
            Duration::from_secs(2_700)
        );
        assert_eq!(
            renewal_due_after(Duration::from_secs(10)),
            Duration::from_secs(9)
        );
        assert_eq!(renewal_due_after(Duration::ZERO), Duration::ZERO);
    }

    fn jwt(claims: serde_json::Value) -> String {
        let encode = |v: &[u8]| URL_SAFE_NO_PAD.encode(v);
        format!(
            "{}.{}.sig",
            encode(br#"{"alg":"RS256"}"#),
            encode(claims.to_string().as_bytes())
        )
    }

    #[test]
    fn reads_the_expiry_of_an_ims_token() {
        let token =
            jwt(serde_json::json!({ "created_at": "1700000000000", "expires_in": "86400000" }));
        assert_eq!(jwt_expiry_ms(&token), Some(1_700_086_400_000));
        let standard = jwt(serde_json::json!({ "exp": 1_700_000_000 }));
        assert_eq!(jwt_expiry_ms(&standard), Some(1_700_000_000_000));
        assert_eq!(jwt_expiry_ms("not-a-jwt"), None);
    }

    #[tokio::test]
    async fn a_pasted_token_is_used_until_it_expires_or_is_rejected() {
        let missing = TokenProvider::pasted(None);
        assert_eq!(missing.token().await, Err(AuthError::TokenMissing));
        assert_eq!(missing.status().await, TokenStatus::Missing);

        let expired = jwt(serde_json::json!({ "exp": 1_000 }));
        let provider = TokenProvider::pasted(Some(AccessToken::new(expired)));
        assert_eq!(provider.token().await, Err(AuthError::TokenExpired));
        assert_eq!(provider.status().await, TokenStatus::Expired);

        let token = AccessToken::new("opaque-token");
        let provider = TokenProvider::pasted(Some(token.clone()));
        assert_eq!(provider.token().await, Ok(token.clone()));
        provider.rejected(&token).await;
        assert_eq!(provider.token().await, Err(AuthError::TokenExpired));
        assert!(!provider.renews_itself());
    }
}
