//! The search engine exposed to JavaScript for the benchmark in `tests/bench/`, which
//! times it against JavaScript libraries on the same data in the same page. Nothing in the
//! app calls it. A module of the app's binary, not of the library: an export of the library
//! would be in every wasm linked with it, the outbox worker's too, with the search and the
//! bundle's validation behind it. Only a build with the `search-bench` feature has it
//! (`make build-search-bench`): in the app people download, its exports would keep the
//! bundle's whole validation and index in the main module, where a published site needs
//! neither (see `state::whole`).

use city_comms::domain::bundle::Bundle;
use city_comms::domain::filter::{NewsFilter, NewsIndex};
use city_comms::domain::validate::parse_bundle;
use wasm_bindgen::prelude::*;

/// A bundle with its news index, built and queried from JavaScript.
#[wasm_bindgen]
pub struct SearchBench {
    bundle: Bundle,
    index: Option<NewsIndex>,
}

#[wasm_bindgen]
impl SearchBench {
    /// Reads a bundle; fails with the validation summary if it cannot be used.
    #[wasm_bindgen(constructor)]
    pub fn new(json: &str) -> Result<SearchBench, JsError> {
        let loaded = parse_bundle(json).map_err(|refused| {
            JsError::new(&format!("{} errors in the bundle", refused.errors.len()))
        })?;
        Ok(SearchBench {
            bundle: loaded.bundle,
            index: None,
        })
    }

    /// Builds (or builds again) the news index.
    pub fn build(&mut self) {
        self.index = Some(NewsIndex::build(&self.bundle));
    }

    /// The positions in the bundle's `news` of the items that match `q`, in result order
    /// (a `Uint32Array`, as the JavaScript libraries hand back references, not copies).
    pub fn search(&self, q: &str) -> Vec<u32> {
        let Some(index) = &self.index else {
            return Vec::new();
        };
        let filter = NewsFilter {
            q: q.to_owned(),
            ..NewsFilter::default()
        };
        index
            .run(&self.bundle, &filter)
            .items
            .iter()
            .map(|&at| at as u32)
            .collect()
    }
}
