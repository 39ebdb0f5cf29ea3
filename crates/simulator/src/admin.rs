//! `/_simulator/…`: what tests use to look inside the simulator and steer it. Not part of
//! Adobe's API, and never recorded as a Campaign request. Compiled only with the `steering`
//! feature, which the app never enables; served only where the simulator was given an admin
//! key, and only to requests that carry it: what it shows includes the tokens and
//! Authorization headers it received, and a fault it arms can make a client wait or allocate.

use std::fmt;
use std::hash::{BuildHasher, RandomState};
use std::sync::Arc;

use axum::extract::{Path, Request, State as Shared};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use crate::request_log::RecordedRequest;
use crate::state::{State, Workflow, lock};
use crate::switches::Switches;

/// The header that carries the admin key.
pub const ADMIN_KEY_HEADER: &str = "x-simulator-key";

/// A key long and random enough that no other local process guesses it.
#[derive(Clone, PartialEq, Eq)]
pub struct AdminKey(String);

impl AdminKey {
    const MIN_CHARS: usize = 32;

    /// A key from outside (an environment variable, an argument): at least 32 letters and
    /// digits, or none.
    pub fn parse(key: &str) -> Option<Self> {
        (key.len() >= Self::MIN_CHARS && key.chars().all(|c| c.is_ascii_alphanumeric()))
            .then(|| Self(key.to_owned()))
    }

    /// A fresh key, from the standard library's randomly keyed hasher (256 bits).
    pub fn generate() -> Self {
        let hasher = RandomState::new();
        Self(
            (0u8..4)
                .map(|i| format!("{:016x}", hasher.hash_one(i)))
                .collect(),
        )
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Compared in time that does not depend on where the first difference is.
    fn matches(&self, offered: &[u8]) -> bool {
        let ours = self.0.as_bytes();
        ours.len() == offered.len()
            && ours.iter().zip(offered).fold(0, |d, (a, b)| d | (a ^ b)) == 0
    }
}

/// Never printed: a log line must not hand the key to whoever reads the log.
impl fmt::Debug for AdminKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AdminKey(…)")
    }
}

/// Adds the steering routes to `campaign`'s where there is a key to guard them.
pub(crate) fn with_steering(
    campaign: Router<Arc<State>>,
    key: Option<AdminKey>,
) -> Router<Arc<State>> {
    match key {
        Some(key) => campaign.nest("/_simulator", router(key)),
        None => campaign,
    }
}

fn router(key: AdminKey) -> Router<Arc<State>> {
    Router::new()
        .route("/requests", get(requests).delete(clear_requests))
        .route("/switches", get(switches).put(set_switches))
        .route("/workflows", get(workflows).post(add_workflows))
        .route("/workflows/{id}/rename", post(rename))
        .route("/tokens", get(tokens))
        .route("/running-peak", get(running_peak))
        .route("/reads-peak", get(reads_peak))
        .route_layer(middleware::from_fn_with_state(key, require_key))
}

async fn require_key(Shared(key): Shared<AdminKey>, request: Request, next: Next) -> Response {
    let offered = request
        .headers()
        .get(ADMIN_KEY_HEADER)
        .map(|value| value.as_bytes());
    if offered.is_some_and(|offered| key.matches(offered)) {
        next.run(request).await
    } else {
        StatusCode::FORBIDDEN.into_response()
    }
}

async fn requests(Shared(state): Shared<Arc<State>>) -> Json<Vec<RecordedRequest>> {
    Json(lock(&state.requests).to_vec())
}

async fn clear_requests(Shared(state): Shared<Arc<State>>) -> StatusCode {
    lock(&state.requests).clear();
    StatusCode::NO_CONTENT
}

async fn running_peak(Shared(state): Shared<Arc<State>>) -> Json<usize> {
    Json(
        state
            .running_peak
            .load(std::sync::atomic::Ordering::Relaxed),
    )
}

async fn reads_peak(Shared(state): Shared<Arc<State>>) -> Json<usize> {
    Json(state.reads.peak())
}

async fn tokens(Shared(state): Shared<Arc<State>>) -> Json<Vec<String>> {
    Json(
        lock(&state.issued_tokens)
            .iter()
            .map(|(token, _)| token.clone())
            .collect(),
    )
}

async fn switches(Shared(state): Shared<Arc<State>>) -> Json<Switches> {
    Json(state.switches())
}

async fn set_switches(
    Shared(state): Shared<Arc<State>>,
    Json(switches): Json<Switches>,
) -> Json<Switches> {
    *lock(&state.switches) = switches.clone();
    Json(switches)
}

async fn workflows(Shared(state): Shared<Arc<State>>) -> Json<Vec<Workflow>> {
    let mut list: Vec<Workflow> = lock(&state.workflows).values().cloned().collect();
    list.sort_by(|a, b| a.id.cmp(&b.id));
    Json(list)
}

/// Adds (or replaces) workflows, as someone creating them in Campaign would.
async fn add_workflows(
    Shared(state): Shared<Arc<State>>,
    Json(added): Json<Vec<Workflow>>,
) -> StatusCode {
    let mut workflows = lock(&state.workflows);
    for workflow in added {
        workflows.insert(workflow.id.clone(), workflow);
    }
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
pub(crate) struct Rename {
    to: String,
}

/// What happens when someone edits a workflow's ID in Campaign.
async fn rename(
    Shared(state): Shared<Arc<State>>,
    Path(id): Path<String>,
    Json(Rename { to }): Json<Rename>,
) -> StatusCode {
    if state.rename_workflow(&id, &to) {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::NOT_FOUND
    }
}
