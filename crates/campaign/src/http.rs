use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, SystemTime};

use crate::proxy::{self, ProxyRoute};
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
    let made = Arc::clone(clients().entry((endpoint, connect_timeout)).or_default());
    made.get_or_init(|| {
        let mut builder = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(connect_timeout)
            // A redirect would carry a token or a secret to another endpoint.
            .redirect(reqwest::redirect::Policy::none());
        match endpoint {
            // No proxy may intercept the local simulator.
            Endpoint::LocalPlain | Endpoint::LocalTls => builder = builder.no_proxy(),
            Endpoint::Remote => match proxy::current_route() {
                ProxyRoute::System => {}
                ProxyRoute::Direct => builder = builder.no_proxy(),
                manual @ ProxyRoute::Manual(_) => {
                    builder = builder.proxy(proxy::manual_proxy(&manual)?.ok()?);
                }
            },
        }
        if endpoint == Endpoint::LocalPlain {
            builder = builder.tls_built_in_root_certs(false);
        }
        builder.build().ok()
    })
    .clone()
}

type Made = Arc<OnceLock<Option<reqwest::Client>>>;

fn clients() -> MutexGuard<'static, BTreeMap<(Endpoint, Duration), Made>> {
    static CLIENTS: Mutex<BTreeMap<(Endpoint, Duration), Made>> = Mutex::new(BTreeMap::new());
    CLIENTS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Sends every later request to Adobe, and every sign-in, the way `route` says: clients to
/// Adobe are made again, on the new route, when next needed. Requests on their way keep the
/// way they started on.
pub fn route_requests(route: ProxyRoute) {
    proxy::set_route(route);
    clients().retain(|(endpoint, _), _| *endpoint != Endpoint::Remote);
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

/// A proxy between Flowdeck and Adobe that did not let the request through, and which one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyRefusal {
    pub problem: ProxyProblem,
    /// Its host and port, where known (the route names it, or the system's settings do).
    pub proxy: Option<String>,
}

impl std::fmt::Display for ProxyRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.proxy {
            Some(proxy) => write!(f, "the proxy {proxy}")?,
            None => f.write_str("the system's proxy")?,
        }
        f.write_str(match self.problem {
            ProxyProblem::AuthRequired => " wants a user name and password",
            ProxyProblem::Refused => " would not open the way",
            ProxyProblem::Unreachable => " could not be reached",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyProblem {
    /// It wants a user name and password (HTTP 407), or the one it has was wrong.
    AuthRequired,
    /// It would not open the way to Adobe (any other answer to CONNECT).
    Refused,
    /// It could not be reached at all.
    Unreachable,
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
    let proxy = || error.url().and_then(proxy::proxy_for);
    if let Some(problem) = proxy_problem(error) {
        Transport::Proxy(ProxyRefusal {
            problem,
            proxy: proxy(),
        })
    } else if error.is_connect() {
        // Through a proxy, the connection that failed is the one to the proxy.
        match proxy() {
            Some(proxy) => Transport::Proxy(ProxyRefusal {
                problem: ProxyProblem::Unreachable,
                proxy: Some(proxy),
            }),
            None => Transport::Unreachable,
        }
    } else if error.is_timeout() {
        Transport::Timeout
    } else {
        Transport::ConnectionLost
    }
}

/// A proxy's refusal, as hyper-util words its tunnel errors (its type is not public): pinned by
/// `tests/proxy.rs` and `tests/company_proxy.rs` against real answers (407, 401, nobody there).
fn proxy_problem(error: &reqwest::Error) -> Option<ProxyProblem> {
    let mut source: Option<&dyn std::error::Error> = Some(error);
    while let Some(cause) = source {
        let text = cause.to_string();
        if let Some(tunnel) = text.strip_prefix("tunnel error: ") {
            return Some(if tunnel.starts_with("proxy authorization required") {
                ProxyProblem::AuthRequired
            } else if tunnel.starts_with("failed to create underlying connection") {
                ProxyProblem::Unreachable
            } else {
                ProxyProblem::Refused
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
