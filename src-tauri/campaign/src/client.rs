use std::time::Duration;

use reqwest::header::{AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE, HeaderMap};
use reqwest::{Method, Response};
use serde::Serialize;
use url::Url;

use crate::connection::{AccessToken, Connection};
use crate::error::{ApiError, CampaignError};
use crate::http::{self, Transport};
use crate::record::WorkflowRecord;
use crate::{WorkflowCommand, WorkflowId};

/// Upper bound for one request, from connecting to the last byte of the answer: long enough for
/// a slow Campaign, short enough that a person watching a spinner is told what happened.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
/// Campaign's answers are small; anything beyond this is not a workflow record.
const MAX_RESPONSE_BYTES: usize = 256 * 1024;

/// Campaign accepted a command. It runs asynchronously: accepted is not done (acs-api.md §2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CommandAccepted {
    pub status: u16,
    pub request_id: Option<String>,
}

/// Talks to one Campaign instance. Cheap to clone; clones share one connection pool.
#[derive(Debug, Clone)]
pub struct CampaignClient {
    http: reqwest::Client,
    connection: Connection,
}

impl CampaignClient {
    pub fn new(connection: Connection) -> Result<Self, CampaignError> {
        Self::with_timeout(connection, REQUEST_TIMEOUT)
    }

    pub fn with_timeout(connection: Connection, timeout: Duration) -> Result<Self, CampaignError> {
        let http = http::client_for(&connection.base_url, timeout)
            .map_err(|_| CampaignError::ClientSetup)?;
        Ok(Self { http, connection })
    }

    pub fn connection(&self) -> &Connection {
        &self.connection
    }

    /// `POST /workflow/execution/<id>/commands` with `{"method": …}`. Never retried here: a
    /// resend after a lost answer could run a workflow twice.
    pub async fn send_command(
        &self,
        token: &AccessToken,
        workflow: &WorkflowId,
        command: WorkflowCommand,
    ) -> Result<CommandAccepted, CampaignError> {
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
            return Ok(CommandAccepted { status, request_id });
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

    fn request(&self, method: Method, url: Url, token: &AccessToken) -> reqwest::RequestBuilder {
        self.http
            .request(method, url)
            .header(CONTENT_TYPE, "application/json")
            .header(AUTHORIZATION, token.bearer_header())
            .header(CACHE_CONTROL, "no-cache")
            .header("X-Api-Key", self.connection.api_key.as_str())
    }

    /// `<base>/<tenant>/campaign/workflow/execution/<id>[/commands]`, each segment
    /// percent-encoded by `url`, so an ID can only ever name a workflow.
    pub fn execution_url(&self, workflow: &WorkflowId, commands: bool) -> Url {
        let mut url = self.connection.base_url.url().clone();
        {
            let mut path = url
                .path_segments_mut()
                .expect("BaseUrl guarantees a base URL");
            path.pop_if_empty().extend([
                self.connection.tenant.as_str(),
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

fn transport_error(error: reqwest::Error) -> CampaignError {
    match http::classify(&error) {
        Transport::Unreachable => CampaignError::Unreachable,
        Transport::Timeout => CampaignError::Timeout,
        Transport::ConnectionLost => CampaignError::ConnectionLost,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ApiKey, BaseUrl, Tenant};

    fn client(base: &str) -> CampaignClient {
        CampaignClient::new(Connection {
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
