//! The Campaign instances a test's app talks to: simulators in the test process, each on a
//! thread of its own so that they answer whatever the test's runtime is doing, and steered
//! through their `/_simulator/…` routes (the `steering` feature, never in the app itself).

use std::sync::mpsc;
use std::thread::JoinHandle;

use campaign_simulator::{ADMIN_KEY_HEADER, AdminKey, Simulator, SimulatorConfig};
use serde_json::{Value, json};
use tokio::sync::oneshot;

/// A Campaign instance with the demo's tenant, credential and workflow IDs: the one the app's
/// demo organisation is pointed at, or a Stage or Production instance beside it, as those share
/// their workflow IDs.
pub struct Campaign {
    pub admin: SimulatorAdmin,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Campaign {
    pub fn start() -> Self {
        let key = AdminKey::generate();
        let mut config = SimulatorConfig::demo();
        config.admin_key = Some(key.clone());
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
        Self {
            admin: SimulatorAdmin::new(port, &key),
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    pub fn url(&self) -> String {
        self.admin.base_url()
    }
}

impl Drop for Campaign {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A simulator's steering API, with the key it was given.
#[derive(Clone)]
pub struct SimulatorAdmin {
    base: String,
    http: reqwest::Client,
}

impl SimulatorAdmin {
    fn new(port: u16, key: &AdminKey) -> Self {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(ADMIN_KEY_HEADER, key.as_str().parse().unwrap());
        Self {
            base: format!("http://127.0.0.1:{port}/_simulator"),
            http: reqwest::Client::builder()
                .no_proxy()
                .default_headers(headers)
                .build()
                .unwrap(),
        }
    }

    pub async fn requests(&self) -> Vec<Value> {
        let response = self
            .http
            .get(format!("{}/requests", self.base))
            .send()
            .await
            .unwrap();
        response.json().await.unwrap()
    }

    /// Forgets the requests received so far, so that the next reading starts from here.
    pub async fn clear_requests(&self) {
        let url = format!("{}/requests", self.base);
        let answer = self.http.delete(url).send().await.unwrap();
        assert!(answer.status().is_success(), "requests not cleared");
    }

    pub fn base_url(&self) -> String {
        self.base.trim_end_matches("/_simulator").to_owned()
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
        let credentials = campaign_simulator::demo::credentials();
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
        let url = format!("{}/tokens", self.base);
        self.http
            .get(url)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
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
}
