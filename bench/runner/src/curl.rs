//! The baselines: curl sending the same command, with the same headers, to the same simulator.

use std::process::{Command, Stdio};
use std::time::Instant;

use flowdeck_e2e::App;
use serde_json::{Value, json};

/// A command the app sent, to copy: its path and headers (the token stays in this process).
pub struct Template {
    path: String,
    headers: Vec<(String, String)>,
}

impl Template {
    pub async fn from_app(app: &App) -> Template {
        let commands = app.simulator.requests_with("POST").await;
        let sent: &Value = commands
            .iter()
            .rev()
            .find(|r| r["path"].as_str().is_some_and(|p| p.ends_with("/commands")))
            .expect("the app sent a command to copy");
        let headers = sent["headers"]
            .as_object()
            .expect("headers")
            .iter()
            .filter(|(name, _)| {
                matches!(
                    name.as_str(),
                    "authorization" | "x-api-key" | "content-type" | "cache-control"
                )
            })
            .map(|(name, value)| (name.clone(), value.as_str().unwrap_or_default().to_owned()))
            .collect();
        Template {
            path: sent["path"].as_str().unwrap().to_owned(),
            headers,
        }
    }

    /// `curl` ready to send `method` to `workflow_id`.
    pub fn curl(&self, app: &App, workflow_id: &str, method: &str) -> Command {
        let (prefix, _) = self
            .path
            .trim_end_matches("/commands")
            .rsplit_once('/')
            .expect("a command path");
        let mut curl = Command::new("curl");
        curl.args(["-s", "-o", "/dev/null", "--noproxy", "*", "-X", "POST"])
            .arg(format!(
                "{}{prefix}/{workflow_id}/commands",
                app.simulator.base_url()
            ))
            .arg("--data")
            .arg(json!({ "method": method }).to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        for (name, value) in &self.headers {
            curl.arg("-H").arg(format!("{name}: {value}"));
        }
        curl
    }
}

/// A sequential curl loop sending Start to each workflow: seconds.
pub async fn command_loop(app: &App, ids: &[String]) -> f64 {
    let template = Template::from_app(app).await;
    app.simulator
        .set_switches(json!({ "responseDelayMs": 50 }))
        .await;
    let started = Instant::now();
    for id in ids {
        let status = template.curl(app, id, "start").status().expect("curl ran");
        assert!(status.success(), "curl failed");
    }
    let seconds = started.elapsed().as_secs_f64();
    app.simulator
        .set_switches(json!({ "responseDelayMs": 0 }))
        .await;
    seconds
}
