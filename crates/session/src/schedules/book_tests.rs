//! Schedules against the simulator with a clock the tests hold: a command comes due and is sent
//! once, to the card's own connection; what came due while Flowdeck was not running, while the
//! computer slept or while schedules were paused is missed and never sent. Each test counts the
//! commands the simulator received.

use std::sync::Arc;
use std::time::Duration;

use campaign_simulator::{ArmedFault, Endpoint, Fault, RecordStatus, Switches};
use flowdeck_campaign::WorkflowCommand;
use flowdeck_store::{Action, ConnectionKind, Repeat, ScheduleEvent};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::*;
use crate::clock::{FastClock, HeldClock};
use crate::test_support::{Setup, commands_received, connect, setup, simulator, stage_deck};

fn labelled() -> Switches {
    Switches {
        record_status: RecordStatus::Label,
        ..Switches::default()
    }
}

fn at(raw: &str) -> Timestamp {
    raw.parse().unwrap()
}

fn plus(instant: Timestamp, secs: i64) -> Timestamp {
    instant
        .checked_add(SignedDuration::from_secs(secs))
        .unwrap()
}

fn request(connection_id: &str, local_time: &str, repeat: Repeat) -> ScheduleRequest {
    ScheduleRequest {
        connection_id: connection_id.into(),
        workflow_id: "WKF-NEWSLETTER".into(),
        command: WorkflowCommand::Start,
        local_time: local_time.into(),
        repeat,
    }
}

const UTC: TimeZone = TimeZone::UTC;

/// A Stage connection with the newsletter's card, and a Start of it scheduled at 06:00 on
/// 3 December by a Flowdeck that started at 05:00.
async fn newsletter_at_six_on_stage(s: &Setup, repeat: Repeat) -> Schedules {
    let deck = stage_deck(&s.connections, &s.simulator, &["WKF-NEWSLETTER"]).await;
    let connection = deck.organisation().connection_id.clone();
    let started = at("2026-12-03T05:00Z");
    let schedules = Schedules::open(s.config.path(), started).unwrap();
    schedules
        .add(
            &s.connections,
            &request(&connection, "2026-12-03T06:00", repeat),
            &UTC,
            started,
        )
        .await
        .unwrap();
    schedules
}

#[tokio::test]
async fn a_due_command_is_sent_once_to_the_cards_own_connection_and_logged_as_scheduled() {
    let s = setup(labelled()).await;
    let production = simulator(labelled()).await;
    let stage = connect(
        &s.connections,
        &s.simulator,
        "Acme Stage",
        ConnectionKind::Stage,
        &["WKF-NEWSLETTER"],
    )
    .await;
    connect(
        &s.connections,
        &production,
        "Acme Production",
        ConnectionKind::Production,
        &["WKF-NEWSLETTER"],
    )
    .await;
    let started = at("2026-12-03T05:00Z");
    let schedules = Schedules::open(s.config.path(), started).unwrap();
    let view = schedules
        .add(
            &s.connections,
            &request(&stage.id, "2026-12-03T06:00", Repeat::Once),
            &UTC,
            started,
        )
        .await
        .unwrap();
    assert_eq!(view.next_due_ms, Some(1_796_277_600_000));

    let due = at("2026-12-03T06:00Z");
    assert!(
        schedules
            .run_due(&s.connections, &HeldClock::new(plus(due, -1), &UTC))
            .await
            .is_empty()
    );
    let ran = schedules
        .run_due(&s.connections, &HeldClock::new(plus(due, 1), &UTC))
        .await;
    assert!(
        matches!(ran.as_slice(), [Ran::Sent { accepted: true, .. }]),
        "{ran:?}"
    );
    assert!(
        schedules
            .run_due(&s.connections, &HeldClock::new(plus(due, 2), &UTC))
            .await
            .is_empty()
    );
    assert!(
        schedules
            .run_due(&s.connections, &HeldClock::new(plus(due, 86_400), &UTC))
            .await
            .is_empty()
    );

    assert_eq!(
        commands_received(&s.simulator),
        [("WKF-NEWSLETTER".to_owned(), "start".to_owned())]
    );
    assert!(
        commands_received(&production).is_empty(),
        "Production received nothing"
    );
    let entries = s.connections.activity().entries();
    assert_eq!(
        entries[0].activity.action,
        Action::ScheduledCommand(WorkflowCommand::Start)
    );
    let listed = schedules.list(&UTC);
    assert_eq!(listed[0].next_due_ms, None);
    assert!(matches!(
        listed[0].schedule.last,
        Some(ScheduleEvent::Sent { accepted: true, .. })
    ));
}

