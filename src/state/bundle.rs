//! The bundle: loaded once at start, and again when the citizen asks to try again.

use crate::browser::{clock, document, fetch, service_worker};
use crate::domain::filter::NewsIndex;
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

/// How far loading the bundle has come.
#[derive(Clone)]
pub enum BundleState {
    /// Not here yet.
    Loading,
    /// Here and usable, perhaps with warnings, with its news indexed for finding.
    Ready(Arc<Loaded>, Arc<NewsIndex>),
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
            let url = document::resolve(BUNDLE_PATH);
            let text = fetch::fetch_text(&url).await;
            clock::next_task().await;
            let state = match text.and_then(|text| parse_bundle(&text).map_err(LoadError::Refused))
            {
                Ok(loaded) => {
                    clock::next_task().await;
                    let index = NewsIndex::build(&loaded.bundle);
                    clock::next_task().await;
                    BundleState::Ready(Arc::new(loaded), Arc::new(index))
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
        spawn_local(async move {
            let candidate = fetch::fetch_text(&document::resolve(CANDIDATE_PATH))
                .await
                .and_then(|text| parse_bundle(&text).map_err(LoadError::Refused));
            match candidate {
                Ok(loaded) => {
                    let index = NewsIndex::build(&loaded.bundle);
                    self.state
                        .set(BundleState::Ready(Arc::new(loaded), Arc::new(index)));
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

/// The bundle's state.
pub fn use_bundle() -> Signal<BundleState> {
    BundleContext::get().state()
}
