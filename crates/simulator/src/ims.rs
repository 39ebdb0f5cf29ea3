//! Adobe IMS's OAuth Server-to-Server token endpoint (acs-api.md §4), as far as Flowdeck uses it.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State as Shared;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::json;

use crate::campaign::{Incoming, record};
use crate::faults::Endpoint;
use crate::serve::ConnectionDropper;
use crate::state::State;

/// The scopes this simulated credential was given on the Developer Console.
const GRANTED_SCOPES: &[&str] = &[
    "openid",
    "AdobeID",
    "campaign_sdk",
    "additional_info.projectedProductContext",
    "read_organizations",
    "additional_info.roles",
];

pub(crate) async fn token(
    Shared(state): Shared<Arc<State>>,
    Extension(dropper): Extension<ConnectionDropper>,
    request: Incoming,
) -> Response {
    let index = record(&state, &request);
    state
        .through_fault(index, Endpoint::Ims, &dropper, async {
            issue(&state, &request.headers, &request.body)
        })
        .await
}

fn issue(state: &State, headers: &HeaderMap, body: &[u8]) -> Response {
    let form: HashMap<String, String> = match form_fields(headers, body) {
        Some(form) => form,
        None => {
            return ims_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "expected an application/x-www-form-urlencoded body",
            );
        }
    };
    let field = |name: &str| form.get(name).map(String::as_str).unwrap_or_default();
    if field("grant_type") != "client_credentials" {
        return ims_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "grant_type must be client_credentials",
        );
    }
    if field("client_id") != state.credentials.api_key {
        return ims_error(
            StatusCode::BAD_REQUEST,
            "invalid_client",
            "invalid client_id parameter",
        );
    }
    if field("client_secret") != state.credentials.client_secret {
        return ims_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "invalid client_secret parameter",
        );
    }
    let scopes: Vec<&str> = field("scope")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if scopes.is_empty() || scopes.iter().any(|scope| !GRANTED_SCOPES.contains(scope)) {
        return ims_error(StatusCode::BAD_REQUEST, "invalid_scope", "Invalid scope");
    }
    let lifetime = state.switches().token_lifetime_secs;
    let access_token = state.issue_token(Duration::from_secs(lifetime));
    Json(json!({
        "access_token": access_token,
        "token_type": "bearer",
        "expires_in": lifetime,
    }))
    .into_response()
}

fn form_fields(headers: &HeaderMap, body: &[u8]) -> Option<HashMap<String, String>> {
    let is_form = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return None;
    }
    Some(form_urlencoded::parse(body).into_owned().collect())
}

fn ims_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        Json(json!({ "error": error, "error_description": description })),
    )
        .into_response()
}
