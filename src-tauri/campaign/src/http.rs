use std::time::{Duration, SystemTime};

use crate::BaseUrl;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const USER_AGENT: &str = concat!("Flowdeck/", env!("CARGO_PKG_VERSION"));

/// The HTTP client every request to Adobe (or the simulator) goes through.
pub(crate) fn client_for(
    base_url: &BaseUrl,
    timeout: Duration,
) -> Result<reqwest::Client, reqwest::Error> {
    let mut builder = reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .timeout(timeout)
        .connect_timeout(CONNECT_TIMEOUT.min(timeout))
        // A redirect would carry a token or a secret to another endpoint.
        .redirect(reqwest::redirect::Policy::none());
    if base_url.is_loopback() {
        // A system proxy must not intercept the local simulator.
        builder = builder.no_proxy();
    }
    builder.build()
}

/// Where a request failed decides whether it may have had an effect.
pub(crate) enum Transport {
    /// Never connected: nothing was sent.
    Unreachable,
    /// No answer in time: it may have been carried out.
    Timeout,
    /// The connection broke mid-way: it may have been carried out.
    ConnectionLost,
}

pub(crate) fn classify(error: &reqwest::Error) -> Transport {
    if error.is_connect() {
        Transport::Unreachable
    } else if error.is_timeout() {
        Transport::Timeout
    } else {
        Transport::ConnectionLost
    }
}

/// The longest `Retry-After` honoured: a longer one is a misconfigured server, not a plan.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(15 * 60);

/// `Retry-After` in either form HTTP allows: seconds, or a date (a past one means now).
pub(crate) fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    let wait = match value.parse::<u64>() {
        Ok(seconds) => Duration::from_secs(seconds),
        Err(_) => {
            let when = httpdate::parse_http_date(value).ok()?;
            when.duration_since(SystemTime::now()).unwrap_or_default()
        }
    };
    Some(wait.min(MAX_RETRY_AFTER))
}

/// Reads at most `max` bytes of a body; says whether the whole body fitted.
pub(crate) async fn read_bounded(
    mut response: reqwest::Response,
    max: usize,
) -> Result<(Vec<u8>, bool), reqwest::Error> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        let room = max - body.len();
        if chunk.len() > room {
            body.extend_from_slice(&chunk[..room]);
            return Ok((body, false));
        }
        body.extend_from_slice(&chunk);
    }
    Ok((body, true))
}
