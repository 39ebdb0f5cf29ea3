use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, SystemTime};

use crate::{BaseUrl, REQUEST_TIMEOUT};

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const USER_AGENT: &str = concat!("Flowdeck/", env!("CARGO_PKG_VERSION"));

/// The kinds of endpoint, each with its own HTTP client for the whole process, not one per
/// deck and token request: a client holds the connection pool and its TLS context, whose
/// making is the slow part (with native-tls, OpenSSL reads the system's CA bundle: about
/// 40 ms, measured with built-in roots on and off alike).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Endpoint {
    /// Plain HTTP, which only a loopback address may use (the local simulator): no built-in
    /// roots to trust, and no system proxy in between.
    LocalPlain,
    /// HTTPS on this machine: certificates, but no system proxy.
    LocalTls,
    /// HTTPS elsewhere (Adobe): certificates and the system's proxy.
    Remote,
}

impl Endpoint {
    fn of(base_url: &BaseUrl) -> Self {
        match (base_url.is_loopback(), base_url.is_https()) {
            (true, false) => Self::LocalPlain,
            (true, true) => Self::LocalTls,
            (false, _) => Self::Remote,
        }
    }
}

/// A connection not made within this is reported as never made, which is what it is: so it
/// must not be longer than the request's own timeout, or a slow connect would pass for a lost
/// answer. Clients are kept per endpoint and connect timeout, each made once: one caller makes
/// it while the others wait for that one, and clients of other endpoints are made meanwhile.
fn client(endpoint: Endpoint, connect_timeout: Duration) -> Option<reqwest::Client> {
    type Made = Arc<OnceLock<Option<reqwest::Client>>>;
    static CLIENTS: Mutex<BTreeMap<(Endpoint, Duration), Made>> = Mutex::new(BTreeMap::new());
    let made = Arc::clone(
        CLIENTS
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .entry((endpoint, connect_timeout))
            .or_default(),
    );
    made.get_or_init(|| {
        let mut builder = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(connect_timeout)
            // A redirect would carry a token or a secret to another endpoint.
            .redirect(reqwest::redirect::Policy::none());
        if endpoint != Endpoint::Remote {
            // A system proxy must not intercept the local simulator.
            builder = builder.no_proxy();
        }
        if endpoint == Endpoint::LocalPlain {
            builder = builder.tls_built_in_root_certs(false);
        }
        builder.build().ok()
    })
    .clone()
}

/// The HTTP client requests to `base_url` with this `timeout` go through (each request sets
/// the timeout itself); none where it could not be made. Clones share one connection pool.
pub(crate) fn client_for(base_url: &BaseUrl, timeout: Duration) -> Option<reqwest::Client> {
    client(Endpoint::of(base_url), CONNECT_TIMEOUT.min(timeout))
}

/// Makes the HTTP clients for these addresses now, each on a thread of its own, so that
/// opening a deck does not wait for one. Even for plain HTTP to the demo simulator,
/// native-tls makes a TLS context, for which OpenSSL reads the system's certificates (60-70 ms
/// in a debug build): that was on the way from the window's first request for its deck to
/// the cards.
pub fn prepare_clients_for<'a>(base_urls: impl IntoIterator<Item = &'a BaseUrl>) {
    let endpoints: BTreeSet<Endpoint> = base_urls.into_iter().map(Endpoint::of).collect();
    for endpoint in endpoints {
        std::thread::spawn(move || client(endpoint, CONNECT_TIMEOUT.min(REQUEST_TIMEOUT)));
    }
}

/// What a proxy between Flowdeck and Adobe answered instead of letting the request through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyRefusal {
    /// It wants a user name and password (HTTP 407).
    AuthRequired,
    /// It would not open the way to Adobe (any other answer to CONNECT).
    Refused,
}

/// Where a request failed decides whether it may have had an effect.
pub(crate) enum Transport {
    /// Never connected: nothing was sent.
    Unreachable,
    /// A proxy refused to open the way: nothing was sent.
    Proxy(ProxyRefusal),
    /// No answer in time: it may have been carried out.
    Timeout,
    /// The connection broke mid-way: it may have been carried out.
    ConnectionLost,
}

pub(crate) fn classify(error: &reqwest::Error) -> Transport {
    if let Some(refusal) = proxy_refusal(error) {
        Transport::Proxy(refusal)
    } else if error.is_connect() {
        Transport::Unreachable
    } else if error.is_timeout() {
        Transport::Timeout
    } else {
        Transport::ConnectionLost
    }
}

/// A proxy's refusal, as hyper-util words its tunnel errors (its type is not public): pinned by
/// `tests/proxy.rs` against a proxy answering 407.
fn proxy_refusal(error: &reqwest::Error) -> Option<ProxyRefusal> {
    let mut source: Option<&dyn std::error::Error> = Some(error);
    while let Some(cause) = source {
        let text = cause.to_string();
        if let Some(tunnel) = text.strip_prefix("tunnel error: ") {
            return Some(if tunnel.contains("proxy authorization required") {
                ProxyRefusal::AuthRequired
            } else {
                ProxyRefusal::Refused
            });
        }
        source = cause.source();
    }
    None
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
