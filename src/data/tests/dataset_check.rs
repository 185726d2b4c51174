#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail
//! `city-comms-data check DIR`: a sound dataset passes; a damaged file is named, in Thai and
//! English, by what is wrong with it. Every kind of damage of the corpus
//! (`tests/bad-bundles/datasets.json`) is checked, with the app, by
//! `tests/e2e/bad-datasets.test.mjs`.

mod common;

use city_comms::domain::dataset::{facets, file_name, CardFile, Manifest, MANIFEST};
use common::Sandbox;
use sha2::{Digest, Sha256};
use std::path::Path;

fn built(name: &str) -> (Sandbox, std::path::PathBuf, Manifest) {
    let sandbox = Sandbox::new(name);
    let out = sandbox.dir.join("data");
    let run = sandbox.run(&[&"build", &sandbox.bundle, &out]);
    assert_eq!(run.code, 0, "{}", run.all());
    let manifest = serde_json::from_slice(&std::fs::read(out.join(MANIFEST)).unwrap()).unwrap();
    (sandbox, out, manifest)
}

fn check(sandbox: &Sandbox, dir: &Path) -> common::Run {
    let run = sandbox.run(&[&"check", &dir]);
    run.assert_no_panic();
    run
}

#[test]
fn a_sound_dataset_passes_and_says_what_it_read() {
    let (sandbox, out, manifest) = built("check-sound");
    let run = check(&sandbox, &out);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.out.contains("The dataset is sound"), "{}", run.out);
    assert!(run.out.contains("ชุดข้อมูลใช้ได้"), "{}", run.out);
    assert!(run.out.contains(&format!("{} news items", manifest.items)));
    assert!(run.err.is_empty(), "{}", run.err);
}

#[test]
fn every_damaged_file_is_named_with_what_is_wrong_in_both_languages() {
    let (sandbox, out, manifest) = built("check-damaged");
    let cards = &manifest.cards[0].file.path;
    let file: CardFile = serde_json::from_slice(&std::fs::read(out.join(cards)).unwrap()).unwrap();
    let article = &file.cards[0].article;
    let views = &manifest.views[0].path;
    let facets = &manifest.facets[0].path;

    let bytes = std::fs::read(out.join(views)).unwrap();
    std::fs::write(out.join(views), &bytes[..bytes.len() / 2]).unwrap();
    std::fs::remove_file(out.join(article)).unwrap();
    let mut altered = std::fs::read(out.join(facets)).unwrap();
    let middle = altered.len() / 2;
    altered[middle] ^= 1;
    std::fs::write(out.join(facets), altered).unwrap();

    let run = check(&sandbox, &out);
    assert_eq!(run.code, 1, "{}", run.all());
    let named = |path: &str, th: &str, en: &str| {
        assert!(
            run.err.contains(&format!("{path}: ")),
            "{path}: {}",
            run.err
        );
        assert!(run.err.contains(th) && run.err.contains(en), "{}", run.err);
    };
    named(views, "ถูกตัดหรือถูกแก้ไข", "cut short or altered");
    named(
        facets,
        "ไม่ตรงกับค่าแฮช",
        "does not match the hash in its name",
    );
    named(
        article,
        "ไม่มีไฟล์นี้",
        "is missing, though manifest.json lists it",
    );
    assert!(
        run.err.contains("3 file(s) of the dataset cannot be used"),
        "{}",
        run.err
    );

    // A card file cut short is named too (the articles its cards name can then not be found).
    let bytes = std::fs::read(out.join(cards)).unwrap();
    std::fs::write(out.join(cards), &bytes[..bytes.len() / 2]).unwrap();
    let run = check(&sandbox, &out);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.err.contains(&format!("{cards}: ")), "{}", run.err);
    assert!(run.err.contains("cut short or altered"), "{}", run.err);
}

#[test]
fn an_order_by_views_that_the_views_do_not_give_is_named() {
    let (sandbox, out, manifest) = built("check-order");
    let file = manifest.views_order.expect("an order by views");
    let read = std::fs::read(out.join(&file.path)).unwrap();
    let mut order = facets::decode_order(&read).expect("an order file");
    assert!(order.len() > 1, "{order:?}");
    // The first two the other way round, in a sound file the manifest names, as a build
    // that ordered them wrongly would have written it.
    order.swap(0, 1);
    let bytes = facets::encode_order(&order);
    let path = file_name("cards/views-order", &Sha256::digest(&bytes), "bin");
    std::fs::write(out.join(&path), &bytes).unwrap();
    let mut named: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join(MANIFEST)).unwrap()).unwrap();
    named["views_order"] = serde_json::json!({ "path": path, "bytes": bytes.len() });
    std::fs::write(out.join(MANIFEST), named.to_string()).unwrap();

    let run = check(&sandbox, &out);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.err.contains(&format!("{path}: ")), "{}", run.err);
    assert!(
        run.err.contains("ไม่ตรงกับยอดเข้าชม")
            && run
                .err
                .contains("does not list the items in the order the views files give"),
        "{}",
        run.err
    );
    assert!(
        run.err.contains("1 file(s) of the dataset cannot be used"),
        "{}",
        run.err
    );
}

