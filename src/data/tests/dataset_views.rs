//! `city-comms-data build`: the files a list by views reads first, the most-viewed cards
//! and the order by views, held against the order the source bundle alone gives.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use city_comms::domain::bundle::News;
use city_comms::domain::dataset::{
    facets, reader, CardFile, FileRef, Manifest, MOST_VIEWED, VIEWS_ORDER,
};
use common::dataset::{built, generated, manifest, parse, read};
use common::Sandbox;
use serde_json::{json, Value};
use std::cmp::Ordering;
use std::path::PathBuf;

/// `items` generated items, many of them sharing a number of views: equal views list the
/// newest first.
fn viewed(items: usize) -> Value {
    let mut bundle = generated(items);
    for (i, item) in bundle["news"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        item["views"] = json!((i * 37) % 23);
    }
    bundle
}

/// A dataset of 300 [`viewed`] items built in a sandbox named `name`: its source, where it is,
/// its manifest, and the file `file` names there, whose path starts with `stem`.
fn built_viewed(
    name: &str,
    file: fn(&Manifest) -> Option<&FileRef>,
    stem: &str,
) -> (Value, Sandbox, PathBuf, Manifest, FileRef) {
    let bundle = viewed(300);
    let (sandbox, out) = built(name, &bundle);
    let manifest = manifest(&out);
    let named = file(&manifest).cloned().expect("the file in the manifest");
    assert!(named.path.starts_with(stem), "{}", named.path);
    (bundle, sandbox, out, manifest, named)
}

/// The order by views, as the source alone gives it: most views first, then the newest (by
/// time, then id).
fn by_views(a: &News, b: &News) -> Ordering {
    (b.views, b.published, &b.id).cmp(&(a.views, a.published, &a.id))
}

#[test]
fn the_most_viewed_card_file_lists_the_first_pages_by_views_as_the_parts_hold_them() {
    let (bundle, _sandbox, out, manifest, file) = built_viewed(
        "build-most-viewed",
        |m| m.most_viewed.as_ref(),
        "cards/most-viewed.",
    );
    assert!(
        manifest.offline.contains(&file.path),
        "kept for offline use"
    );
    let top: CardFile = serde_json::from_slice(&read(&out, &file.path)).unwrap();

    // The truth, from the source alone.
    let source = parse(&bundle.to_string());
    let mut expected: Vec<&News> = source.news.iter().collect();
    expected.sort_by(|a, b| by_views(a, b));
    let expected: Vec<&str> = expected
        .iter()
        .take(MOST_VIEWED)
        .map(|n| n.id.as_str())
        .collect();
    let listed: Vec<&str> = top.cards.iter().map(|card| card.id.as_str()).collect();
    assert_eq!(listed, expected);

    // Each card as its month's part holds it, ordinal and article file included.
    for card in &top.cards {
        let part = reader::part_for(&manifest.cards, card.ordinal).unwrap();
        let path = &manifest.cards[part].file.path;
        let held: CardFile = serde_json::from_slice(&read(&out, path)).unwrap();
        assert_eq!(held.cards.iter().find(|c| c.id == card.id), Some(card));
    }
}

#[test]
fn the_views_order_file_holds_the_ordinals_of_the_order_by_views() {
    let (bundle, _sandbox, out, manifest, file) = built_viewed(
        "build-views-order",
        |m| m.views_order.as_ref(),
        "cards/views-order.",
    );
    let order = facets::decode_order(&read(&out, &file.path)).expect("an order file");

    // The truth, from the source alone: ordinals count from the oldest (by time, then id).
    let source = parse(&bundle.to_string());
    let mut oldest_first: Vec<&News> = source.news.iter().collect();
    oldest_first.sort_by(|a, b| (a.published, &a.id).cmp(&(b.published, &b.id)));
    let mut ordinals: Vec<u32> = (0..oldest_first.len() as u32).collect();
    ordinals.sort_by(|&a, &b| by_views(oldest_first[a as usize], oldest_first[b as usize]));
    ordinals.truncate(VIEWS_ORDER);
    assert_eq!(order, ordinals);
    assert_eq!(
        facets::decode_order(&read(&out, &manifest.views[0].path)),
        None
    );
}
