//! The outbox as the pages see it (a signal of its entries) and its delivery loop.
//!
//! A story is written to the device before any request for it leaves. The loop then sends
//! each due story in turn, oldest first, and sleeps until the next is due or something wakes
//! it: a new story, the device coming back online, another tab, or the citizen's "send now".

use crate::browser::device_db::{self, DeviceError};
use crate::browser::{clock, coordination, document, post, service_worker};
use crate::domain::outbox::{next_due, Delivery, OutboxEntry, Outcome};
use crate::domain::story::StoryRequest;
use crate::state::bundle::{BundleContext, BundleState};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The outbox, shared by every page.
#[derive(Clone, Copy)]
pub struct OutboxContext {
    entries: RwSignal<Vec<OutboxEntry>>,
    /// Whether the entries have been read from the device yet.
    loaded: RwSignal<bool>,
    /// Where stories go, once the bundle has said (`None` also when it keeps them here).
    submit_url: RwSignal<Option<String>>,
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
    /// Reads the outbox, provides it to the tree below, and starts delivering once the
    /// bundle says where to.
    pub fn provide(bundle: BundleContext) -> OutboxContext {
        let outbox = OutboxContext::empty();
        provide_context(outbox);
        coordination::listen_for_changes(move || {
            spawn_local(outbox.refresh());
            coordination::wake();
        });
        coordination::on_online(move || spawn_local(outbox.retry_all_now()));
        // Not in the task that starts the app: opening the device's database can wait a turn.
        spawn_local(async move {
            clock::next_task().await;
            outbox.refresh().await;
        });
        Effect::new(move |started: Option<bool>| {
            if started == Some(true) {
                return true;
            }
            let BundleState::Ready(loaded, _) = bundle.state().get() else {
                return false;
            };
            let url = loaded
                .bundle
                .config
                .submit_url
                .as_deref()
                .map(document::resolve);
            outbox.submit_url.set(url.clone());
            spawn_local(deliver_forever(outbox, url));
            true
        });
        outbox
    }

    fn empty() -> OutboxContext {
        OutboxContext {
            entries: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
            submit_url: RwSignal::new(None),
        }
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

    fn changed(self) {
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

/// The delivery loop of this tab, once it holds the delivery lock.
async fn deliver_forever(outbox: OutboxContext, url: Option<String>) {
    coordination::hold_delivery_lock().await;
    // Whatever is "sending" now was left so by a tab that closed or crashed mid-request.
    if let Ok(entries) = device_db::outbox().await {
        let now = clock::millis();
        for entry in entries
            .iter()
            .filter(|e| matches!(e.delivery, Delivery::Sending { .. }))
        {
            let _ = device_db::update(&entry.id, |entry| entry.recover(now).is_ok()).await;
        }
        // Stories delivered before the device dropped their photos on delivery.
        let delivered_with_photos = |e: &&OutboxEntry| {
            matches!(e.delivery, Delivery::Sent { .. }) && !e.request.photos.is_empty()
        };
        for entry in entries.iter().filter(delivered_with_photos) {
            let _ = device_db::update(&entry.id, OutboxEntry::keep_only_what_is_shown).await;
        }
    }
    loop {
        outbox.refresh().await;
        let entries = outbox.entries.get_untracked();
        let Some(url) = url.as_deref() else {
            // The bundle keeps stories on the device: nothing to do but wait.
            coordination::sleep_unless_woken(None).await;
            continue;
        };
        let now = clock::millis();
        let due = entries
            .iter()
            .filter(|entry| entry.is_due(now))
            .min_by_key(|entry| entry.created);
        match due {
            Some(entry) => deliver(outbox, url, &entry.id).await,
            None => {
                let wait = next_due(&entries).map(|at| at - now);
                coordination::sleep_unless_woken(wait).await;
            }
        }
    }
}

/// One attempt for the story `id`.
async fn deliver(outbox: OutboxContext, url: &str, id: &str) {
    let now = clock::millis();
    let Ok(Some(entry)) = device_db::update(id, |entry| entry.begin(now).is_ok()).await else {
        return;
    };
    coordination::announce_change();
    outbox.entries.update(|entries| {
        if let Some(shown) = entries.iter_mut().find(|shown| shown.id == entry.id) {
            shown.delivery = entry.delivery.clone();
        }
    });
    let body = serde_json::to_string(&entry.request).unwrap_or_default();
    let outcome = post::post_story(url, &entry.id, &body, clock::millis).await;
    if matches!(outcome, Outcome::Failed { .. }) {
        service_worker::request_background_sync();
    }
    let finished = clock::millis();
    let jitter = coordination::random();
    let _ = device_db::update(id, move |entry| {
        entry.conclude(outcome, finished, jitter).is_ok()
    })
    .await;
    coordination::announce_change();
}
