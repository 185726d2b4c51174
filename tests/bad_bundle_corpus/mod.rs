//! The corpus of bad bundles (`tests/bad-bundles/cases.json`) and how each case's bundle is
//! made from the default one: shared by `bad_bundles.rs` (what the app does with each) and
//! `schema_agreement.rs` (what the published JSON Schema says of each).

use city_comms::domain::validate::MAX_BUNDLE_BYTES;
use serde_json::Value;

/// Markup planted in every text field by the `markup-everywhere` generator.
pub const MARKUP: &str =
    "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=1\">";

/// `public/data/bundle.json`, the default bundle.
pub fn default_bundle() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/bundle.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Every case of the corpus, in its order.
pub fn cases() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bad-bundles/cases.json");
    let corpus: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    corpus["cases"].as_array().unwrap().clone()
}

/// Sets the value at a JSON pointer whose parent exists.
pub fn set(doc: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match doc
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no {parent}"))
    {
        Value::Object(object) => {
            object.insert(key.to_owned(), value);
        }
        Value::Array(list) => list[key.parse::<usize>().unwrap()] = value,
        other => panic!("{parent} is {other}"),
    }
}

/// Removes the member at a JSON pointer whose parent is an object.
pub fn remove(doc: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    doc.pointer_mut(parent)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .remove(key);
}

/// The text of the case's bundle.
pub fn bundle_text(case: &Value) -> String {
    let original = default_bundle();
    if let Some(raw) = case["raw"].as_str() {
        return raw.to_owned();
    }
    if let Some(keep) = case["truncate"].as_u64() {
        let text = serde_json::to_string_pretty(&original).unwrap();
        let mut end = keep as usize;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        return text[..end].to_owned();
    }
    let mut doc = original.clone();
    if let Some(changes) = case["set"].as_object() {
        for (pointer, value) in changes {
            let value = match value.as_str() {
                Some("{{news0id}}") => original["news"][0]["id"].clone(),
                _ => value.clone(),
            };
            set(&mut doc, pointer, value);
        }
    }
    for pointer in case["remove"].as_array().into_iter().flatten() {
        remove(&mut doc, pointer.as_str().unwrap());
    }
    match case["generate"].as_str() {
        None => {}
        Some("markup-everywhere") => {
            for field in ["title", "summary", "body"] {
                doc["news"][0][field] = serde_json::json!({ "th": MARKUP, "en": MARKUP });
            }
            doc["news"][0]["author"] = MARKUP.into();
            doc["plan"]["foreword"] = serde_json::json!({ "th": MARKUP });
            doc["stories"][0]["text"] = MARKUP.into();
        }
        Some("huge-string") => {
            doc["news"][0]["body"]["th"] = "ก".repeat(10 * 1024 * 1024 / 3).into()
        }
        Some("million-news") => doc["news"] = Value::Array(vec![serde_json::json!({}); 1_000_000]),
        Some("oversize") => doc["padding"] = "x".repeat(MAX_BUNDLE_BYTES).into(),
        Some("deep") => return "[".repeat(100_000),
        Some("all-news-broken") => {
            for item in doc["news"].as_array_mut().unwrap() {
                item["published"] = "2019-02-30".into();
            }
        }
        Some(other) => panic!("unknown generator {other}"),
    }
    serde_json::to_string(&doc).unwrap()
}
