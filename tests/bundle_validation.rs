//! Host tests of bundle validation: each rule with a bundle that breaks it.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

use city_comms::domain::i18n::Lang;
use city_comms::domain::validate::{parse_bundle, Expected, Problem, RefKind};
use serde_json::{json, Value};

/// The smallest bundle that follows the format, with one item of every list.
fn minimal() -> Value {
    json!({
        "format": "city-comms/1",
        "generated_at": "2026-11-20T09:00:00+07:00",
        "config": {
            "submit_url": "api/stories",
            "privacy_notice": { "th": "ประกาศความเป็นส่วนตัว", "en": "Privacy notice" },
            "complaints_url": "https://www.traffy.in.th/",
            "embed_origins": ["https://www.bangkok.go.th"]
        },
        "policies": [
            { "id": "safe", "name": { "th": "ปลอดภัยดี", "en": "Safe city" } },
            { "id": "health", "name": { "th": "สุขภาพดี" }, "summary": { "th": "สุขภาพ" } }
        ],
        "district_groups": [
            { "id": "thon-nuea", "name": { "th": "กลุ่มเขตกรุงธนเหนือ" } },
            { "id": "central", "name": { "th": "กลุ่มเขตกรุงเทพกลาง" } }
        ],
        "districts": [
            { "code": "1020", "name": { "th": "บางกอกน้อย", "en": "Bangkok Noi" }, "group": "thon-nuea" },
            { "code": "1001", "name": { "th": "พระนคร" }, "group": "central" }
        ],
        "plan": {
            "title": { "th": "แผนสื่อสารเมือง" },
            "period": { "from_be": 2566, "to_be": 2570 },
            "foreword": { "th": "คำนำ" },
            "themes": [{
                "id": "services",
                "name": { "th": "บริการใกล้ประชาชน" },
                "summary": { "th": "สรุป" },
                "policies": ["safe"],
                "priority_topics": [{
                    "id": "services-complaints",
                    "title": { "th": "เรื่องร้องเรียน" },
                    "guidelines": [{
                        "id": "services-complaints-24h",
                        "text": { "th": "ตอบภายใน 24 ชั่วโมง" },
                        "channels": ["facebook", "line"],
                        "owner": "district"
                    }]
                }]
            }]
        },
        "news": [
            {
                "id": "first",
                "title": { "th": "ข่าวแรก", "en": "First news" },
                "published": "2019-10-10",
                "body": { "th": "เนื้อหา" },
                "district": "1020",
                "group": "thon-nuea",
                "themes": ["services"],
                "policies": ["safe"],
                "views": 48,
                "images": [{ "src": "images/a.svg", "alt": { "th": "ภาพ" } }],
                "source_url": "https://example.org/a"
            },
            {
                "id": "second",
                "title": { "th": "ข่าวที่สอง" },
                "published": "2026-03-14T10:30:00+07:00",
                "body": { "th": "เนื้อหา" },
                "sample": true
            }
        ],
        "stories": [{
            "id": "story-1",
            "title": "เรื่องเล่า",
            "text": "เรื่องดีดี",
            "district": "1001",
            "published": "2026-01-05"
        }]
    })
}

/// The bundle with `value` at `pointer`, replacing what is there or adding a field.
fn with(mut bundle: Value, pointer: &str, value: Value) -> Value {
    if let Some(slot) = bundle.pointer_mut(pointer) {
        *slot = value;
    } else {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let parent = bundle
            .pointer_mut(parent)
            .unwrap_or_else(|| panic!("no {parent}"));
        parent
            .as_object_mut()
            .unwrap()
            .insert(key.to_owned(), value);
    }
    bundle
}

fn without(mut bundle: Value, pointer: &str) -> Value {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    bundle
        .pointer_mut(parent)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .remove(key)
        .unwrap();
    bundle
}

fn parse(
    bundle: &Value,
) -> Result<city_comms::domain::validate::Loaded, city_comms::domain::validate::Refused> {
    parse_bundle(&bundle.to_string())
}

