//! What runs in the background while Flowdeck runs, window or not: due schedules are sent,
//! watched workflows read, and batches moved on. Each tells the window what happened through
//! an event.

pub mod batches;
pub mod schedules;
pub mod watch;
