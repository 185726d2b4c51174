#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail
//! The outbox state machine through every transition, with time passed in.

use city_comms::domain::outbox::{
    backoff, next_due, parse_retry_after, Delivery, EntryState, Failure, Millis, NotAllowed,
    OutboxEntry, Outcome, BACKOFF_MAX_MS,
};
use city_comms::domain::story::{Client, Consent, StoryRequest};

const T0: Millis = 1_790_000_000_000;

fn request(id: &str) -> StoryRequest {
    StoryRequest {
        id: id.into(),
        created_at: "2026-11-21T10:15:00+07:00".into(),
        lang: "th".into(),
        title: "สวนใหม่ริมคลอง".into(),
        text: "เช้านี้เดินเล่นที่สวน".into(),
        district: "1020".into(),
        policies: vec![],
        author: None,
        contact: None,
        consent: Consent {
            privacy_notice_version: "pn-1".into(),
            given_at: "2026-11-21T10:15:00+07:00".into(),
        },
        photos: vec![],
        client: Client {
            mode: "default".into(),
            app_version: "0.1.0".into(),
        },
        publication: None,
    }
}

fn fresh() -> OutboxEntry {
    OutboxEntry::new(request("a"), T0)
}

fn failed(failure: Failure) -> Outcome {
    Outcome::Failed {
        failure,
        retry_after: None,
    }
}

#[test]
fn a_new_story_is_queued_and_due_at_once() {
    let entry = fresh();
    assert_eq!(entry.state_name(), "queued");
    assert!(entry.is_due(T0));
    assert_eq!(entry.id, entry.request.id);
}

#[test]
fn a_201_marks_the_story_sent() {
    let mut entry = fresh();
    entry.begin(T0).unwrap();
    assert_eq!(entry.state_name(), "sending");
    entry.finish(Outcome::Stored, T0 + 300, 0.5).unwrap();
    assert_eq!(
        entry.delivery,
        Delivery::Sent {
            at: T0 + 300,
            already_had: false
        }
    );
}

#[test]
fn a_200_for_a_story_the_receiver_already_had_marks_it_sent() {
    let mut entry = fresh();
    entry.begin(T0).unwrap();
    let outcome = Outcome::from_response(200, None, "{}", T0);
    assert_eq!(outcome, Outcome::AlreadyStored);
    entry.finish(outcome, T0 + 10, 0.0).unwrap();
    assert!(matches!(
        entry.delivery,
        Delivery::Sent {
            already_had: true,
            ..
        }
    ));
}

#[test]
fn network_errors_timeouts_and_5xx_queue_it_again_with_growing_waits() {
    let mut entry = fresh();
    let mut now = T0;
    let mut waits = vec![];
    for failure in [
        Failure::Network,
        Failure::Timeout,
        Failure::Server,
        Failure::Network,
    ] {
        entry.begin(now).unwrap();
        entry.finish(failed(failure), now, 1.0).unwrap();
        let Delivery::Queued {
            next_at,
            last_failure,
            attempts,
        } = entry.delivery.clone()
        else {
            panic!("not queued: {:?}", entry.delivery)
        };
        assert_eq!(last_failure, Some(failure));
        assert_eq!(attempts as usize, waits.len() + 1);
        assert!(!entry.is_due(next_at - 1), "due before its wait is over");
        waits.push(next_at - now);
        now = next_at;
    }
    assert_eq!(waits, vec![2_000, 4_000, 8_000, 16_000]);
}

#[test]
fn an_attempt_cannot_start_before_it_is_due() {
    let mut entry = fresh();
    entry.begin(T0).unwrap();
    entry.finish(failed(Failure::Server), T0, 0.0).unwrap();
    assert_eq!(entry.begin(T0 + 1), Err(NotAllowed));
    assert_eq!(entry.state_name(), "queued");
}

#[test]
fn backoff_has_jitter_within_bounds_and_a_ceiling() {
    for attempts in 1..40 {
        let low = backoff(attempts, 0.0);
        let high = backoff(attempts, 0.999);
        assert!(low <= high);
        assert!(high <= BACKOFF_MAX_MS);
        assert!(low >= high / 2 - 1, "{attempts}: {low} {high}");
    }
    assert_ne!(backoff(3, 0.1), backoff(3, 0.9));
    assert_eq!(backoff(30, 1.0), BACKOFF_MAX_MS);
}

