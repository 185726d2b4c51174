//! Keeping the whole archive on the device, when a citizen asks: every file of the dataset
//! read once through the service worker, which keeps each and, once told, leaves them out of
//! its storage budget. It stops between files when cancelled; walking again resumes, the
//! files the worker already holds coming from it instead of the network. The walk belongs
//! to the visit ([`ArchiveKeeper`]), not to a page: it goes on while the citizen reads
//! other pages, and only closing the app stops it. When the news changes, a device that
//! kept the archive whole walks again over what is new, by itself.
//!
//! The walk itself is in a module of the app's wasm of its own ([`WalkArchive`]), fetched
//! the first time a device walks: most readers never keep the archive, and a first visit
//! does not download it.

use super::bundle::{BundleContext, BundleState, Catalog};
use super::dataset::DatasetReader;
use super::effect::effect;
use crate::browser::module::{Fetched, NotFetched};
use crate::browser::{service_worker, storage};
use crate::domain::dataset::archive::{self, Walk};
use crate::domain::load::LoadError;
use crate::domain::names::WorkerMessage;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// How many files are fetched at once.
const AT_ONCE: usize = 4;

/// The device's note that it kept the whole archive once, and keeps it still: what the
/// manifest it walked whole named ([`archive::kept_note`]).
const KEPT_KEY: &str = "city-comms-archive-kept";

/// How far keeping the archive has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Files read.
    pub files: u32,
    /// Their bytes.
    pub bytes: u64,
    /// The whole archive's bytes, as the manifest counts them (0 if it does not).
    pub total: u64,
}

/// How a walk over the archive ended (how far it came, `progress` has said).
#[derive(Debug, Clone, PartialEq)]
pub enum Ended {
    /// Every file is on the device.
    Kept,
    /// Stopped when asked, with what was read kept.
    Cancelled,
    /// A file could not be read, or the device had no room to keep it; what was read
    /// before it is kept.
    Failed(LoadError),
}

/// Where keeping the archive stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Keeping {
    /// Not asked for.
    Offered,
    /// Downloading.
    Running,
    /// Stopped part-way, and why if it was not asked to.
    Paused(Option<LoadError>),
    /// All here.
    Kept,
}

/// What a walk over the archive is given: the dataset, what the device kept of an earlier
/// one (see [`Walk::after`]), whether it was asked to stop, and where to say how far it is.
pub struct WalkPlan {
    pub reader: Arc<DatasetReader>,
    pub kept: HashSet<String>,
    pub cancelled: Box<dyn Fn() -> bool>,
    pub progress: Box<dyn Fn(Progress)>,
}

/// A walk over the archive, under way.
pub type Walking = Pin<Box<dyn Future<Output = Ended>>>;

/// Gives the walk of a [`WalkPlan`] once its module is there (the app's binary gives its cut
/// point, see `ui::on_demand`); the walk does nothing until awaited.
pub type WalkArchive = fn(WalkPlan) -> Fetched<Walking>;

/// The walk of `plan`: what the module of [`WalkArchive`] runs.
pub fn walking(plan: WalkPlan) -> Walking {
    Box::pin(keep_whole(plan))
}

/// Keeping the archive during this visit, shared by every page: where it stands and how far
/// it has come (a signal of its own, so that a progress bar moves without rebuilding what
/// stands around it).
#[derive(Clone, Copy)]
pub struct ArchiveKeeper {
    stand: RwSignal<Keeping>,
    progress: RwSignal<Progress>,
    cancelled: StoredValue<bool>,
    walk: WalkArchive,
}

impl ArchiveKeeper {
    /// Provides the keeper to the tree below; it stands as this device left it, and brings
    /// an archive kept whole up to each dataset `bundle` reads, walking it with `walk`.
    pub fn provide(bundle: BundleContext, walk: WalkArchive) -> ArchiveKeeper {
        let keeper = ArchiveKeeper {
            stand: RwSignal::new(if is_kept() {
                Keeping::Kept
            } else {
                Keeping::Offered
            }),
            progress: RwSignal::new(Progress::default()),
            cancelled: StoredValue::new(false),
            walk,
        };
        provide_context(keeper);
        effect(move || {
            if let BundleState::Ready(_, Catalog::Dataset(reader)) = bundle.state().get() {
                let kept = keeper.stand.get_untracked() == Keeping::Kept;
                if kept && can_keep() && !archive::covers(&kept_before(), reader.manifest()) {
                    keeper.start(reader);
                }
            }
        });
        keeper
    }

    /// The keeper of this visit.
    pub fn get() -> ArchiveKeeper {
        expect_context()
    }

