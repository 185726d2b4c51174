//! Any request body sent to the receiver: reading it as a story and checking it by the
//! story rules must answer, never panic.
#![no_main]

use city_comms::domain::story::{check_request, parse_contact, StoryRequest};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn bundle() -> &'static city_comms::domain::bundle::Bundle {
    static BUNDLE: OnceLock<city_comms::domain::bundle::Bundle> = OnceLock::new();
    BUNDLE.get_or_init(|| {
        let text = include_str!("../../../public/data/bundle.json");
        match city_comms::domain::validate::parse_bundle(text) {
            Ok(loaded) => loaded.bundle,
            Err(refused) => panic!("the default bundle is refused: {refused:?}"),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(request) = serde_json::from_slice::<StoryRequest>(data) {
        let _ = check_request(&request, bundle());
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse_contact(text);
    }
});