#[test]
fn retry_after_is_honoured_when_longer_than_the_backoff() {
    let mut entry = fresh();
    entry.begin(T0).unwrap();
    let outcome = Outcome::from_response(429, Some("120"), "", T0);
    assert_eq!(
        outcome,
        Outcome::Failed {
            failure: Failure::Busy,
            retry_after: Some(120_000)
        }
    );
    entry.finish(outcome, T0, 0.0).unwrap();
    assert_eq!(entry.due_at(), Some(T0 + 120_000));
    // A 503 with a date.
    let at = parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_777_000 - 5_000);
    assert_eq!(at, Some(5_000));
    // The two older forms HTTP still asks recipients to read.
    let at = parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", 784_111_777_000 - 5_000);
    assert_eq!(at, Some(5_000));
    let at = parse_retry_after("Sun Nov  6 08:49:37 1994", 784_111_777_000 - 5_000);
    assert_eq!(at, Some(5_000));
    // A date in the past means "now"; a malformed one is ignored.
    assert_eq!(
        parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", T0),
        Some(0)
    );
    assert_eq!(parse_retry_after("Sun, 31 Feb 1994 08:49:37 GMT", T0), None);
    assert_eq!(parse_retry_after("soon", T0), None);
    assert_eq!(parse_retry_after("999999", T0), Some(3_600_000));
}

#[test]
fn a_refusal_stops_delivery_and_keeps_the_reason_and_field() {
    let mut entry = fresh();
    entry.begin(T0).unwrap();
    let body = r#"{"error":"Please tell your story","error_th":"โปรดเล่าเรื่อง","field":"text"}"#;
    entry
        .finish(Outcome::from_response(422, None, body, T0), T0, 0.0)
        .unwrap();
    assert_eq!(
        entry.delivery,
        Delivery::Rejected {
            status: 422,
            reason: "Please tell your story".into(),
            reason_th: Some("โปรดเล่าเรื่อง".into()),
            field: Some("text".into())
        }
    );
    assert_eq!(entry.due_at(), None);
    assert_eq!(entry.begin(T0 + 1_000_000), Err(NotAllowed));
    // A 413 without a JSON body still has a reason.
    assert!(matches!(
        Outcome::from_response(413, None, "too big", T0),
        Outcome::Refused { status: 413, ref reason, field: None, .. } if reason == "HTTP 413"
    ));
}

#[test]
fn a_refused_story_can_be_edited_and_resent_under_the_same_id() {
    let mut entry = fresh();
    entry.begin(T0).unwrap();
    entry
        .finish(Outcome::from_response(400, None, "{}", T0), T0, 0.0)
        .unwrap();
    let mut edited = request("a");
    edited.text = "แก้แล้ว".into();
    assert_eq!(entry.resubmit(request("b"), T0), Err(NotAllowed));
    entry.resubmit(edited, T0 + 5).unwrap();
    assert_eq!(entry.state_name(), "queued");
    assert!(entry.is_due(T0 + 5));
    assert_eq!(entry.request.text, "แก้แล้ว");
    assert_eq!(entry.id, "a");
}

#[test]
fn only_a_rejected_story_can_be_resubmitted() {
    let mut entry = fresh();
    assert_eq!(entry.resubmit(request("a"), T0), Err(NotAllowed));
    entry.begin(T0).unwrap();
    entry.finish(Outcome::Stored, T0, 0.0).unwrap();
    assert_eq!(entry.resubmit(request("a"), T0), Err(NotAllowed));
}

#[test]
fn a_crash_between_stored_on_device_and_sent_loses_nothing() {
    // Stored, then the tab died before any request: the entry as read back is still queued.
    let stored = serde_json::to_string(&fresh()).unwrap();
    let mut entry: OutboxEntry = serde_json::from_str(&stored).unwrap();
    assert!(entry.is_due(T0 + 60_000));
    // The tab died while the request was on its way: the next start recovers it...
    entry.begin(T0).unwrap();
    let stored = serde_json::to_string(&entry).unwrap();
    let mut entry: OutboxEntry = serde_json::from_str(&stored).unwrap();
    assert_eq!(entry.state_name(), "sending");
    entry.recover(T0 + 90_000).unwrap();
    assert!(entry.is_due(T0 + 90_000));
    assert!(matches!(
        entry.delivery,
        Delivery::Queued {
            last_failure: Some(Failure::Interrupted),
            attempts: 1,
            ..
        }
    ));
    // ...and sends it again under the same key; the receiver had it and says 200.
    entry.begin(T0 + 90_000).unwrap();
    entry
        .finish(Outcome::from_response(200, None, "", T0), T0 + 90_100, 0.0)
        .unwrap();
    assert!(matches!(
        entry.delivery,
        Delivery::Sent {
            already_had: true,
            ..
        }
    ));
}

