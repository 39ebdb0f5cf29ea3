//! The Campaign endpoints, behind checks that mimic Adobe's gateway (acs-api.md §1, §2).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{FromRequest, Path, Request, State as Shared};
use axum::http::{HeaderMap, HeaderValue, Method as HttpMethod, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use crate::faults::Endpoint;
use crate::lifecycle::{Method, Status, transition};
use crate::refusal::Refusal;
use crate::request_log::{RecordedRequest, unix_micros};
use crate::serve::ConnectionDropper;
use crate::state::{State, Workflow, lock};
use crate::switches::{CommandBody, InvalidTransition, RecordStatus, SignalDeclarations};

pub(crate) type Reply = Result<Response, Refusal>;

pub(crate) async fn execution(
    Shared(state): Shared<Arc<State>>,
    Extension(dropper): Extension<ConnectionDropper>,
    Path((tenant, id)): Path<(String, String)>,
    request: Incoming,
) -> Response {
    let only = (
        HttpMethod::GET,
        "Only GET is supported on a workflow execution.",
    );
    let _reading = state.reads.enter();
    serve_api(
        &state,
        &dropper,
        Endpoint::Reads,
        &tenant,
        &request,
        only,
        || read(&state, &id, &origin(&request.headers)),
    )
    .await
}

pub(crate) async fn commands(
    Shared(state): Shared<Arc<State>>,
    Extension(dropper): Extension<ConnectionDropper>,
    Path((tenant, id)): Path<(String, String)>,
    request: Incoming,
) -> Response {
    let only = (
        HttpMethod::POST,
        "Only POST is supported on workflow commands.",
    );
    serve_api(
        &state,
        &dropper,
        Endpoint::Commands,
        &tenant,
        &request,
        only,
        || {
            require_json_content_type(&request.headers)?;
            let command = parse_command(&request.body)?;
            apply(&state, &id, command)
        },
    )
    .await
}

/// A request as it arrived, whole: what every route records before it answers.
pub(crate) struct Incoming {
    pub method: HttpMethod,
    pub uri: Uri,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl<S: Send + Sync> FromRequest<S> for Incoming {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (method, uri, headers) = (
            request.method().clone(),
            request.uri().clone(),
            request.headers().clone(),
        );
        let body = Bytes::from_request(request, state)
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(Self {
            method,
            uri,
            headers,
            body,
        })
    }
}

/// Serves one request to the Campaign API as Adobe does: recorded, run through the fault armed
/// for `on`, admitted as the gateway admits (tenant, API key, token), refused unless it uses
/// the one method the route takes (with Campaign's sentence for that), then `handle`d.
pub(crate) async fn serve_api(
    state: &State,
    dropper: &ConnectionDropper,
    on: Endpoint,
    tenant: &str,
    request: &Incoming,
    (only, refusal): (HttpMethod, &'static str),
    handle: impl FnOnce() -> Reply,
) -> Response {
    let index = record(state, request);
    state
        .through_fault(index, on, dropper, async {
            let reply = admit(state, tenant, &request.headers).and_then(|()| {
                if request.method != only {
                    return Err(Refusal::BadRequest(refusal));
                }
                handle()
            });
            finish(state, reply).await
        })
        .await
}

/// Any other path: Adobe answers a URI it cannot route with its "Check your URI" 500.
pub(crate) async fn unknown_route(
    Shared(state): Shared<Arc<State>>,
    request: Incoming,
) -> Response {
    let index = record(&state, &request);
    let reply = admit(&state, "", &request.headers).and_then(|()| Err(Refusal::CheckYourUri));
    let answer = finish(&state, reply).await;
    state.record_answer(index, answer.status().as_u16());
    answer
}

pub(crate) fn record(state: &State, request: &Incoming) -> u64 {
    state.record(RecordedRequest {
        method: request.method.to_string(),
        path: request.uri.path().to_owned(),
        headers: request
            .headers
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_owned(), value)
            })
            .collect(),
        body: String::from_utf8_lossy(&request.body).into_owned(),
        status: None,
        received_at_us: unix_micros(),
        answered_at_us: None,
    })
}

