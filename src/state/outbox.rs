//! The outbox as the pages see it (a signal of its entries), and what its pages do to it.
//!
//! A story is written to the device before any request for it leaves. The delivery loop
//! (`super::delivery`) then sends each due story in turn. It comes from a module of its own,
//! fetched the first time this tab has a story to deliver or to show: a reader who never
//! writes one does not download it.

use super::effect::effect;
use crate::browser::device_db::{self, DeviceError};
use crate::browser::module::{Fetched, NotFetched};
use crate::browser::{clock, coordination, document, post, service_worker};
use crate::domain::outbox::{Delivery, OutboxEntry, Outcome};
use crate::domain::story::StoryRequest;
use crate::state::bundle::{BundleContext, BundleState};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Starts the delivery ([`super::delivery::start`]), fetching its module first if need be
/// (the app's binary gives its cut point).
pub type StartDelivery = fn(OutboxContext) -> Fetched<()>;

/// The outbox, shared by every page.
#[derive(Clone, Copy)]
pub struct OutboxContext {
    pub(super) entries: RwSignal<Vec<OutboxEntry>>,
    /// Whether the entries have been read from the device yet.
    pub(super) loaded: RwSignal<bool>,
    /// Where stories go, once the bundle has said (`None` also when it keeps them here).
    submit_url: RwSignal<Option<String>>,
    /// How many times another tab said it changed the outbox.
    pub(super) changes: RwSignal<u32>,
    /// Whether the delivery has been started (or is being fetched).
    started: StoredValue<bool>,
    start: StartDelivery,
    /// The bundle, which says where stories go.
    pub(super) bundle: BundleContext,
    /// The app's owner, in which the delivery's effects run.
    pub(super) owner: StoredValue<Option<Owner>>,
}

/// What became of a story the citizen sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handed {
    /// It is on the device, and delivery has been woken.
    OnDevice,
    /// The browser keeps nothing here (a third-party frame, say), so it went straight to
    /// the receiver, which has it.
    SentWithoutCopy,
}

/// Why a story could not leave the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotHanded {
    /// The device could not keep it.
    Device(DeviceError),
    /// The browser keeps nothing here and sending it straight away failed: the story stays
    /// in the form for another try.
    SendFailedWithoutCopy,
    /// The browser keeps nothing here and the receiver refused the story, for this reason
    /// (in English, and in Thai if it gave one).
    RefusedWithoutCopy {
        reason: String,
        reason_th: Option<String>,
    },
}

impl OutboxContext {
    /// Provides the outbox to the tree below, and starts its delivery (`start`) if the device
    /// holds a story, or once another tab or this one puts one there.
    pub fn provide(bundle: BundleContext, start: StartDelivery) -> OutboxContext {
        let outbox = OutboxContext::new(bundle, start);
        provide_context(outbox);
        coordination::listen_for_changes(move || {
            outbox.changes.update(|n| *n += 1);
            coordination::wake();
            outbox.start_delivery();
        });
        coordination::on_online(move || outbox.start_delivery());
        // Not in the task that starts the app: opening the device's database can wait a turn.
        spawn_local(async move {
            clock::next_task().await;
            match device_db::outbox_is_empty().await {
                // Nothing to show or deliver (a device that keeps nothing shows it empty).
                Ok(true) | Err(_) => outbox.loaded.set(true),
                Ok(false) => outbox.start_delivery(),
            }
        });
        // Known here, not in the delivery: a browser that keeps nothing sends from the form.
        effect(move || {
            if let BundleState::Ready(loaded, _) = bundle.state().get() {
                outbox.submit_url.set(submit_url(&loaded));
            }
        });
        outbox
    }

    fn new(bundle: BundleContext, start: StartDelivery) -> OutboxContext {
        OutboxContext {
            entries: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
            submit_url: RwSignal::new(None),
            changes: RwSignal::new(0),
            started: StoredValue::new(false),
            start,
            bundle,
            owner: StoredValue::new(Owner::current()),
        }
    }

    fn empty() -> OutboxContext {
        OutboxContext::new(BundleContext::get(), |_| {
            Box::pin(async { Err(NotFetched::default()) })
        })
    }

    /// Starts the delivery (which also shows the entries), once: the story pages call it as
    /// they open. A module that could not be fetched is asked for again next time (a story
    /// is on the device meanwhile, and the service worker delivers it too).
    pub fn start_delivery(self) {
        if self.started.get_value() {
            return;
        }
        self.started.set_value(true);
        spawn_local(async move {
            if (self.start)(self).await.is_err() {
                self.started.set_value(false);
            }
        });
    }