#[test]
fn the_minimal_bundle_is_read_without_warnings() {
    let loaded = parse(&minimal()).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.dropped, 0);
    assert_eq!(loaded.bundle.news.len(), 2);
    assert_eq!(loaded.bundle.stories.len(), 1);
    assert_eq!(
        loaded.bundle.config.embed_origins,
        ["https://www.bangkok.go.th"]
    );
}

#[test]
fn a_news_items_group_is_implied_by_its_district() {
    let bundle = without(minimal(), "/news/0/group");
    let loaded = parse(&bundle).unwrap();
    assert_eq!(loaded.bundle.news[0].group.as_deref(), Some("thon-nuea"));
}

#[test]
fn unknown_fields_are_ignored() {
    let bundle = with(
        minimal(),
        "/news/0/future_field",
        json!({ "anything": [1, 2] }),
    );
    let bundle = with(bundle, "/plan/mascot", json!("ช้าง"));
    assert!(parse(&bundle).unwrap().warnings.is_empty());
}

#[test]
fn optional_fields_may_be_absent_or_null() {
    let bundle = without(minimal(), "/config");
    let bundle = without(bundle, "/stories");
    let bundle = with(bundle, "/news/0/summary", Value::Null);
    let loaded = parse(&bundle).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.bundle.config.submit_url, None);
}

type Mutation = fn(Value) -> Value;

/// Bundles whose core is broken: each is refused, naming the place and the problem.
#[test]
fn a_broken_core_refuses_the_bundle_and_names_the_problem() {
    let cases: Vec<(&str, Mutation, &str, Problem)> = vec![
        (
            "missing format",
            |b| without(b, "/format"),
            "format",
            Problem::Missing,
        ),
        (
            "format of another app",
            |b| with(b, "/format", json!("other-app/1")),
            "format",
            Problem::UnknownFormat {
                found: "other-app/1".into(),
            },
        ),
        (
            "a newer major version",
            |b| with(b, "/format", json!("city-comms/2")),
            "format",
            Problem::UnsupportedVersion {
                found: "city-comms/2".into(),
            },
        ),
        (
            "format as a number",
            |b| with(b, "/format", json!(1)),
            "format",
            Problem::WrongType {
                expected: Expected::String,
            },
        ),
        (
            "missing generated_at",
            |b| without(b, "/generated_at"),
            "generated_at",
            Problem::Missing,
        ),
        (
            "impossible generated_at",
            |b| with(b, "/generated_at", json!("2019-02-30")),
            "generated_at",
            Problem::BadDate {
                found: "2019-02-30".into(),
            },
        ),
        (
            "policies not a list",
            |b| with(b, "/policies", json!({})),
            "policies",
            Problem::WrongType {
                expected: Expected::List,
            },
        ),
        (
            "a policy with a bad id",
            |b| with(b, "/policies/0/id", json!("Safe City")),
            "policies[0].id",
            Problem::BadId {
                found: "Safe City".into(),
            },
        ),
        (
            "two policies with one id",
            |b| with(b, "/policies/1/id", json!("safe")),
            "policies[1].id",
            Problem::DuplicateId { id: "safe".into() },
        ),
        (
            "a policy name as plain string",
            |b| with(b, "/policies/0/name", json!("ปลอดภัยดี")),
            "policies[0].name",
            Problem::WrongType {
                expected: Expected::Text,
            },
        ),
        (
            "a name without Thai",
            |b| with(b, "/policies/0/name", json!({ "en": "Safe" })),
            "policies[0].name.th",
            Problem::Missing,
        ),
        (
            "a blank Thai name",
            |b| with(b, "/district_groups/0/name/th", json!("  \u{200b} ")),
            "district_groups[0].name.th",
            Problem::Blank,
        ),
        (
            "a duplicated group",
            |b| with(b, "/district_groups/1/id", json!("thon-nuea")),
            "district_groups[1].id",
            Problem::DuplicateId {
                id: "thon-nuea".into(),
            },
        ),
        (
            "a district code out of range",
            |b| with(b, "/districts/0/code", json!("1051")),
            "districts[0].code",
            Problem::BadDistrictCode {
                found: "1051".into(),
            },
        ),
        (
            "a duplicated district code",
            |b| with(b, "/districts/1/code", json!("1020")),
            "districts[1].code",
            Problem::DuplicateId { id: "1020".into() },
        ),
        (
            "a district in a group that does not exist",
            |b| with(b, "/districts/0/group", json!("west")),
            "districts[0].group",
            Problem::UnknownReference {
                kind: RefKind::DistrictGroup,
                id: "west".into(),
            },
        ),
        (
            "missing plan",
            |b| without(b, "/plan"),
            "plan",
            Problem::Missing,
        ),
        (
            "a period back to front",
            |b| with(b, "/plan/period/from_be", json!(2571)),
            "plan.period",
            Problem::BadPeriod,
        ),
        (
            "a period year as text",
            |b| with(b, "/plan/period/to_be", json!("2570")),
            "plan.period.to_be",
            Problem::WrongType {
                expected: Expected::Year,
            },
        ),
        (
            "a theme serving an unknown policy",
            |b| with(b, "/plan/themes/0/policies/0", json!("fun")),
            "plan.themes[0].policies[0]",
            Problem::UnknownReference {
                kind: RefKind::Policy,
                id: "fun".into(),
            },
        ),
        (
            "a guideline with an unknown owner",
            |b| {
                with(
                    b,
                    "/plan/themes/0/priority_topics/0/guidelines/0/owner",
                    json!("everyone"),
                )
            },
            "plan.themes[0].priority_topics[0].guidelines[0].owner",
            Problem::BadOwner {
                found: "everyone".into(),
            },
        ),
        (
            "a guideline without channels",
            |b| without(b, "/plan/themes/0/priority_topics/0/guidelines/0/channels"),
            "plan.themes[0].priority_topics[0].guidelines[0].channels",
            Problem::Missing,
        ),
        (
            "missing news",
            |b| without(b, "/news"),
            "news",
            Problem::Missing,
        ),
        (
            "news not a list",
            |b| with(b, "/news", json!("none")),
            "news",
            Problem::WrongType {
                expected: Expected::List,
            },
        ),
        (
            "a document that is a list",
            |_| json!([]),
            "",
            Problem::WrongType {
                expected: Expected::Object,
            },
        ),
    ];
    for (name, mutate, path, problem) in cases {
        let refused = parse(&mutate(minimal()))
            .err()
            .unwrap_or_else(|| panic!("{name}: was accepted"));
        assert!(
            refused
                .errors
                .iter()
                .any(|e| e.path == path && e.problem == problem),
            "{name}: expected {path}: {problem:?}, got {:?}",
            refused.errors
        );
    }
}