#[tokio::test]
async fn what_came_due_while_flowdeck_was_closed_is_missed_and_never_sent() {
    let s = setup(labelled()).await;
    let deck = stage_deck(&s.connections, &s.simulator, &["WKF-NEWSLETTER"]).await;
    let connection = deck.organisation().connection_id.clone();
    {
        let before = Schedules::open(s.config.path(), at("2026-12-03T05:00Z")).unwrap();
        before
            .add(
                &s.connections,
                &request(&connection, "2026-12-03T06:00", Repeat::Once),
                &UTC,
                at("2026-12-03T05:00Z"),
            )
            .await
            .unwrap();
    }
    // Flowdeck starts again a minute after it was due: within the grace, but it was not running.
    let after = Schedules::open(s.config.path(), at("2026-12-03T06:01Z")).unwrap();
    let ran = after
        .run_due(
            &s.connections,
            &HeldClock::new(at("2026-12-03T06:01Z"), &UTC),
        )
        .await;
    assert!(
        matches!(
            ran.as_slice(),
            [Ran::Missed {
                reason: MissedReason::NotRunning,
                ..
            }]
        ),
        "{ran:?}"
    );
    assert!(
        after
            .run_due(
                &s.connections,
                &HeldClock::new(at("2026-12-03T06:02Z"), &UTC)
            )
            .await
            .is_empty()
    );
    assert!(commands_received(&s.simulator).is_empty());
    assert!(matches!(
        after.list(&UTC)[0].schedule.last,
        Some(ScheduleEvent::Missed { .. })
    ));
}

#[tokio::test]
async fn a_daily_repeat_skips_what_a_sleeping_computer_missed_and_goes_on() {
    let s = setup(labelled()).await;
    let schedules = newsletter_at_six_on_stage(&s, Repeat::Daily).await;
    let sent = schedules
        .run_due(
            &s.connections,
            &HeldClock::new(at("2026-12-03T06:00:01Z"), &UTC),
        )
        .await;
    assert!(matches!(sent.as_slice(), [Ran::Sent { .. }]));
    // The computer slept through Friday and Saturday's 06:00 and woke at 09:00 on Saturday.
    let woke = schedules
        .run_due(
            &s.connections,
            &HeldClock::new(at("2026-12-05T09:00Z"), &UTC),
        )
        .await;
    assert!(
        matches!(
            woke.as_slice(),
            [Ran::Missed {
                reason: MissedReason::Asleep,
                ..
            }]
        ),
        "one missed, not two sent late: {woke:?}"
    );
    let sunday = schedules
        .run_due(
            &s.connections,
            &HeldClock::new(at("2026-12-06T06:00:30Z"), &UTC),
        )
        .await;
    assert!(matches!(sunday.as_slice(), [Ran::Sent { .. }]));
    assert_eq!(commands_received(&s.simulator).len(), 2);
}

#[tokio::test]
async fn paused_schedules_send_nothing_and_what_comes_due_meanwhile_is_missed() {
    let s = setup(labelled()).await;
    let schedules = newsletter_at_six_on_stage(&s, Repeat::Once).await;
    schedules.set_paused(true).unwrap();
    let ran = schedules
        .run_due(
            &s.connections,
            &HeldClock::new(at("2026-12-03T06:00:01Z"), &UTC),
        )
        .await;
    assert!(matches!(
        ran.as_slice(),
        [Ran::Missed {
            reason: MissedReason::Paused,
            ..
        }]
    ));
    assert!(commands_received(&s.simulator).is_empty());
}

