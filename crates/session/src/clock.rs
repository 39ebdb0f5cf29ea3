//! The time and time zone the session works with. The product asks the computer each time (a
//! laptop that travels moves its schedules with it); tests hold a clock of their own.

use jiff::Timestamp;
use jiff::tz::TimeZone;

pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
    fn zone(&self) -> TimeZone;
}

/// Milliseconds since the Unix epoch, as the window and the files count them (0 before it).
pub(crate) fn millis(instant: Timestamp) -> u64 {
    u64::try_from(instant.as_millisecond()).unwrap_or(0)
}

/// The computer's own clock and time zone, asked anew at every call.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }

    fn zone(&self) -> TimeZone {
        TimeZone::system()
    }
}

/// A clock a test holds still, at an instant in a time zone.
#[cfg(test)]
pub struct HeldClock {
    pub now: Timestamp,
    pub zone: TimeZone,
}

#[cfg(test)]
impl HeldClock {
    pub fn new(now: Timestamp, zone: &TimeZone) -> Self {
        Self {
            now,
            zone: zone.clone(),
        }
    }
}

#[cfg(test)]
impl Clock for HeldClock {
    fn now(&self) -> Timestamp {
        self.now
    }

    fn zone(&self) -> TimeZone {
        self.zone.clone()
    }
}

/// A clock that runs from `from`, `speed` times faster than real time (in UTC): a wait of a
/// second in a test is `speed` seconds to it.
#[cfg(test)]
pub struct FastClock {
    pub from: Timestamp,
    pub speed: i32,
    pub started: std::time::Instant,
}

#[cfg(test)]
impl Clock for FastClock {
    fn now(&self) -> Timestamp {
        let elapsed = jiff::SignedDuration::try_from(self.started.elapsed()).unwrap();
        self.from.checked_add(elapsed * self.speed).unwrap()
    }

    fn zone(&self) -> TimeZone {
        TimeZone::UTC
    }
}
