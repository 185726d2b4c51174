#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail
//! Replays the fuzzing seed corpus (`tests/fuzz/seeds/`: test bundles, stories, queries),
//! and on a machine that has fuzzed, the inputs the fuzzers kept (`tests/fuzz/corpus/`,
//! not committed: it runs to tens of megabytes), through the same code the fuzz targets
//! call, with a normal build.
//! The fuzzers themselves run outside the test command (README, "Fuzzing").

use city_comms::domain::filter::{NewsFilter, NewsIndex};
use city_comms::domain::search::{normalize, Query};
use city_comms::domain::story::{check_request, parse_contact, StoryRequest};
use city_comms::domain::validate::parse_bundle;
use std::path::Path;

fn inputs(target: &str) -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz");
    let mut found = Vec::new();
    for dir in ["seeds", "corpus"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        for entry in entries {
            found.push(std::fs::read(entry.unwrap().path()).unwrap());
        }
    }
    assert!(!found.is_empty(), "no inputs for {target}");
    found
}

fn default_bundle() -> city_comms::domain::bundle::Bundle {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/bundle.json");
    parse_bundle(&std::fs::read_to_string(path).unwrap())
        .unwrap()
        .bundle
}

#[test]
fn bundle_inputs_get_an_answer() {
    for input in inputs("bundle") {
        if let Ok(text) = std::str::from_utf8(&input) {
            if let Ok(loaded) = parse_bundle(text) {
                let _ = NewsIndex::build(&loaded.bundle);
            }
        }
    }
}

#[test]
fn query_inputs_are_searched() {
    let bundle = default_bundle();
    let index = NewsIndex::build(&bundle);
    for input in inputs("query") {
        let typed = String::from_utf8_lossy(&input);
        let _ = Query::parse(&typed);
        let _ = normalize(&typed);
        let filter = NewsFilter::from_params(&[("q", typed.as_ref())], &bundle);
        let _ = index.run(&bundle, &filter);
    }
}

#[test]
fn story_inputs_are_checked() {
    let bundle = default_bundle();
    let mut stories = 0;
    for input in inputs("story") {
        if let Ok(request) = serde_json::from_slice::<StoryRequest>(&input) {
            stories += 1;
            let _ = check_request(&request, &bundle);
        }
        if let Ok(text) = std::str::from_utf8(&input) {
            let _ = parse_contact(text);
        }
    }
    assert!(stories > 0, "the seeds hold at least one well-formed story");
}
