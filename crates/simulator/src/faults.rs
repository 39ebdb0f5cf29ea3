//! Network faults between Flowdeck and Adobe (acs-api.md §7): what hotel Wi-Fi, a corporate
//! proxy or a sleeping laptop do to a request. Each is armed for one endpoint and a number of
//! requests, so a test can break exactly the request it is about.

use std::time::{Duration, SystemTime};

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::{StreamExt as _, stream};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::serve::ConnectionDropper;

/// Which requests a fault is armed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Endpoint {
    /// `POST …/commands`
    Commands,
    /// `GET …/execution/<id>`
    Reads,
    /// `POST /ims/token/v3`
    Ims,
    /// `POST …/activities/activity/<PKey>/trigger/`
    Signals,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Fault {
    /// The connection closes before Campaign reads the request: nothing is carried out, but the
    /// client cannot know that.
    DropBeforeReading,
    /// Campaign carries the request out, then the connection closes before the answer.
    DropAfterProcessing,
    /// The answer's headers and half its body arrive, then nothing more.
    StallMidBody,
    /// The real status with a body of this many bytes.
    HugeBody { bytes: usize },
    /// The real status with a body that is not UTF-8.
    InvalidUtf8,
    /// A proxy's HTML error page (502, 504…); `processed`: whether Campaign got the request
    /// before the proxy gave up waiting for it.
    ProxyPage { status: u16, processed: bool },
    /// A redirect to a sign-in page, as captive portals and some proxies send.
    Redirect,
    /// The answer is held back this long before the request is handled.
    Slow { ms: u64 },
    /// This status, in the endpoint's own error shape, before the request is handled.
    Status {
        status: u16,
        #[serde(default)]
        retry_after: Option<RetryAfter>,
    },
}

/// `Retry-After` in either of the forms HTTP allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RetryAfter {
    Seconds(u64),
    /// An HTTP date this many seconds from now.
    HttpDate(u64),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArmedFault {
    pub on: Endpoint,
    pub fault: Fault,
    /// How many requests to `on` get it; `None`: every one until the switches change.
    #[serde(default)]
    pub times: Option<u32>,
}

/// Where a [`Fault::Redirect`] points: on the simulator itself, so a client that followed it
/// would be seen asking for it.
pub const REDIRECT_LOCATION: &str = "/sign-in?next=campaign";

/// How long a stalled body waits: far longer than any client should.
const STALL: Duration = Duration::from_secs(3600);

impl Fault {
    /// Acts before the request is handled. `Some` is the whole answer; `None` lets the request
    /// through (after a delay, for `Slow`). A drop never returns: its connection is gone.
    pub(crate) async fn before(
        &self,
        on: Endpoint,
        dropper: &ConnectionDropper,
    ) -> Option<Response> {
        match *self {
            Self::DropBeforeReading => dropper.drop_now().await,
            Self::Slow { ms } => {
                tokio::time::sleep(Duration::from_millis(ms)).await;
                None
            }
            Self::Redirect => Some(redirect()),
            Self::ProxyPage {
                status,
                processed: false,
            } => Some(proxy_page(status)),
            Self::Status {
                status,
                retry_after,
            } => Some(status_answer(on, status, retry_after)),
            _ => None,
        }
    }

    /// Acts on the answer of a request that was handled.
    pub(crate) async fn after(&self, answer: Response, dropper: &ConnectionDropper) -> Response {
        match *self {
            Self::DropAfterProcessing => dropper.drop_now().await,
            Self::ProxyPage {
                status,
                processed: true,
            } => proxy_page(status),
            Self::StallMidBody => stalled(answer).await,
            Self::HugeBody { bytes } => with_body(answer, Body::from(vec![b' '; bytes])),
            Self::InvalidUtf8 => with_body(
                answer,
                Body::from(b"{\"label\":\"News\xff\xfeletter\"}".to_vec()),
            ),
            _ => answer,
        }
    }
}

fn redirect() -> Response {
    (
        StatusCode::FOUND,
        [(header::LOCATION, REDIRECT_LOCATION)],
        "<html><body>Please sign in to the network.</body></html>",
    )
        .into_response()
}

fn proxy_page(status: u16) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
    let page = format!(
        "<html><head><title>{status}</title></head><body><h1>{status}</h1>\
         <p>The proxy server received an invalid response from an upstream server.</p></body></html>"
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page,
    )
        .into_response()
}

fn status_answer(on: Endpoint, status: u16, retry_after: Option<RetryAfter>) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = match on {
        Endpoint::Ims => {
            json!({ "error": "server_error", "error_description": status.to_string() })
        }
        Endpoint::Commands | Endpoint::Reads | Endpoint::Signals => json!({
            "error_code": format!("{}050", status.as_u16()),
            "message": status.canonical_reason().unwrap_or("Error"),
        }),
    };
    let mut response = (status, axum::Json(body)).into_response();
    if let Some(value) = retry_after.and_then(RetryAfter::header_value) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

impl RetryAfter {
    fn header_value(self) -> Option<HeaderValue> {
        match self {
            Self::Seconds(seconds) => Some(HeaderValue::from(seconds)),
            Self::HttpDate(seconds) => {
                let when = SystemTime::now() + Duration::from_secs(seconds);
                HeaderValue::from_str(&httpdate::fmt_http_date(when)).ok()
            }
        }
    }
}

fn with_body(answer: Response, body: Body) -> Response {
    let (mut parts, _) = answer.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, body)
}

/// Sends the headers and the first half of the body, then waits.
async fn stalled(answer: Response) -> Response {
    let (mut parts, body) = answer.into_parts();
    let full = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let half = Bytes::copy_from_slice(&full[..full.len() / 2]);
    parts.headers.remove(header::CONTENT_LENGTH);
    let first = stream::once(async move { Ok::<_, std::io::Error>(half) });
    let never = stream::once(async {
        tokio::time::sleep(STALL).await;
        Ok::<_, std::io::Error>(Bytes::new())
    });
    Response::from_parts(parts, Body::from_stream(first.chain(never)))
}
