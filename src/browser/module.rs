//! The app's wasm modules fetched on demand (cut by src/build/split.mjs at the app binary's
//! cut points, src/main.rs): what it means when one does not come.

use leptos::wasm_split::SplitLoaderError;
use std::future::Future;
use std::pin::Pin;

/// A module could not be fetched, or was not the build's own (its integrity did not match).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotFetched;

impl From<SplitLoaderError> for NotFetched {
    fn from(_: SplitLoaderError) -> Self {
        NotFetched
    }
}

/// What a module gives once it is fetched, or why it is not there.
pub type Fetched<T> = Pin<Box<dyn Future<Output = Result<T, NotFetched>>>>;
