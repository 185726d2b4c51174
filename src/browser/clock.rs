//! The device's clock, read only here and passed to the domain as a value.

use crate::domain::date::{Date, Moment};

/// Now, as the device's clock has it.
pub fn now() -> Moment {
    Moment::from_unix_millis(js_sys::Date::now())
}

/// Today in Bangkok.
pub fn today() -> Date {
    now().bangkok_date()
}

/// Now, in milliseconds since the Unix epoch, as the outbox counts time.
pub fn millis() -> i64 {
    js_sys::Date::now() as i64
}
