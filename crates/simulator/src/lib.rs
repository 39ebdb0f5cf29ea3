//! A local stand-in for Adobe Campaign Standard's workflow API, faithful to `docs/acs-api.md`.
//!
//! It serves the tests and the app's demo organisation. What Adobe leaves undocumented is a
//! [`Switches`] value, changeable while it runs, so that the app can be tested against each
//! plausible behaviour.

#[cfg(feature = "steering")]
mod admin;
mod campaign;
pub mod demo;
mod faults;
mod host;
mod ims;
mod lifecycle;
mod read_gauge;
mod refusal;
mod request_log;
mod serve;
mod signal_activity;
mod signals;
mod state;
mod switches;

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;

use read_gauge::ReadGauge;

use axum::Router;
use axum::routing::any;
use tokio::net::TcpListener;
use tokio::sync::watch;

#[cfg(feature = "steering")]
pub use admin::{ADMIN_KEY_HEADER, AdminKey};
pub use faults::{ArmedFault, Endpoint, Fault, REDIRECT_LOCATION, RetryAfter};
pub use lifecycle::{Method, Status};
pub use request_log::RecordedRequest;
pub use signal_activity::{MAX_SIGNAL_PAYLOAD, ParameterType, SignalActivity, SignalParameter};
pub use state::{Credentials, Workflow};
pub use switches::{
    CommandBody, InvalidTransition, RecordStatus, SignalCooldownAnswer, SignalDeclarations,
    Switches, UnknownId,
};

use state::{State, lock};

#[derive(Debug, Clone)]
pub struct SimulatorConfig {
    /// Where to listen; port 0 lets the OS choose.
    pub bind: SocketAddr,
    pub credentials: Credentials,
    pub workflows: Vec<Workflow>,
    pub switches: Switches,
    /// Serves the steering routes (`/_simulator/…`) to requests that carry this key, and to
    /// nobody without one. Only in a build with the `steering` feature, which the app's is not.
    #[cfg(feature = "steering")]
    pub admin_key: Option<AdminKey>,
    /// More tenants on the same address, each with its own credential, workflows and switches,
    /// as Stage and Production share Adobe's. Reached by their credential; the methods of
    /// [`Simulator`] look at the first tenant, the one above.
    pub other_tenants: Vec<TenantConfig>,
}

/// A tenant beside the first on one simulator.
#[derive(Debug, Clone)]
pub struct TenantConfig {
    pub credentials: Credentials,
    pub workflows: Vec<Workflow>,
    pub switches: Switches,
}

impl SimulatorConfig {
    pub fn demo() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            credentials: demo::credentials(),
            workflows: demo::workflows(),
            switches: demo::switches(),
            #[cfg(feature = "steering")]
            admin_key: None,
            other_tenants: Vec::new(),
        }
    }
}

/// A running simulator. It stops when this handle is dropped.
pub struct Simulator {
    address: SocketAddr,
    state: Arc<State>,
    /// Every tenant, the first one first.
    tenants: Vec<Arc<State>>,
    /// Dropping it stops the server and closes every connection.
    _stop: watch::Sender<()>,
}

impl Simulator {
    /// Binds, then serves on the current tokio runtime.
    pub async fn start(config: SimulatorConfig) -> io::Result<Self> {
        let listener = TcpListener::bind(config.bind).await?;
        let address = listener.local_addr()?;
        let reads = Arc::new(ReadGauge::default());
        let state = Arc::new(State::new(
            config.credentials,
            config.workflows,
            config.switches,
            Arc::clone(&reads),
        ));
        let others = config.other_tenants.into_iter().map(|tenant| {
            Arc::new(State::new(
                tenant.credentials,
                tenant.workflows,
                tenant.switches,
                Arc::clone(&reads),
            ))
        });
        let all: Vec<Arc<State>> = std::iter::once(Arc::clone(&state)).chain(others).collect();
        let tenants: Vec<host::Tenant> = all
            .iter()
            .cloned()
            .map(|state| {
                let routes = campaign_routes();
                #[cfg(feature = "steering")]
                let routes = admin::with_steering(routes, config.admin_key.clone());
                host::Tenant {
                    routes: routes.with_state(Arc::clone(&state)),
                    state,
                }
            })
            .collect();
        let router = host::router(tenants);
        let (stop, stopped) = watch::channel(());
        tokio::spawn(serve::serve(listener, router, stopped));
        Ok(Self {
            address,
            state,
            tenants: all,
            _stop: stop,
        })
    }

