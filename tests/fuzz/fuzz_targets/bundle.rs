//! Any bytes as a bundle: parsing and validation must answer, never panic.
#![no_main]

use city_comms::domain::validate::parse_bundle;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(loaded) = parse_bundle(text) {
            // What was accepted can be indexed and searched.
            let index = city_comms::domain::filter::NewsIndex::build(&loaded.bundle);
            let _ = index;
        }
    }
});
