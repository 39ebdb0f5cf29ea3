//! When a schedule comes due: its wall-clock time, repeated as asked, in a time zone. Jiff does
//! the calendar: a repeat keeps the wall-clock time across daylight saving (06:00 stays 06:00),
//! a time that does not exist that day (02:30 when clocks go forward) comes as soon as the
//! clocks have moved, and a time that comes twice (when they go back) comes the first time.

use jiff::civil::{DateTime, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

use flowdeck_store::Repeat;

/// The occurrences looked at to find the next one after a date: a few days, or a few weeks.
const LOOK_AHEAD: usize = 16;

/// The user's wall-clock time, as a date-time field gives it (`2026-12-03T06:00`).
pub fn parse_local_time(raw: &str) -> Option<DateTime> {
    raw.trim().parse().ok()
}

/// The occurrence handled last: the instant it was due, and its wall-clock time where it was
/// handled (absent in schedules saved before it was kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Handled {
    pub at: Timestamp,
    pub wall: Option<DateTime>,
}

impl From<Timestamp> for Handled {
    fn from(at: Timestamp) -> Self {
        Self { at, wall: None }
    }
}

/// One occurrence: its wall-clock time, and the instant that is in a time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    pub due: Timestamp,
    pub wall: DateTime,
}

/// The first occurrence after `after` (the first of all without it), as an instant in `zone`;
/// none once a one-off has passed.
pub fn next_due(
    start: DateTime,
    repeat: Repeat,
    zone: &TimeZone,
    after: Option<Handled>,
) -> Option<Timestamp> {
    next_occurrence(start, repeat, zone, after).map(|occurrence| occurrence.due)
}

/// The first occurrence after the one handled last. It must come later both as an instant and
/// on the wall clock: a computer that moved to another time zone meets an occurrence it handled
/// elsewhere at another instant, and it is not handled again. A one-off handled once is done.
pub fn next_occurrence(
    start: DateTime,
    repeat: Repeat,
    zone: &TimeZone,
    after: Option<Handled>,
) -> Option<Occurrence> {
    let at = |wall: DateTime| {
        let due = wall.to_zoned(zone.clone()).ok()?.timestamp();
        Some(Occurrence { due, wall })
    };
    let Some(Handled {
        at: after,
        wall: after_wall,
    }) = after
    else {
        return first_of(start, repeat).and_then(at);
    };
    let step = match repeat {
        Repeat::Once => return None,
        Repeat::Daily | Repeat::Weekdays => 1.day(),
        Repeat::Weekly => 1.week(),
    };
    // Start looking a little before `after`'s own date, not at the first occurrence years ago.
    let after_date = after.to_zoned(zone.clone()).date();
    let days_between = (after_date - start.date()).get_days().max(0);
    let skip = match repeat {
        Repeat::Weekly => (days_between / 7 - 1).max(0) * 7,
        _ => (days_between - 1).max(0),
    };
    let mut wall = start.checked_add(i64::from(skip).days()).ok()?;
    for _ in 0..LOOK_AHEAD {
        if occurs_on(repeat, wall.weekday())
            && after_wall.is_none_or(|handled| wall > handled)
            && let Some(occurrence) = at(wall)
            && occurrence.due > after
        {
            return Some(occurrence);
        }
        wall = wall.checked_add(step).ok()?;
    }
    None
}

/// The first occurrence itself: for weekdays, the first Monday to Friday from the start.
fn first_of(start: DateTime, repeat: Repeat) -> Option<DateTime> {
    let mut wall = start;
    while !occurs_on(repeat, wall.weekday()) {
        wall = wall.checked_add(1.day()).ok()?;
    }
    Some(wall)
}

fn occurs_on(repeat: Repeat, day: Weekday) -> bool {
    repeat != Repeat::Weekdays || !matches!(day, Weekday::Saturday | Weekday::Sunday)
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
