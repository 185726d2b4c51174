//! A bundle file read whole (`data/bundle.json` where no dataset is published, or a file that
//! `bundle=` names): validated item by item and indexed on the device. A site built by
//! `make build` publishes a dataset, whose manifest the app reads instead, so this is done in
//! a module of the app's wasm of its own ([`ReadWhole`]), asked for when a bundle file is
//! read, beside the file itself: a first visit of a published site does not wait for the
//! bundle's whole validation and its index (the service worker keeps the module later, with
//! every other, for a visit offline).

use crate::browser::clock;
use crate::browser::module::{Fetched, NotFetched};
use crate::domain::bundle::Bundle;
use crate::domain::dataset::facets::{self, FacetRow};
use crate::domain::filter::{NewsFilter, NewsIndex, NewsResults, Part};
use crate::domain::load::LoadError;
use crate::domain::validate::{parse_bundle, Loaded};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// What the pages ask of a bundle read whole. A trait, so that the index's code is made in
/// the module that builds it, not in the one every visit downloads.
pub trait WholeIndex: Send + Sync {
    /// The answer to `filter`.
    fn run(&self, bundle: &Bundle, filter: &NewsFilter) -> NewsResults;
    /// For a filter that finds nothing: each part whose removal would find something.
    fn relaxations(&self, bundle: &Bundle, filter: &NewsFilter) -> Vec<(Part, usize)>;
    /// Every item's filter columns. (Made from the bundle alone; a method so that the code
    /// that makes them comes with the module too.)
    fn rows(&self, bundle: &Bundle) -> Vec<FacetRow>;
}

impl WholeIndex for NewsIndex {
    fn run(&self, bundle: &Bundle, filter: &NewsFilter) -> NewsResults {
        NewsIndex::run(self, bundle, filter)
    }

    fn relaxations(&self, bundle: &Bundle, filter: &NewsFilter) -> Vec<(Part, usize)> {
        NewsIndex::relaxations(self, bundle, filter)
    }

    fn rows(&self, bundle: &Bundle) -> Vec<FacetRow> {
        facets::bundle_rows(bundle)
    }
}

/// A bundle's text, validated and indexed.
pub type Reading = Pin<Box<dyn Future<Output = Result<(Loaded, Arc<dyn WholeIndex>), LoadError>>>>;

/// How a bundle's text is read ([`reading`]), from the module that does it.
pub type ReadText = fn(String) -> Reading;

/// Gives the [`ReadText`] once its module is there: asked for as the bundle's text is fetched,
/// so that the two download side by side.
pub type ReadWhole = fn() -> Fetched<ReadText>;

/// The module of [`ReadWhole`] when it is not there: a bundle file cannot be read.
pub fn not_there() -> Fetched<ReadText> {
    Box::pin(async { Err(NotFetched::default()) })
}

/// The reading of `text`: what the module of [`ReadWhole`] gives. Validating and indexing
/// are tasks of their own, so a slow phone stays free to answer a touch between them.
pub fn reading(text: String) -> Reading {
    Box::pin(async move {
        clock::next_task().await;
        let loaded = parse_bundle(&text).map_err(LoadError::Refused)?;
        clock::next_task().await;
        let index: Arc<dyn WholeIndex> = Arc::new(NewsIndex::build(&loaded.bundle));
        clock::next_task().await;
        Ok((loaded, index))
    })
}
