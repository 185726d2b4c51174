//! The outbox: every story sent from this device, from the moment the citizen presses
//! "send" until the city's receiver has acknowledged it, as a state machine.
//!
//! Time and chance are passed in (milliseconds since the Unix epoch, and a number in
//! `[0, 1)` for jitter), so that every transition is tested on the host.
//!
//! ```text
//!            send                 begin                201 / 200
//!   (form) ───────▶ Queued ─────────────────▶ Sending ───────────▶ Sent
//!                    ▲  ▲  retry_now / wake      │ 5xx, 429, timeout,
//!                    │  └────────────────────────┘ network error (backoff)
//!                    │                           │ 400, 413, 422 and other 4xx
//!                    │        resubmit           ▼
//!                    └────────────────────── Rejected
//!
//!   Sending left behind by a closed tab or a crash ──recover──▶ Queued (due now)
//!   Queued or Rejected ──withdraw──▶ (removed)
//! ```

use super::mode::Mode;
use super::story::StoryRequest;
use serde::{Deserialize, Serialize};

/// Milliseconds since 1970-01-01 00:00 UTC.
pub type Millis = i64;

/// The first wait after a failed attempt; it doubles with each further failure.
pub const BACKOFF_BASE_MS: Millis = 2_000;
/// The longest wait between attempts.
pub const BACKOFF_MAX_MS: Millis = 5 * 60_000;
/// The longest `Retry-After` the app honours; a longer one is cut to this.
pub const RETRY_AFTER_MAX_MS: Millis = 60 * 60_000;

/// Where a story is on its way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Delivery {
    /// Stored on the device, waiting for its next attempt.
    Queued {
        /// Failed attempts so far.
        attempts: u32,
        /// Not before this moment.
        next_at: Millis,
        /// Why the last attempt failed, if one did.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        last_failure: Option<Failure>,
    },
    /// A request is on its way.
    Sending { attempts: u32, since: Millis },
    /// The receiver has it.
    Sent {
        at: Millis,
        /// The receiver had it already (a retry after a lost answer).
        already_had: bool,
    },
    /// The receiver refused it; the citizen may edit and send it again.
    Rejected {
        status: u16,
        /// The receiver's reason in English, and in Thai if it gave one.
        reason: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason_th: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        field: Option<String>,
    },
}

/// Why an attempt did not get the story delivered (and it will be tried again).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Failure {
    /// No connection, or it broke before an answer came.
    Network,
    /// No answer in time.
    Timeout,
    /// The receiver failed (5xx).
    Server,
    /// The receiver asked the app to slow down (429).
    Busy,
    /// The app was closed while sending.
    Interrupted,
}

/// What one attempt came to, read off the receiver's answer (or its absence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// 201: stored now.
    Stored,
    /// 200: stored before, by an earlier attempt whose answer was lost.
    AlreadyStored,
    /// 400, 413, 422 or another 4xx: the receiver will not take this story as it is.
    Refused {
        status: u16,
        reason: String,
        reason_th: Option<String>,
        field: Option<String>,
    },
    /// Worth trying again later, after at least `retry_after` if the receiver said so.
    Failed {
        failure: Failure,
        retry_after: Option<Millis>,
    },
}

impl Outcome {
    /// Reads an HTTP answer: its status, its `Retry-After` header and its body.
    pub fn from_response(
        status: u16,
        retry_after: Option<&str>,
        body: &str,
        now: Millis,
    ) -> Outcome {
        let retry_after = retry_after.and_then(|value| parse_retry_after(value, now));
        match status {
            201 => Outcome::Stored,
            200..=299 => Outcome::AlreadyStored,
            429 => Outcome::Failed {
                failure: Failure::Busy,
                retry_after,
            },
            // 408 is the receiver giving up on a slow upload: try again.
            408 => Outcome::Failed {
                failure: Failure::Timeout,
                retry_after,
            },
            400..=499 => {
                let answer: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
                let text = |key: &str| answer.get(key).and_then(|v| v.as_str()).map(str::to_owned);
                Outcome::Refused {
                    status,
                    reason: text("error").unwrap_or_else(|| format!("HTTP {status}")),
                    reason_th: text("error_th"),
                    field: text("field"),
                }
            }
            _ => Outcome::Failed {
                failure: Failure::Server,
                retry_after,
            },
        }
    }
}

/// `Retry-After` as delta-seconds or an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`), as
/// a wait in milliseconds from `now`.
pub fn parse_retry_after(value: &str, now: Millis) -> Option<Millis> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u32>() {
        return Some((i64::from(seconds) * 1000).min(RETRY_AFTER_MAX_MS));
    }
    let at = parse_http_date(value)?;
    Some((at - now).clamp(0, RETRY_AFTER_MAX_MS))
}

/// An HTTP date in any of the three forms HTTP asks recipients to read (IMF-fixdate, RFC 850,
/// asctime), by `httpdate`, as milliseconds since the epoch.
fn parse_http_date(value: &str) -> Option<Millis> {
    let at = httpdate::parse_http_date(value).ok()?;
    let since = at.duration_since(std::time::UNIX_EPOCH).ok()?;
    Millis::try_from(since.as_millis()).ok()
}

