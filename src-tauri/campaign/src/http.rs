use std::time::Duration;

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

pub(crate) fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    value.parse::<u64>().ok().map(Duration::from_secs)
}
