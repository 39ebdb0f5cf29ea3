//! The client against a hostile network: each of the simulator's faults, the error it becomes,
//! and how many requests reached the simulator. A command that may have run is never resent.

#[path = "support/campaign.rs"]
mod campaign_support;
#[path = "support/ims.rs"]
mod ims_support;

use std::time::Duration;

use campaign_simulator::{ArmedFault, Endpoint, Fault, RetryAfter, Status, Switches};
use campaign_support::{Setup, id, setup};
use flowdeck_campaign::{
    AuthError, CampaignError, ImsError, TokenProvider, WorkflowCommand, request_token,
};
use ims_support::{good, ims_requests};

fn once(on: Endpoint, fault: Fault) -> Switches {
    Switches {
        faults: vec![ArmedFault {
            on,
            fault,
            times: Some(1),
        }],
        ..Switches::default()
    }
}

async fn start_newsletter(s: &Setup) -> Result<(), CampaignError> {
    s.client
        .send_command(&s.token, &id("WKF-NEWSLETTER"), WorkflowCommand::Start)
        .await
        .map(drop)
}

fn commands_received(s: &Setup) -> usize {
    s.simulator
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/commands"))
        .count()
}

fn newsletter(s: &Setup) -> Option<Status> {
    s.simulator.status_of("WKF-NEWSLETTER")
}

#[tokio::test]
async fn a_connection_dropped_before_campaign_read_it_may_have_run_for_all_flowdeck_knows() {
    let s = setup(once(Endpoint::Commands, Fault::DropBeforeReading)).await;
    let error = start_newsletter(&s).await.unwrap_err();
    assert_eq!(error, CampaignError::ConnectionLost);
    assert!(error.command_may_have_run());
    assert_eq!(commands_received(&s), 1);
    assert_eq!(
        newsletter(&s),
        Some(Status::Editing),
        "Campaign never ran it"
    );
    assert_eq!(s.simulator.requests()[0].status, None, "no answer was sent");
    assert_eq!(s.simulator.faults_injected(), 1);
}

#[tokio::test]
async fn a_command_carried_out_whose_answer_is_lost_is_reported_as_may_have_run() {
    let s = setup(once(Endpoint::Commands, Fault::DropAfterProcessing)).await;
    let error = start_newsletter(&s).await.unwrap_err();
    assert_eq!(error, CampaignError::ConnectionLost);
    assert!(error.command_may_have_run());
    assert_eq!(commands_received(&s), 1, "never resent by the client");
    assert_eq!(newsletter(&s), Some(Status::InProgress), "Campaign ran it");
    // Reading the status afterwards works: the fault was for one request.
    let record = s
        .client
        .read_workflow(&s.token, &id("WKF-NEWSLETTER"))
        .await;
    assert!(record.is_ok(), "{record:?}");
}

#[tokio::test]
async fn a_proxy_that_gives_up_means_the_command_may_have_run_either_way() {
    // A proxy's 503 page is no busy Campaign: it may come after the command was forwarded.
    for (status, processed, expected) in [
        (502, false, Status::Editing),
        (504, true, Status::InProgress),
        (503, true, Status::InProgress),
        (503, false, Status::Editing),
    ] {
        let s = setup(once(
            Endpoint::Commands,
            Fault::ProxyPage { status, processed },
        ))
        .await;
        let error = start_newsletter(&s).await.unwrap_err();
        let CampaignError::GatewayGaveUp(api) = &error else {
            panic!("{status}: {error:?}");
        };
        assert_eq!(api.status, status);
        assert!(
            !api.is_adobes(),
            "a proxy's HTML page is not Adobe's answer"
        );
        assert!(error.command_may_have_run());
        assert_eq!(commands_received(&s), 1);
        assert_eq!(newsletter(&s), Some(expected));
    }
}

#[tokio::test]
async fn a_redirect_is_never_followed_and_nothing_ran() {
    let s = setup(once(Endpoint::Commands, Fault::Redirect)).await;
    let error = start_newsletter(&s).await.unwrap_err();
    assert!(matches!(error, CampaignError::Redirected(ref api) if api.status == 302));
    assert!(!error.command_may_have_run());
    assert_eq!(s.simulator.requests().len(), 1);
    assert_eq!(newsletter(&s), Some(Status::Editing));
}

#[tokio::test]
async fn a_body_that_stalls_half_way_is_a_timeout() {
    let s = setup(once(Endpoint::Reads, Fault::StallMidBody)).await;
    let started = std::time::Instant::now();
    let error = s
        .client
        .read_workflow(&s.token, &id("WKF-WELCOME"))
        .await
        .unwrap_err();
    assert_eq!(error, CampaignError::Timeout);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(s.simulator.requests().len(), 1);
}