#[test]
fn only_an_interrupted_send_can_be_recovered() {
    let mut entry = fresh();
    assert_eq!(entry.recover(T0), Err(NotAllowed));
    entry.begin(T0).unwrap();
    entry.finish(Outcome::Stored, T0, 0.0).unwrap();
    assert_eq!(entry.recover(T0), Err(NotAllowed));
    assert_eq!(entry.state_name(), "sent");
}

#[test]
fn retry_now_skips_the_wait_only_for_a_queued_story() {
    let mut entry = fresh();
    entry.begin(T0).unwrap();
    entry.finish(failed(Failure::Network), T0, 0.5).unwrap();
    assert!(!entry.is_due(T0 + 1));
    entry.retry_now(T0 + 1).unwrap();
    assert!(entry.is_due(T0 + 1));
    entry.begin(T0 + 1).unwrap();
    assert_eq!(entry.retry_now(T0 + 2), Err(NotAllowed));
    assert_eq!(entry.finish(Outcome::Stored, T0 + 3, 0.0), Ok(()));
    assert_eq!(entry.finish(Outcome::Stored, T0 + 4, 0.0), Err(NotAllowed));
}

#[test]
fn when_the_receiver_takes_a_story_the_others_waiting_out_its_failures_are_due_at_once() {
    for failure in [
        Failure::Network,
        Failure::Timeout,
        Failure::Server,
        Failure::Interrupted,
    ] {
        let mut entry = fresh();
        for attempt in 0..8 {
            entry.begin(T0 + attempt).unwrap();
            entry.finish(failed(failure), T0 + attempt, 1.0).unwrap();
            entry.retry_now(T0 + attempt + 1).unwrap();
        }
        entry.begin(T0 + 9).unwrap();
        entry.finish(failed(failure), T0 + 9, 1.0).unwrap();
        assert!(
            !entry.is_due(T0 + 60_000),
            "{failure:?}: minutes of backoff"
        );
        entry.receiver_is_back(T0 + 10).unwrap();
        assert!(entry.is_due(T0 + 10), "{failure:?}");
    }
    // Told to slow down: the wait stands.
    let mut busy = fresh();
    busy.begin(T0).unwrap();
    busy.finish(failed(Failure::Busy), T0, 1.0).unwrap();
    assert_eq!(busy.receiver_is_back(T0 + 1), Err(NotAllowed));
    assert!(!busy.is_due(T0 + 1));
    // Nothing to bring forward: a new story (due already), one on its way, one delivered.
    let mut new = fresh();
    assert_eq!(new.receiver_is_back(T0), Err(NotAllowed));
    new.begin(T0).unwrap();
    assert_eq!(new.receiver_is_back(T0), Err(NotAllowed));
    new.finish(Outcome::Stored, T0, 0.0).unwrap();
    assert_eq!(new.receiver_is_back(T0), Err(NotAllowed));
}

#[test]
fn a_story_can_be_withdrawn_only_while_the_city_does_not_have_it() {
    let mut entry = fresh();
    assert!(entry.can_withdraw());
    entry.begin(T0).unwrap();
    assert!(!entry.can_withdraw(), "a request is on its way");
    entry.finish(failed(Failure::Timeout), T0, 0.0).unwrap();
    assert!(entry.can_withdraw());
    entry.retry_now(T0).unwrap();
    entry.begin(T0).unwrap();
    entry.finish(Outcome::Stored, T0, 0.0).unwrap();
    assert!(!entry.can_withdraw());
}