    /// Where it stands.
    pub fn stand(self) -> Signal<Keeping> {
        self.stand.into()
    }

    /// How far the last walk came.
    pub fn progress(self) -> Signal<Progress> {
        self.progress.into()
    }

    /// Starts keeping, or resumes, the archive `reader` reads; nothing if a walk is on.
    pub fn start(self, reader: Arc<DatasetReader>) {
        if self.stand.get_untracked() == Keeping::Running {
            return;
        }
        self.cancelled.set_value(false);
        self.progress.set(Progress {
            total: reader.manifest().total_bytes,
            ..Progress::default()
        });
        self.stand.set(Keeping::Running);
        let plan = WalkPlan {
            reader,
            kept: kept_before(),
            cancelled: Box::new(move || self.cancelled.try_get_value().unwrap_or(true)),
            progress: Box::new(move |now| {
                self.progress.try_set(now);
            }),
        };
        spawn_local(async move {
            // A module that did not come stops the walk as a file that did not would: the
            // citizen can try again once connected.
            let ended = match (self.walk)(plan).await {
                Ok(walking) => walking.await,
                Err(NotFetched { .. }) => Ended::Failed(LoadError::Network),
            };
            self.stand.try_set(match ended {
                Ended::Kept => Keeping::Kept,
                Ended::Cancelled => Keeping::Paused(None),
                Ended::Failed(error) => Keeping::Paused(Some(error)),
            });
        });
    }

    /// Stops the walk before its next few files.
    pub fn cancel(self) {
        self.cancelled.set_value(true);
    }

    /// Stops keeping the archive whole (see [`release`]), and a walk that is on.
    pub fn release(self) {
        self.cancel();
        release();
        self.stand.set(Keeping::Offered);
    }
}

/// Reads every file of the plan's dataset, but what the device kept of an earlier one,
/// saying how far it is after each few; stops before the next few once asked to.
async fn keep_whole(plan: WalkPlan) -> Ended {
    let WalkPlan {
        reader,
        kept,
        cancelled,
        progress,
    } = plan;
    service_worker::tell(WorkerMessage::KeepArchive);
    service_worker::ask_for_persistent_storage();
    let manifest = reader.manifest();
    let total = manifest.total_bytes;
    let topping_up = !kept.is_empty();
    let held = if topping_up {
        let kept_files = service_worker::kept_data_files().await;
        kept_files
            .iter()
            .filter_map(|url| reader.path_of(url))
            .collect()
    } else {
        HashSet::new()
    };
    let mut walk = Walk::after(manifest, kept, held);
    // Walking what is new, the rest is on the device already: the bar starts there.
    let mut done = Progress {
        total,
        bytes: if topping_up {
            total.saturating_sub(walk.queued_bytes())
        } else {
            0
        },
        ..Progress::default()
    };
    loop {
        if cancelled() {
            return Ended::Cancelled;
        }
        let batch: Vec<_> = std::iter::from_fn(|| walk.next_file())
            .take(AT_ONCE)
            .collect();
        if batch.is_empty() {
            storage::set(KEPT_KEY, &archive::kept_note(manifest));
            return Ended::Kept;
        }
        let fetched =
            futures::future::join_all(batch.iter().map(|file| reader.fetch_to_keep(&file.path)))
                .await;
        for (file, bytes) in batch.iter().zip(fetched) {
            let bytes = match bytes {
                Ok(bytes) => bytes,
                Err(error) => return Ended::Failed(error),
            };
            let Some(more) = archive::read(file.kind, &bytes) else {
                return Ended::Failed(LoadError::Damaged(file.path.clone()));
            };
            walk.add(more);
            done.files += 1;
            done.bytes += bytes.len() as u64;
            if topping_up {
                // What the new files name was not counted ahead: never past the whole.
                done.bytes = done.bytes.min(total);
            }
        }
        progress(done);
    }
}

/// Whether this device was told to keep the whole archive, and kept it whole once.
pub fn is_kept() -> bool {
    storage::get(KEPT_KEY).is_some()
}

/// What the dataset this device last kept whole named; nothing if it keeps none.
fn kept_before() -> HashSet<String> {
    storage::get(KEPT_KEY)
        .map(|note| archive::read_kept_note(&note))
        .unwrap_or_default()
}

/// The archive no longer kept whole: the storage budget applies to its files again.
fn release() {
    storage::remove(KEPT_KEY);
    service_worker::tell(WorkerMessage::ReleaseArchive);
}

/// Whether a service worker controls the page, so that what is read is kept.
pub fn can_keep() -> bool {
    service_worker::controls_page()
}
