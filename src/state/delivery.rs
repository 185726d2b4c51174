//! The outbox's delivery loop, in a module of its own that the app fetches the first time
//! this tab has a story to deliver or to show (see `OutboxContext::provide`).
//!
//! The loop sends each due story in turn, oldest first, and sleeps until the next is due or
//! something wakes it: a new story, the device coming back online, another tab, or the
//! citizen's "send now". Once the receiver takes a story, the others waiting out its
//! failures are sent straight after, not minutes later at the end of their backoff.

use super::outbox::{submit_url, OutboxContext};
use crate::browser::device_db;
use crate::browser::{clock, coordination, post, service_worker};
use crate::domain::outbox::{next_due, Delivery, Millis, OutboxEntry, Outcome, BACKOFF_BASE_MS};
use crate::state::bundle::{BundleContext, BundleState};
use crate::state::effect::{effect, effect_until_done};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Shows the outbox's entries (again whenever another tab changes them), and delivers them
/// once the bundle says where to. Called once.
pub fn start(outbox: OutboxContext) {
    match outbox.owner.get_value() {
        Some(owner) => owner.with(|| run(outbox, outbox.bundle)),
        None => run(outbox, outbox.bundle),
    }
}

fn run(outbox: OutboxContext, bundle: BundleContext) {
    coordination::on_online(move || spawn_local(outbox.retry_all_now()));
    effect(move || {
        outbox.changes.track();
        spawn_local(outbox.refresh());
    });
    effect_until_done(move || {
        let BundleState::Ready(loaded, _) = bundle.state().get() else {
            return false;
        };
        spawn_local(deliver_forever(outbox, submit_url(&loaded)));
        true
    });
}

/// The longest the loop sleeps without looking at the outbox again: a wake-up that never
/// came, or a change it could not read, costs a story at most this long.
const LOOK_AGAIN_MS: Millis = 60_000;

/// The delivery loop of this tab, once it holds the delivery lock.
async fn deliver_forever(outbox: OutboxContext, url: Option<String>) {
    let alone = coordination::hold_delivery_lock().await;
    // Stories delivered before the device dropped their photos on delivery.
    if let Ok(entries) = device_db::outbox().await {
        let delivered_with_photos = |e: &&OutboxEntry| {
            matches!(e.delivery, Delivery::Sent { .. }) && !e.request.photos.is_empty()
        };
        for entry in entries.iter().filter(delivered_with_photos) {
            let _ = device_db::update(&entry.id, OutboxEntry::keep_only_what_is_shown).await;
        }
    }
    // Without the lock (a browser with no Web Locks), another tab may be mid-request: only
    // what was left "sending" when this loop began is taken back.
    let mut recover = true;
    loop {
        outbox.refresh().await;
        let entries = outbox.entries.get_untracked();
        let now = clock::millis();
        if recover && recover_left_sending(&entries, now).await {
            coordination::announce_change();
            continue;
        }
        recover = alone;
        let Some(url) = url.as_deref() else {
            // The bundle keeps stories on the device: nothing to do but wait.
            coordination::sleep_unless_woken(None).await;
            continue;
        };
        let due = entries
            .iter()
            .filter(|entry| entry.is_due(now))
            .min_by_key(|entry| entry.created);
        match due {
            Some(entry) => {
                if !deliver(outbox, url, &entry.id).await {
                    // A device that cannot write just now is not asked again at once.
                    coordination::sleep_unless_woken(Some(BACKOFF_BASE_MS)).await;
                }
            }
            None => {
                let wait =
                    next_due(&entries).map_or(LOOK_AGAIN_MS, |at| (at - now).min(LOOK_AGAIN_MS));
                coordination::sleep_unless_woken(Some(wait)).await;
            }
        }
    }
}

/// Queues again, due now, every story marked "sending". A tab that holds the lock sends one
/// story at a time, so between its attempts no request is on its way: such a story was
/// left so by a tab or worker that went away mid-request, or by an attempt whose start or
/// end the device could not record. It may or may not have arrived, so it is sent again
/// under the same key (the receiver answers 200 if it has it). Gives whether any was.
async fn recover_left_sending(entries: &[OutboxEntry], now: Millis) -> bool {
    let mut recovered = false;
    for entry in entries
        .iter()
        .filter(|e| matches!(e.delivery, Delivery::Sending { .. }))
    {
        let written = device_db::update(&entry.id, |entry| entry.recover(now).is_ok()).await;
        recovered |= matches!(written, Ok(Some(_)));
    }
    recovered
}

/// One attempt for the story `id`. Gives `false` when the device could not record its
/// start (nothing was sent).
async fn deliver(outbox: OutboxContext, url: &str, id: &str) -> bool {
    let now = clock::millis();
    let Ok(Some(entry)) = device_db::update(id, |entry| entry.begin(now).is_ok()).await else {
        return false;
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
    let delivered = matches!(outcome, Outcome::Stored | Outcome::AlreadyStored);
    let finished = clock::millis();
    let jitter = coordination::random();
    let _ = device_db::update(id, move |entry| {
        entry.conclude(outcome, finished, jitter).is_ok()
    })
    .await;
    if delivered {
        bring_forward_the_waiting(outbox, finished).await;
    }
    coordination::announce_change();
    true
}

/// The receiver has just taken a story: the others that wait out its failures, or the
/// network's, are due now ([`OutboxEntry::receiver_is_back`]).
async fn bring_forward_the_waiting(outbox: OutboxContext, now: Millis) {
    let entries = outbox.entries.get_untracked();
    let waiting = entries
        .iter()
        .filter(|entry| entry.due_at().is_some_and(|at| at > now));
    for entry in waiting {
        let _ = device_db::update(&entry.id, |entry| entry.receiver_is_back(now).is_ok()).await;
    }
}
