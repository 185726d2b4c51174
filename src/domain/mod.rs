//! The rules of the app in plain Rust: the bundle and its validation, Thai and English
//! text, dates, story rules and the outbox. No browser crate is used here, so all of it is tested with
//! `cargo test` on the host.

pub mod bundle;
pub mod coverage;
pub mod dataset;
pub mod date;
pub mod digits;
pub mod filter;
pub mod i18n;
pub mod load;
pub mod mode;
pub mod names;
pub mod order;
pub mod outbox;
pub mod qr;
pub mod route;
#[cfg(test)]
mod schema;
pub mod search;
pub mod story;
pub mod validate;
pub mod written_date;