/// A sign-in (or a keyring prompt) can hold a due command for minutes; it is judged late at
/// the moment it would leave, not when it was first looked at, so it is missed, not sent late.
#[tokio::test]
async fn a_command_ready_only_after_its_grace_is_missed_not_sent_late() {
    let s = setup(Switches {
        token_lifetime_secs: 1,
        ..labelled()
    })
    .await;
    let schedules = newsletter_at_six_on_stage(&s, Repeat::Once).await;
    // The token is due for renewal, and IMS takes 1.5 s to answer.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    s.simulator.set_switches(Switches {
        faults: vec![ArmedFault {
            on: Endpoint::Ims,
            fault: Fault::Slow { ms: 1500 },
            times: None,
        }],
        ..s.simulator.switches()
    });
    // Looked at one second after it was due, on a clock that runs 100 times fast: the
    // sign-in takes 150 s of it, more than the grace.
    let clock = FastClock {
        from: at("2026-12-03T06:00:01Z"),
        speed: 100,
        started: std::time::Instant::now(),
    };
    let ran = schedules.run_due(&s.connections, &clock).await;
    assert!(
        matches!(
            ran.as_slice(),
            [Ran::Missed {
                reason: MissedReason::TooLate,
                ..
            }]
        ),
        "{ran:?}"
    );
    assert!(commands_received(&s.simulator).is_empty());
    assert!(matches!(
        schedules.list(&UTC)[0].schedule.last,
        Some(ScheduleEvent::Missed {
            reason: MissedReason::TooLate,
            ..
        })
    ));
}

/// A keyring that stays locked when a command comes due: it is missed, saying so, and nothing
/// is sent.
#[tokio::test]
async fn a_command_due_while_the_keyring_is_locked_is_missed_and_says_so() {
    let s = setup(labelled()).await;
    let schedules = newsletter_at_six_on_stage(&s, Repeat::Once).await;
    // The next time Flowdeck opens the connection, its keyring is locked.
    let locked = Connections::open(s.config.path(), Arc::new(LockedKeyring))
        .await
        .unwrap();
    let ran = schedules
        .run_due(&locked, &HeldClock::new(at("2026-12-03T06:00:01Z"), &UTC))
        .await;
    assert!(
        matches!(
            ran.as_slice(),
            [Ran::Missed {
                reason: MissedReason::KeyringLocked,
                ..
            }]
        ),
        "{ran:?}"
    );
    assert!(commands_received(&s.simulator).is_empty());
}

/// A keyring that is there but locked, as after a log-in that did not unlock it.
struct LockedKeyring;

impl flowdeck_secrets::SecretStore for LockedKeyring {
    fn read(&self, _: &str) -> Result<Option<String>, SecretError> {
        Err(SecretError::Locked)
    }

    fn write(&self, _: &str, _: &str) -> Result<(), SecretError> {
        Err(SecretError::Locked)
    }

    fn delete(&self, _: &str) -> Result<(), SecretError> {
        Err(SecretError::Locked)
    }
}

#[tokio::test]
async fn a_schedule_is_refused_for_a_workflow_not_on_the_deck_a_time_gone_by_or_no_time_at_all() {
    let s = setup(labelled()).await;
    let deck = stage_deck(&s.connections, &s.simulator, &["WKF-NEWSLETTER"]).await;
    let connection = deck.organisation().connection_id.clone();
    let now = at("2026-12-03T05:00Z");
    let schedules = Schedules::open(s.config.path(), now).unwrap();
    let mut other = request(&connection, "2026-12-03T06:00", Repeat::Once);
    other.workflow_id = "WKF-WELCOME".into();
    assert!(matches!(
        schedules.add(&s.connections, &other, &UTC, now).await,
        Err(SessionError::NotACard { .. })
    ));
    assert!(matches!(
        schedules
            .add(
                &s.connections,
                &request(&connection, "2026-12-03T04:00", Repeat::Once),
                &UTC,
                now
            )
            .await,
        Err(SessionError::ScheduleInThePast { .. })
    ));
    assert!(matches!(
        schedules
            .add(
                &s.connections,
                &request(&connection, "soon", Repeat::Once),
                &UTC,
                now
            )
            .await,
        Err(SessionError::ScheduleTimeInvalid { .. })
    ));
    // A repeat that began yesterday comes next tomorrow morning.
    let daily = schedules
        .add(
            &s.connections,
            &request(&connection, "2026-12-02T04:00", Repeat::Daily),
            &UTC,
            now,
        )
        .await
        .unwrap();
    assert_eq!(
        daily.next_due_ms,
        Some(at("2026-12-04T04:00Z").as_millisecond() as u64)
    );
    assert!(
        schedules
            .run_due(&s.connections, &HeldClock::new(now, &UTC))
            .await
            .is_empty()
    );
}

