//! The time and time zone the session works with. The product asks the computer each time (a
//! laptop that travels moves its schedules with it); tests hold a clock of their own.

use jiff::Timestamp;
use jiff::tz::TimeZone;

pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
    fn zone(&self) -> TimeZone;
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
