//! External signal activities and their trigger endpoint (Adobe's "Triggering a signal
//! activity"; acs-api.md §1, §2): a POST to the href the workflow record lists, with a mandatory
//! `source`, declared typed parameters, at most 64 KB, only while the workflow runs, and at most
//! once per cool-down.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Extension;
use axum::extract::{Path, State as Shared};
use axum::http::Method as HttpMethod;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use crate::campaign::{Incoming, Reply, activity_pkey, pkey, require_json_content_type, serve_api};
use crate::faults::Endpoint;
use crate::lifecycle::Status;
use crate::refusal::Refusal;
use crate::serve::ConnectionDropper;
use crate::signal_activity::MAX_SIGNAL_PAYLOAD;
use crate::state::{State, lock};

pub(crate) async fn trigger(
    Shared(state): Shared<Arc<State>>,
    Extension(dropper): Extension<ConnectionDropper>,
    Path((tenant, workflow_key, activity_key)): Path<(String, String, String)>,
    request: Incoming,
) -> Response {
    let only = (
        HttpMethod::POST,
        "Only POST is supported on a signal trigger.",
    );
    serve_api(
        &state,
        &dropper,
        Endpoint::Signals,
        &tenant,
        &request,
        only,
        || {
            require_json_content_type(&request.headers)?;
            if request.body.len() > MAX_SIGNAL_PAYLOAD {
                return Err(Refusal::PayloadTooLarge);
            }
            receive(&state, &workflow_key, &activity_key, &request.body)
        },
    )
    .await
}

fn receive(state: &State, workflow_key: &str, activity_key: &str, body: &[u8]) -> Reply {
    let switches = state.switches();
    let workflows = lock(&state.workflows);
    let found = workflows.values().find_map(|workflow| {
        let signal = workflow.signals.iter().find(|signal| {
            pkey(&workflow.id) == workflow_key
                && activity_pkey(&workflow.id, &signal.name) == activity_key
        })?;
        Some((workflow, signal))
    });
    let Some((workflow, signal)) = found else {
        return Err(Refusal::UnknownDocument {
            key: activity_key.to_owned(),
        });
    };
    let (source, parameters) = parse_signal(body)?;
    if workflow.status != Status::InProgress || workflow.transition.is_some() {
        return Err(Refusal::WorkflowNotRunning {
            id: workflow.id.clone(),
            activity: signal.name.clone(),
        });
    }
    for (name, value) in &parameters {
        let Some(declared) = signal.parameters.iter().find(|p| &p.name == name) else {
            return Err(Refusal::UndeclaredParameter {
                name: name.clone(),
                activity: signal.name.clone(),
            });
        };
        if !declared.kind.accepts(value) {
            return Err(Refusal::ParameterTypeMismatch {
                name: name.clone(),
                expected: declared.kind.word(),
            });
        }
    }
    let key = (workflow.id.clone(), signal.name.clone());
    let mut triggers = lock(&state.signal_triggers);
    let cooldown = Duration::from_secs(switches.signal_cooldown_secs);
    if triggers
        .get(&key)
        .is_some_and(|last| last.elapsed() < cooldown)
    {
        return Err(Refusal::SignalTooSoon(switches.signal_cooldown_answer));
    }
    triggers.insert(key, Instant::now());
    Ok(axum::Json(json!({ "source": source, "parameters": parameters })).into_response())
}

/// `{"source": "…", "parameters": {…}}`: `source` is mandatory, `parameters` optional.
fn parse_signal(body: &[u8]) -> Result<(String, Map<String, Value>), Refusal> {
    let invalid = || {
        Refusal::BadRequest(
            "The body must be {\"source\": \"…\", \"parameters\": {…}}; source is mandatory.",
        )
    };
    let Ok(Value::Object(mut fields)) = serde_json::from_slice::<Value>(body) else {
        return Err(invalid());
    };
    let source = match fields.remove("source") {
        Some(Value::String(source)) if !source.trim().is_empty() => source,
        _ => return Err(invalid()),
    };
    let parameters = match fields.remove("parameters") {
        None => Map::new(),
        Some(Value::Object(parameters)) => parameters,
        Some(_) => return Err(invalid()),
    };
    Ok((source, parameters))
}
