//! `/_simulator/…`: what tests and the demo use to look inside the simulator and steer it.
//! Not part of Adobe's API, and never recorded as a Campaign request.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State as Shared};
use axum::http::StatusCode;
use serde::Deserialize;

use crate::state::{RecordedRequest, State, Workflow, lock};
use crate::switches::Switches;

pub(crate) async fn requests(Shared(state): Shared<Arc<State>>) -> Json<Vec<RecordedRequest>> {
    Json(lock(&state.requests).to_vec())
}

pub(crate) async fn clear_requests(Shared(state): Shared<Arc<State>>) -> StatusCode {
    lock(&state.requests).clear();
    StatusCode::NO_CONTENT
}

pub(crate) async fn tokens(Shared(state): Shared<Arc<State>>) -> Json<Vec<String>> {
    Json(
        lock(&state.issued_tokens)
            .iter()
            .map(|(token, _)| token.clone())
            .collect(),
    )
}

pub(crate) async fn switches(Shared(state): Shared<Arc<State>>) -> Json<Switches> {
    Json(state.switches())
}

pub(crate) async fn set_switches(
    Shared(state): Shared<Arc<State>>,
    Json(switches): Json<Switches>,
) -> Json<Switches> {
    *lock(&state.switches) = switches.clone();
    Json(switches)
}

pub(crate) async fn workflows(Shared(state): Shared<Arc<State>>) -> Json<Vec<Workflow>> {
    let mut list: Vec<Workflow> = lock(&state.workflows).values().cloned().collect();
    list.sort_by(|a, b| a.id.cmp(&b.id));
    Json(list)
}

/// Adds (or replaces) workflows, as someone creating them in Campaign would.
pub(crate) async fn add_workflows(
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
pub(crate) async fn rename(
    Shared(state): Shared<Arc<State>>,
    Path(id): Path<String>,
    Json(Rename { to }): Json<Rename>,
) -> StatusCode {
    if rename_workflow(&state, &id, &to) {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::NOT_FOUND
    }
}

pub(crate) fn rename_workflow(state: &State, from: &str, to: &str) -> bool {
    let mut workflows = lock(&state.workflows);
    match workflows.remove(from) {
        Some(mut workflow) => {
            workflow.id = to.to_owned();
            workflows.insert(to.to_owned(), workflow);
            true
        }
        None => false,
    }
}
