//! `city-comms-data build`: the files a list by views reads first, the most-viewed cards,
//! the order by views and the cards after them in parts by views, held against the order
//! the source bundle alone gives.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use city_comms::domain::bundle::News;
use city_comms::domain::dataset::{
    self, archive, facets, reader, CardFile, FileRef, Manifest, MOST_VIEWED, VIEWS_ORDER,
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

/// Items enough that their dataset is not kept whole from a first visit
/// (`dataset::KEEP_WHOLE_BYTES`), which the compiler writes parts by views for.
const NOT_KEPT_WHOLE: usize = 900;

/// A dataset of `items` [`viewed`] items built in a sandbox named `name`: its source, where
/// it is, its manifest, and the file `file` names there, whose path starts with `stem`.
fn built_viewed(
    name: &str,
    items: usize,
    file: fn(&Manifest) -> Option<&FileRef>,
    stem: &str,
) -> (Value, Sandbox, PathBuf, Manifest, FileRef) {
    let bundle = viewed(items);
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

/// The ids of `ranks` of the order by views of `bundle`'s items, from the source alone.
fn ids_by_views(bundle: &Value, ranks: std::ops::Range<usize>) -> Vec<String> {
    let source = parse(&bundle.to_string());
    let mut news: Vec<&News> = source.news.iter().collect();
    news.sort_by(|a, b| by_views(a, b));
    let ranks = ranks.start..ranks.end.min(news.len());
    news[ranks].iter().map(|n| n.id.clone()).collect()
}

#[test]
fn the_most_viewed_card_file_lists_the_first_pages_by_views_as_the_parts_hold_them() {
    let (bundle, _sandbox, out, manifest, file) = built_viewed(
        "build-most-viewed",
        300,
        |m| m.most_viewed.as_ref(),
        "cards/most-viewed.",
    );
    assert!(
        manifest.offline.contains(&file.path),
        "kept for offline use"
    );
    let top: CardFile = serde_json::from_slice(&read(&out, &file.path)).unwrap();

    // The truth, from the source alone.
    let expected = ids_by_views(&bundle, 0..MOST_VIEWED);
    let listed: Vec<String> = top.cards.iter().map(|card| card.id.clone()).collect();
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
        300,
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

#[test]
fn the_parts_by_views_hold_the_cards_after_the_most_viewed_in_order_as_the_months_hold_them() {
    let (bundle, _sandbox, out, manifest, _) = built_viewed(
        "build-by-views",
        NOT_KEPT_WHOLE,
        |m| m.views_cards.first().map(|part| &part.file),
        "cards/by-views.",
    );
    let expected = ids_by_views(&bundle, MOST_VIEWED..VIEWS_ORDER);

    let kept = archive::read_kept_note(&archive::kept_note(&manifest));
    let mut listed = Vec::new();
    for part in &manifest.views_cards {
        // Each part says where in the order it begins and how many it holds.
        assert_eq!(part.first as usize, MOST_VIEWED + listed.len());
        let held: CardFile = serde_json::from_slice(&read(&out, &part.file.path)).unwrap();
        assert_eq!(held.cards.len(), part.count as usize);
        // Each card as its month's part holds it, ordinal and article file included.
        for card in &held.cards {
            let month = reader::part_for(&manifest.cards, card.ordinal).unwrap();
            let path = &manifest.cards[month].file.path;
            let month: CardFile = serde_json::from_slice(&read(&out, path)).unwrap();
            assert_eq!(month.cards.iter().find(|c| c.id == card.id), Some(card));
        }
        listed.extend(held.cards.into_iter().map(|card| card.id));
        // Keeping the whole archive keeps it.
        assert!(kept.contains(&part.file.path), "{}", part.file.path);
    }
    assert_eq!(listed, expected);
    assert!(manifest.views_cards.len() > 1, "parts of about forty");
    assert!(!dataset::kept_whole_at_first_visit(manifest.total_bytes));
}

#[test]
fn an_item_that_climbs_the_order_by_views_changes_the_part_it_joins_and_no_other() {
    let (mut bundle, sandbox, out, before, _) = built_viewed(
        "build-by-views-climb",
        NOT_KEPT_WHOLE,
        |m| m.views_cards.first().map(|part| &part.file),
        "cards/by-views.",
    );
    // The newest item yet, with as many views as items in the middle of the order.
    let newest = bundle["news"].as_array().unwrap().iter();
    let newest = newest
        .map(|item| item["published"].as_str().unwrap().to_owned())
        .max();
    let mut item = bundle["news"][0].clone();
    item["id"] = json!("zz-climbed");
    item["published"] = json!(newest.unwrap());
    item["views"] = json!(11);
    bundle["news"].as_array_mut().unwrap().push(item);
    let source = sandbox.write("next.json", bundle.to_string());
    let run = sandbox.run(&[&"build", &source, &out]);
    assert_eq!(run.code, 0, "{}", run.all());
    let after = manifest(&out);

    let paths = |m: &Manifest| -> Vec<String> {
        m.views_cards
            .iter()
            .map(|part| part.file.path.clone())
            .collect()
    };
    let (old, new) = (paths(&before), paths(&after));
    let changed: Vec<&String> = new.iter().filter(|path| !old.contains(path)).collect();
    assert!(
        (1..=2).contains(&changed.len()),
        "{} of {} parts changed",
        changed.len(),
        new.len()
    );
    let joined = changed.iter().any(|path| {
        let held: CardFile = serde_json::from_slice(&read(&out, path)).unwrap();
        held.cards.iter().any(|card| card.id == "zz-climbed")
    });
    assert!(joined, "the part it joined is among those changed");
    assert_eq!(after.most_viewed, before.most_viewed);
}