    /// The provided context (an empty one if none was provided).
    pub fn get() -> OutboxContext {
        use_context().unwrap_or_else(OutboxContext::empty)
    }

    /// Every entry, newest first.
    pub fn entries(self) -> Signal<Vec<OutboxEntry>> {
        self.entries.into()
    }

    /// Whether the entries have been read from the device.
    pub fn loaded(self) -> Signal<bool> {
        self.loaded.into()
    }

    /// Reads the outbox from the device again.
    pub async fn refresh(self) {
        // A device that cannot keep the outbox shows it empty; sending says why.
        if let Ok(mut entries) = device_db::outbox().await {
            entries.sort_by(|a, b| b.created.cmp(&a.created).then_with(|| a.id.cmp(&b.id)));
            self.entries.set(entries);
        }
        self.loaded.set(true);
    }

    pub(super) fn changed(self) {
        coordination::announce_change();
        coordination::wake();
        spawn_local(self.refresh());
    }

    /// Puts a story the citizen has just sent into the outbox; when this returns
    /// [`Handed::OnDevice`], the story is on the device and delivery has been woken. A browser
    /// that keeps nothing here gets the story sent at once instead.
    pub async fn send(self, request: StoryRequest) -> Result<Handed, NotHanded> {
        match device_db::put(&OutboxEntry::new(request.clone(), clock::millis())).await {
            Ok(()) => {
                service_worker::request_background_sync();
                self.start_delivery();
                self.changed();
                Ok(Handed::OnDevice)
            }
            Err(DeviceError::Unavailable) => self.send_without_copy(&request).await,
            Err(problem) => Err(NotHanded::Device(problem)),
        }
    }

    /// One attempt to deliver `request` with nothing kept on the device.
    async fn send_without_copy(self, request: &StoryRequest) -> Result<Handed, NotHanded> {
        let Some(url) = self.submit_url.get_untracked() else {
            return Err(NotHanded::Device(DeviceError::Unavailable));
        };
        let body = serde_json::to_string(request).unwrap_or_default();
        match post::post_story(&url, &request.id, &body, clock::millis).await {
            Outcome::Stored | Outcome::AlreadyStored => Ok(Handed::SentWithoutCopy),
            Outcome::Refused {
                reason, reason_th, ..
            } => Err(NotHanded::RefusedWithoutCopy { reason, reason_th }),
            Outcome::Failed { .. } => Err(NotHanded::SendFailedWithoutCopy),
        }
    }

    /// Sends an edited version of a refused story, under the same id.
    pub async fn resubmit(self, request: StoryRequest) -> Result<bool, DeviceError> {
        let id = request.id.clone();
        let now = clock::millis();
        let done =
            device_db::update(&id, move |entry| entry.resubmit(request, now).is_ok()).await?;
        self.changed();
        Ok(done.is_some())
    }

    /// Skips the wait of a queued story.
    pub async fn retry_now(self, id: String) {
        let now = clock::millis();
        let _ = device_db::update(&id, |entry| entry.retry_now(now).is_ok()).await;
        self.changed();
    }

    /// Skips the wait of every queued story (the device is back online).
    pub async fn retry_all_now(self) {
        let now = clock::millis();
        for entry in self.entries.get_untracked() {
            if matches!(entry.delivery, Delivery::Queued { .. }) {
                let _ = device_db::update(&entry.id, |entry| entry.retry_now(now).is_ok()).await;
            }
        }
        self.changed();
    }

    /// Takes back a story the city does not have yet.
    pub async fn withdraw(self, id: String) {
        let withdrawable = self
            .entries
            .get_untracked()
            .iter()
            .any(|entry| entry.id == id && entry.can_withdraw());
        // Re-checked in the transaction: it may have started sending meanwhile.
        if withdrawable
            && device_db::update(&id, |entry| entry.can_withdraw())
                .await
                .ok()
                .flatten()
                .is_some()
        {
            let _ = device_db::delete(&id).await;
        }
        self.changed();
    }
}

/// Where the bundle says stories go, as this page resolves it.
pub(super) fn submit_url(loaded: &crate::domain::validate::Loaded) -> Option<String> {
    loaded
        .bundle
        .config
        .submit_url
        .as_deref()
        .map(document::resolve)
}
