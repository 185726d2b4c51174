#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail
//! The corpus of bad bundles (`tests/bad-bundles/cases.json`): each case is the default
//! bundle with one thing broken, and what the app must do with it. The same corpus is
//! served to the app in Chromium by `tests/e2e/bad-bundles.test.mjs`.

use city_comms::domain::i18n::Lang;
use city_comms::domain::validate::{parse_bundle, Issue, MAX_BUNDLE_BYTES};
use serde_json::Value;

const MARKUP: &str = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=1\">";

fn default_bundle() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/bundle.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn cases() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bad-bundles/cases.json");
    let corpus: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    corpus["cases"].as_array().unwrap().clone()
}

/// Sets the value at a JSON pointer whose parent exists.
fn set(doc: &mut Value, pointer: &str, value: Value) {
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

fn remove(doc: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    doc.pointer_mut(parent)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .remove(key);
}

/// The text of the case's bundle.
fn bundle_text(case: &Value) -> String {
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

fn matches(issues: &[Issue], case: &Value) -> bool {
    let path = case["path"].as_str().unwrap();
    let en = case["en"].as_str().unwrap();
    issues
        .iter()
        .any(|issue| issue.path == path && issue.problem.message(Lang::En).contains(en))
}

fn describe(issues: &[Issue]) -> String {
    issues
        .iter()
        .map(|issue| format!("{}: {}", issue.path, issue.problem.message(Lang::En)))
        .collect::<Vec<_>>()
        .join("\n  ")
}

#[test]
fn the_corpus_has_at_least_forty_cases_with_distinct_names() {
    let cases = cases();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let mut names: Vec<&str> = cases.iter().map(|c| c["name"].as_str().unwrap()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cases.len());
}

#[test]
fn every_bad_bundle_gets_the_answer_the_corpus_gives() {
    let news_count = default_bundle()["news"].as_array().unwrap().len();
    let mut failures = Vec::new();
    for case in cases() {
        let name = case["name"].as_str().unwrap();
        let text = bundle_text(&case);
        let result = parse_bundle(&text);
        let ok = match (case["outcome"].as_str().unwrap(), &result) {
            ("refused", Err(refused)) => matches(&refused.errors, &case),
            ("partial", Ok(loaded)) => {
                let expected = case["dropped"].as_i64().unwrap();
                let expected = if expected < 0 {
                    news_count
                } else {
                    expected as usize
                };
                loaded.dropped == expected && matches(&loaded.warnings, &case)
            }
            ("warned", Ok(loaded)) => loaded.dropped == 0 && matches(&loaded.warnings, &case),
            ("clean", Ok(loaded)) => loaded.dropped == 0 && loaded.warnings.is_empty(),
            _ => false,
        };
        if !ok {
            let got = match &result {
                Err(refused) => format!("refused:\n  {}", describe(&refused.errors)),
                Ok(loaded) => format!(
                    "loaded, {} dropped:\n  {}",
                    loaded.dropped,
                    describe(&loaded.warnings)
                ),
            };
            failures.push(format!("{name}: expected {case}\n got {got}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

#[test]
fn markup_in_the_bundle_stays_text() {
    let case = cases()
        .into_iter()
        .find(|c| c["generate"] == "markup-everywhere")
        .unwrap();
    let loaded = parse_bundle(&bundle_text(&case)).unwrap();
    assert_eq!(
        loaded.bundle.news[0].title.th, MARKUP,
        "kept as written, to be shown as text"
    );
}
