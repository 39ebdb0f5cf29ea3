//! The simulator refuses what Adobe's gateway and Campaign would refuse, in Adobe's shapes,
//! and its inspection API shows and steers what it does.

use campaign_simulator::{
    ADMIN_KEY_HEADER, AdminKey, RecordStatus, Simulator, SimulatorConfig, Status, Switches,
};
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::{Client, RequestBuilder, Response};
use serde_json::{Value, json};

async fn simulator() -> (Simulator, Client) {
    let simulator = Simulator::start(SimulatorConfig::demo()).await.unwrap();
    (simulator, Client::builder().no_proxy().build().unwrap())
}

fn commands_url(simulator: &Simulator, id: &str) -> String {
    format!(
        "{}/flowdeck-demo/campaign/workflow/execution/{id}/commands",
        simulator.base_url()
    )
}

/// A request with the four documented headers.
fn documented(builder: RequestBuilder) -> RequestBuilder {
    documented_but(builder, "", "")
}

/// A request with the four documented headers, one of them replaced.
fn documented_but(
    builder: RequestBuilder,
    name: &'static str,
    value: &'static str,
) -> RequestBuilder {
    let mut headers = HeaderMap::new();
    for (header, documented) in [
        ("content-type", "application/json"),
        ("authorization", "Bearer flowdeck-demo-access-token"),
        ("cache-control", "no-cache"),
        ("x-api-key", "flowdeck-demo-api-key"),
    ] {
        let value = if header == name { value } else { documented };
        headers.insert(header, HeaderValue::from_static(value));
    }
    builder.headers(headers)
}