/// Problems inside one news item or story: the item is left out with a warning, the rest stays.
#[test]
fn a_broken_item_is_dropped_with_a_warning_and_the_rest_is_kept() {
    let cases: Vec<(&str, Mutation, &str, Problem)> = vec![
        (
            "missing title",
            |b| without(b, "/news/0/title"),
            "news[0].title",
            Problem::Missing,
        ),
        (
            "a bad id",
            |b| with(b, "/news/0/id", json!("ข่าว")),
            "news[0].id",
            Problem::BadId {
                found: "ข่าว".into(),
            },
        ),
        (
            "a duplicate id",
            |b| with(b, "/news/1/id", json!("first")),
            "news[1].id",
            Problem::DuplicateId { id: "first".into() },
        ),
        (
            "a date that does not exist",
            |b| with(b, "/news/0/published", json!("2019-02-30")),
            "news[0].published",
            Problem::BadDate {
                found: "2019-02-30".into(),
            },
        ),
        (
            "a Thai-era date",
            |b| with(b, "/news/0/published", json!("10 ต.ค. 2562")),
            "news[0].published",
            Problem::BadDate {
                found: "10 ต.ค. 2562".into(),
            },
        ),
        (
            "an unknown district",
            |b| with(b, "/news/0/district", json!("1099")),
            "news[0].district",
            Problem::UnknownReference {
                kind: RefKind::District,
                id: "1099".into(),
            },
        ),
        (
            "an unknown group",
            |b| with(b, "/news/1/group", json!("west")),
            "news[1].group",
            Problem::UnknownReference {
                kind: RefKind::DistrictGroup,
                id: "west".into(),
            },
        ),
        (
            "a group that disagrees with the district",
            |b| with(b, "/news/0/group", json!("central")),
            "news[0].group",
            Problem::GroupMismatch {
                district: "1020".into(),
                group: "thon-nuea".into(),
            },
        ),
        (
            "an unknown theme",
            |b| with(b, "/news/0/themes/0", json!("sport")),
            "news[0].themes[0]",
            Problem::UnknownReference {
                kind: RefKind::Theme,
                id: "sport".into(),
            },
        ),
        (
            "an unknown policy",
            |b| with(b, "/news/0/policies", json!(["safe", "fun"])),
            "news[0].policies[1]",
            Problem::UnknownReference {
                kind: RefKind::Policy,
                id: "fun".into(),
            },
        ),
        (
            "negative views",
            |b| with(b, "/news/0/views", json!(-1)),
            "news[0].views",
            Problem::WrongType {
                expected: Expected::WholeNumber,
            },
        ),
        (
            "fractional views",
            |b| with(b, "/news/0/views", json!(4.5)),
            "news[0].views",
            Problem::WrongType {
                expected: Expected::WholeNumber,
            },
        ),
        (
            "an image without alt",
            |b| without(b, "/news/0/images/0/alt"),
            "news[0].images[0].alt",
            Problem::Missing,
        ),
        (
            "a javascript: image",
            |b| with(b, "/news/0/images/0/src", json!("javascript:alert(1)")),
            "news[0].images[0].src",
            Problem::BadUrl {
                found: "javascript:alert(1)".into(),
            },
        ),
        (
            "a data: source link",
            |b| with(b, "/news/0/source_url", json!("data:text/html,<script>")),
            "news[0].source_url",
            Problem::BadUrl {
                found: "data:text/html,<script>".into(),
            },
        ),
        (
            "a tab hidden in a scheme",
            |b| with(b, "/news/0/source_url", json!("java\tscript:alert(1)")),
            "news[0].source_url",
            Problem::BadUrl {
                found: "java\tscript:alert(1)".into(),
            },
        ),
        (
            "sample as text",
            |b| with(b, "/news/1/sample", json!("yes")),
            "news[1].sample",
            Problem::WrongType {
                expected: Expected::Boolean,
            },
        ),
        (
            "a story without district",
            |b| without(b, "/stories/0/district"),
            "stories[0].district",
            Problem::Missing,
        ),
        (
            "a story with a blank text",
            |b| with(b, "/stories/0/text", json!("   ")),
            "stories[0].text",
            Problem::Blank,
        ),
    ];
    for (name, mutate, path, problem) in cases {
        let loaded =
            parse(&mutate(minimal())).unwrap_or_else(|e| panic!("{name}: refused: {:?}", e.errors));
        assert_eq!(loaded.dropped, 1, "{name}: {:?}", loaded.warnings);
        assert!(
            loaded
                .warnings
                .iter()
                .any(|w| w.path == path && w.problem == problem),
            "{name}: expected {path}: {problem:?}, got {:?}",
            loaded.warnings
        );
        let items = loaded.bundle.news.len() + loaded.bundle.stories.len();
        assert_eq!(items, 2, "{name}: the other items stay");
    }
}

