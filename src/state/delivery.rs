//! The outbox's delivery loop, in a module of its own that the app fetches the first time
//! this tab has a story to deliver or to show (see `OutboxContext::provide`).
//!
//! The loop sends each due story in turn, oldest first, and sleeps until the next is due or
//! something wakes it: a new story, the device coming back online, another tab, or the
//! citizen's "send now".

use super::outbox::{submit_url, OutboxContext};
use crate::browser::device_db;
use crate::browser::{clock, coordination, post, service_worker};
use crate::domain::outbox::{next_due, Delivery, OutboxEntry, Outcome};
use crate::state::bundle::{BundleContext, BundleState};
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
    Effect::new(move |_| {
        outbox.changes.track();
        spawn_local(outbox.refresh());
    });
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) {
            return true;
        }
        let BundleState::Ready(loaded, _) = bundle.state().get() else {
            return false;
        };
        spawn_local(deliver_forever(outbox, submit_url(&loaded)));
        true
    });
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
