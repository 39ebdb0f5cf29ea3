//! The client against the simulator: each command, each error shape, each undocumented switch.

#[path = "support/campaign.rs"]
mod campaign_support;

use std::time::Duration;

use campaign_simulator::{
    CommandBody, InvalidTransition, RecordStatus, Status, Switches, UnknownId,
};
use flowdeck_campaign::{
    AccessToken, ApiKey, CampaignClient, CampaignError, Tenant, WorkflowCommand, WorkflowStatus,
};

use campaign_support::{Setup, id, setup, setup_with};

#[tokio::test]
async fn each_command_sends_exactly_the_documented_request() {
    let s = setup(Switches::default()).await;
    let cases = [
        ("WKF-NEWSLETTER", WorkflowCommand::Start, Status::InProgress),
        ("WKF-WELCOME", WorkflowCommand::Pause, Status::Warning),
        ("WKF-BIRTHDAY", WorkflowCommand::Resume, Status::InProgress),
        ("WKF-WINBACK", WorkflowCommand::Stop, Status::Finished),
    ];
    for (workflow, command, expected) in cases {
        let accepted = s
            .client
            .send_command(&s.token, &id(workflow), command)
            .await
            .unwrap();
        assert_eq!(accepted.status, 204);
        assert!(accepted.request_id.as_deref().unwrap().starts_with("sim-"));
        assert_eq!(
            s.simulator.status_of(workflow),
            Some(expected),
            "{workflow}"
        );

        let request = s.simulator.requests().pop().unwrap();
        assert_eq!(request.method, "POST");
        assert_eq!(
            request.path,
            format!("/flowdeck-demo/campaign/workflow/execution/{workflow}/commands")
        );
        assert_eq!(request.headers["content-type"], "application/json");
        assert_eq!(
            request.headers["authorization"],
            "Bearer flowdeck-demo-access-token"
        );
        assert_eq!(request.headers["cache-control"], "no-cache");
        assert_eq!(request.headers["x-api-key"], "flowdeck-demo-api-key");
        let body: serde_json::Value = serde_json::from_str(&request.body).unwrap();
        assert_eq!(body, serde_json::json!({ "method": command.method() }));
    }
    assert_eq!(s.simulator.requests().len(), 4);
}

#[tokio::test]
async fn any_success_body_means_accepted() {
    for body in [
        CommandBody::NoContent,
        CommandBody::EmptyObject,
        CommandBody::Record,
        CommandBody::PlainText,
    ] {
        let s = setup(Switches {
            command_body: body,
            ..Switches::default()
        })
        .await;
        let result = s
            .client
            .send_command(&s.token, &id("WKF-NEWSLETTER"), WorkflowCommand::Start)
            .await;
        assert!(result.is_ok(), "{body:?}: {result:?}");
    }
}

#[tokio::test]
async fn reads_the_record_with_or_without_a_status() {
    for (shape, expected) in [
        (RecordStatus::Absent, None),
        (RecordStatus::State, Some(WorkflowStatus::InProgress)),
        (RecordStatus::Label, Some(WorkflowStatus::InProgress)),
    ] {
        let s = setup(Switches {
            record_status: shape,
            ..Switches::default()
        })
        .await;
        let record = s
            .client
            .read_workflow(&s.token, &id("WKF-WELCOME"))
            .await
            .unwrap();
        assert_eq!(record.status, expected, "{shape:?}");
        assert_eq!(record.label.as_deref(), Some("Welcome journey"));
        let request = s.simulator.requests().pop().unwrap();
        assert_eq!(request.method, "GET");
        assert_eq!(
            request.path,
            "/flowdeck-demo/campaign/workflow/execution/WKF-WELCOME"
        );
        assert_eq!(request.headers["cache-control"], "no-cache");
    }
}

