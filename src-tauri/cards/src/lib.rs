//! The user's workflow cards for one organisation, kept in a JSON file in the app's config
//! folder. Plain Rust: no Tauri.

mod atomic_file;
mod card;
mod store;

pub use card::{Card, LastCommand};
pub use store::{CardStore, CardStoreError, Opened, SCHEMA_VERSION};
