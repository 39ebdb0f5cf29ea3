//! The demo organisation: what a new user sees before connecting a real Campaign instance.

use crate::lifecycle::Status;
use crate::signal_activity::{ParameterType, SignalActivity, SignalParameter};
use crate::state::{Credentials, Workflow};
use crate::switches::{RecordStatus, Switches};

/// Another tenant's credential, made from its name: Stage and Production beside the demo in
/// tests, each with its own API key, client secret and token.
pub fn tenant_credentials(tenant: &str) -> Credentials {
    Credentials {
        tenant: tenant.into(),
        api_key: format!("{tenant}-api-key"),
        client_secret: format!("{tenant}-client-secret"),
        access_token: format!("{tenant}-access-token"),
    }
}

pub fn credentials() -> Credentials {
    Credentials {
        tenant: "flowdeck-demo".into(),
        api_key: "flowdeck-demo-api-key".into(),
        client_secret: "flowdeck-demo-client-secret".into(),
        access_token: "flowdeck-demo-access-token".into(),
    }
}

/// A handful of workflows, one in each of Campaign's statuses, so every button has a use.
pub fn workflows() -> Vec<Workflow> {
    [
        ("WKF-NEWSLETTER", "Weekly newsletter", Status::Editing),
        ("WKF-WELCOME", "Welcome journey", Status::InProgress),
        ("WKF-BIRTHDAY", "Birthday offers", Status::Warning),
        ("WKF-CRM-IMPORT", "Nightly CRM import", Status::Finished),
        ("WKF-WINBACK", "Win-back campaign", Status::Erroneous),
        (
            "WKF-SUMMER-SALE",
            "Summer sale announcement",
            Status::Editing,
        ),
    ]
    .into_iter()
    .map(|(id, label, status)| Workflow {
        signals: signals_of(id),
        id: id.into(),
        label: label.into(),
        status,
        transition: None,
    })
    .collect()
}

/// The running welcome journey waits for a signal with one parameter of each type; the
/// finished import shows what a signal to a workflow that is not running gets.
fn signals_of(id: &str) -> Vec<SignalActivity> {
    let declared = |parameters: &[(&str, ParameterType)]| {
        parameters
            .iter()
            .map(|&(name, kind)| SignalParameter {
                name: name.into(),
                kind,
            })
            .collect()
    };
    match id {
        "WKF-WELCOME" => vec![SignalActivity {
            name: "signal1".into(),
            parameters: declared(&[
                ("segmentCode", ParameterType::String),
                ("audienceSize", ParameterType::Number),
                ("isTest", ParameterType::Boolean),
                ("sendAt", ParameterType::DateTime),
            ]),
        }],
        "WKF-CRM-IMPORT" => vec![SignalActivity {
            name: "fileArrived".into(),
            parameters: declared(&[("fileName", ParameterType::String)]),
        }],
        _ => Vec::new(),
    }
}

/// The demo reports statuses and takes a moment to apply a command, like a real instance;
/// Start resumes a paused workflow, as in Campaign's UI.
pub fn switches() -> Switches {
    Switches {
        record_status: RecordStatus::Label,
        apply_delay_ms: 1200,
        start_resumes_paused: true,
        ..Switches::default()
    }
}