/// The wait before attempt `attempts + 1` after `attempts` failures: exponential, capped,
/// with "equal jitter" (half fixed, half random) so that many devices coming back online
/// at once do not all knock at the same moment.
pub fn backoff(attempts: u32, jitter: f64) -> Millis {
    let exponent = attempts.saturating_sub(1).min(20);
    let ceiling = BACKOFF_BASE_MS
        .saturating_mul(1 << exponent)
        .min(BACKOFF_MAX_MS);
    let half = ceiling / 2;
    half + (half as f64 * jitter.clamp(0.0, 1.0)) as Millis
}

/// How long one attempt may take: 15 s, and one more second for every 20 KB of photos, so a
/// story with photos on a slow connection is not cut off mid-upload.
pub fn attempt_timeout(body_bytes: usize) -> Millis {
    15_000 + Millis::try_from(body_bytes / 20).unwrap_or(Millis::MAX / 2)
}

/// A transition the entry's state does not allow; the entry is left as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAllowed;

/// One story in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    /// The story's id, which is also the `Idempotency-Key` of every attempt.
    pub id: String,
    /// When the citizen pressed "send".
    pub created: Millis,
    pub request: StoryRequest,
    pub delivery: Delivery,
}

impl OutboxEntry {
    /// A story the citizen has just sent: stored, due at once.
    pub fn new(request: StoryRequest, now: Millis) -> OutboxEntry {
        OutboxEntry {
            id: request.id.clone(),
            created: now,
            request,
            delivery: Delivery::Queued {
                attempts: 0,
                next_at: now,
                last_failure: None,
            },
        }
    }

