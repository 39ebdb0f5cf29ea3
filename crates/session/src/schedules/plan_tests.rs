//! Occurrences against real time zones, around the days the clocks change.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::*;

fn stockholm() -> TimeZone {
    TimeZone::get("Europe/Stockholm").unwrap()
}

fn wall(raw: &str) -> DateTime {
    parse_local_time(raw).unwrap()
}

fn utc(raw: &str) -> Timestamp {
    raw.parse().unwrap()
}

#[test]
fn a_daily_six_oclock_stays_six_oclock_when_the_clocks_go_forward_and_back() {
    let zone = stockholm();
    let start = wall("2027-03-26T06:00");
    let mut due = next_due(start, Repeat::Daily, &zone, None).unwrap();
    let mut seen = vec![due];
    for _ in 0..3 {
        due = next_due(start, Repeat::Daily, &zone, Some(due.into())).unwrap();
        seen.push(due);
    }
    // Summer time begins on Sunday 28 March 2027: 06:00 is 05:00 UTC before, 04:00 UTC after.
    assert_eq!(
        seen,
        [
            utc("2027-03-26T05:00Z"),
            utc("2027-03-27T05:00Z"),
            utc("2027-03-28T04:00Z"),
            utc("2027-03-29T04:00Z"),
        ]
    );
    let autumn = next_due(
        wall("2027-10-30T06:00"),
        Repeat::Daily,
        &zone,
        Some(utc("2027-10-30T05:00Z").into()),
    );
    assert_eq!(
        autumn,
        Some(utc("2027-10-31T05:00Z")),
        "back to winter time: 06:00 is 05:00 UTC"
    );
}

#[test]
fn a_time_the_clocks_skip_comes_once_they_have_moved_and_one_they_repeat_comes_the_first_time() {
    let zone = stockholm();
    // 02:30 does not exist on 28 March 2027 in Stockholm (02:00 becomes 03:00).
    assert_eq!(
        next_due(wall("2027-03-28T02:30"), Repeat::Once, &zone, None),
        Some(utc("2027-03-28T01:30Z"))
    );
    // 02:30 happens twice on 31 October 2027: the first, still in summer time.
    assert_eq!(
        next_due(wall("2027-10-31T02:30"), Repeat::Once, &zone, None),
        Some(utc("2027-10-31T00:30Z"))
    );
}

#[test]
fn weekdays_skip_the_weekend_and_weekly_keeps_its_day() {
    let zone = TimeZone::UTC;
    // 4 December 2026 is a Friday.
    let friday = wall("2026-12-04T06:00");
    let after_friday = next_due(
        friday,
        Repeat::Weekdays,
        &zone,
        Some(utc("2026-12-04T06:00Z").into()),
    );
    assert_eq!(after_friday, Some(utc("2026-12-07T06:00Z")), "Monday");
    let saturday_start = next_due(wall("2026-12-05T06:00"), Repeat::Weekdays, &zone, None);
    assert_eq!(
        saturday_start,
        Some(utc("2026-12-07T06:00Z")),
        "a weekday schedule set for Saturday begins Monday"
    );
    let weekly = next_due(
        friday,
        Repeat::Weekly,
        &zone,
        Some(utc("2027-06-01T00:00Z").into()),
    );
    assert_eq!(
        weekly,
        Some(utc("2027-06-04T06:00Z")),
        "the next Friday, half a year on"
    );
}

#[test]
fn a_one_off_is_due_once_and_then_never() {
    let zone = TimeZone::UTC;
    let start = wall("2026-12-03T06:00");
    let due = next_due(start, Repeat::Once, &zone, None).unwrap();
    assert_eq!(due, utc("2026-12-03T06:00Z"));
    assert_eq!(next_due(start, Repeat::Once, &zone, Some(due.into())), None);
}

#[test]
fn the_same_wall_clock_time_follows_the_computer_into_another_time_zone() {
    let start = wall("2026-12-03T06:00");
    let new_york = TimeZone::get("America/New_York").unwrap();
    assert_eq!(
        next_due(start, Repeat::Once, &new_york, None),
        Some(utc("2026-12-03T11:00Z")),
        "06:00 in New York, where the computer now is"
    );
    assert_eq!(parse_local_time("tomorrow at six"), None);
}

/// Where an occurrence was handled, on the wall clock: met again at another instant after the
/// computer moved, it is not due again; the next one is.
fn handled_in(zone: &TimeZone, raw_wall: &str) -> Handled {
    let wall = wall(raw_wall);
    Handled {
        at: wall.to_zoned(zone.clone()).unwrap().timestamp(),
        wall: Some(wall),
    }
}

#[test]
fn an_occurrence_handled_in_one_time_zone_is_not_due_again_in_another() {
    let start = wall("2026-12-01T06:00");
    let stockholm = stockholm();
    let new_york = TimeZone::get("America/New_York").unwrap();
    let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
    let handled = handled_in(&stockholm, "2026-12-03T06:00");
    for repeat in [Repeat::Daily, Repeat::Weekdays] {
        // West: 06:00 in New York comes six hours after 06:00 in Stockholm, the same morning.
        assert_eq!(
            next_due(start, repeat, &new_york, Some(handled)),
            Some(utc("2026-12-04T11:00Z")),
            "{repeat:?}: the next morning in New York, not this one again"
        );
        // East: 06:00 in Tokyo on the 3rd had passed when Stockholm's came.
        assert_eq!(
            next_due(start, repeat, &tokyo, Some(handled)),
            Some(utc("2026-12-03T21:00Z")),
            "{repeat:?}: the 4th at 06:00 in Tokyo"
        );
    }
    assert_eq!(
        next_due(
            wall("2026-12-03T06:00"),
            Repeat::Once,
            &new_york,
            Some(handled)
        ),
        None,
        "a one-off handled in Stockholm is done in New York"
    );
}

#[test]
fn an_occurrence_the_clocks_repeat_or_skip_is_handled_once() {
    let zone = stockholm();
    let start = wall("2027-10-29T02:30");
    // 02:30 on 31 October 2027 comes twice; handled the first time, it is not due the second.
    let handled = handled_in(&zone, "2027-10-31T02:30");
    assert_eq!(
        next_due(start, Repeat::Daily, &zone, Some(handled)),
        Some(utc("2027-11-01T01:30Z"))
    );
    // 02:30 on 28 March 2027 never comes; handled at 03:30, the next is on the 29th.
    let start = wall("2027-03-26T02:30");
    let handled = handled_in(&zone, "2027-03-28T02:30");
    assert_eq!(handled.at, utc("2027-03-28T01:30Z"));
    assert_eq!(
        next_due(start, Repeat::Daily, &zone, Some(handled)),
        Some(utc("2027-03-29T00:30Z"))
    );
}
