//! The bundle: loaded once at start, and again when the citizen asks to try again. It is
//! either a compiled dataset (`data/manifest.json`, what a build publishes), read a slice at a
//! time, or one JSON file read whole (`data/bundle.json`, where no dataset is published, or
//! where `bundle=` names one); pages ask the [`Catalog`] for news and need not know which.

pub use super::dataset::Fetched;
use super::dataset::{DatasetReader, Early};
use super::whole::{self, ReadWhole, WholeIndex};
use crate::browser::module::NotFetched;
use crate::browser::{document, fetch, service_worker};
use crate::domain::bundle::News;
use crate::domain::dataset::facets::FacetRow;
use crate::domain::date::Date;
use crate::domain::filter::{NewsFilter, NewsResults, Part};
use crate::domain::load::LoadError;
use crate::domain::mode;
use crate::domain::names::{WorkerMessage, BUNDLE_PATH, CANDIDATE_QUERY, MANIFEST_PATH};
use crate::domain::validate::Loaded;
use futures::future::join;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// Where the news is read from.
#[derive(Clone, Debug, PartialEq)]
enum Source {
    /// A compiled dataset, by its manifest's address.
    Dataset(String),
    /// A bundle file read whole, by its address.
    Whole(String),
}

impl Source {
    /// Reads it; a bundle file through the module that reads one whole.
    async fn read(&self, read_whole: ReadWhole) -> Result<(Arc<Loaded>, Catalog), LoadError> {
        match self {
            Source::Dataset(url) => {
                let (loaded, reader) = DatasetReader::open(url).await?;
                Ok((Arc::new(loaded), Catalog::Dataset(Arc::new(reader))))
            }
            Source::Whole(url) => {
                let (text, reader) = join(fetch::fetch_text(url), read_whole()).await;
                // What is wrong with the file is said first: the module is no use without it.
                let text = text?;
                let reader = reader.map_err(|NotFetched { .. }| LoadError::Network)?;
                let (loaded, index) = reader(text).await?;
                Ok((Arc::new(loaded), Catalog::Whole(index)))
            }
        }
    }

    /// The service worker's refreshed copy of it, kept aside until validated: only the
    /// default addresses have one.
    fn candidate(&self) -> Option<Source> {
        let (Source::Dataset(url) | Source::Whole(url)) = self;
        let default = [MANIFEST_PATH, BUNDLE_PATH]
            .iter()
            .any(|path| *url == document::resolve(path));
        if !default {
            return None;
        }
        let aside = format!("{url}?{CANDIDATE_QUERY}");
        Some(match self {
            Source::Dataset(_) => Source::Dataset(aside),
            Source::Whole(_) => Source::Whole(aside),
        })
    }
}

/// Reads the source the address names, or else the site's own. Another origin's source is
/// read only if the site's own data lists that origin in its `embed_origins`.
async fn read_default(
    read_whole: ReadWhole,
) -> (Source, Result<(Arc<Loaded>, Catalog), LoadError>) {
    let Some((source, foreign)) = requested_source() else {
        return read_own(read_whole).await;
    };
    if let Some(origin) = foreign {
        let (own, read) = read_own(read_whole).await;
        let listed = match &read {
            Ok((loaded, _)) => mode::origin_listed(&origin, &loaded.bundle.config.embed_origins),
            Err(_) => return (own, read),
        };
        if !listed {
            return (own, Err(LoadError::UnlistedOrigin(origin)));
        }
    }
    let read = source.read(read_whole).await;
    (source, read)
}

/// Reads the dataset beside the app, or, where none is published, the bundle file.
async fn read_own(read_whole: ReadWhole) -> (Source, Result<(Arc<Loaded>, Catalog), LoadError>) {
    let dataset = Source::Dataset(document::resolve(MANIFEST_PATH));
    match dataset.read(read_whole).await {
        Err(LoadError::Status(404)) => {
            let whole = Source::Whole(document::resolve(BUNDLE_PATH));
            let read = whole.read(read_whole).await;
            (whole, read)
        }
        read => (dataset, read),
    }
}

/// Where the news is.
#[derive(Clone)]
pub enum Catalog {
    /// In the bundle, read whole and indexed.
    Whole(Arc<dyn WholeIndex>),
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

    /// A search's items before its counts, when a dataset lists them sooner that way
    /// ([`DatasetReader::early_items`]); `None` when [`Catalog::results`] is as quick.
    pub async fn early_items(
        &self,
        loaded: &Loaded,
        filter: &NewsFilter,
    ) -> Result<Option<Early>, LoadError> {
        match self {
            Catalog::Whole(_) => Ok(None),
            Catalog::Dataset(reader) => reader.early_items(loaded, filter).await,
        }
    }