#[test]
fn other_statuses_are_read_as_the_api_says() {
    let read = |status| Outcome::from_response(status, None, "", T0);
    assert_eq!(read(201), Outcome::Stored);
    assert!(matches!(
        read(500),
        Outcome::Failed {
            failure: Failure::Server,
            ..
        }
    ));
    assert!(matches!(
        read(503),
        Outcome::Failed {
            failure: Failure::Server,
            ..
        }
    ));
    assert!(matches!(
        read(408),
        Outcome::Failed {
            failure: Failure::Timeout,
            ..
        }
    ));
    assert!(matches!(read(404), Outcome::Refused { status: 404, .. }));
    assert!(matches!(
        read(302),
        Outcome::Failed {
            failure: Failure::Server,
            ..
        }
    ));
}

#[test]
fn the_loop_waits_for_the_soonest_due_entry() {
    let mut a = OutboxEntry::new(request("a"), T0 + 50);
    let b = OutboxEntry::new(request("b"), T0 + 10);
    assert_eq!(next_due(&[a.clone(), b.clone()]), Some(T0 + 10));
    a.begin(T0 + 50).unwrap();
    a.finish(Outcome::Stored, T0 + 60, 0.0).unwrap();
    assert_eq!(next_due(&[a.clone()]), None);
}

fn personal(id: &str) -> StoryRequest {
    use city_comms::domain::story::{Contact, Photo};
    StoryRequest {
        author: Some("สมหญิง".into()),
        contact: Some(Contact {
            email: Some("somying@example.com".into()),
            phone: None,
        }),
        photos: vec![Photo {
            name: "park.jpg".into(),
            mime: "image/jpeg".into(),
            data: "/9j/".into(),
        }],
        ..request(id)
    }
}

#[test]
fn a_kiosk_keeps_a_story_on_its_way_whole() {
    let queued = OutboxEntry::new(personal("q"), T0);
    assert_eq!(queued.clone().for_next_person(), Some(queued));
    let mut sending = OutboxEntry::new(personal("s"), T0);
    sending.begin(T0).unwrap();
    assert_eq!(sending.clone().for_next_person(), Some(sending));
}

#[test]
fn a_kiosk_keeps_no_personal_field_of_a_delivered_story() {
    let mut entry = OutboxEntry::new(personal("d"), T0);
    entry.begin(T0).unwrap();
    entry.finish(Outcome::Stored, T0 + 5, 0.0).unwrap();
    let kept = entry.for_next_person().unwrap();
    assert_eq!(kept.state_name(), "sent");
    assert_eq!(kept.request.author, None);
    assert_eq!(kept.request.contact, None);
    assert!(kept.request.photos.is_empty());
    assert_eq!(kept.request.title, "สวนใหม่ริมคลอง");
}