async fn json_of(response: Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_missing_api_key_is_403000_and_every_answer_has_a_request_id() {
    let (sim, http) = simulator().await;
    let response = http
        .post(commands_url(&sim, "WKF-NEWSLETTER"))
        .header("Authorization", "Bearer flowdeck-demo-access-token")
        .body(r#"{"method":"start"}"#)
        .send()
        .await
        .unwrap();
    assert!(response.headers().contains_key("x-request-id"));
    let (status, body) = json_of(response).await;
    assert_eq!((status, body["error_code"].as_str()), (403, Some("403000")));
    assert_eq!(sim.status_of("WKF-NEWSLETTER"), Some(Status::Editing));
}

#[tokio::test]
async fn the_contracts_headers_and_body_are_enforced() {
    let (sim, http) = simulator().await;
    let url = commands_url(&sim, "WKF-NEWSLETTER");
    let refusals = [
        documented_but(http.post(&url), "cache-control", "max-age=0").body(r#"{"method":"start"}"#),
        documented_but(http.post(&url), "content-type", "text/plain").body(r#"{"method":"start"}"#),
        documented(http.post(&url)).body(r#"{"method":"Start"}"#),
        documented(http.post(&url)).body(r#"{"method":"restart"}"#),
        documented(http.post(&url)).body(r#"{"method":"start","force":true}"#),
        documented(http.post(&url)).body("method=start"),
        documented(http.get(&url)),
    ];
    for request in refusals {
        let (status, body) = json_of(request.send().await.unwrap()).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["code"], 400);
    }
    assert_eq!(sim.status_of("WKF-NEWSLETTER"), Some(Status::Editing));
    assert_eq!(
        sim.requests().len(),
        7,
        "every request is recorded, refused or not"
    );

    let ok = documented_but(
        http.post(&url),
        "content-type",
        "application/json;charset=utf-8",
    );
    assert_eq!(
        ok.body(r#"{"method":"start"}"#)
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
}

#[tokio::test]
async fn an_unroutable_uri_gets_check_your_uri() {
    let (sim, http) = simulator().await;
    let url = format!("{}/flowdeck-demo/campaign/workflow/list", sim.base_url());
    let (status, body) = json_of(documented(http.get(url)).send().await.unwrap()).await;
    assert_eq!(status, 500);
    assert_eq!(
        body,
        json!({ "code": 500, "message": "Oops. Something went wrong. Check your URI and try again." })
    );
}

#[tokio::test]
async fn the_inspection_api_shows_requests_and_steers_switches() {
    let key = AdminKey::generate();
    let mut config = SimulatorConfig::demo();
    config.admin_key = Some(key.clone());
    let sim = Simulator::start(config).await.unwrap();
    let mut headers = HeaderMap::new();
    headers.insert(ADMIN_KEY_HEADER, key.as_str().parse().unwrap());
    let http = Client::builder()
        .no_proxy()
        .default_headers(headers)
        .build()
        .unwrap();
    let admin = format!("{}/_simulator", sim.base_url());
    documented(http.post(commands_url(&sim, "WKF-NEWSLETTER")))
        .body(r#"{"method":"start"}"#)
        .send()
        .await
        .unwrap();
    let requests: Value = http
        .get(format!("{admin}/requests"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(requests.as_array().unwrap().len(), 1);
    assert_eq!(requests[0]["headers"]["x-api-key"], "flowdeck-demo-api-key");

    let switches = Switches {
        record_status: RecordStatus::State,
        throttle_next: 2,
        ..Switches::default()
    };
    let put = http
        .put(format!("{admin}/switches"))
        .json(&switches)
        .send()
        .await
        .unwrap();
    assert!(put.status().is_success());
    assert_eq!(sim.switches(), switches);

    let rename = http
        .post(format!("{admin}/workflows/WKF-WELCOME/rename"))
        .json(&json!({ "to": "WKF-WELCOME-V2" }))
        .send()
        .await
        .unwrap();
    assert_eq!(rename.status(), 204);
    assert_eq!(sim.status_of("WKF-WELCOME"), None);
    assert_eq!(sim.status_of("WKF-WELCOME-V2"), Some(Status::InProgress));
    assert_eq!(
        sim.requests().len(),
        1,
        "inspection calls are not Campaign requests"
    );
}

/// What the simulator received includes tokens and Authorization headers, and an armed fault
/// can make its client wait: no local process may read or steer it without the key.
#[tokio::test]
async fn the_inspection_api_answers_only_the_key_and_is_not_there_without_one() {
    let switches = Switches {
        throttle_next: 3,
        ..Switches::default()
    };
    let (keyless, http) = simulator().await;
    let url = |sim: &Simulator, path: &str| format!("{}/_simulator/{path}", sim.base_url());
    for path in ["requests", "tokens", "switches", "workflows"] {
        let answer = http.get(url(&keyless, path)).send().await.unwrap();
        assert!(!answer.status().is_success(), "{path} served without a key");
    }
    let put = http.put(url(&keyless, "switches")).json(&switches);
    assert!(!put.send().await.unwrap().status().is_success());
    assert_eq!(keyless.switches(), SimulatorConfig::demo().switches);

    let key = AdminKey::generate();
    let mut config = SimulatorConfig::demo();
    config.admin_key = Some(key.clone());
    let keyed = Simulator::start(config).await.unwrap();
    let wrong = AdminKey::generate();
    for offered in [None, Some(wrong.as_str()), Some(&key.as_str()[1..])] {
        let mut get = http.get(url(&keyed, "requests"));
        let mut put = http.put(url(&keyed, "switches")).json(&switches);
        if let Some(offered) = offered {
            get = get.header(ADMIN_KEY_HEADER, offered);
            put = put.header(ADMIN_KEY_HEADER, offered);
        }
        assert_eq!(get.send().await.unwrap().status(), 403);
        assert_eq!(put.send().await.unwrap().status(), 403);
    }
    assert_eq!(keyed.switches(), SimulatorConfig::demo().switches);
    let put = http
        .put(url(&keyed, "switches"))
        .header(ADMIN_KEY_HEADER, key.as_str())
        .json(&switches);
    assert!(put.send().await.unwrap().status().is_success());
    assert_eq!(keyed.switches(), switches);
}

#[test]
fn an_admin_key_from_outside_is_long_and_plain_or_refused() {
    assert!(AdminKey::parse(&"a1".repeat(16)).is_some());
    for bad in [
        "",
        "short",
        &"a".repeat(31),
        &format!("{}-", "a".repeat(32)),
    ] {
        assert!(AdminKey::parse(bad).is_none(), "{bad:?}");
    }
    assert_ne!(AdminKey::generate(), AdminKey::generate());
    assert!(AdminKey::parse(AdminKey::generate().as_str()).is_some());
    assert_eq!(format!("{:?}", AdminKey::generate()), "AdminKey(…)");
}

#[tokio::test]
async fn the_demo_applies_commands_after_a_moment() {
    let (sim, http) = simulator().await;
    assert!(sim.switches().apply_delay_ms > 0);
    documented(http.post(commands_url(&sim, "WKF-NEWSLETTER")))
        .body(r#"{"method":"start"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(sim.status_of("WKF-NEWSLETTER"), Some(Status::Editing));
    tokio::time::sleep(std::time::Duration::from_millis(
        sim.switches().apply_delay_ms + 300,
    ))
    .await;
    assert_eq!(sim.status_of("WKF-NEWSLETTER"), Some(Status::InProgress));
}

/// The href the record lists for one of a workflow's signal activities.
async fn trigger_href(sim: &Simulator, http: &Client, id: &str, activity: &str) -> String {
    let url = format!(
        "{}/flowdeck-demo/campaign/workflow/execution/{id}",
        sim.base_url()
    );
    let (_, record) = json_of(documented(http.get(url)).send().await.unwrap()).await;
    record["activities"]["activity"][activity]["trigger"]["href"]
        .as_str()
        .unwrap_or_else(|| panic!("no trigger for {activity} in {record}"))
        .to_owned()
}

#[tokio::test]
async fn the_record_lists_absolute_trigger_hrefs_built_from_pkeys() {
    let (sim, http) = simulator().await;
    let url = format!(
        "{}/flowdeck-demo/campaign/workflow/execution/WKF-WELCOME",
        sim.base_url()
    );
    let (_, record) = json_of(documented(http.get(&url)).send().await.unwrap()).await;
    let pkey = record["PKey"].as_str().unwrap();
    let signal = &record["activities"]["activity"]["signal1"];
    let href = signal["trigger"]["href"].as_str().unwrap();
    let prefix = format!(
        "{}/flowdeck-demo/campaign/workflow/execution/{pkey}/activities/activity/@",
        sim.base_url()
    );
    assert!(href.starts_with(&prefix), "{href}");
    assert!(href.ends_with("/trigger/"), "{href}");
    assert_eq!(
        signal["parameters"][1],
        json!({ "name": "audienceSize", "type": "number" })
    );
    // Other activities carry no trigger.
    assert!(record["activities"]["activity"]["start"]["trigger"].is_null());

    sim.set_switches(Switches {
        signal_declarations: campaign_simulator::SignalDeclarations::Unlisted,
        ..sim.switches()
    });
    let (_, record) = json_of(documented(http.get(&url)).send().await.unwrap()).await;
    let signal = &record["activities"]["activity"]["signal1"];
    assert_eq!(signal["trigger"]["href"].as_str(), Some(href));
    assert!(signal["parameters"].is_null(), "{signal}");
}

#[tokio::test]
async fn a_trigger_takes_a_source_and_declared_typed_parameters_only() {
    let (sim, http) = simulator().await;
    let href = trigger_href(&sim, &http, "WKF-WELCOME", "signal1").await;
    let refusals = [
        (json!({ "parameters": {} }), 400, "source is mandatory"),
        (
            json!({ "source": "test", "parameters": { "segment": "A" } }),
            400,
            "RST-360011 An error has occurred - please contact your administrator. The parameter 'segment' isn't defined in signal activity 'signal1'.",
        ),
        (
            json!({ "source": "test", "parameters": { "audienceSize": "12" } }),
            400,
            "must be of type number",
        ),
        (
            json!({ "source": "test", "parameters": { "sendAt": "tomorrow" } }),
            400,
            "must be of type date/time",
        ),
        (
            json!({ "source": "x".repeat(campaign_simulator::MAX_SIGNAL_PAYLOAD) }),
            413,
            "64 KB",
        ),
    ];
    for (body, expected_status, expected_text) in refusals {
        let response = documented(http.post(&href))
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        assert_eq!(status, expected_status, "{text}");
        assert!(text.contains(expected_text), "{text}");
    }

    let signal = json!({ "source": "test", "parameters": {
        "segmentCode": "VIP", "audienceSize": 1200, "isTest": true, "sendAt": "2026-12-24T09:00:00Z",
    }});
    let send = || documented(http.post(&href)).body(signal.to_string()).send();
    let (status, body) = json_of(send().await.unwrap()).await;
    assert_eq!(
        (status, &body["parameters"]["audienceSize"]),
        (200, &json!(1200))
    );

    // Again within the cool-down: an answer that is not JSON.
    let again = send().await.unwrap();
    assert_eq!(again.status().as_u16(), 500);
    assert!(again.text().await.unwrap().starts_with("<html>"));
    sim.set_switches(Switches {
        signal_cooldown_answer: campaign_simulator::SignalCooldownAnswer::PlainOk,
        ..sim.switches()
    });
    let again = send().await.unwrap();
    assert_eq!(
        (
            again.status().as_u16(),
            again.text().await.unwrap().as_str()
        ),
        (200, "OK")
    );
}

#[tokio::test]
async fn a_signal_to_a_workflow_that_is_not_running_is_refused() {
    let (sim, http) = simulator().await;
    let href = trigger_href(&sim, &http, "WKF-CRM-IMPORT", "fileArrived").await;
    let response = documented(http.post(&href))
        .body(r#"{"source":"test","parameters":{"fileName":"crm.csv"}}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
    let text = response.text().await.unwrap();
    assert!(text.starts_with("RST-360012"), "{text}");
    assert!(text.contains("is not started"), "{text}");

    // A trigger href for an activity that does not exist is an unknown document.
    let unknown = href.replace("/activity/@", "/activity/@0");
    let response = documented(http.post(&unknown))
        .body(r#"{"source":"test"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 404);
}

#[tokio::test]
async fn a_started_workflow_can_finish_by_itself_and_the_peak_of_those_running_is_kept() {
    let mut config = SimulatorConfig::demo();
    config.switches = Switches {
        apply_delay_ms: 0,
        run_ms: 300,
        ..Switches::default()
    };
    let sim = Simulator::start(config).await.unwrap();
    let http = Client::builder().no_proxy().build().unwrap();
    // WKF-WELCOME is In progress already (run_ms applies to starts from now on).
    assert_eq!(sim.running_peak(), 0);
    for id in ["WKF-NEWSLETTER", "WKF-SUMMER-SALE"] {
        documented(http.post(commands_url(&sim, id)))
            .body(r#"{"method":"start"}"#)
            .send()
            .await
            .unwrap();
    }
    assert_eq!(sim.status_of("WKF-SUMMER-SALE"), Some(Status::InProgress));
    assert_eq!(sim.running_peak(), 3, "two started beside the one running");
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    assert_eq!(sim.status_of("WKF-NEWSLETTER"), Some(Status::Finished));
    assert_eq!(
        sim.status_of("WKF-WELCOME"),
        Some(Status::InProgress),
        "not started here"
    );
}
