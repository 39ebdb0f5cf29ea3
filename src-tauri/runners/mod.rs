//! What runs in the background while Flowdeck runs, window or not: due schedules are sent,
//! watched workflows read, batches moved on,
//! and what needs attention followed. Each tells the window what happened through
//! an event.

pub mod attention;
pub mod batches;
pub mod schedules;
pub mod watch;
