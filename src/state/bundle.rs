//! The bundle: loaded once at start, and again when the citizen asks to try again. It is
//! either one JSON file, read whole, or a compiled dataset (`bundle=…/manifest.json`), read a
//! slice at a time; pages ask the [`Catalog`] for news and need not know which.

use super::dataset::DatasetReader;
use crate::browser::{clock, document, fetch, service_worker};
use crate::domain::bundle::News;
use crate::domain::filter::{NewsFilter, NewsIndex, NewsResults, Part};
use crate::domain::load::LoadError;
use crate::domain::names::WorkerMessage;
use crate::domain::validate::{parse_bundle, Loaded};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// Where the bundle is, relative to the app's base URL.
pub const BUNDLE_PATH: &str = "data/bundle.json";

/// Where a refreshed bundle is, when the service worker has one (see `src/build/`).
pub const CANDIDATE_PATH: &str = "data/bundle.json?candidate";

/// Where the news is.
#[derive(Clone)]
pub enum Catalog {
    /// In the bundle, read whole and indexed.
    Whole(Arc<NewsIndex>),
    /// In a dataset, fetched as pages need it.
    Dataset(Arc<DatasetReader>),
}

impl Catalog {
    /// The answer to `filter` when it is at hand without fetching anything.
    pub fn results_now(&self, loaded: &Loaded, filter: &NewsFilter) -> Option<NewsResults> {
        match self {
            Catalog::Whole(index) => Some(index.run(&loaded.bundle, filter)),
            Catalog::Dataset(_) => None,
        }
    }

    /// The answer to `filter`; its items are for [`Catalog::news`].
    pub async fn results(
        &self,
        loaded: &Loaded,
        filter: &NewsFilter,
    ) -> Result<NewsResults, LoadError> {
        match self {
            Catalog::Whole(index) => Ok(index.run(&loaded.bundle, filter)),
            Catalog::Dataset(reader) => reader.results(loaded, filter).await,
        }
    }

    /// The news items of `items` (from [`Catalog::results`]) when they are at hand.
    pub fn news_now(&self, loaded: &Loaded, items: &[usize]) -> Option<Vec<News>> {
        match self {
            Catalog::Whole(_) => Some(
                items
                    .iter()
                    .filter_map(|&at| loaded.bundle.news.get(at).cloned())
                    .collect(),
            ),
            Catalog::Dataset(_) => None,
        }
    }

    /// The news items of `items`, as a list shows them.
    pub async fn news(&self, loaded: &Loaded, items: &[usize]) -> Result<Vec<News>, LoadError> {
        match self {
            Catalog::Whole(_) => Ok(self.news_now(loaded, items).unwrap_or_default()),
            Catalog::Dataset(reader) => reader.news(items).await,
        }
    }

    /// The newest `count` items that `filter` finds.
    pub async fn first(
        &self,
        loaded: &Loaded,
        filter: &NewsFilter,
        count: usize,
    ) -> Result<Vec<News>, LoadError> {
        let results = self.results(loaded, filter).await?;
        let items: Vec<usize> = results.items.into_iter().take(count).collect();
        self.news(loaded, &items).await
    }

    /// The whole item with `id`, if there is one.
    pub async fn article(&self, loaded: &Loaded, id: &str) -> Result<Option<News>, LoadError> {
        match self {
            Catalog::Whole(_) => Ok(loaded.bundle.news_item(id).cloned()),
            Catalog::Dataset(reader) => reader.article(id).await,
        }
    }

    /// [`Catalog::relaxations`] when they are at hand without fetching anything.
    pub fn relaxations_now(
        &self,
        loaded: &Loaded,
        filter: &NewsFilter,
    ) -> Option<Vec<(Part, usize)>> {
        match self {
            Catalog::Whole(index) => Some(index.relaxations(&loaded.bundle, filter)),
            Catalog::Dataset(_) => None,
        }
    }

    /// For a filter that finds nothing: each part whose removal would find something.
    pub async fn relaxations(&self, loaded: &Loaded, filter: &NewsFilter) -> Vec<(Part, usize)> {
        match self {
            Catalog::Whole(index) => index.relaxations(&loaded.bundle, filter),
            Catalog::Dataset(reader) => {
                let mut offers = Vec::new();
                for part in filter.active_parts() {
                    if let Ok(results) = reader.results(loaded, &filter.without(part)).await {
                        if !results.items.is_empty() {
                            offers.push((part, results.items.len()));
                        }
                    }
                }
                offers
            }
        }
    }
}

/// How far loading the bundle has come.
#[derive(Clone)]
pub enum BundleState {
    /// Not here yet.
    Loading,
    /// Here and usable, perhaps with warnings, with its news ready for finding.
    Ready(Arc<Loaded>, Catalog),
    /// Cannot be used.
    Failed(LoadError),
}

