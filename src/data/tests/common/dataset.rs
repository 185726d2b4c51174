//! Datasets built by the tests: one compiled in a sandbox, every file of one, one file
//! checked against the hash in its name, its manifest, and generated bundles to build them
//! from.

use super::{default_bundle, Sandbox};
use city_comms::domain::bundle::Bundle;
use city_comms::domain::dataset::{self, Manifest, MANIFEST};
use city_comms::domain::validate::read_source_bundle;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A sandbox named `name` with `bundle` compiled by the real binary into its `data/`; the
/// sandbox and that folder.
pub fn built(name: &str, bundle: &Value) -> (Sandbox, PathBuf) {
    let sandbox = Sandbox::new(name);
    let source = sandbox.write("source.json", bundle.to_string());
    let out = sandbox.dir.join("data");
    let run = sandbox.run(&[&"build", &source, &out]);
    assert_eq!(run.code, 0, "{}", run.all());
    (sandbox, out)
}

/// Every file of the dataset in `dir`, by path, with its bytes.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let name = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Reads a file the way the app will: its name must promise the hash of its bytes.
pub fn read(dir: &Path, path: &str) -> Vec<u8> {
    let bytes = std::fs::read(dir.join(path)).unwrap();
    let promised = dataset::promised_hash(path).unwrap_or_else(|| panic!("no hash in {path}"));
    assert_eq!(
        dataset::hash_label(&Sha256::digest(&bytes)),
        promised,
        "{path}"
    );
    bytes
}

pub fn manifest(dir: &Path) -> Manifest {
    serde_json::from_slice(&std::fs::read(dir.join(MANIFEST)).unwrap()).unwrap()
}

/// A bundle of `count` news items made from the default bundle's: every district, dates
/// over five years, each item's text its model's with the district's name in the title.
pub fn generated(count: usize) -> Value {
    let mut bundle: Value = serde_json::from_str(default_bundle()).unwrap();
    let models = bundle["news"].as_array().unwrap().clone();
    let districts = bundle["districts"].as_array().unwrap().clone();
    let news: Vec<Value> = (0..count)
        .map(|i| {
            let mut item = models[i % models.len()].clone();
            let district = &districts[i % districts.len()];
            let day = 1 + (i * 7919) % 1826;
            let date = city_comms::domain::date::Date::from_days_since_epoch(19_000 + day as i64);
            item["id"] = json!(format!("item-{i}"));
            item["published"] = json!(date.to_string());
            item["district"] = district["code"].clone();
            item["group"] = district["group"].clone();
            let title = format!(
                "เขต{} {}",
                district["name"]["th"].as_str().unwrap(),
                item["title"]["th"].as_str().unwrap()
            );
            item["title"]["th"] = json!(title);
            item
        })
        .collect();
    bundle["news"] = Value::Array(news);
    bundle
}

/// A source bundle, read by the app's rules.
pub fn parse(text: &str) -> Bundle {
    read_source_bundle(&serde_json::from_str(text).unwrap())
        .unwrap()
        .bundle
}