#[test]
fn a_kiosk_forgets_a_refused_story() {
    let mut entry = OutboxEntry::new(personal("r"), T0);
    entry.begin(T0).unwrap();
    let refused = Outcome::from_response(422, None, r#"{"error":"no"}"#, T0);
    entry.finish(refused, T0 + 5, 0.0).unwrap();
    assert_eq!(entry.for_next_person(), None);
}

#[test]
fn a_kiosk_without_its_module_keeps_whole_what_it_would_keep_whole_and_deletes_the_rest() {
    let queued = OutboxEntry::new(personal("q"), T0);
    let mut sending = OutboxEntry::new(personal("s"), T0);
    sending.begin(T0).unwrap();
    let mut sent = sending.clone();
    sent.finish(Outcome::Stored, T0 + 5, 0.0).unwrap();
    let mut refused = sending.clone();
    let answer = Outcome::from_response(422, None, r#"{"error":"no"}"#, T0);
    refused.finish(answer, T0 + 5, 0.0).unwrap();
    for entry in [queued, sending, sent, refused] {
        // As the device keeps it: the entry's JSON.
        let state: EntryState =
            serde_json::from_str(&serde_json::to_string(&entry).unwrap()).unwrap();
        assert_eq!(state.id, entry.id);
        let kept_whole = entry.clone().for_next_person().as_ref() == Some(&entry);
        assert_eq!(
            state.on_its_way(),
            Some(kept_whole),
            "{}",
            entry.state_name()
        );
    }
    // A state this version does not know is not taken for one it does.
    let later: EntryState =
        serde_json::from_str(r#"{"id":"x","delivery":{"state":"held_for_review"}}"#).unwrap();
    assert_eq!(later.on_its_way(), None);
}

fn written_in(mode: &str, id: &str) -> OutboxEntry {
    let mut request = personal(id);
    request.client.mode = mode.into();
    OutboxEntry::new(request, T0)
}

#[test]
fn a_story_written_at_a_kiosk_forgets_its_author_the_moment_it_is_delivered() {
    for (mode, forgets) in [("kiosk", true), ("default", false), ("embed", false)] {
        let mut entry = written_in(mode, "k");
        entry.take_for_attempt(T0).unwrap();
        entry.conclude(Outcome::Stored, T0 + 5, 0.0).unwrap();
        assert_eq!(entry.request.author.is_none(), forgets, "{mode}");
        assert_eq!(entry.request.contact.is_none(), forgets, "{mode}");
        assert!(entry.request.photos.is_empty(), "{mode}");
    }
}

#[test]
fn a_kiosk_story_still_on_its_way_keeps_what_delivery_needs() {
    let mut entry = written_in("kiosk", "k");
    entry.take_for_attempt(T0).unwrap();
    entry
        .conclude(failed(Failure::Server), T0 + 5, 0.0)
        .unwrap();
    assert_eq!(entry.state_name(), "queued");
    assert!(entry.request.author.is_some());
    assert!(!entry.request.photos.is_empty());
}

#[test]
fn an_attempt_is_taken_only_when_due_and_a_left_behind_send_is_taken_again() {
    let mut waiting = fresh();
    waiting.take_for_attempt(T0).unwrap();
    waiting.conclude(failed(Failure::Network), T0, 0.0).unwrap();
    let before = waiting.clone();
    assert_eq!(waiting.take_for_attempt(T0 + 1), Err(NotAllowed));
    assert_eq!(waiting, before, "a refused take leaves the entry as it was");
    let due = waiting.due_at().unwrap();
    waiting.take_for_attempt(due).unwrap();
    assert_eq!(waiting.state_name(), "sending");

    // Left "sending" by a page that closed: taken again at once, under the same id.
    let mut left = fresh();
    left.begin(T0).unwrap();
    left.take_for_attempt(T0 + 10).unwrap();
    assert!(matches!(
        left.delivery,
        Delivery::Sending { attempts: 1, .. }
    ));

    let mut sent = fresh();
    sent.take_for_attempt(T0).unwrap();
    sent.conclude(Outcome::Stored, T0, 0.0).unwrap();
    assert_eq!(sent.take_for_attempt(T0 + 1), Err(NotAllowed));
    assert!(!sent.awaits_delivery());
    assert!(left.awaits_delivery() && fresh().awaits_delivery());
}

#[test]
fn an_attempt_may_take_longer_for_a_larger_story() {
    use city_comms::domain::outbox::attempt_timeout;
    assert_eq!(attempt_timeout(0), 15_000);
    assert_eq!(attempt_timeout(20_000), 16_000);
    assert!(attempt_timeout(usize::MAX) > 15_000);
}

#[test]
fn a_delivered_story_keeps_its_text_but_not_its_photos() {
    let mut entry = written_in("default", "p");
    entry.take_for_attempt(T0).unwrap();
    entry.conclude(Outcome::AlreadyStored, T0 + 5, 0.0).unwrap();
    assert!(entry.request.photos.is_empty());
    assert_eq!(entry.request.title, "สวนใหม่ริมคลอง");
    assert_eq!(entry.request.author.as_deref(), Some("สมหญิง"));

    let mut refused = written_in("default", "r");
    refused.take_for_attempt(T0).unwrap();
    let no = Outcome::from_response(422, None, r#"{"error":"no"}"#, T0);
    refused.conclude(no, T0 + 5, 0.0).unwrap();
    assert_eq!(
        refused.request.photos.len(),
        1,
        "kept to mend and send again"
    );
}

#[test]
fn a_story_delivered_before_the_rule_is_tidied_once() {
    let mut old = OutboxEntry::new(personal("o"), T0);
    old.begin(T0).unwrap();
    old.finish(Outcome::Stored, T0, 0.0).unwrap();
    assert!(old.keep_only_what_is_shown());
    assert!(old.request.photos.is_empty());
    assert!(!old.keep_only_what_is_shown(), "nothing left to drop");
    let mut queued = OutboxEntry::new(personal("q"), T0);
    assert!(!queued.keep_only_what_is_shown());
    assert_eq!(queued.request.photos.len(), 1);
}