#[tokio::test]
async fn a_huge_body_is_refused_at_the_bound_but_a_huge_success_still_means_accepted() {
    let huge = Fault::HugeBody { bytes: 4 << 20 };
    let s = setup(once(Endpoint::Reads, huge.clone())).await;
    let error = s
        .client
        .read_workflow(&s.token, &id("WKF-WELCOME"))
        .await
        .unwrap_err();
    assert_eq!(error, CampaignError::ResponseTooLarge);
    assert_eq!(s.simulator.requests().len(), 1);

    let s = setup(once(Endpoint::Commands, huge)).await;
    start_newsletter(&s).await.unwrap();
    assert_eq!(commands_received(&s), 1);
}

#[tokio::test]
async fn a_body_that_is_not_utf8_is_unreadable_not_a_garbled_label() {
    let s = setup(once(Endpoint::Reads, Fault::InvalidUtf8)).await;
    let error = s
        .client
        .read_workflow(&s.token, &id("WKF-WELCOME"))
        .await
        .unwrap_err();
    assert_eq!(error, CampaignError::UnreadableAnswer);
    assert!(!error.command_may_have_run());
    assert_eq!(s.simulator.requests().len(), 1);
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_honoured() {
    let s = setup(once(
        Endpoint::Commands,
        Fault::Status {
            status: 429,
            retry_after: Some(RetryAfter::HttpDate(5)),
        },
    ))
    .await;
    let error = start_newsletter(&s).await.unwrap_err();
    let CampaignError::Busy { retry_after, .. } = error else {
        panic!("{error:?}");
    };
    let wait = retry_after.expect("the date was read").as_secs();
    assert!((3..=5).contains(&wait), "{wait}");
    assert_eq!(newsletter(&s), Some(Status::Editing));
    assert_eq!(
        commands_received(&s),
        1,
        "the client leaves the retry to its caller"
    );
}

#[tokio::test]
async fn a_slow_ims_is_a_timeout_and_is_not_asked_again_at_once() {
    let s = setup(once(Endpoint::Ims, Fault::Slow { ms: 2_000 })).await;
    let tokens =
        TokenProvider::oauth(good(&s.simulator)).with_ims_timeout(Duration::from_millis(500));
    assert_eq!(tokens.token().await, Err(AuthError::Ims(ImsError::Timeout)));
    assert_eq!(
        tokens.token().await,
        Err(AuthError::Ims(ImsError::Timeout)),
        "the cool-down answers, not IMS"
    );
    assert_eq!(ims_requests(&s.simulator), 1);
}

#[tokio::test]
async fn ims_trouble_is_its_own_error() {
    for status in [500, 502] {
        let s = setup(once(
            Endpoint::Ims,
            Fault::Status {
                status,
                retry_after: None,
            },
        ))
        .await;
        let error = request_token(&good(&s.simulator), Duration::from_secs(5))
            .await
            .unwrap_err();
        assert_eq!(error, ImsError::Unavailable { status });
        assert_eq!(ims_requests(&s.simulator), 1);
    }
}

#[tokio::test]
async fn a_busy_ims_says_how_long_to_wait_and_is_left_alone_that_long() {
    let s = setup(once(
        Endpoint::Ims,
        Fault::Status {
            status: 429,
            retry_after: Some(RetryAfter::Seconds(30)),
        },
    ))
    .await;
    let tokens = TokenProvider::oauth(good(&s.simulator));
    let busy = AuthError::Ims(ImsError::Busy {
        retry_after: Some(Duration::from_secs(30)),
    });
    assert_eq!(tokens.token().await, Err(busy.clone()));
    assert_eq!(tokens.token().await, Err(busy));
    assert_eq!(ims_requests(&s.simulator), 1);
}

#[tokio::test]
async fn a_huge_or_dropped_ims_answer_gives_no_token() {
    let s = setup(once(Endpoint::Ims, Fault::HugeBody { bytes: 8 << 20 })).await;
    let error = request_token(&good(&s.simulator), Duration::from_secs(5))
        .await
        .unwrap_err();
    assert_eq!(error, ImsError::UnexpectedAnswer);
    assert_eq!(ims_requests(&s.simulator), 1);

    let s = setup(once(Endpoint::Ims, Fault::DropAfterProcessing)).await;
    let error = request_token(&good(&s.simulator), Duration::from_secs(5))
        .await
        .unwrap_err();
    assert_eq!(error, ImsError::ConnectionLost);
    assert_eq!(ims_requests(&s.simulator), 1);
}

#[tokio::test]
async fn a_fault_armed_for_every_request_stays_until_the_switches_change() {
    let mut switches = once(Endpoint::Reads, Fault::InvalidUtf8);
    switches.faults[0].times = None;
    let s = setup(switches).await;
    for _ in 0..3 {
        let read = s.client.read_workflow(&s.token, &id("WKF-WELCOME")).await;
        assert_eq!(read, Err(CampaignError::UnreadableAnswer));
    }
    s.simulator.set_switches(Switches::default());
    assert!(
        s.client
            .read_workflow(&s.token, &id("WKF-WELCOME"))
            .await
            .is_ok()
    );
    assert_eq!(s.simulator.faults_injected(), 3);
}