#[test]
fn a_part_by_views_that_the_order_does_not_give_is_named() {
    // Items enough for parts by views (a dataset not kept whole from a first visit).
    let mut bundle = common::dataset::generated(900);
    for (i, item) in bundle["news"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        item["views"] = serde_json::json!((i * 37) % 101);
    }
    let (sandbox, out) = common::dataset::built("check-by-views", &bundle);
    let manifest = common::dataset::manifest(&out);
    let part = manifest.views_cards.first().expect("parts by views");
    let read = std::fs::read(out.join(&part.file.path)).unwrap();
    let mut held: CardFile = serde_json::from_slice(&read).unwrap();
    assert!(held.cards.len() > 1, "{}", held.cards.len());
    // Its first two cards the other way round, in a sound file the manifest names.
    held.cards.swap(0, 1);
    let bytes = serde_json::to_vec(&held).unwrap();
    let path = file_name("cards/by-views", &Sha256::digest(&bytes), "json");
    std::fs::write(out.join(&path), &bytes).unwrap();
    let mut named: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join(MANIFEST)).unwrap()).unwrap();
    named["views_cards"][0]["file"] = serde_json::json!({ "path": path, "bytes": bytes.len() });
    std::fs::write(out.join(MANIFEST), named.to_string()).unwrap();

    let run = check(&sandbox, &out);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.err.contains(&format!("{path}: ")), "{}", run.err);
    assert!(run.err.contains("ไม่ตรงกับยอดเข้าชม"), "{}", run.err);
    assert!(
        run.err.contains("1 file(s) of the dataset cannot be used"),
        "{}",
        run.err
    );
}

/// Writes `bytes` as a sound file of `dir` named from `stem` and its hash, and names it in
/// the manifest at `key`'s first block, as a build that got it wrong would have; its path.
fn swap_first_block(dir: &Path, key: &str, stem: &str, bytes: &[u8]) -> String {
    let path = file_name(stem, &Sha256::digest(bytes), "bin");
    std::fs::write(dir.join(&path), bytes).unwrap();
    let mut named: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join(MANIFEST)).unwrap()).unwrap();
    named[key][0] = serde_json::json!({ "path": path, "bytes": bytes.len() });
    std::fs::write(dir.join(MANIFEST), named.to_string()).unwrap();
    path
}

#[test]
fn a_block_for_another_number_of_items_is_named() {
    // One item fewer in the first block of views, then of filter columns: every later
    // item's views, or filters, would be another's.
    for key in ["views", "facets"] {
        let (sandbox, out, manifest) = built(&format!("check-block-{key}"));
        let read = std::fs::read(out.join(&manifest.facets[0].path)).unwrap();
        let mut rows = facets::decode(&read).unwrap();
        assert_eq!(rows.len(), manifest.items as usize, "one block");
        rows.pop();
        let bytes = match key {
            "views" => facets::encode_views(&rows),
            _ => facets::encode(&rows),
        };
        let path = swap_first_block(&out, key, &format!("facets/{key}"), &bytes);

        let run = check(&sandbox, &out);
        assert_eq!(run.code, 1, "{}", run.all());
        let (found, promised) = (manifest.items - 1, manifest.items);
        let en =
            format!("{path}: holds {found} items where manifest.json gives this block {promised}");
        assert!(run.err.contains(&en), "{}", run.err);
        let th = format!("{path}: มีข้อมูลข่าว {found} รายการ");
        assert!(run.err.contains(&th), "{}", run.err);
        // The order by views is not blamed for the views' fault.
        assert!(
            run.err.contains("1 file(s) of the dataset cannot be used"),
            "{}",
            run.err
        );
    }
}

#[test]
fn a_manifest_the_app_would_refuse_is_refused_with_the_apps_words() {
    let (sandbox, out, _) = built("check-manifest");
    let text = std::fs::read_to_string(out.join(MANIFEST)).unwrap();
    std::fs::write(
        out.join(MANIFEST),
        text.replacen(
            city_comms::domain::dataset::FORMAT,
            "city-comms-dataset/9",
            1,
        ),
    )
    .unwrap();
    let run = check(&sandbox, &out);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.err
            .contains("manifest.json: The dataset is in the format \"city-comms-dataset/9\""),
        "{}",
        run.err
    );

    std::fs::remove_file(out.join(MANIFEST)).unwrap();
    let run = check(&sandbox, &out);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.err.contains("manifest.json: is not in the directory"),
        "{}",
        run.err
    );

    let run = sandbox.run(&[&"check"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.err.contains("check takes one dataset directory"),
        "{}",
        run.err
    );
}
