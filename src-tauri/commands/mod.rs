//! The web view's entry points, one file per area. Each command only translates between IPC
//! values and the plain modules; the work happens there.

pub mod activity;
pub mod app;
pub mod attention;
pub mod away;
pub mod batches;
pub mod closing;
pub mod connections;
pub mod deck;
pub mod files;
pub mod links;
pub mod login;
pub mod notifications;
pub mod schedules;
pub mod settings;
pub mod updates;

use crate::ipc_error::IpcError;

type CommandResult<T> = Result<T, IpcError>;