#[test]
fn every_problem_in_one_item_is_reported_not_only_the_first() {
    let bundle = with(minimal(), "/news/0/district", json!("1099"));
    let bundle = with(bundle, "/news/0/published", json!("2019-13-01"));
    let bundle = without(bundle, "/news/0/body");
    let loaded = parse(&bundle).unwrap();
    let paths: Vec<&str> = loaded.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(
        paths,
        ["news[0].published", "news[0].body", "news[0].district"]
    );
    assert_eq!(loaded.dropped, 1);
}

#[test]
fn a_bad_setting_is_ignored_with_a_warning() {
    let bundle = with(minimal(), "/config/submit_url", json!("javascript:steal()"));
    let bundle = with(
        bundle,
        "/config/embed_origins",
        json!(["https://ok.example", "https://bad.example/path"]),
    );
    let loaded = parse(&bundle).unwrap();
    assert_eq!(loaded.bundle.config.submit_url, None);
    assert_eq!(loaded.bundle.config.embed_origins, ["https://ok.example"]);
    let paths: Vec<&str> = loaded.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(paths, ["config.submit_url", "config.embed_origins[1]"]);
    assert_eq!(loaded.dropped, 0);
}

#[test]
fn text_that_is_not_json_is_refused_with_where_it_breaks() {
    let cases = [
        ("{\"format\": \"city-comms/1\",", Problem::Truncated),
        ("", Problem::Truncated),
        (
            "<!doctype html><html>",
            Problem::NotJson { line: 1, column: 1 },
        ),
        (
            "{\n  \"format\": 'x'\n}",
            Problem::NotJson {
                line: 2,
                column: 13,
            },
        ),
    ];
    for (text, problem) in cases {
        let refused = parse_bundle(text).err().unwrap();
        assert_eq!(refused.errors[0].problem, problem, "{text:?}");
    }
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    assert_eq!(
        parse_bundle(&deep).err().unwrap().errors[0].problem,
        Problem::TooDeep
    );
}

