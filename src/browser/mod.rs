//! The only code that touches the browser: the document, the network, storage and the
//! clock. Each function translates between web APIs and plain Rust values, and fails soft:
//! a browser that refuses storage or has no `window` gives `None`, never a panic.

pub mod clock;
pub mod coordination;
pub mod crash;
pub mod device_db;
pub mod document;
pub mod embed;
pub mod fetch;
pub mod history;
pub mod module;
pub mod photo;
pub mod post;
pub mod service_worker;
pub mod share;
pub mod storage;