    /// The filter columns of the news published from `from` to `to` (perhaps with more),
    /// and what was read for them: nothing when the bundle was read whole.
    pub async fn facet_rows(
        &self,
        loaded: &Loaded,
        from: Date,
        to: Date,
    ) -> Result<(Vec<FacetRow>, Fetched), LoadError> {
        match self {
            Catalog::Whole(index) => Ok((index.rows(&loaded.bundle), Fetched::default())),
            Catalog::Dataset(reader) => reader.facet_rows_between(from, to).await,
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

    /// How many of `items`, from the first, to draw before the rest: with a dataset, those
    /// whose cards come with the first `screen`'s ([`DatasetReader::drawn_first`]).
    pub fn drawn_first(&self, items: &[usize], screen: usize) -> usize {
        match self {
            Catalog::Whole(_) => items.len(),
            Catalog::Dataset(reader) => reader.drawn_first(items, screen),
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
        let items: Vec<usize> = results.items.iter().take(count).copied().collect();
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
    /// Where the news on screen came from, once it was read.
    source: StoredValue<Option<Source>>,
    /// How a bundle file is read whole.
    read_whole: ReadWhole,
}

impl BundleContext {
    /// Starts loading the bundle and provides its state to the tree below; a bundle file is
    /// read by `read_whole`.
    pub fn provide(read_whole: ReadWhole) -> BundleContext {
        let context = BundleContext {
            state: RwSignal::new(BundleState::Loading),
            refused_update: RwSignal::new(None),
            refreshed: StoredValue::new(false),
            source: StoredValue::new(None),
            read_whole,
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
            source: StoredValue::new(None),
            read_whole: whole::not_there,
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
            let (source, read) = read_default(self.read_whole).await;
            self.source.set_value(Some(source));
            let state = match read {
                Ok((loaded, catalog)) => BundleState::Ready(loaded, catalog),
                Err(error) => BundleState::Failed(error),
            };
            if !self.refreshed.get_value() {
                self.state.set(state);
            }
        });
    }
}

impl BundleContext {
    /// Asks the service worker whether the news has changed since it was read: a tab kept
    /// open for days (a phone's browser keeps it, an installed app resumes it) would otherwise
    /// show the day it was opened as today. The worker answers from its copy and refreshes it
    /// with validators; a changed one comes back as a candidate ([`Self::consider_candidate`]).
    /// Without a worker, or for a source named with `bundle=`, there is no candidate to get.
    pub fn look_for_fresh_news(self) {
        if !service_worker::controls_page() {
            return;
        }
        let Some(Source::Dataset(url) | Source::Whole(url)) = self
            .source
            .get_value()
            .filter(|source| source.candidate().is_some())
        else {
            return;
        };
        // What the worker answers now is the copy on screen: only its refresh matters.
        spawn_local(async move { fetch::ask(&url).await });
    }

    /// Why the last refreshed bundle was refused, if it was.
    pub fn refused_update(self) -> Signal<Option<LoadError>> {
        self.refused_update.into()
    }

    /// The service worker has a refreshed bundle: show it if it validates, and tell the
    /// worker to keep it; otherwise keep the bundle on screen, say so, and tell the worker to
    /// throw the new one away.
    pub fn consider_candidate(self) {
        let Some(candidate) = self
            .source
            .get_value()
            .and_then(|source| source.candidate())
        else {
            return;
        };
        spawn_local(async move {
            match candidate.read(self.read_whole).await {
                Ok((loaded, catalog)) => {
                    self.refreshed.set_value(true);
                    self.state.set(BundleState::Ready(loaded, catalog));
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

/// The source the address names with `bundle=`: a dataset (a `manifest.json`, or a
/// directory holding one) or else a bundle file; with its origin if that is not the app's.
fn requested_source() -> Option<(Source, Option<String>)> {
    let manifest = crate::domain::dataset::MANIFEST;
    let (url, origin) = document::with_origin(&document::query_param("bundle")?)?;
    let foreign = (Some(&origin) != document::own_origin().as_ref()).then_some(origin);
    let (path, rest) = url
        .split_once(['?', '#'])
        .map_or((url.as_str(), ""), |(p, _)| (p, &url[p.len()..]));
    let source = if path.ends_with('/') {
        Source::Dataset(format!("{path}{manifest}{rest}"))
    } else if path.ends_with(manifest) {
        Source::Dataset(url.clone())
    } else {
        Source::Whole(url.clone())
    };
    Some((source, foreign))
}

/// The bundle's state.
pub fn use_bundle() -> Signal<BundleState> {
    BundleContext::get().state()
}