fn for_workflow(connection_id: &str, workflow_id: &str, repeat: Repeat) -> ScheduleRequest {
    ScheduleRequest {
        workflow_id: workflow_id.into(),
        ..request(connection_id, "2026-12-03T06:00", repeat)
    }
}

/// Sent at 06:00 in one time zone, then the computer travels: the one-off is never sent again,
/// and the daily one is sent once on each calendar day, west or east. Counted at Campaign.
#[tokio::test]
async fn a_command_sent_in_one_time_zone_is_not_sent_again_in_another() {
    for (from, to, there_same_morning, there_next_morning) in [
        (
            "Europe/Stockholm",
            "America/New_York",
            "2026-12-03T11:00:01Z",
            "2026-12-04T11:00:01Z",
        ),
        (
            "America/New_York",
            "Asia/Tokyo",
            // 21:00 in Tokyo on the 3rd, then 06:00 there on the 4th.
            "2026-12-03T12:00:01Z",
            "2026-12-03T21:00:01Z",
        ),
    ] {
        let s = setup(labelled()).await;
        let stage = connect(
            &s.connections,
            &s.simulator,
            "Acme Stage",
            ConnectionKind::Stage,
            &["WKF-NEWSLETTER", "WKF-BIRTHDAY"],
        )
        .await;
        let (home, away) = (TimeZone::get(from).unwrap(), TimeZone::get(to).unwrap());
        let started = at("2026-12-02T12:00Z");
        let schedules = Schedules::open(s.config.path(), started).unwrap();
        for (workflow, repeat) in [
            ("WKF-NEWSLETTER", Repeat::Once),
            ("WKF-BIRTHDAY", Repeat::Daily),
        ] {
            let asked = for_workflow(&stage.id, workflow, repeat);
            schedules
                .add(&s.connections, &asked, &home, started)
                .await
                .unwrap();
        }
        let six_at_home = "2026-12-03T06:00"
            .parse::<jiff::civil::DateTime>()
            .unwrap()
            .to_zoned(home.clone())
            .unwrap()
            .timestamp();
        let sent_at_home = schedules
            .run_due(&s.connections, &HeldClock::new(plus(six_at_home, 1), &home))
            .await;
        assert_eq!(sent_at_home.len(), 2, "{from}: both sent at 06:00");

        let again = schedules
            .run_due(
                &s.connections,
                &HeldClock::new(at(there_same_morning), &away),
            )
            .await;
        assert!(
            again.is_empty(),
            "{from} → {to}: nothing again the morning it already ran: {again:?}"
        );
        let next_day = schedules
            .run_due(
                &s.connections,
                &HeldClock::new(at(there_next_morning), &away),
            )
            .await;
        assert_eq!(next_day.len(), 1, "{to}: the daily one, the next morning");
        let mut received = commands_received(&s.simulator);
        received.sort();
        assert_eq!(
            received,
            [
                ("WKF-BIRTHDAY".to_owned(), "start".to_owned()),
                ("WKF-BIRTHDAY".to_owned(), "start".to_owned()),
                ("WKF-NEWSLETTER".to_owned(), "start".to_owned()),
            ],
            "{from} → {to}"
        );
    }
}
