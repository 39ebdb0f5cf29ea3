use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::response::Response;
use serde::{Deserialize, Serialize};

use crate::faults::{Endpoint, Fault};
use crate::lifecycle::Status;
use crate::read_gauge::ReadGauge;
use crate::request_log::{REQUEST_LOG_CAPACITY, RecordedRequest, RequestLog};
use crate::serve::ConnectionDropper;
use crate::signal_activity::SignalActivity;
use crate::switches::Switches;

/// What the simulator accepts: this tenant and API key, and either this fixed access token
/// (as a user pasting a token would have) or one its IMS endpoint issued and that is still
/// valid. The API key is also the IMS client ID, as on Adobe's Developer Console.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Credentials {
    pub tenant: String,
    pub api_key: String,
    pub client_secret: String,
    pub access_token: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Workflow {
    pub id: String,
    pub label: String,
    pub status: Status,
    /// The command being carried out while its apply delay runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transition: Option<crate::lifecycle::Method>,
    /// The External signal activities it begins with.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signals: Vec<SignalActivity>,
}

pub(crate) struct State {
    pub credentials: Credentials,
    pub workflows: Mutex<HashMap<String, Workflow>>,
    pub switches: Mutex<Switches>,
    pub requests: Mutex<RequestLog>,
    /// Tokens the IMS endpoint issued, with when each stops being valid.
    pub issued_tokens: Mutex<Vec<(String, Instant)>>,
    next_request_id: AtomicU64,
    pub faults_injected: AtomicU64,
    /// When each (workflow ID, signal activity) was last triggered, for its cool-down.
    pub signal_triggers: Mutex<HashMap<(String, String), Instant>>,
    /// The most workflows that were In progress at once, for tests of pacing.
    pub running_peak: std::sync::atomic::AtomicUsize,
    /// Status reads being answered on the whole host (every tenant shares it).
    pub reads: Arc<ReadGauge>,
}

impl State {
    /// Runs a request through the fault armed for its endpoint, if any, and notes the answer that
    /// was actually sent: none, when the connection was dropped.
    pub(crate) async fn through_fault(
        &self,
        request: u64,
        on: Endpoint,
        dropper: &ConnectionDropper,
        handle: impl Future<Output = Response>,
    ) -> Response {
        let fault = self.take_fault(on);
        let early = match &fault {
            Some(fault) => fault.before(on, dropper).await,
            None => None,
        };
        let answer = match (early, &fault) {
            (Some(answer), _) => answer,
            (None, Some(fault)) => fault.after(handle.await, dropper).await,
            (None, None) => handle.await,
        };
        self.record_answer(request, answer.status().as_u16());
        answer
    }

    pub fn new(
        credentials: Credentials,
        workflows: Vec<Workflow>,
        switches: Switches,
        reads: Arc<ReadGauge>,
    ) -> Self {
        Self {
            credentials,
            workflows: Mutex::new(workflows.into_iter().map(|w| (w.id.clone(), w)).collect()),
            switches: Mutex::new(switches),
            requests: Mutex::new(RequestLog::new(REQUEST_LOG_CAPACITY)),
            issued_tokens: Mutex::new(Vec::new()),
            next_request_id: AtomicU64::new(1),
            faults_injected: AtomicU64::new(0),
            signal_triggers: Mutex::new(HashMap::new()),
            running_peak: std::sync::atomic::AtomicUsize::new(0),
            reads,
        }
    }

    pub fn switches(&self) -> Switches {
        lock(&self.switches).clone()
    }

    /// What happens when someone edits a workflow's ID in Campaign; false if `from` is unknown.
    pub fn rename_workflow(&self, from: &str, to: &str) -> bool {
        let mut workflows = lock(&self.workflows);
        match workflows.remove(from) {
            Some(mut workflow) => {
                workflow.id = to.to_owned();
                workflows.insert(to.to_owned(), workflow);
                true
            }
            None => false,
        }
    }

    /// Records a request as it arrives; returns its number, to note the answer later.
    pub fn record(&self, request: RecordedRequest) -> u64 {
        lock(&self.requests).record(request)
    }

    pub fn record_answer(&self, number: u64, status: u16) {
        lock(&self.requests).record_answer(number, status);
    }

    /// Like Adobe's gateway, every answer carries an `X-Request-Id`.
    pub fn new_request_id(&self) -> String {
        let n = self.next_request_id.fetch_add(1, Ordering::Relaxed);
        format!("sim-{n:08x}")
    }

    pub fn issue_token(&self, lifetime: Duration) -> String {
        let mut issued = lock(&self.issued_tokens);
        let token = format!(
            "sim-access-token-{}-{:08x}",
            issued.len() + 1,
            self.next_request_id
                .load(Ordering::Relaxed)
                .wrapping_mul(0x9e37_79b9)
        );
        issued.push((token.clone(), Instant::now() + lifetime));
        token
    }

    pub fn accepts_token(&self, token: &str) -> bool {
        token == self.credentials.access_token
            || lock(&self.issued_tokens)
                .iter()
                .any(|(issued, valid_until)| issued == token && Instant::now() < *valid_until)
    }

    /// Consumes one use of the first fault armed for `on`, if any.
    pub fn take_fault(&self, on: Endpoint) -> Option<Fault> {
        let mut switches = lock(&self.switches);
        let index = switches.faults.iter().position(|armed| armed.on == on)?;
        let armed = &mut switches.faults[index];
        let fault = armed.fault.clone();
        match &mut armed.times {
            Some(1) | Some(0) => {
                switches.faults.remove(index);
            }
            Some(times) => *times -= 1,
            None => {}
        }
        self.faults_injected.fetch_add(1, Ordering::Relaxed);
        Some(fault)
    }

    /// Consumes one throttled request when the switch asks for some.
    pub fn take_throttle(&self) -> Option<Option<u64>> {
        let mut switches = lock(&self.switches);
        if switches.throttle_next == 0 {
            return None;
        }
        switches.throttle_next -= 1;
        Some(switches.retry_after_secs)
    }
}

/// A poisoned lock only means a handler panicked mid-update; the simulator's data stays usable.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