#[tokio::test]
async fn a_wrong_token_is_a_token_error_with_the_gateway_code() {
    let s = setup(Switches::default()).await;
    let error = s
        .client
        .send_command(
            &AccessToken::new("expired"),
            &id("WKF-NEWSLETTER"),
            WorkflowCommand::Start,
        )
        .await
        .unwrap_err();
    let CampaignError::TokenRejected(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.status, 401);
    assert_eq!(api.adobe_code.as_deref(), Some("401013"));
    assert_eq!(api.message, "Oauth token is not valid");
    assert!(api.request_id.is_some());
    assert_eq!(
        s.simulator.status_of("WKF-NEWSLETTER"),
        Some(Status::Editing)
    );
}

#[tokio::test]
async fn a_wrong_api_key_is_an_api_key_error() {
    let s = setup_with(Switches::default(), |c| {
        c.api_key = ApiKey::parse("wrong").unwrap()
    })
    .await;
    let error = s
        .client
        .read_workflow(&s.token, &id("WKF-WELCOME"))
        .await
        .unwrap_err();
    let CampaignError::ApiKeyRejected(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        (api.status, api.adobe_code.as_deref()),
        (403, Some("403003"))
    );
}

#[tokio::test]
async fn a_wrong_tenant_is_check_your_uri() {
    let s = setup_with(Switches::default(), |c| {
        c.tenant = Tenant::parse("acme").unwrap()
    })
    .await;
    let error = s
        .client
        .read_workflow(&s.token, &id("WKF-WELCOME"))
        .await
        .unwrap_err();
    let CampaignError::WrongTenantOrUri(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.status, 500);
    assert!(api.message.contains("Check your URI"));
}

#[tokio::test]
async fn an_unknown_id_is_not_found_in_every_shape() {
    for (shape, code) in [
        (UnknownId::RstNotFound, Some("RST-360011")),
        (UnknownId::JsonNotFound, None),
        (UnknownId::V8NotFound, None),
    ] {
        let s = setup(Switches {
            unknown_id: shape,
            ..Switches::default()
        })
        .await;
        for error in [
            s.client
                .read_workflow(&s.token, &id("WKF-GONE"))
                .await
                .unwrap_err(),
            s.client
                .send_command(&s.token, &id("WKF-GONE"), WorkflowCommand::Start)
                .await
                .unwrap_err(),
        ] {
            let CampaignError::WorkflowNotFound(api) = &error else {
                panic!("{error:?}")
            };
            assert_eq!(api.status, 404);
            assert_eq!(api.adobe_code.as_deref(), code);
            assert!(api.is_adobes(), "{shape:?}: Campaign's own answer");
        }
    }
}

#[tokio::test]
async fn a_renamed_workflow_is_not_found_under_its_old_id() {
    let s = setup(Switches::default()).await;
    assert!(s.simulator.rename("WKF-NEWSLETTER", "WKF-NEWSLETTER-2026"));
    let error = s
        .client
        .send_command(&s.token, &id("WKF-NEWSLETTER"), WorkflowCommand::Start)
        .await
        .unwrap_err();
    assert!(matches!(error, CampaignError::WorkflowNotFound(_)));
    s.client
        .send_command(&s.token, &id("WKF-NEWSLETTER-2026"), WorkflowCommand::Start)
        .await
        .unwrap();
}

