//! Several tenants on one address, as Adobe's gateway serves every organisation on
//! `mc.adobe.io`: a request goes to the tenant whose credential it carries (its API key; at
//! IMS, its client ID), which admits it or not by its own rules. So a token is accepted only
//! by the tenant whose client it was issued to, and a request with one tenant's credential on
//! another's path is refused as Adobe refuses it.

use std::sync::Arc;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State as Shared};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;

use crate::state::State;

/// A token request is a short form; anything longer is not one.
const IMS_FORM_LIMIT: usize = 64 * 1024;

pub(crate) struct Tenant {
    pub state: Arc<State>,
    pub routes: Router,
}

/// One router for every tenant; the first answers what carries no tenant's credential.
pub(crate) fn router(tenants: Vec<Tenant>) -> Router {
    Router::new()
        .fallback(dispatch)
        .with_state(Arc::new(tenants))
}

async fn dispatch(Shared(tenants): Shared<Arc<Vec<Tenant>>>, request: Request) -> Response {
    let (request, chosen) = if request.uri().path() == crate::IMS_TOKEN_PATH {
        match by_client_id(&tenants, request).await {
            Ok(found) => found,
            Err(refused) => return refused,
        }
    } else if let Some(found) = steering(&tenants, &request) {
        match found {
            Some((index, uri)) => {
                let (mut parts, body) = request.into_parts();
                parts.uri = uri;
                (Request::from_parts(parts, body), index)
            }
            None => return axum::http::StatusCode::NOT_FOUND.into_response(),
        }
    } else {
        let key = request
            .headers()
            .get("x-api-key")
            .and_then(|v| v.to_str().ok());
        let chosen = key
            .and_then(|key| find(&tenants, |state| state.credentials.api_key == key))
            .unwrap_or(0);
        (request, chosen)
    };
    match tenants[chosen].routes.clone().oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

fn find(tenants: &[Tenant], matches: impl Fn(&State) -> bool) -> Option<usize> {
    tenants.iter().position(|tenant| matches(&tenant.state))
}

/// IMS tells clients apart by the client ID in the form it is sent.
async fn by_client_id(tenants: &[Tenant], request: Request) -> Result<(Request, usize), Response> {
    let (parts, body) = request.into_parts();
    let form = to_bytes(body, IMS_FORM_LIMIT)
        .await
        .map_err(|_| axum::http::StatusCode::PAYLOAD_TOO_LARGE.into_response())?;
    let chosen = form_urlencoded::parse(&form)
        .find(|(name, _)| name == "client_id")
        .and_then(|(_, id)| find(tenants, |state| state.credentials.api_key == id))
        .unwrap_or(0);
    Ok((Request::from_parts(parts, Body::from(form)), chosen))
}

/// `/_simulator/t/<tenant>/…`: one tenant's steering routes, at `/_simulator/…` in its own
/// router. `None` for any other path; `Some(None)` for a tenant this host does not serve.
#[cfg(feature = "steering")]
fn steering(tenants: &[Tenant], request: &Request) -> Option<Option<(usize, axum::http::Uri)>> {
    let rest = request.uri().path().strip_prefix("/_simulator/t/")?;
    let (tenant, route) = rest.split_once('/').unwrap_or((rest, ""));
    let Some(index) = find(tenants, |state| state.credentials.tenant == tenant) else {
        return Some(None);
    };
    let query = request
        .uri()
        .query()
        .map(|query| format!("?{query}"))
        .unwrap_or_default();
    Some(
        format!("/_simulator/{route}{query}")
            .parse()
            .ok()
            .map(|uri| (index, uri)),
    )
}

#[cfg(not(feature = "steering"))]
fn steering(_: &[Tenant], _: &Request) -> Option<Option<(usize, axum::http::Uri)>> {
    None
}
