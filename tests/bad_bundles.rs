#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail
//! The corpus of bad bundles (`tests/bad-bundles/cases.json`): each case is the default
//! bundle with one thing broken, and what the app must do with it. The same corpus is
//! served to the app in Chromium by `tests/e2e/bad-bundles.test.mjs`.

mod bad_bundle_corpus;

use bad_bundle_corpus::{bundle_text, cases, default_bundle, MARKUP};
use city_comms::domain::i18n::Lang;
use city_comms::domain::validate::{parse_bundle, Issue};
use serde_json::Value;

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