#[tokio::test]
async fn an_invalid_transition_follows_the_switch() {
    let pause_finished = |s: &Setup| {
        let (client, token) = (s.client.clone(), s.token.clone());
        async move {
            client
                .send_command(&token, &id("WKF-CRM-IMPORT"), WorkflowCommand::Pause)
                .await
        }
    };
    // Campaign says why, in either shape: the reason is kept for the user.
    for (shape, status) in [
        (InvalidTransition::RstBadRequest, 400),
        (InvalidTransition::RstServerError, 500),
    ] {
        let s = setup(Switches {
            invalid_transition: shape,
            ..Switches::default()
        })
        .await;
        let error = pause_finished(&s).await.unwrap_err();
        let CampaignError::RefusedWithReason(api) = &error else {
            panic!("{error:?}")
        };
        assert_eq!(
            (api.status, api.adobe_code.as_deref()),
            (status, Some("RST-360012"))
        );
        let reason = api.reason().unwrap();
        assert!(reason.starts_with("XTK-170006"), "{reason}");
        assert!(reason.contains("in its current state"), "{reason}");
    }

    // Only the boilerplate (Campaign v8 sends nothing more): nothing to quote, so the
    // generic advice stays.
    for switches in [
        Switches {
            invalid_transition: InvalidTransition::BareServerError,
            ..Switches::default()
        },
        Switches::v8(),
    ] {
        let s = setup(switches).await;
        let error = pause_finished(&s).await.unwrap_err();
        let CampaignError::ServerError(api) = &error else {
            panic!("{error:?}")
        };
        assert_eq!(api.reason(), None);
        assert!(api.is_adobes());
    }

    let s = setup(Switches {
        invalid_transition: InvalidTransition::Ignored,
        ..Switches::default()
    })
    .await;
    assert!(pause_finished(&s).await.is_ok());
    assert_eq!(
        s.simulator.status_of("WKF-CRM-IMPORT"),
        Some(Status::Finished)
    );
}

#[tokio::test]
async fn start_on_a_paused_workflow_follows_the_switch() {
    let s = setup(Switches::default()).await;
    let refused = s
        .client
        .send_command(&s.token, &id("WKF-BIRTHDAY"), WorkflowCommand::Start)
        .await;
    assert!(matches!(refused, Err(CampaignError::RefusedWithReason(_))));

    let s = setup(Switches {
        start_resumes_paused: true,
        ..Switches::default()
    })
    .await;
    s.client
        .send_command(&s.token, &id("WKF-BIRTHDAY"), WorkflowCommand::Start)
        .await
        .unwrap();
    assert_eq!(
        s.simulator.status_of("WKF-BIRTHDAY"),
        Some(Status::InProgress)
    );
}

