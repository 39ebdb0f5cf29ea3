use std::time::Duration;

use reqwest::header::{AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE, HeaderMap};
use reqwest::{Method, Response};
use serde::Serialize;
use url::Url;

use crate::address::{AccessToken, Address};
use crate::error::{ApiError, CampaignError};
use crate::http::{self, Transport};
use crate::record::WorkflowRecord;
use crate::signal::{Signal, SignalActivity};
use crate::{WorkflowCommand, WorkflowId};

/// Upper bound for one request, from connecting to the last byte of the answer: long enough for
/// a slow Campaign, short enough that a person watching a spinner is told what happened.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
/// Campaign's answers are small; anything beyond this is not a workflow record.
const MAX_RESPONSE_BYTES: usize = 256 * 1024;

/// Campaign accepted a command or a signal. Both take effect asynchronously: accepted is not
/// done (acs-api.md §2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Accepted {
    pub status: u16,
    pub request_id: Option<String>,
}

/// Talks to one Campaign instance. Cheap to clone; clones share one connection pool.
#[derive(Debug, Clone)]
pub struct CampaignClient {
    http: reqwest::Client,
    timeout: Duration,
    address: Address,
}

impl CampaignClient {
    pub fn new(address: Address) -> Result<Self, CampaignError> {
        Self::with_timeout(address, REQUEST_TIMEOUT)
    }

    pub fn with_timeout(address: Address, timeout: Duration) -> Result<Self, CampaignError> {
        let http =
            http::client_for(&address.base_url, timeout).ok_or(CampaignError::ClientSetup)?;
        Ok(Self {
            http,
            timeout,
            address,
        })
    }

    pub fn address(&self) -> &Address {
        &self.address
    }

    /// `POST /workflow/execution/<id>/commands` with `{"method": …}`. Never retried here: a
    /// resend after a lost answer could run a workflow twice.
    pub async fn send_command(
        &self,
        token: &AccessToken,
        workflow: &WorkflowId,
        command: WorkflowCommand,
    ) -> Result<Accepted, CampaignError> {
        let url = self.execution_url(workflow, true);
        let body = serde_json::json!({ "method": command.method() }).to_string();
        let response = self
            .request(Method::POST, url, token)
            .body(body)
            .send()
            .await;
        let response = response.map_err(transport_error)?;
        let status = response.status().as_u16();
        let request_id = request_id(response.headers());
        if response.status().is_success() {
            // Whatever the body says (it is undocumented), a 2xx means accepted.
            return Ok(Accepted { status, request_id });
        }
        Err(failure(response).await)
    }

    /// `GET /workflow/execution/<id>`: whether Campaign knows the workflow, and its status
    /// when the record carries one.
    pub async fn read_workflow(
        &self,
        token: &AccessToken,
        workflow: &WorkflowId,
    ) -> Result<WorkflowRecord, CampaignError> {
        let url = self.execution_url(workflow, false);
        let response = self.request(Method::GET, url, token).send().await;
        let response = response.map_err(transport_error)?;
        if !response.status().is_success() {
            return Err(failure(response).await);
        }
        let (body, complete) = http::read_bounded(response, MAX_RESPONSE_BYTES)
            .await
            .map_err(transport_error)?;
        if !complete {
            return Err(CampaignError::ResponseTooLarge);
        }
        let body = String::from_utf8(body).map_err(|_| CampaignError::UnreadableAnswer)?;
        Ok(WorkflowRecord::from_body(&body))
    }

    /// Triggers a signal activity at the href the workflow record lists, once that href is
    /// proven to be on this connection's own Campaign API: the token goes nowhere else.
    /// Never retried: Campaign accepts a signal at most once per cool-down.
    pub async fn send_signal(
        &self,
        token: &AccessToken,
        activity: &SignalActivity,
        signal: &Signal,
    ) -> Result<Accepted, CampaignError> {
        let url = self.trigger_url(&activity.trigger_href)?;
        let response = self
            .request(Method::POST, url, token)
            .body(signal.body().to_owned())
            .send()
            .await;
        let response = response.map_err(transport_error)?;
        let status = response.status().as_u16();
        let request_id = request_id(response.headers());
        if !response.status().is_success() {
            return Err(signal_failure(failure(response).await));
        }
        let body = http::read_bounded(response, MAX_RESPONSE_BYTES)
            .await
            .map(|(body, _)| body)
            .unwrap_or_default();
        // Campaign confirms a signal in JSON; "OK" or a page is what a signal sent again too
        // soon may get, and proves nothing.
        let confirmed = body.iter().all(u8::is_ascii_whitespace)
            || serde_json::from_slice::<serde_json::Value>(&body).is_ok();
        if !confirmed {
            return Err(CampaignError::SignalAnswerNotJson { status, request_id });
        }
        Ok(Accepted { status, request_id })
    }

