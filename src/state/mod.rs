//! Reactive wiring between the browser and the components: the chosen language and the
//! loaded bundle, each a named context type with its own accessor. No markup here.

pub mod archive;
pub mod bundle;
pub mod dataset;
pub mod delivery;
pub mod draft;
pub mod effect;
pub mod lang;
pub mod mode;
pub mod outbox;
pub mod route;
pub mod start;
pub mod status;
pub mod whole;