pub(crate) async fn finish(state: &State, reply: Reply) -> Response {
    let delay = state.switches().response_delay_ms;
    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    let mut response = reply.unwrap_or_else(IntoResponse::into_response);
    if let Ok(value) = HeaderValue::from_str(&state.new_request_id()) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

/// The gateway's checks, in its order: API key, token, throttling, then routing to the tenant,
/// then the contract's remaining headers.
pub(crate) fn admit(state: &State, tenant: &str, headers: &HeaderMap) -> Result<(), Refusal> {
    let credentials = &state.credentials;
    match header_text(headers, "x-api-key") {
        None => return Err(Refusal::ApiKeyMissing),
        Some(key) if key != credentials.api_key => return Err(Refusal::ApiKeyInvalid),
        Some(_) => {}
    }
    let token = header_text(headers, "authorization").and_then(|v| v.strip_prefix("Bearer "));
    if !token.is_some_and(|token| state.accepts_token(token)) {
        return Err(Refusal::TokenInvalid);
    }
    if state.switches().profile_mismatch {
        return Err(Refusal::ProfileMismatch);
    }
    if let Some(retry_after_secs) = state.take_throttle() {
        return Err(Refusal::Throttled { retry_after_secs });
    }
    if tenant != credentials.tenant {
        return Err(Refusal::CheckYourUri);
    }
    if header_text(headers, "cache-control") != Some("no-cache") {
        return Err(Refusal::BadRequest(
            "The Cache-Control header must be no-cache.",
        ));
    }
    Ok(())
}

pub(crate) fn require_json_content_type(headers: &HeaderMap) -> Result<(), Refusal> {
    let media_type = header_text(headers, "content-type")
        .and_then(|value| value.split(';').next())
        .map(str::trim);
    if media_type.is_some_and(|m| m.eq_ignore_ascii_case("application/json")) {
        Ok(())
    } else {
        Err(Refusal::BadRequest(
            "The Content-Type header must be application/json.",
        ))
    }
}

/// The body must be exactly `{"method": "start" | "pause" | "resume" | "stop"}`.
fn parse_command(body: &[u8]) -> Result<Method, Refusal> {
    let invalid = || {
        Refusal::BadRequest(
            "The body must be {\"method\": \"start\" | \"pause\" | \"resume\" | \"stop\"}.",
        )
    };
    let Ok(Value::Object(fields)) = serde_json::from_slice::<Value>(body) else {
        return Err(invalid());
    };
    if fields.len() != 1 {
        return Err(invalid());
    }
    fields
        .get("method")
        .and_then(Value::as_str)
        .and_then(Method::parse)
        .ok_or_else(invalid)
}

/// Where the client reached the simulator, as Adobe's hrefs name `https://mc.adobe.io`.
fn origin(headers: &HeaderMap) -> String {
    format!(
        "http://{}",
        header_text(headers, "host").unwrap_or("127.0.0.1")
    )
}

fn read(state: &State, id: &str, origin: &str) -> Reply {
    let switches = state.switches();
    let workflows = lock(&state.workflows);
    let Some(workflow) = workflows.get(id) else {
        return Err(Refusal::UnknownWorkflow {
            id: id.to_owned(),
            shape: switches.unknown_id,
        });
    };
    let mut record = json!({
        "PKey": pkey(id),
        "label": workflow.label,
        "activities": { "activity": listed_activities(state, workflow, origin) },
    });
    let transitional = workflow
        .transition
        .filter(|_| switches.report_transitions)
        .map(Method::transitional);
    let (engine_state, failed) = workflow.status.engine_state();
    match (switches.record_status, transitional) {
        (RecordStatus::Absent, _) => {}
        (RecordStatus::State, Some((_, state, _))) => record["state"] = json!(state),
        (RecordStatus::State, None) => record["state"] = json!(workflow.status.state()),
        (RecordStatus::Label, Some((label, _, _))) => record["status"] = json!(label),
        (RecordStatus::Label, None) => record["status"] = json!(workflow.status.label()),
        (RecordStatus::LabelV8, Some((label, _, _))) => record["status"] = json!(label),
        (RecordStatus::LabelV8, None) => record["status"] = json!(workflow.status.label_v8()),
        (RecordStatus::Engine, Some((_, _, number))) => record["state"] = json!(number),
        (RecordStatus::Engine, None) => {
            record["state"] = json!(engine_state);
            record["failed"] = json!(u8::from(failed));
        }
    }
    Ok(axum::Json(record).into_response())
}

fn apply(state: &Arc<State>, id: &str, method: Method) -> Reply {
    let switches = state.switches();
    let mut workflows = lock(&state.workflows);
    let Some(workflow) = workflows.get_mut(id) else {
        return Err(Refusal::UnknownWorkflow {
            id: id.to_owned(),
            shape: switches.unknown_id,
        });
    };
    if workflow.transition.is_some() {
        // Campaign is still carrying out the last command.
        return Err(Refusal::InvalidTransition {
            id: id.to_owned(),
            method,
            shape: switches.invalid_transition,
        });
    }
    match transition(workflow.status, method, switches.start_resumes_paused) {
        Some(_) if method == Method::Stop && switches.stop_never_effective => {
            workflow.transition = Some(Method::Stop);
        }
        Some(next) if switches.apply_delay_ms == 0 => {
            workflow.status = next;
            entered(state, &workflows, id, next, switches.run_ms);
        }
        Some(next) => {
            workflow.transition = Some(method);
            let (state, id, delay) = (Arc::clone(state), id.to_owned(), switches.apply_delay_ms);
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(delay)).await;
                let mut workflows = lock(&state.workflows);
                if let Some(workflow) = workflows.get_mut(&id) {
                    workflow.status = next;
                    workflow.transition = None;
                    entered(&state, &workflows, &id, next, state.switches().run_ms);
                }
            });
        }
        None if switches.invalid_transition == InvalidTransition::Ignored => {}
        None => {
            return Err(Refusal::InvalidTransition {
                id: id.to_owned(),
                method,
                shape: switches.invalid_transition,
            });
        }
    }
    Ok(match switches.command_body {
        CommandBody::NoContent => StatusCode::NO_CONTENT.into_response(),
        CommandBody::EmptyObject => axum::Json(json!({})).into_response(),
        CommandBody::Record => {
            axum::Json(json!({ "PKey": pkey(id), "method": method.as_str() })).into_response()
        }
        CommandBody::PlainText => "OK".into_response(),
    })
}

