//! Any text typed into the search box: parsing the query, normalising it and running it over
//! the default bundle's news must not panic.
#![no_main]

use city_comms::domain::bundle::Bundle;
use city_comms::domain::filter::{NewsFilter, NewsIndex};
use city_comms::domain::search::{normalize, Query};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn default_bundle() -> &'static (Bundle, NewsIndex) {
    static BUNDLE: OnceLock<(Bundle, NewsIndex)> = OnceLock::new();
    BUNDLE.get_or_init(|| {
        let text = include_str!("../../../public/data/bundle.json");
        match city_comms::domain::validate::parse_bundle(text) {
            Ok(loaded) => {
                let index = NewsIndex::build(&loaded.bundle);
                (loaded.bundle, index)
            }
            Err(refused) => panic!("the default bundle is refused: {refused:?}"),
        }
    })
}

fuzz_target!(|typed: &str| {
    let _ = Query::parse(typed);
    let _ = normalize(typed);
    let (bundle, index) = default_bundle();
    let filter = NewsFilter::from_params(&[("q", typed)], bundle);
    let _ = index.run(bundle, &filter);
});
