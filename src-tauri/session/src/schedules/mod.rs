//! Commands sent at the time the user chose.

pub mod plan;