/// A workflow entered `status`: the peak of those running at once is kept, and one that started
/// running finishes by itself after `run_ms` (unless something else happened to it meanwhile).
fn entered(
    state: &Arc<State>,
    workflows: &HashMap<String, Workflow>,
    id: &str,
    status: Status,
    run_ms: u64,
) {
    if status != Status::InProgress {
        return;
    }
    let running = workflows
        .values()
        .filter(|w| w.status == Status::InProgress)
        .count();
    state
        .running_peak
        .fetch_max(running, std::sync::atomic::Ordering::Relaxed);
    if run_ms == 0 {
        return;
    }
    let (state, id) = (Arc::clone(state), id.to_owned());
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(run_ms)).await;
        if let Some(workflow) = lock(&state.workflows).get_mut(&id)
            && workflow.status == Status::InProgress
            && workflow.transition.is_none()
        {
            workflow.status = Status::Finished;
        }
    });
}

pub(crate) fn pkey(id: &str) -> String {
    // Campaign's PKeys are opaque; a stable one per ID is enough here.
    let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("@{hash:016x}")
}

pub(crate) fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

/// `activities.activity` of the workflow record: each signal activity and its absolute trigger
/// href, built from PKeys with a trailing slash as in Adobe's sample. `origin` is where the
/// client reached the simulator (`http://host:port`).
pub(crate) fn listed_activities(
    state: &State,
    workflow: &Workflow,
    origin: &str,
) -> Map<String, Value> {
    let switches = state.switches();
    let origin = switches.signal_href_base.as_deref().unwrap_or(origin);
    let tenant = &state.credentials.tenant;
    let mut activities = Map::new();
    // Not every activity is a signal: the others carry no trigger.
    activities.insert("start".into(), json!({ "label": "Start" }));
    for signal in &workflow.signals {
        let href = format!(
            "{origin}/{tenant}/campaign/workflow/execution/{}/activities/activity/{}/trigger/",
            pkey(&workflow.id),
            activity_pkey(&workflow.id, &signal.name),
        );
        let mut listed = json!({ "trigger": { "href": href } });
        if switches.signal_declarations == SignalDeclarations::Listed {
            listed["parameters"] = json!(signal.parameters);
        }
        activities.insert(signal.name.clone(), listed);
    }
    activities
}

pub(crate) fn activity_pkey(workflow_id: &str, activity: &str) -> String {
    pkey(&format!("{workflow_id}/{activity}"))
}
