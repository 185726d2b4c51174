//! The app's wasm modules fetched on demand (cut by src/build/split.mjs at the app binary's
//! cut points, src/main.rs): what it means when one does not come.

use crate::domain::names::{ModuleFailure, MODULE_FAILURE_GLOBAL};
use leptos::wasm_split::SplitLoaderError;
use std::future::Future;
use std::pin::Pin;
use wasm_bindgen::{JsCast, JsValue};

/// A module could not be fetched, or was not the build's own (its integrity did not match),
/// and why, as far as its loader could tell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NotFetched {
    pub why: ModuleFailure,
}

impl From<SplitLoaderError> for NotFetched {
    fn from(_: SplitLoaderError) -> Self {
        NotFetched {
            why: take_failure(),
        }
    }
}

/// Why the module just refused did not come, as its loader left it just before it told the
/// app; taken, so that nothing else reads it. (Two modules that fail at the same moment, a
/// kiosk's two, say, may each be told the later one's reason: a connection that fails fails
/// both.) None left counts as no answer.
fn take_failure() -> ModuleFailure {
    let global: js_sys::Object = js_sys::global().unchecked_into();
    let key = JsValue::from_str(MODULE_FAILURE_GLOBAL);
    let left = js_sys::Reflect::get(&global, &key).ok();
    let _ = js_sys::Reflect::delete_property(&global, &key);
    left.and_then(|word| word.as_string())
        .and_then(|word| ModuleFailure::parse(&word))
        .unwrap_or_default()
}

/// What a module gives once it is fetched, or why it is not there.
pub type Fetched<T> = Pin<Box<dyn Future<Output = Result<T, NotFetched>>>>;
