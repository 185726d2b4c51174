//! The outbox's delivery step for the service worker, compiled to a wasm of its own (Trunk's
//! `data-type="worker"`, `outbox-worker.js` and `outbox-worker_bg.wasm` in the build).
//!
//! When Background Sync wakes the service worker with no page of the app open, the worker
//! sends the queued stories itself. It only moves bytes: whether a story is due, what an
//! answer means, how long to wait before the next attempt and what a kiosk keeps are decided
//! here, by `domain::outbox`, exactly as a page decides them. Entries travel as the JSON text
//! that IndexedDB keeps; `None` means "leave the entry as it is".

use city_comms::domain::outbox::{
    attempt_timeout, Delivery, Failure, Millis, OutboxEntry, Outcome,
};
use wasm_bindgen::prelude::wasm_bindgen;

fn main() {}

fn read(entry: &str) -> Option<OutboxEntry> {
    serde_json::from_str(entry).ok()
}

fn write(entry: &OutboxEntry) -> Option<String> {
    serde_json::to_string(entry).ok()
}

fn ended(entry: &str, outcome: Outcome, now: f64, jitter: f64) -> Option<String> {
    let mut entry = read(entry)?;
    entry.conclude(outcome, now as Millis, jitter).ok()?;
    write(&entry)
}

/// Whether delivery still has work to do for this entry.
#[wasm_bindgen]
pub fn awaits_delivery(entry: &str) -> bool {
    read(entry).is_some_and(|entry| entry.awaits_delivery())
}

/// The entry as an attempt starts at `now`, or `None` when it is not due yet.
#[wasm_bindgen]
pub fn begin_attempt(entry: &str, now: f64) -> Option<String> {
    let mut entry = read(entry)?;
    entry.take_for_attempt(now as Millis).ok()?;
    write(&entry)
}

/// Whether the receiver has the entry's story.
#[wasm_bindgen]
pub fn is_sent(entry: &str) -> bool {
    read(entry).is_some_and(|entry| matches!(entry.delivery, Delivery::Sent { .. }))
}

/// The entry due at `now` because the receiver has just taken another story
/// ([`OutboxEntry::receiver_is_back`]), or `None` when it keeps its wait.
#[wasm_bindgen]
pub fn receiver_is_back(entry: &str, now: f64) -> Option<String> {
    let mut entry = read(entry)?;
    entry.receiver_is_back(now as Millis).ok()?;
    write(&entry)
}

/// The body to post for the entry: its story request.
#[wasm_bindgen]
pub fn request_body(entry: &str) -> Option<String> {
    serde_json::to_string(&read(entry)?.request).ok()
}

/// How long the attempt may take, in milliseconds, for a body of `body_bytes`.
#[wasm_bindgen]
pub fn attempt_timeout_ms(body_bytes: usize) -> f64 {
    attempt_timeout(body_bytes) as f64
}

/// The entry after the receiver answered `status` (with its `Retry-After` and body).
#[wasm_bindgen]
pub fn end_attempt(
    entry: &str,
    status: u16,
    retry_after: Option<String>,
    body: &str,
    now: f64,
    jitter: f64,
) -> Option<String> {
    let outcome = Outcome::from_response(status, retry_after.as_deref(), body, now as Millis);
    ended(entry, outcome, now, jitter)
}

/// The entry after an attempt that got no answer: timed out, or the network failed.
#[wasm_bindgen]
pub fn end_attempt_unanswered(
    entry: &str,
    timed_out: bool,
    now: f64,
    jitter: f64,
) -> Option<String> {
    let failure = if timed_out {
        Failure::Timeout
    } else {
        Failure::Network
    };
    let outcome = Outcome::Failed {
        failure,
        retry_after: None,
    };
    ended(entry, outcome, now, jitter)
}
