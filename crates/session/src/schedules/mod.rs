//! Commands sent at the time the user chose.

mod book;
pub mod plan;

pub use book::{GRACE, Ran, ScheduleRequest, ScheduleView, Schedules};
