//! The bundle: loaded once at start, and again when the citizen asks to try again.

use crate::browser::{document, fetch};
use crate::domain::filter::NewsIndex;
use crate::domain::load::LoadError;
use crate::domain::validate::{parse_bundle, Loaded};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// Where the bundle is, relative to the app's base URL.
pub const BUNDLE_PATH: &str = "data/bundle.json";

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
}

impl BundleContext {
    /// Starts loading the bundle and provides its state to the tree below.
    pub fn provide() -> BundleContext {
        let context = BundleContext {
            state: RwSignal::new(BundleState::Loading),
        };
        provide_context(context);
        context.load();
        context
    }

    /// The provided context (one that stays loading if none was provided).
    pub fn get() -> BundleContext {
        use_context().unwrap_or_else(|| BundleContext {
            state: RwSignal::new(BundleState::Loading),
        })
    }

    /// The state, for reading in views.
    pub fn state(self) -> Signal<BundleState> {
        self.state.into()
    }

    /// Loads (or loads again) the bundle.
    pub fn load(self) {
        self.state.set(BundleState::Loading);
        spawn_local(async move {
            let url = document::resolve(BUNDLE_PATH);
            let loaded = fetch::fetch_text(&url)
                .await
                .and_then(|text| parse_bundle(&text).map_err(LoadError::Refused));
            self.state.set(match loaded {
                Ok(loaded) => {
                    let index = NewsIndex::build(&loaded.bundle);
                    BundleState::Ready(Arc::new(loaded), Arc::new(index))
                }
                Err(error) => BundleState::Failed(error),
            });
        });
    }
}

/// The bundle's state.
pub fn use_bundle() -> Signal<BundleState> {
    BundleContext::get().state()
}
