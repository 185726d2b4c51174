//! city-comms: Bangkok's communication plan, district news and citizen stories in one app.
//!
//! The layers, each depending only on those above it:
//! - [`domain`]: pure rules (bundle, validation, dates, text); no browser crate.
//! - [`browser`]: the only code that touches the browser (fetch, storage, document).
//! - [`state`]: reactive wiring (signals, context) between the two; no markup.
//! - [`ui`]: components, markup and event handlers.

pub mod browser;
pub mod domain;
pub mod state;
pub mod ui;
