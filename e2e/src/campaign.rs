//! The Campaign instances a test's app talks to: simulators in the test process, each on a
//! thread of its own so that they answer whatever the test's runtime is doing, and steered
//! through their `/_simulator/…` routes (the `steering` feature, never in the app itself).

use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;

use campaign_simulator::demo::tenant_credentials;
use campaign_simulator::{
    ADMIN_KEY_HEADER, AdminKey, Credentials, Simulator, SimulatorConfig, TenantConfig,
};
use serde_json::{Value, json};
use tokio::sync::oneshot;

/// A Campaign tenant the app talks to: the demo's, which the app's demo organisation is pointed
/// at, or a Stage or Production one, which share their workflow IDs (the demo's).
pub struct Campaign {
    pub admin: SimulatorAdmin,
    /// Shared by the tenants on one address; it stops when the last of them is dropped.
    _host: Arc<Host>,
}

impl Campaign {
    /// The demo's tenant, alone on an address of its own.
    pub fn start() -> Self {
        let mut tenants = Self::host(vec![campaign_simulator::demo::credentials()]);
        tenants.remove(0)
    }

    /// Stage and Production as Adobe serves them: on one address, told apart only by tenant
    /// and credential (API key, client secret, tokens), with the same workflow IDs.
    pub fn stage_and_production() -> (Self, Self) {
        let mut tenants = Self::host(vec![
            tenant_credentials("acme-stage"),
            tenant_credentials("acme-production"),
        ]);
        let production = tenants.pop().unwrap();
        let stage = tenants.pop().unwrap();
        (stage, production)
    }

    fn host(tenants: Vec<Credentials>) -> Vec<Self> {
        let key = AdminKey::generate();
        let mut config = SimulatorConfig::demo();
        config.admin_key = Some(key.clone());
        config.credentials = tenants[0].clone();
        config.other_tenants = tenants[1..]
            .iter()
            .map(|credentials| TenantConfig {
                credentials: credentials.clone(),
                workflows: config.workflows.clone(),
                switches: config.switches.clone(),
            })
            .collect();
        let (host, port) = Host::start(config);
        let host = Arc::new(host);
        tenants
            .into_iter()
            .map(|credentials| Self {
                admin: SimulatorAdmin::new(port, &key, credentials),
                _host: Arc::clone(&host),
            })
            .collect()
    }

    /// The address, the same for every tenant on it.
    pub fn url(&self) -> String {
        self.admin.base_url()
    }

    pub fn credentials(&self) -> &Credentials {
        self.admin.credentials()
    }
}

/// A simulator on a thread of its own, until dropped.
struct Host {
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Host {
    fn start(config: SimulatorConfig) -> (Self, u16) {
        let (started, port) = mpsc::channel();
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime for the simulator");
            runtime.block_on(async move {
                let simulator = Simulator::start(config)
                    .await
                    .expect("a Campaign simulator");
                started.send(simulator.address().port()).unwrap();
                let _ = stopped.await;
            });
        });
        let port = port.recv().expect("the simulator started");
        let host = Self {
            stop: Some(stop),
            thread: Some(thread),
        };
        (host, port)
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// One tenant's steering API on its simulator, with the key it was given.
#[derive(Clone)]
pub struct SimulatorAdmin {
    origin: String,
    base: String,
    http: reqwest::Client,
    credentials: Credentials,
}

impl SimulatorAdmin {
    fn new(port: u16, key: &AdminKey, credentials: Credentials) -> Self {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(ADMIN_KEY_HEADER, key.as_str().parse().unwrap());
        Self {
            origin: format!("http://127.0.0.1:{port}"),
            base: format!(
                "http://127.0.0.1:{port}/_simulator/t/{}",
                credentials.tenant
            ),
            credentials,
            http: reqwest::Client::builder()
                .no_proxy()
                .default_headers(headers)
                .build()
                .unwrap(),
        }
    }

    /// What a steering route (`path` under this tenant's base) answers, as JSON.
    async fn read(&self, path: &str) -> Value {
        let url = format!("{}/{path}", self.base);
        let response = self.http.get(url).send().await.unwrap();
        response.json().await.unwrap()
    }

    pub async fn requests(&self) -> Vec<Value> {
        serde_json::from_value(self.read("requests").await).expect("a list of requests")
    }

    /// Forgets the requests received so far, so that the next reading starts from here.
    pub async fn clear_requests(&self) {
        let url = format!("{}/requests", self.base);
        let answer = self.http.delete(url).send().await.unwrap();
        assert!(answer.status().is_success(), "requests not cleared");
    }

    pub fn base_url(&self) -> String {
        self.origin.clone()
    }

    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// Changes some switches, keeping the others.
    pub async fn set_switches(&self, changes: Value) {
        let url = format!("{}/switches", self.base);
        let mut switches: Value = self
            .http
            .get(&url)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for (key, value) in changes.as_object().expect("an object of switches") {
            switches[key] = value.clone();
        }
        let answer = self.http.put(&url).json(&switches).send().await.unwrap();
        assert!(answer.status().is_success(), "switches refused: {switches}");
    }