#[test]
fn every_problem_reads_in_thai_and_in_english() {
    let problems = [
        Problem::NotJson {
            line: 2,
            column: 13,
        },
        Problem::Truncated,
        Problem::TooDeep,
        Problem::Missing,
        Problem::WrongType {
            expected: Expected::Text,
        },
        Problem::Blank,
        Problem::UnknownFormat { found: "x".into() },
        Problem::UnsupportedVersion {
            found: "city-comms/2".into(),
        },
        Problem::BadId { found: "A".into() },
        Problem::DuplicateId { id: "a".into() },
        Problem::UnknownReference {
            kind: RefKind::Theme,
            id: "a".into(),
        },
        Problem::GroupMismatch {
            district: "1020".into(),
            group: "thon-nuea".into(),
        },
        Problem::BadDate {
            found: "2019-02-30".into(),
        },
        Problem::BadUrl {
            found: "javascript:".into(),
        },
        Problem::BadOrigin { found: "x".into() },
        Problem::BadDistrictCode { found: "9".into() },
        Problem::BadPeriod,
        Problem::BadOwner { found: "x".into() },
    ];
    for problem in problems {
        let th = problem.message(Lang::Th);
        let en = problem.message(Lang::En);
        assert!(
            th.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)),
            "{problem:?}: {th}"
        );
        assert!(
            en.chars().all(|c| !('\u{0E00}'..='\u{0E7F}').contains(&c)),
            "{problem:?}: {en}"
        );
    }
}

#[test]
fn hostile_values_are_quoted_short_and_with_invisible_characters_shown() {
    let hostile = format!("\u{202e}evil\u{200b}{}", "x".repeat(10_000));
    let bundle = with(minimal(), "/news/0/id", json!(hostile));
    let loaded = parse(&bundle).unwrap();
    let message = loaded.warnings[0].describe(Lang::En);
    assert!(message.contains("\\u{202e}evil\\u{200b}"), "{message}");
    assert!(!message.contains('\u{202e}'));
    assert!(message.chars().count() < 120, "{message}");
}

#[test]
fn urls_are_accepted_only_when_https_http_or_relative() {
    use city_comms::domain::validate::is_safe_url;
    let cases = [
        ("https://www.bangkok.go.th/news", true),
        ("HTTP://example.org", true),
        ("images/a.svg", true),
        ("/data/bundle.json", true),
        ("?q=1", true),
        ("//cdn.example.org/a.jpg", true),
        ("a:b/c", false),
        ("javascript:alert(1)", false),
        ("JavaScript:alert(1)", false),
        ("data:image/png;base64,AAAA", false),
        ("vbscript:msgbox", false),
        ("java\nscript:alert(1)", false),
        (" https://example.org", false),
        ("https:example.org", false),
        ("https://", false),
        ("https:///path", false),
        ("\\\\evil.example", false),
        ("", false),
    ];
    for (url, safe) in cases {
        assert_eq!(is_safe_url(url), safe, "{url:?}");
    }
}
