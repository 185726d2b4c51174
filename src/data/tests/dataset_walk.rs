//! Walking a built dataset as the app does to keep it whole on a device: every file once,
//! and after a day's news only what is new.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use city_comms::domain::dataset::MANIFEST;
use common::dataset::{built, files, generated, manifest, read};
use common::Sandbox;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::Path;

#[test]
fn a_walk_from_the_manifest_reads_every_file_once_and_the_manifest_counts_their_bytes() {
    use city_comms::domain::dataset::archive::{self, Walk};
    let (_sandbox, out) = built("build-walk", &generated(3000));
    let manifest = manifest(&out);
    let mut on_disk = files(&out);
    on_disk.remove(MANIFEST);
    assert!(on_disk.len() > 100, "{} files", on_disk.len());

    let mut walk = Walk::new(&manifest);
    let mut walked = BTreeMap::new();
    while let Some(file) = walk.next_file() {
        let bytes = read(&out, &file.path);
        if let Some(promised) = file.bytes {
            assert_eq!(promised, bytes.len() as u64, "{}", file.path);
        }
        walk.add(archive::read(file.kind, &bytes).unwrap());
        assert!(
            walked.insert(file.path.clone(), bytes).is_none(),
            "{} twice",
            file.path
        );
    }
    assert_eq!(walked, on_disk);
    let total: u64 = on_disk.values().map(|bytes| bytes.len() as u64).sum();
    assert_eq!(manifest.total_bytes, total);
    // A file of one kind is not read as another.
    let cards = &manifest.cards[0].file.path;
    assert_eq!(archive::read(archive::Kind::Facets, &walked[cards]), None);
    assert_eq!(
        archive::read(
            archive::Kind::Cards,
            &walked[&manifest.index[0].parts[0].file.path]
        ),
        None
    );
}

/// Walks `walk` to its end over the dataset in `dir`: the paths it read, in order.
fn walked(dir: &Path, mut walk: city_comms::domain::dataset::archive::Walk) -> Vec<String> {
    use city_comms::domain::dataset::archive;
    let mut paths = Vec::new();
    while let Some(file) = walk.next_file() {
        walk.add(archive::read(file.kind, &read(dir, &file.path)).unwrap());
        paths.push(file.path);
    }
    paths
}

#[test]
fn a_device_that_kept_the_archive_reads_only_what_a_days_news_adds_and_then_holds_it_all() {
    use city_comms::domain::dataset::archive::{covers, kept_note, read_kept_note, Walk};
    use std::collections::BTreeSet;
    let sandbox = Sandbox::new("build-top-up");
    let mut bundle = generated(1500);
    let first = sandbox.write("a.json", bundle.to_string());
    let out = sandbox.dir.join("data");
    assert_eq!(sandbox.run(&[&"build", &first, &out]).code, 0);
    let before = manifest(&out);
    let on_device: BTreeSet<String> = walked(&out, Walk::new(&before)).into_iter().collect();
    let note = kept_note(&before);
    assert!(covers(&read_kept_note(&note), &before));

    // Tomorrow's news is published over it.
    let mut item = bundle["news"][3].clone();
    item["id"] = json!("tomorrow");
    item["published"] = json!("2030-01-02");
    item["body"]["th"] = json!("ข่าวของวันพรุ่งนี้ที่เพิ่งเผยแพร่");
    bundle["news"].as_array_mut().unwrap().push(item);
    let second = sandbox.write("b.json", bundle.to_string());
    assert_eq!(sandbox.run(&[&"build", &second, &out]).code, 0);
    let after = manifest(&out);
    assert!(
        !covers(&read_kept_note(&note), &after),
        "the device is behind"
    );

    let top_up = walked(
        &out,
        Walk::after(
            &after,
            read_kept_note(&note),
            on_device.iter().cloned().collect(),
        ),
    );
    let whole: BTreeSet<String> = walked(&out, Walk::new(&after)).into_iter().collect();
    let held: BTreeSet<String> = on_device.iter().chain(&top_up).cloned().collect();
    let missing: Vec<&String> = whole.difference(&held).collect();
    assert!(
        missing.is_empty(),
        "not on the device after the walk: {missing:?}"
    );
    assert!(top_up.contains(&after.cards[0].file.path));
    let again: Vec<&String> = top_up.iter().filter(|p| on_device.contains(*p)).collect();
    assert!(
        again.is_empty(),
        "read again, though on the device: {again:?}"
    );
    assert!(covers(&read_kept_note(&kept_note(&after)), &after));
}
