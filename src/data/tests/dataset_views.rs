//! `city-comms-data build`: the files a list by views reads first, the most-viewed cards
//! and the order by views, held against the order the source bundle alone gives.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use city_comms::domain::bundle::News;
use city_comms::domain::dataset::{facets, reader, CardFile, MOST_VIEWED, VIEWS_ORDER};
use common::dataset::{built, generated, manifest, parse, read};
use serde_json::{json, Value};

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

#[test]
fn the_most_viewed_card_file_lists_the_first_pages_by_views_as_the_parts_hold_them() {
    let bundle = viewed(300);
    let (_sandbox, out) = built("build-most-viewed", &bundle);
    let manifest = manifest(&out);
    let file = manifest.most_viewed.as_ref().expect("a most-viewed file");
    assert!(file.path.starts_with("cards/most-viewed."), "{}", file.path);
    assert!(
        manifest.offline.contains(&file.path),
        "kept for offline use"
    );
    let top: CardFile = serde_json::from_slice(&read(&out, &file.path)).unwrap();

    // The truth, from the source alone: most views first, then the newest (by time, then id).
    let source = parse(&bundle.to_string());
    let mut expected: Vec<&News> = source.news.iter().collect();
    expected.sort_by(|a, b| (b.views, b.published, &b.id).cmp(&(a.views, a.published, &a.id)));
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
    let bundle = viewed(300);
    let (_sandbox, out) = built("build-views-order", &bundle);
    let manifest = manifest(&out);
    let file = manifest.views_order.as_ref().expect("a views order file");
    assert!(file.path.starts_with("cards/views-order."), "{}", file.path);
    let order = facets::decode_order(&read(&out, &file.path)).expect("an order file");

    // The truth, from the source alone: ordinals count from the oldest (by time, then id);
    // by views, most views first, then the newest.
    let source = parse(&bundle.to_string());
    let mut oldest_first: Vec<&News> = source.news.iter().collect();
    oldest_first.sort_by(|a, b| (a.published, &a.id).cmp(&(b.published, &b.id)));
    let mut ordinals: Vec<u32> = (0..oldest_first.len() as u32).collect();
    ordinals.sort_by(|&a, &b| {
        let (a, b) = (oldest_first[a as usize], oldest_first[b as usize]);
        (b.views, b.published, &b.id).cmp(&(a.views, a.published, &a.id))
    });
    ordinals.truncate(VIEWS_ORDER);
    assert_eq!(order, ordinals);
    assert_eq!(
        facets::decode_order(&read(&out, &manifest.views[0].path)),
        None
    );
}