    /// The trigger href as a URL, if it is on this connection's scheme, host and port, under
    /// its base path and tenant, and names a trigger: nothing else may receive the token.
    pub fn trigger_url(&self, href: &str) -> Result<Url, CampaignError> {
        // Host and port: a port is all that tells two servers on one host apart.
        let elsewhere = || CampaignError::SignalAddressElsewhere {
            host: Url::parse(href)
                .ok()
                .and_then(|url| {
                    let host = url.host_str()?;
                    Some(match url.port() {
                        Some(port) => format!("{host}:{port}"),
                        None => host.to_owned(),
                    })
                })
                .unwrap_or_default(),
        };
        let url = Url::parse(href).map_err(|_| elsewhere())?;
        let base = self.address.base_url.url();
        let same_origin = url.scheme() == base.scheme()
            && url.host() == base.host()
            && url.port_or_known_default() == base.port_or_known_default();
        let plain = url.username().is_empty()
            && url.password().is_none()
            && url.query().is_none()
            && url.fragment().is_none();
        let prefix = self.execution_url_segments();
        let segments: Vec<&str> = url
            .path_segments()
            .map(Iterator::collect)
            .unwrap_or_default();
        let tail = segments.strip_prefix(prefix.as_slice()).unwrap_or_default();
        let tail = tail.strip_suffix(&[""]).unwrap_or(tail);
        let is_trigger = matches!(
            tail,
            [workflow, "activities", "activity", activity, "trigger"]
                if !workflow.is_empty() && !activity.is_empty()
        );
        if same_origin && plain && is_trigger {
            Ok(url)
        } else {
            Err(elsewhere())
        }
    }

    /// The base path's segments, then `<tenant>/campaign/workflow/execution`.
    fn execution_url_segments(&self) -> Vec<&str> {
        let base = self.address.base_url.url();
        base.path_segments()
            .into_iter()
            .flatten()
            .filter(|segment| !segment.is_empty())
            .chain([
                self.address.tenant.as_str(),
                "campaign",
                "workflow",
                "execution",
            ])
            .collect()
    }

    fn request(&self, method: Method, url: Url, token: &AccessToken) -> reqwest::RequestBuilder {
        self.http
            .request(method, url)
            .timeout(self.timeout)
            .header(CONTENT_TYPE, "application/json")
            .header(AUTHORIZATION, token.bearer_header())
            .header(CACHE_CONTROL, "no-cache")
            .header("X-Api-Key", self.address.api_key.as_str())
    }

    /// `<base>/<tenant>/campaign/workflow/execution/<id>[/commands]`, each segment
    /// percent-encoded by `url`, so an ID can only ever name a workflow.
    pub fn execution_url(&self, workflow: &WorkflowId, commands: bool) -> Url {
        let mut url = self.address.base_url.url().clone();
        {
            let mut path = url
                .path_segments_mut()
                .expect("BaseUrl guarantees a base URL");
            path.pop_if_empty().extend([
                self.address.tenant.as_str(),
                "campaign",
                "workflow",
                "execution",
                workflow.as_str(),
            ]);
            if commands {
                path.push("commands");
            }
        }
        url
    }
}

fn request_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}

async fn failure(response: Response) -> CampaignError {
    let status = response.status().as_u16();
    let request_id = request_id(response.headers());
    let retry_after = http::retry_after(response.headers());
    // An error whose body cannot be read completely is still the error its status says.
    let body = http::read_bounded(response, MAX_RESPONSE_BYTES)
        .await
        .map(|(body, _)| String::from_utf8_lossy(&body).into_owned())
        .unwrap_or_default();
    CampaignError::from_status(
        ApiError::from_response(status, &body, request_id),
        retry_after,
    )
}

/// A signal's refusals that say more than a command's would.
fn signal_failure(error: CampaignError) -> CampaignError {
    let Some(api) = error.api_error() else {
        return error;
    };
    if api
        .raw_body
        .to_ascii_lowercase()
        .contains("isn't defined in signal activity")
    {
        return CampaignError::UndeclaredSignalParameter(api.clone());
    }
    let passes_through = matches!(
        error,
        CampaignError::TokenRejected(_)
            | CampaignError::Busy { .. }
            | CampaignError::Redirected(_)
            | CampaignError::GatewayGaveUp(_)
    );
    if api.is_adobes() || passes_through {
        return error;
    }
    CampaignError::SignalAnswerNotJson {
        status: api.status,
        request_id: api.request_id.clone(),
    }
}

