//! Host tests of what the plan's monitoring reads from a bundle: targets, the silence a
//! district may keep, and the priority topics a news item names.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

use city_comms::domain::bundle::{Per, Target};
use city_comms::domain::i18n::Lang;
use city_comms::domain::validate::{parse_bundle, Loaded, Problem, RefKind, Refused};
use serde_json::{json, Value};

fn default_bundle() -> Value {
    serde_json::from_str(include_str!("../public/data/bundle.json")).unwrap()
}

fn set(mut bundle: Value, pointer: &str, value: Value) -> Value {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    bundle
        .pointer_mut(parent)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .insert(key.to_owned(), value);
    bundle
}

fn parse(bundle: &Value) -> Result<Loaded, Refused> {
    parse_bundle(&bundle.to_string())
}

#[test]
fn the_default_bundle_states_targets_and_tags_news_with_topics() {
    let loaded = parse(&default_bundle()).unwrap();
    let bundle = &loaded.bundle;
    assert!(loaded.warnings.is_empty());
    assert!(bundle.plan.themes.iter().all(|t| t.target.is_some()));
    assert!(bundle.districts.iter().all(|d| d.target.is_some()));
    assert_eq!(bundle.plan.monitoring.silence_days, 30);
    let tagged = bundle.news.iter().filter(|n| !n.topics.is_empty()).count();
    assert!(tagged > bundle.news.len() / 2, "{tagged}");
    // The sample news stays labelled as samples.
    assert!(bundle
        .news
        .iter()
        .filter(|n| !n.topics.is_empty())
        .all(|n| n.sample));
}

#[test]
fn a_target_is_read_and_a_bad_one_is_named_by_its_path() {
    let bundle = set(
        default_bundle(),
        "/plan/themes/0/target",
        json!({ "items": 3, "per": "year" }),
    );
    let loaded = parse(&bundle).unwrap();
    assert_eq!(
        loaded.bundle.plan.themes[0].target,
        Some(Target {
            items: 3,
            per: Per::Year
        })
    );

    let cases = [
        (
            json!({ "items": 0, "per": "month" }),
            "plan.themes[0].target.items",
        ),
        (
            json!({ "items": 2, "per": "week" }),
            "plan.themes[0].target.per",
        ),
        (json!({ "per": "month" }), "plan.themes[0].target.items"),
        (
            json!({ "items": 1.5, "per": "month" }),
            "plan.themes[0].target.items",
        ),
    ];
    for (target, path) in cases {
        let bundle = set(default_bundle(), "/plan/themes/0/target", target.clone());
        let refused = parse(&bundle).unwrap_err();
        let issue = refused.errors.iter().find(|i| i.path == path);
        let issue = issue.unwrap_or_else(|| panic!("{target}: {:?}", refused.errors));
        for lang in [Lang::Th, Lang::En] {
            assert!(!issue.problem.message(lang).is_empty());
        }
    }
    let bundle = set(
        default_bundle(),
        "/plan/themes/0/target",
        json!({ "items": 2, "per": "week" }),
    );
    let refused = parse(&bundle).unwrap_err();
    assert!(refused
        .errors
        .iter()
        .any(|i| matches!(&i.problem, Problem::BadPer { found } if found == "week")));
    assert!(refused.errors[0]
        .problem
        .message(Lang::Th)
        .contains("quarter"));

    let silence = set(
        default_bundle(),
        "/plan/monitoring",
        json!({ "silence_days": 0 }),
    );
    let refused = parse(&silence).unwrap_err();
    assert_eq!(refused.errors[0].path, "plan.monitoring.silence_days");
    assert!(matches!(
        refused.errors[0].problem,
        Problem::OutOfRange {
            found: 0,
            min: 1,
            ..
        }
    ));
}

#[test]
fn a_topic_implies_its_theme_and_an_unknown_or_shared_one_leaves_the_item_out() {
    let mut bundle = default_bundle();
    let news = bundle
        .pointer_mut("/news/1")
        .unwrap()
        .as_object_mut()
        .unwrap();
    news.insert("themes".into(), json!([]));
    news.insert("topics".into(), json!(["safe-streets-flood"]));
    let id = news["id"].as_str().unwrap().to_owned();
    let loaded = parse(&bundle).unwrap();
    let item = loaded.bundle.news_item(&id).unwrap();
    assert_eq!(item.themes, ["safe-streets"]);
    assert_eq!(item.topics, ["safe-streets-flood"]);

    let unknown = set(bundle.clone(), "/news/1/topics", json!(["no-such-topic"]));
    let loaded = parse(&unknown).unwrap();
    assert!(loaded.bundle.news_item(&id).is_none());
    assert!(loaded.warnings.iter().any(|i| i.path == "news[1].topics[0]"
        && matches!(
            i.problem,
            Problem::UnknownReference {
                kind: RefKind::Topic,
                ..
            }
        )));

    // Two themes with a topic of the same id: a news item cannot say which it means.
    let topic = bundle
        .pointer("/plan/themes/0/priority_topics/0")
        .unwrap()
        .clone();
    let mut shared = bundle;
    shared
        .pointer_mut("/plan/themes/1/priority_topics")
        .unwrap()
        .as_array_mut()
        .unwrap()
        .push(topic.clone());
    let shared = set(shared, "/news/1/topics", json!([topic["id"]]));
    let loaded = parse(&shared).unwrap();
    assert!(loaded.bundle.news_item(&id).is_none());
    let warning = loaded
        .warnings
        .iter()
        .find(|i| i.path == "news[1].topics[0]")
        .unwrap();
    assert!(matches!(warning.problem, Problem::AmbiguousTopic { .. }));
    assert!(warning
        .problem
        .message(Lang::En)
        .contains("more than one theme"));
}