    /// The base URL a client uses in place of `https://mc.adobe.io`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub fn credentials(&self) -> &Credentials {
        &self.state.credentials
    }

    /// The Campaign requests received so far, in order (the latest
    /// [`request_log::REQUEST_LOG_CAPACITY`] of them).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.state.requests).to_vec()
    }

    /// The most workflows that were In progress at once since the simulator started.
    pub fn running_peak(&self) -> usize {
        self.state
            .running_peak
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The most status reads the host (every tenant) answered at once since it started.
    pub fn reads_in_flight_peak(&self) -> usize {
        self.state.reads.peak()
    }

    /// What tenant `tenant` received, or nothing where the simulator has no such tenant.
    pub fn requests_of(&self, tenant: &str) -> Vec<RecordedRequest> {
        self.tenants
            .iter()
            .find(|state| state.credentials.tenant == tenant)
            .map(|state| lock(&state.requests).to_vec())
            .unwrap_or_default()
    }

    pub fn switches(&self) -> Switches {
        self.state.switches()
    }

    pub fn set_switches(&self, switches: Switches) {
        *lock(&self.state.switches) = switches;
    }

    /// How many requests a fault has acted on so far.
    pub fn faults_injected(&self) -> u64 {
        self.state
            .faults_injected
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Every access token IMS issued so far, valid or not.
    pub fn issued_tokens(&self) -> Vec<String> {
        lock(&self.state.issued_tokens)
            .iter()
            .map(|(token, _)| token.clone())
            .collect()
    }

    /// Makes every issued token invalid at once, as a revoked credential would.
    pub fn revoke_issued_tokens(&self) {
        for (_, valid_until) in lock(&self.state.issued_tokens).iter_mut() {
            *valid_until = std::time::Instant::now();
        }
    }

    pub fn status_of(&self, id: &str) -> Option<Status> {
        lock(&self.state.workflows).get(id).map(|w| w.status)
    }

    /// Puts workflow `id` of tenant `tenant` in `status`, as Campaign's own screens or a failing
    /// activity would; false where there is no such tenant or workflow.
    pub fn set_status(&self, tenant: &str, id: &str, status: Status) -> bool {
        let Some(state) = self.tenants.iter().find(|s| s.credentials.tenant == tenant) else {
            return false;
        };
        let mut workflows = lock(&state.workflows);
        let Some(workflow) = workflows.get_mut(id) else {
            return false;
        };
        workflow.status = status;
        workflow.transition = None;
        true
    }

    /// Renames a workflow, as a Campaign user editing its ID would.
    pub fn rename(&self, from: &str, to: &str) -> bool {
        self.state.rename_workflow(from, to)
    }
}

/// A signal activity's trigger, by the PKeys of its workflow and of the activity.
const TRIGGER: &str =
    "/{tenant}/campaign/workflow/execution/{workflow}/activities/activity/{activity}/trigger";

const IMS_TOKEN_PATH: &str = "/ims/token/v3";

fn campaign_routes() -> Router<Arc<State>> {
    Router::new()
        .route(IMS_TOKEN_PATH, any(ims::token))
        .route(
            "/{tenant}/campaign/workflow/execution/{id}",
            any(campaign::execution),
        )
        .route(
            "/{tenant}/campaign/workflow/execution/{id}/commands",
            any(campaign::commands),
        )
        .route(TRIGGER, any(signals::trigger))
        .route(&format!("{TRIGGER}/"), any(signals::trigger))
        .fallback(campaign::unknown_route)
}