fn transport_error(error: reqwest::Error) -> CampaignError {
    match http::classify(&error) {
        Transport::Unreachable => CampaignError::Unreachable,
        Transport::Proxy(refusal) => CampaignError::Proxy(refusal),
        Transport::Timeout => CampaignError::Timeout,
        Transport::ConnectionLost => CampaignError::ConnectionLost,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ApiKey, BaseUrl, Tenant};

    fn client(base: &str) -> CampaignClient {
        CampaignClient::new(Address {
            base_url: BaseUrl::parse(base).unwrap(),
            tenant: Tenant::parse("acme-mkt-stage1").unwrap(),
            api_key: ApiKey::parse("key").unwrap(),
        })
        .unwrap()
    }

    #[test]
    fn builds_the_documented_urls() {
        let id = WorkflowId::parse("WKF12").unwrap();
        let adobe = client("https://mc.adobe.io");
        assert_eq!(
            adobe.execution_url(&id, true).as_str(),
            "https://mc.adobe.io/acme-mkt-stage1/campaign/workflow/execution/WKF12/commands"
        );
        assert_eq!(
            adobe.execution_url(&id, false).as_str(),
            "https://mc.adobe.io/acme-mkt-stage1/campaign/workflow/execution/WKF12"
        );
    }

    #[test]
    fn keeps_a_base_path_and_ignores_a_trailing_slash() {
        let id = WorkflowId::parse("a.b-c_d").unwrap();
        for base in ["http://127.0.0.1:9/gw", "http://127.0.0.1:9/gw/"] {
            assert_eq!(
                client(base).execution_url(&id, true).as_str(),
                "http://127.0.0.1:9/gw/acme-mkt-stage1/campaign/workflow/execution/a.b-c_d/commands"
            );
        }
    }

    #[test]
    fn a_trigger_href_must_be_on_this_connections_campaign_api() {
        let adobe = client("https://mc.adobe.io");
        let path =
            "acme-mkt-stage1/campaign/workflow/execution/@Uy/activities/activity/@re/trigger";
        for accepted in [
            format!("https://mc.adobe.io/{path}/"),
            format!("https://mc.adobe.io/{path}"),
            format!("https://MC.adobe.io:443/{path}/"),
        ] {
            assert!(adobe.trigger_url(&accepted).is_ok(), "{accepted}");
        }
        for refused in [
            format!("http://mc.adobe.io/{path}/"),
            format!("https://mc.adobe.io.evil.example/{path}/"),
            format!("https://mc.adobe.io:8443/{path}/"),
            format!("https://user@mc.adobe.io/{path}/"),
            format!("https://mc.adobe.io/{path}/?next=x"),
            format!("https://mc.adobe.io/{path}/#x"),
            format!("/{path}/"),
            format!(
                "https://mc.adobe.io/{}",
                path.replace("acme-mkt-stage1", "acme")
            ),
            format!(
                "https://mc.adobe.io/{}",
                path.replace("/trigger", "/commands")
            ),
            "https://mc.adobe.io/acme-mkt-stage1/campaign/workflow/execution/WKF1/commands".into(),
            format!("https://mc.adobe.io/{path}/../../../../@x/commands"),
            "not a url".into(),
        ] {
            assert!(
                matches!(
                    adobe.trigger_url(&refused),
                    Err(CampaignError::SignalAddressElsewhere { .. })
                ),
                "{refused}"
            );
        }
        let gateway = client("http://127.0.0.1:9/gw/");
        assert!(
            gateway
                .trigger_url(&format!("http://127.0.0.1:9/gw/{path}/"))
                .is_ok()
        );
        assert!(
            gateway
                .trigger_url(&format!("http://127.0.0.1:9/{path}/"))
                .is_err()
        );
    }

    /// Another server on the same host differs only by its port, so the refusal names it.
    #[test]
    fn a_refused_trigger_is_named_by_host_and_port() {
        let gateway = client("http://127.0.0.1:9/");
        let refused = gateway.trigger_url("http://127.0.0.1:8443/flowdeck/x/trigger");
        assert!(
            matches!(&refused, Err(CampaignError::SignalAddressElsewhere { host }) if host == "127.0.0.1:8443"),
            "{refused:?}"
        );
        let refused = gateway.trigger_url("https://other.example/x/trigger");
        assert!(
            matches!(&refused, Err(CampaignError::SignalAddressElsewhere { host }) if host == "other.example"),
            "{refused:?}"
        );
    }

    fn retry_after(value: &str) -> Option<Duration> {
        let mut headers = HeaderMap::new();
        headers.insert(reqwest::header::RETRY_AFTER, value.parse().unwrap());
        http::retry_after(&headers)
    }

    #[test]
    fn parses_retry_after_in_seconds_or_as_a_date() {
        assert_eq!(retry_after("7"), Some(Duration::from_secs(7)));
        assert_eq!(retry_after("soon"), None);
        let in_a_minute = std::time::SystemTime::now() + Duration::from_secs(60);
        let wait = retry_after(&httpdate::fmt_http_date(in_a_minute)).unwrap();
        assert!((58..=60).contains(&wait.as_secs()), "{wait:?}");
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("99999999999"), Some(http::MAX_RETRY_AFTER));
    }
}