/// The bundle, shared by every page.
#[derive(Clone, Copy)]
pub struct BundleContext {
    state: RwSignal<BundleState>,
    /// A refreshed bundle failed validation; the last good one is still shown.
    refused_update: RwSignal<Option<LoadError>>,
    /// A refreshed bundle is on screen: a slower first load must not cover it.
    refreshed: StoredValue<bool>,
}

impl BundleContext {
    /// Starts loading the bundle and provides its state to the tree below.
    pub fn provide() -> BundleContext {
        let context = BundleContext {
            state: RwSignal::new(BundleState::Loading),
            refused_update: RwSignal::new(None),
            refreshed: StoredValue::new(false),
        };
        provide_context(context);
        context.load();
        context
    }

    /// The provided context (one that stays loading if none was provided).
    pub fn get() -> BundleContext {
        use_context().unwrap_or_else(|| BundleContext {
            state: RwSignal::new(BundleState::Loading),
            refused_update: RwSignal::new(None),
            refreshed: StoredValue::new(false),
        })
    }

    /// The state, for reading in views.
    pub fn state(self) -> Signal<BundleState> {
        self.state.into()
    }

    /// Loads (or loads again) the bundle.
    pub fn load(self) {
        self.state.set(BundleState::Loading);
        // Reading, indexing and showing the bundle are tasks of their own: a slow phone
        // stays free to answer a touch between them.
        spawn_local(async move {
            if let Some(url) = dataset_address() {
                let state = match DatasetReader::open(&url).await {
                    Ok((loaded, reader)) => {
                        BundleState::Ready(Arc::new(loaded), Catalog::Dataset(Arc::new(reader)))
                    }
                    Err(error) => BundleState::Failed(error),
                };
                self.state.set(state);
                return;
            }
            let url = document::resolve(BUNDLE_PATH);
            let text = fetch::fetch_text(&url).await;
            clock::next_task().await;
            let state = match text.and_then(|text| parse_bundle(&text).map_err(LoadError::Refused))
            {
                Ok(loaded) => {
                    clock::next_task().await;
                    let index = NewsIndex::build(&loaded.bundle);
                    clock::next_task().await;
                    BundleState::Ready(Arc::new(loaded), Catalog::Whole(Arc::new(index)))
                }
                Err(error) => BundleState::Failed(error),
            };
            if !self.refreshed.get_value() {
                self.state.set(state);
            }
        });
    }
}

impl BundleContext {
    /// Why the last refreshed bundle was refused, if it was.
    pub fn refused_update(self) -> Signal<Option<LoadError>> {
        self.refused_update.into()
    }

    /// The service worker has a refreshed bundle: show it if it validates, and tell the
    /// worker to keep it; otherwise keep the bundle on screen, say so, and tell the worker to
    /// throw the new one away.
    pub fn consider_candidate(self) {
        // The worker's candidate is a refreshed bundle file; a dataset is not one.
        if dataset_address().is_some() {
            return;
        }
        spawn_local(async move {
            let candidate = fetch::fetch_text(&document::resolve(CANDIDATE_PATH))
                .await
                .and_then(|text| parse_bundle(&text).map_err(LoadError::Refused));
            match candidate {
                Ok(loaded) => {
                    let index = NewsIndex::build(&loaded.bundle);
                    self.state.set(BundleState::Ready(
                        Arc::new(loaded),
                        Catalog::Whole(Arc::new(index)),
                    ));
                    self.refused_update.set(None);
                    service_worker::tell(WorkerMessage::PromoteBundle);
                }
                Err(LoadError::Refused(refused)) => {
                    self.refused_update.set(Some(LoadError::Refused(refused)));
                    service_worker::tell(WorkerMessage::RejectBundle);
                }
                // Not there after all, or unreadable now: the worker will offer it again.
                Err(_) => {}
            }
        });
    }
}

/// The address of the dataset manifest the page was asked to read (`bundle=` naming a
/// `manifest.json`, or a directory holding one), if it was, and it is on this origin.
fn dataset_address() -> Option<String> {
    let manifest = crate::domain::dataset::MANIFEST;
    let url = document::same_origin(&document::query_param("bundle")?)?;
    let (path, rest) = url
        .split_once(['?', '#'])
        .map_or((url.as_str(), ""), |(p, _)| (p, &url[p.len()..]));
    if path.ends_with('/') {
        Some(format!("{path}{manifest}{rest}"))
    } else {
        path.ends_with(manifest).then_some(url.clone())
    }
}

/// The bundle's state.
pub fn use_bundle() -> Signal<BundleState> {
    BundleContext::get().state()
}