    /// The name of the state, as `data-state` shows it.
    pub fn state_name(&self) -> &'static str {
        match self.delivery {
            Delivery::Queued { .. } => "queued",
            Delivery::Sending { .. } => "sending",
            Delivery::Sent { .. } => "sent",
            Delivery::Rejected { .. } => "rejected",
        }
    }

    /// When the next attempt is due, if the entry waits for one.
    pub fn due_at(&self) -> Option<Millis> {
        match self.delivery {
            Delivery::Queued { next_at, .. } => Some(next_at),
            _ => None,
        }
    }

    /// Whether an attempt should start now.
    pub fn is_due(&self, now: Millis) -> bool {
        self.due_at().is_some_and(|at| at <= now)
    }

    /// An attempt starts.
    pub fn begin(&mut self, now: Millis) -> Result<(), NotAllowed> {
        match self.delivery {
            Delivery::Queued {
                attempts, next_at, ..
            } if next_at <= now => {
                self.delivery = Delivery::Sending {
                    attempts,
                    since: now,
                };
                Ok(())
            }
            _ => Err(NotAllowed),
        }
    }

    /// Whoever holds the delivery lock takes the entry for an attempt at `now`: a story left
    /// "sending" by a page that closed mid-request is recovered first (it is sent again under
    /// the same key); a queued one must be due.
    pub fn take_for_attempt(&mut self, now: Millis) -> Result<(), NotAllowed> {
        let before = self.delivery.clone();
        if matches!(self.delivery, Delivery::Sending { .. }) {
            self.recover(now)?;
        }
        self.begin(now).inspect_err(|_| self.delivery = before)
    }

    /// An attempt ended with `outcome`: [`OutboxEntry::finish`], then what the device keeps of
    /// a delivered story. Every deliverer, page or service worker, ends an attempt here.
    ///
    /// What a delivered story keeps: its text, district, policies and state, which "my
    /// stories" shows; its photos go, since the city has them and they are nearly all of its
    /// size. A story written at a shared kiosk also drops its author's name and contact (the
    /// next person may already be there). A story that is not delivered keeps everything,
    /// since sending it again, or mending it, needs all of it.
    pub fn conclude(
        &mut self,
        outcome: Outcome,
        now: Millis,
        jitter: f64,
    ) -> Result<(), NotAllowed> {
        self.finish(outcome, now, jitter)?;
        self.keep_only_what_is_shown();
        Ok(())
    }

    /// Drops what a delivered story no longer needs (see [`OutboxEntry::conclude`]); tells
    /// whether anything went. Also tidies stories delivered before this rule existed.
    pub fn keep_only_what_is_shown(&mut self) -> bool {
        if !matches!(self.delivery, Delivery::Sent { .. }) {
            return false;
        }
        let kiosk = self.written_at_kiosk();
        let dropped = !self.request.photos.is_empty()
            || (kiosk && (self.request.author.is_some() || self.request.contact.is_some()));
        self.request.photos.clear();
        if kiosk {
            self.forget_author();
        }
        dropped
    }

    /// Whether the story was written on a shared kiosk (its `client.mode`).
    pub fn written_at_kiosk(&self) -> bool {
        Mode::parse(Some(&self.request.client.mode)) == Mode::Kiosk
    }

    /// Whether delivery still has work to do for this entry (queued, or left "sending").
    pub fn awaits_delivery(&self) -> bool {
        matches!(
            self.delivery,
            Delivery::Queued { .. } | Delivery::Sending { .. }
        )
    }

    fn forget_author(&mut self) {
        self.request.author = None;
        self.request.contact = None;
        self.request.photos.clear();
    }

    /// An attempt ended with `outcome`.
    pub fn finish(&mut self, outcome: Outcome, now: Millis, jitter: f64) -> Result<(), NotAllowed> {
        let Delivery::Sending { attempts, .. } = self.delivery else {
            return Err(NotAllowed);
        };
        self.delivery = match outcome {
            Outcome::Stored => Delivery::Sent {
                at: now,
                already_had: false,
            },
            Outcome::AlreadyStored => Delivery::Sent {
                at: now,
                already_had: true,
            },
            Outcome::Refused {
                status,
                reason,
                reason_th,
                field,
            } => Delivery::Rejected {
                status,
                reason,
                reason_th,
                field,
            },
            Outcome::Failed {
                failure,
                retry_after,
            } => {
                let attempts = attempts.saturating_add(1);
                let wait = backoff(attempts, jitter).max(retry_after.unwrap_or(0));
                Delivery::Queued {
                    attempts,
                    next_at: now + wait,
                    last_failure: Some(failure),
                }
            }
        };
        Ok(())
    }

    /// A story left "sending" by a tab that closed or crashed before the answer came: it
    /// may or may not have arrived, so it is sent again now, under the same key (the
    /// receiver answers 200 if it had it).
    pub fn recover(&mut self, now: Millis) -> Result<(), NotAllowed> {
        let Delivery::Sending { attempts, .. } = self.delivery else {
            return Err(NotAllowed);
        };
        self.delivery = Delivery::Queued {
            attempts: attempts.saturating_add(1),
            next_at: now,
            last_failure: Some(Failure::Interrupted),
        };
        Ok(())
    }

    /// The citizen asks to try now, or the device came back online: skip the wait.
    pub fn retry_now(&mut self, now: Millis) -> Result<(), NotAllowed> {
        match &mut self.delivery {
            Delivery::Queued { next_at, .. } => {
                *next_at = (*next_at).min(now);
                Ok(())
            }
            _ => Err(NotAllowed),
        }
    }

    /// The receiver has just taken another story, so it is reachable and working again: this
    /// one, if it waits out a failure of the receiver or the network, is due now rather than
    /// at the end of its backoff (which may be minutes away). One the receiver told to slow
    /// down (429) keeps its wait, as `story-api.md` asks.
    pub fn receiver_is_back(&mut self, now: Millis) -> Result<(), NotAllowed> {
        match &mut self.delivery {
            Delivery::Queued {
                next_at,
                last_failure: Some(failure),
                ..
            } if *failure != Failure::Busy && *next_at > now => {
                *next_at = now;
                Ok(())
            }
            _ => Err(NotAllowed),
        }
    }

    /// A refused story, edited by the citizen, goes back in the queue under the same id
    /// (the receiver stored nothing for it).
    pub fn resubmit(&mut self, request: StoryRequest, now: Millis) -> Result<(), NotAllowed> {
        if !matches!(self.delivery, Delivery::Rejected { .. }) || request.id != self.id {
            return Err(NotAllowed);
        }
        self.request = request;
        self.delivery = Delivery::Queued {
            attempts: 0,
            next_at: now,
            last_failure: None,
        };
        Ok(())
    }

    /// Whether the citizen may take the story back: only while the city does not have it
    /// and no request is on its way.
    pub fn can_withdraw(&self) -> bool {
        matches!(
            self.delivery,
            Delivery::Queued { .. } | Delivery::Rejected { .. }
        )
    }

    /// What a shared kiosk keeps of this entry once its author has walked away: a story on
    /// its way keeps what delivery needs; a delivered one keeps no name, contact or photo; a
    /// refused one, which only its author could mend, is not kept at all (`None`).
    pub fn for_next_person(mut self) -> Option<OutboxEntry> {
        match self.delivery {
            Delivery::Queued { .. } | Delivery::Sending { .. } => Some(self),
            Delivery::Sent { .. } => {
                self.forget_author();
                Some(self)
            }
            Delivery::Rejected { .. } => None,
        }
    }
}

/// The little a kiosk reads of an entry when the code that reads whole entries could not be
/// fetched: its id and its delivery's state.
#[derive(Debug, Deserialize)]
pub struct EntryState {
    pub id: String,
    delivery: StateTag,
}

#[derive(Debug, Deserialize)]
struct StateTag {
    state: String,
}

impl EntryState {
    /// Whether the story is still on its way (queued or being sent), which
    /// [`OutboxEntry::for_next_person`] keeps whole, or has left or was refused (`false`),
    /// which can go; `None` for a state this version does not know (a later version's).
    pub fn on_its_way(&self) -> Option<bool> {
        match self.delivery.state.as_str() {
            "queued" | "sending" => Some(true),
            "sent" | "rejected" => Some(false),
            _ => None,
        }
    }
}

/// The entry due soonest, and when: what the delivery loop waits for.
pub fn next_due(entries: &[OutboxEntry]) -> Option<Millis> {
    entries.iter().filter_map(OutboxEntry::due_at).min()
}
