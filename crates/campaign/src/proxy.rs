//! How requests to Adobe leave this computer: through the proxy the system names (the
//! default: Windows' and macOS' proxy settings, Linux's `HTTPS_PROXY`), straight out, or
//! through one the user typed, perhaps with a user name and password. Requests to this
//! computer (the demo's simulator) never go through any of them.
//!
//! The route is the machine's, not a connection's: one for the whole process, as a browser
//! has one, so every connection and sign-in takes the same way out.

use std::fmt;
use std::sync::RwLock;

use zeroize::Zeroizing;

/// Which way requests to Adobe go.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ProxyRoute {
    /// Whatever proxy the operating system names for the address (or none).
    #[default]
    System,
    /// Never through a proxy.
    Direct,
    /// Through this proxy, for every address but this computer's.
    Manual(ManualProxy),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualProxy {
    pub address: ProxyAddress,
    pub sign_in: Option<ProxySignIn>,
}

/// A proxy's host and port, as a user types them ("proxy.corp:8080", with or without
/// "http://"). Only plain HTTP proxies: the tunnel to Adobe inside is HTTPS all the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyAddress {
    host: String,
    port: u16,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ProxyAddressError {
    #[error("the proxy's address is empty")]
    Empty,
    #[error("the proxy's address must be a host and a port, such as proxy.example.com:8080")]
    Malformed,
}

impl ProxyAddress {
    pub fn parse(typed: &str) -> Result<Self, ProxyAddressError> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Err(ProxyAddressError::Empty);
        }
        let with_scheme = if typed.contains("://") {
            typed.to_owned()
        } else {
            format!("http://{typed}")
        };
        let url = url::Url::parse(&with_scheme).map_err(|_| ProxyAddressError::Malformed)?;
        let plain = url.scheme() == "http"
            && url.username().is_empty()
            && url.password().is_none()
            && matches!(url.path(), "" | "/")
            && url.query().is_none()
            && url.fragment().is_none();
        // A port is required: proxies rarely listen on 80, and a guess would fail unexplained.
        match (plain, url.host_str(), url.port()) {
            (true, Some(host), Some(port)) if !host.is_empty() => Ok(Self {
                host: host.to_owned(),
                port,
            }),
            _ => Err(ProxyAddressError::Malformed),
        }
    }

    fn url(&self) -> String {
        format!("http://{self}")
    }
}

impl fmt::Display for ProxyAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.host, self.port)
    }
}

/// The user name and password a proxy asks for. The password has a redacted `Debug`, no
/// `Display`, and is zeroed when dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct ProxySignIn {
    pub user: String,
    password: Zeroizing<String>,
}

impl ProxySignIn {
    pub fn new(user: impl Into<String>, password: impl Into<String>) -> Self {
        Self {
            user: user.into(),
            password: Zeroizing::new(password.into()),
        }
    }
}

impl fmt::Debug for ProxySignIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ProxySignIn({}, <redacted>)", self.user)
    }
}

static ROUTE: RwLock<ProxyRoute> = RwLock::new(ProxyRoute::System);

pub(crate) fn set_route(route: ProxyRoute) {
    *ROUTE
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner()) = route;
}

pub(crate) fn current_route() -> ProxyRoute {
    ROUTE
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .clone()
}

/// The proxy (host and port) a request to `url` goes through now, to name it when it refuses.
pub(crate) fn proxy_for(url: &url::Url) -> Option<String> {
    match current_route() {
        ProxyRoute::Direct => None,
        ProxyRoute::Manual(manual) => Some(manual.address.to_string()),
        // The same reading of the system's settings as reqwest's own (hyper-util's matcher).
        ProxyRoute::System => {
            let uri = url.as_str().parse().ok()?;
            let intercept =
                hyper_util::client::proxy::matcher::Matcher::from_system().intercept(&uri)?;
            let proxy = intercept.uri();
            let host = proxy.host()?;
            Some(match proxy.port_u16() {
                Some(port) => format!("{host}:{port}"),
                None => host.to_owned(),
            })
        }
    }
}

/// The reqwest proxy for a manual route; `None` where the route is not manual.
pub(crate) fn manual_proxy(route: &ProxyRoute) -> Option<reqwest::Result<reqwest::Proxy>> {
    let ProxyRoute::Manual(manual) = route else {
        return None;
    };
    Some(
        reqwest::Proxy::all(manual.address.url()).map(|proxy| match &manual.sign_in {
            Some(sign_in) => proxy.basic_auth(&sign_in.user, &sign_in.password),
            None => proxy,
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proxy_is_a_host_and_a_port_with_or_without_http() {
        for typed in [
            "proxy.corp:8080",
            " http://proxy.corp:8080/ ",
            "HTTP://proxy.corp:8080",
        ] {
            assert_eq!(
                ProxyAddress::parse(typed).unwrap().to_string(),
                "proxy.corp:8080",
                "{typed}"
            );
        }
        assert_eq!(
            ProxyAddress::parse("[::1]:3128").unwrap().to_string(),
            "[::1]:3128"
        );
    }

    #[test]
    fn what_is_not_a_proxy_address_is_refused() {
        assert_eq!(ProxyAddress::parse("  "), Err(ProxyAddressError::Empty));
        for typed in [
            "proxy.corp",
            "https://proxy.corp:8443",
            "socks5://proxy.corp:1080",
            "http://user:pw@proxy.corp:8080",
            "proxy.corp:8080/path",
            "proxy.corp:99999",
            "proxy corp:8080",
        ] {
            assert_eq!(
                ProxyAddress::parse(typed),
                Err(ProxyAddressError::Malformed),
                "{typed}"
            );
        }
    }

    #[test]
    fn a_proxy_password_never_shows_in_debug() {
        let sign_in = ProxySignIn::new("mia", "hunter2");
        assert_eq!(format!("{sign_in:?}"), "ProxySignIn(mia, <redacted>)");
    }
}
