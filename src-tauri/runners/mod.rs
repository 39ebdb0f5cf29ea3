//! What runs in the background while Flowdeck runs, window or not: due schedules are sent and
//! watched workflows read. Each tells the window what happened through an event.

pub mod schedules;
pub mod watch;