#[tokio::test]
async fn throttling_reports_retry_after_when_sent() {
    for (retry_after, expected) in [(Some(7), Some(Duration::from_secs(7))), (None, None)] {
        let s = setup(Switches {
            throttle_next: 1,
            retry_after_secs: retry_after,
            ..Switches::default()
        })
        .await;
        let error = s
            .client
            .send_command(&s.token, &id("WKF-NEWSLETTER"), WorkflowCommand::Start)
            .await
            .unwrap_err();
        let CampaignError::Busy {
            error: api,
            retry_after,
        } = &error
        else {
            panic!("{error:?}")
        };
        assert_eq!(api.status, 429);
        assert_eq!(api.adobe_code.as_deref(), Some("429050"));
        assert_eq!(*retry_after, expected);
        assert_eq!(
            s.simulator.status_of("WKF-NEWSLETTER"),
            Some(Status::Editing)
        );
        // The throttle was for one request only.
        s.client
            .send_command(&s.token, &id("WKF-NEWSLETTER"), WorkflowCommand::Start)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn a_late_answer_is_a_timeout_and_is_never_resent() {
    let s = setup(Switches {
        response_delay_ms: 2_000,
        ..Switches::default()
    })
    .await;
    let error = s
        .client
        .send_command(&s.token, &id("WKF-NEWSLETTER"), WorkflowCommand::Start)
        .await
        .unwrap_err();
    assert_eq!(error, CampaignError::Timeout);
    assert!(error.command_may_have_run());
    assert_eq!(s.simulator.requests().len(), 1);
    // The command did run: exactly what makes a resend dangerous.
    assert_eq!(
        s.simulator.status_of("WKF-NEWSLETTER"),
        Some(Status::InProgress)
    );
}

#[tokio::test]
async fn a_closed_port_is_unreachable() {
    let s = setup(Switches::default()).await;
    let address = s.client.address().clone();
    drop(s);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let client = CampaignClient::new(address).unwrap();
    let error = client
        .read_workflow(&AccessToken::new("x"), &id("WKF-WELCOME"))
        .await
        .unwrap_err();
    assert_eq!(error, CampaignError::Unreachable);
    assert!(!error.command_may_have_run());
}

/// Every status of the demo workflows, in every record shape the simulator has: the client
/// reads each as Campaign's UI shows it.
#[tokio::test]
async fn every_status_reads_the_same_in_every_record_shape() {
    let expected = [
        ("WKF-NEWSLETTER", WorkflowStatus::Editing),
        ("WKF-WELCOME", WorkflowStatus::InProgress),
        ("WKF-BIRTHDAY", WorkflowStatus::Warning),
        ("WKF-CRM-IMPORT", WorkflowStatus::Finished),
        ("WKF-WINBACK", WorkflowStatus::Erroneous),
    ];
    // Campaign v8's words (Draft, Paused) read as the same statuses as Standard's.
    for shape in [
        RecordStatus::State,
        RecordStatus::Label,
        RecordStatus::LabelV8,
        RecordStatus::Engine,
    ] {
        let s = setup(Switches {
            record_status: shape,
            ..Switches::default()
        })
        .await;
        for (workflow, status) in expected {
            let record = s
                .client
                .read_workflow(&s.token, &id(workflow))
                .await
                .unwrap();
            assert_eq!(record.status, Some(status), "{shape:?} {workflow}");
        }
    }
}

#[tokio::test]
async fn a_command_taking_effect_reads_as_in_transition_in_every_shape_until_it_settles() {
    for shape in [
        RecordStatus::State,
        RecordStatus::Label,
        RecordStatus::Engine,
    ] {
        let s = setup(Switches {
            record_status: shape,
            apply_delay_ms: 300,
            ..Switches::default()
        })
        .await;
        s.client
            .send_command(&s.token, &id("WKF-WELCOME"), WorkflowCommand::Pause)
            .await
            .unwrap();
        let welcome = id("WKF-WELCOME");
        let read = || s.client.read_workflow(&s.token, &welcome);
        assert_eq!(
            read().await.unwrap().status,
            Some(WorkflowStatus::InTransition),
            "{shape:?}"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(
            read().await.unwrap().status,
            Some(WorkflowStatus::Warning),
            "{shape:?}"
        );
    }
    // Where the record does not say so, the old status shows until the new one.
    let s = setup(Switches {
        record_status: RecordStatus::Label,
        apply_delay_ms: 300,
        report_transitions: false,
        ..Switches::default()
    })
    .await;
    s.client
        .send_command(&s.token, &id("WKF-WELCOME"), WorkflowCommand::Pause)
        .await
        .unwrap();
    let record = s
        .client
        .read_workflow(&s.token, &id("WKF-WELCOME"))
        .await
        .unwrap();
    assert_eq!(record.status, Some(WorkflowStatus::InProgress));
}

#[tokio::test]
async fn a_workflow_v8_aborted_reads_as_erroneous_and_stopped_and_takes_only_start() {
    let s = setup(Switches::v8_engine()).await;
    let tenant = s.simulator.credentials().tenant.clone();
    assert!(
        s.simulator
            .set_status(&tenant, "WKF-WINBACK", Status::Aborted)
    );
    let record = s
        .client
        .read_workflow(&s.token, &id("WKF-WINBACK"))
        .await
        .unwrap();
    assert_eq!(record.status, Some(WorkflowStatus::Erroneous));
    assert!(record.aborted);
    for refused in [WorkflowCommand::Resume, WorkflowCommand::Stop] {
        let error = s
            .client
            .send_command(&s.token, &id("WKF-WINBACK"), refused)
            .await
            .unwrap_err();
        assert!(matches!(error, CampaignError::ServerError(_)), "{error:?}");
    }
    s.client
        .send_command(&s.token, &id("WKF-WINBACK"), WorkflowCommand::Start)
        .await
        .unwrap();
    assert_eq!(
        s.simulator.status_of("WKF-WINBACK"),
        Some(Status::InProgress)
    );
}