    /// The most status reads the host (every tenant on it) answered at once.
    pub async fn reads_peak(&self) -> u64 {
        self.read("reads-peak").await.as_u64().expect("a count")
    }

    /// The most of this tenant's workflows that were In progress at once.
    pub async fn running_peak(&self) -> u64 {
        self.read("running-peak").await.as_u64().expect("a count")
    }

    /// Creates workflows, as someone building them in Campaign would.
    pub async fn add_workflows(&self, workflows: Value) {
        let url = format!("{}/workflows", self.base);
        let answer = self.http.post(url).json(&workflows).send().await.unwrap();
        assert!(
            answer.status().is_success(),
            "workflows refused: {workflows}"
        );
    }

    /// Sends a command to the demo Campaign as someone else would (Campaign's own UI, another
    /// tool): Flowdeck learns of it only by reading.
    pub async fn command_from_elsewhere(&self, workflow_id: &str, method: &str) {
        let credentials = &self.credentials;
        let url = format!(
            "{}/{}/campaign/workflow/execution/{workflow_id}/commands",
            self.base_url(),
            credentials.tenant
        );
        let answer = self
            .http
            .post(url)
            .bearer_auth(&credentials.access_token)
            .header("X-Api-Key", &credentials.api_key)
            .header("Cache-Control", "no-cache")
            .json(&json!({ "method": method }))
            .send()
            .await
            .unwrap();
        assert!(
            answer.status().is_success(),
            "{method} refused: {}",
            answer.status()
        );
    }

    /// Renames a workflow, as someone editing its ID in Campaign would.
    pub async fn rename(&self, from: &str, to: &str) {
        let url = format!("{}/workflows/{from}/rename", self.base);
        let answer = self
            .http
            .post(url)
            .json(&json!({ "to": to }))
            .send()
            .await
            .unwrap();
        assert!(answer.status().is_success(), "no workflow {from} to rename");
    }

    /// Every access token the simulator's IMS issued.
    pub async fn issued_tokens(&self) -> Vec<String> {
        serde_json::from_value(self.read("tokens").await).expect("a list of tokens")
    }

    /// The Campaign requests received with this method.
    pub async fn requests_with(&self, method: &str) -> Vec<Value> {
        let mut requests = self.requests().await;
        requests.retain(|r| r["method"] == method);
        requests
    }

    /// The signal triggers received (any answer), in order.
    pub async fn signal_triggers(&self) -> Vec<Value> {
        let mut requests = self.requests_with("POST").await;
        requests.retain(|r| {
            r["path"]
                .as_str()
                .is_some_and(|path| path.trim_end_matches('/').ends_with("/trigger"))
        });
        requests
    }

    /// The workflow commands received, as `<workflow ID> <method>`, in order.
    pub async fn commands(&self) -> Vec<String> {
        self.requests_with("POST")
            .await
            .iter()
            .filter_map(|r| {
                let path = r["path"].as_str()?.strip_suffix("/commands")?;
                let id = path.rsplit('/').next()?;
                let body: Value = serde_json::from_str(r["body"].as_str()?).ok()?;
                Some(format!("{id} {}", body["method"].as_str()?))
            })
            .collect()
    }

    /// Asserts that every request this tenant received was one of its connection's: on its
    /// tenant's path, with its API key, and with its pasted token or one its IMS issued (a
    /// token request with its client ID). Nothing of another connection's reached it.
    pub async fn assert_every_request_was_its_own(&self) {
        let tokens = self.issued_tokens().await;
        let bearer_ok = |value: Option<&str>| {
            value
                .and_then(|v| v.strip_prefix("Bearer "))
                .is_some_and(|token| {
                    token == self.credentials.access_token || tokens.iter().any(|t| t == token)
                })
        };
        for request in self.requests().await {
            let path = request["path"].as_str().unwrap_or_default();
            if path == "/ims/token/v3" {
                let body = request["body"].as_str().unwrap_or_default();
                assert!(
                    body.contains(&format!("client_id={}", self.credentials.api_key)),
                    "a token request at {} for another client: {body}",
                    self.credentials.tenant
                );
                continue;
            }
            let headers = &request["headers"];
            assert!(
                path.starts_with(&format!("/{}/", self.credentials.tenant)),
                "{} received a request for another tenant: {path}",
                self.credentials.tenant
            );
            assert_eq!(
                headers["x-api-key"].as_str(),
                Some(self.credentials.api_key.as_str()),
                "{path}: another connection's API key"
            );
            assert!(
                bearer_ok(headers["authorization"].as_str()),
                "{path}: a token {} never issued",
                self.credentials.tenant
            );
        }
    }
}
