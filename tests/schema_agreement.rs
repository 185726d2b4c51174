#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail
//! The published JSON Schema (`public/bundle.schema.json`) and the app's validation
//! (`validate::parse_bundle`) agree, as judged by an independent validator: the `jsonschema`
//! crate, draft 2020-12, with `format` asserted too, so that no keyword of the schema escapes
//! the check.
//!
//! The rule: the schema describes a fully good bundle. A bundle the app reads clean (no
//! problem reported, nothing left out) must be valid under it, and a bundle with any problem
//! must be invalid, whether the app refuses it, leaves items out (`partial`) or ignores a bad
//! setting (`warned`): that leniency is how the app copes with a bad bundle, not what the
//! format allows.
//!
//! Two kinds of bundle are not judged, each named where it is skipped:
//! - text that is not JSON (empty, cut off, nested past the parser's limit, a lone surrogate):
//!   a schema judges JSON values, and the parser refuses those before any rule applies;
//! - a bundle whose only problems are rules JSON Schema cannot state ([`Beyond`]), listed by
//!   name with the rule. For those the app must report problems of that rule alone, and the
//!   schema must call the bundle valid, so that a listing never hides another disagreement.

mod bad_bundle_corpus;

use bad_bundle_corpus::{bundle_text, cases, default_bundle, set};
use city_comms::domain::date::Moment;
use city_comms::domain::validate::{
    is_safe_url, is_valid_id, parse_bundle, Expected, Issue, Problem,
};
use jsonschema::Validator;
use serde_json::{json, Value};

/// A rule of the app that JSON Schema cannot state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Beyond {
    /// Ids are unique within their list: `uniqueItems` compares whole items, not one field.
    UniqueIds,
    /// A reference names something defined elsewhere in the bundle, and a news item's group
    /// agrees with its district's: a schema cannot look up one value among others.
    CrossReference,
    /// The plan's first year is not after its last: a schema cannot compare two values.
    PeriodOrder,
    /// The file is at most 32 MB: a schema judges the parsed value, not its text.
    FileSize,
    /// Strings are at most 200,000 bytes of UTF-8: `maxLength` counts characters.
    StringBytes,
    /// Whole numbers are written without a fraction: JSON Schema's `integer` is a value, so
    /// `2566.0` is one, while the app reads it as a number with a fraction.
    NumberWithFraction,
}

impl Beyond {
    /// Whether `problem` is this rule being broken.
    fn covers(self, problem: &Problem) -> bool {
        match self {
            Beyond::UniqueIds => matches!(problem, Problem::DuplicateId { .. }),
            Beyond::CrossReference => matches!(
                problem,
                Problem::UnknownReference { .. } | Problem::GroupMismatch { .. }
            ),
            Beyond::PeriodOrder => matches!(problem, Problem::BadPeriod),
            Beyond::FileSize => matches!(problem, Problem::TooLarge { .. }),
            Beyond::StringBytes => matches!(problem, Problem::TooLong { .. }),
            Beyond::NumberWithFraction => matches!(
                problem,
                Problem::WrongType {
                    expected: Expected::WholeNumber | Expected::Year
                }
            ),
        }
    }
}

/// The corpus cases whose only problems are rules beyond JSON Schema.
const CORPUS_BEYOND: &[(&str, &[Beyond])] = &[
    // The policy that lost its id is no longer there for the themes that name it.
    (
        "duplicate policy id",
        &[Beyond::UniqueIds, Beyond::CrossReference],
    ),
    ("duplicate district code", &[Beyond::UniqueIds]),
    ("duplicate news id", &[Beyond::UniqueIds]),
    (
        "district in a group that does not exist",
        &[Beyond::CrossReference],
    ),
    (
        "theme refers to a policy that does not exist",
        &[Beyond::CrossReference],
    ),
    (
        "news item in a group that disagrees with its district",
        &[Beyond::CrossReference],
    ),
    ("news item with an unknown theme", &[Beyond::CrossReference]),
    (
        "news item with an unknown policy",
        &[Beyond::CrossReference],
    ),
    ("plan period backwards", &[Beyond::PeriodOrder]),
    ("a file over the size limit", &[Beyond::FileSize]),
];

fn published_schema() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/public/bundle.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn validator_of(schema: &Value) -> Validator {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|error| panic!("the schema does not compile: {error}"))
}

/// The whole published schema.
fn bundle_validator() -> Validator {
    validator_of(&published_schema())
}

/// One definition of the published schema (`Url`, `DateOrTimestamp` …), for its values alone.
fn definition_validator(name: &str) -> Validator {
    let mut schema = published_schema();
    assert!(schema["$defs"][name].is_object(), "no definition {name}");
    schema["$ref"] = format!("#/$defs/{name}").into();
    for key in ["type", "properties", "required", "title"] {
        schema.as_object_mut().unwrap().remove(key);
    }
    validator_of(&schema)
}

/// The app's verdict: `Ok` when the bundle is read clean, else every problem it reported.
fn app_verdict(text: &str) -> Result<(), Vec<Issue>> {
    match parse_bundle(text) {
        Ok(loaded) if loaded.warnings.is_empty() && loaded.dropped == 0 => Ok(()),
        Ok(loaded) => Err(loaded.warnings),
        Err(refused) => Err(refused.errors),
    }
}

fn short(text: String) -> String {
    const LIMIT: usize = 300;
    match text.char_indices().nth(LIMIT) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text,
    }
}

fn schema_errors(validator: &Validator, doc: &Value) -> String {
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .take(3)
        .map(|error| short(format!("{}: {error}", error.instance_path())))
        .collect();
    errors.join("; ")
}

fn app_problems(issues: &[Issue]) -> String {
    let problems: Vec<String> = issues
        .iter()
        .take(3)
        .map(|i| short(i.to_string()))
        .collect();
    problems.join("; ")
}

/// What is wrong with the two verdicts on one bundle, if anything: its JSON text for the app,
/// its value for the schema, and the rules beyond JSON Schema it is listed under, if any.
fn disagreement(
    validator: &Validator,
    text: &str,
    doc: &Value,
    beyond: &[Beyond],
) -> Option<String> {
    let app = app_verdict(text);
    let schema_valid = validator.is_valid(doc);
    if beyond.is_empty() {
        return match (&app, schema_valid) {
            (Ok(()), false) => Some(format!(
                "the app reads it clean, the schema refuses it: {}",
                schema_errors(validator, doc)
            )),
            (Err(issues), true) => Some(format!(
                "the app finds {}, the schema finds nothing",
                app_problems(issues)
            )),
            _ => None,
        };
    }
    let covered = |issue: &Issue| beyond.iter().any(|rule| rule.covers(&issue.problem));
    match &app {
        Ok(()) => Some(format!(
            "listed as beyond JSON Schema ({beyond:?}), but the app reads it clean"
        )),
        Err(issues) if !issues.iter().all(covered) => Some(format!(
            "listed as beyond JSON Schema ({beyond:?}), but the app finds {}",
            app_problems(issues)
        )),
        Err(_) if !schema_valid => Some(format!(
            "listed as beyond JSON Schema ({beyond:?}), but the schema sees it: {}",
            schema_errors(validator, doc)
        )),
        Err(_) => None,
    }
}

#[test]
fn the_default_bundle_is_valid_under_the_published_schema() {
    let validator = bundle_validator();
    let doc = default_bundle();
    assert!(
        validator.is_valid(&doc),
        "{}",
        schema_errors(&validator, &doc)
    );
    assert_eq!(
        app_verdict(&serde_json::to_string(&doc).unwrap()).err(),
        None
    );
}

#[test]
fn the_schema_and_the_app_agree_on_every_bad_bundle_of_the_corpus() {
    let validator = bundle_validator();
    let cases = cases();
    for (name, _) in CORPUS_BEYOND {
        assert!(
            cases.iter().any(|case| case["name"] == *name),
            "{name} is listed but not in the corpus"
        );
    }
    let mut failures = Vec::new();
    let mut judged = 0;
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let text = bundle_text(case);
        let Ok(doc) = serde_json::from_str::<Value>(&text) else {
            // Not JSON: for the parser to refuse, not the schema to judge.
            assert!(
                parse_bundle(&text).is_err(),
                "{name}: the app reads non-JSON"
            );
            continue;
        };
        let beyond = CORPUS_BEYOND
            .iter()
            .find(|(listed, _)| *listed == name)
            .map_or(&[][..], |&(_, rules)| rules);
        judged += 1;
        if let Some(problem) = disagreement(&validator, &text, &doc, beyond) {
            failures.push(format!("{name}: {problem}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    assert!(judged >= 35, "only {judged} cases were JSON");
}

/// A value set into the default bundle, whether the app should read the result clean, and
/// the rule beyond JSON Schema it breaks, if any.
struct Hostile {
    what: String,
    pointer: &'static str,
    value: Value,
    good: bool,
    beyond: &'static [Beyond],
}

fn hostile(what: &str, pointer: &'static str, value: Value, good: bool) -> Hostile {
    Hostile {
        what: what.to_owned(),
        pointer,
        value,
        good,
        beyond: &[],
    }
}

fn hostile_values() -> Vec<Hostile> {
    let mut rows = Vec::new();
    let urls: &[(&str, bool)] = &[
        ("https://www.bangkok.go.th/news?id=1#top", true),
        ("HTTP://WWW.BANGKOK.GO.TH/", true),
        ("images/samples/school.svg", true),
        ("/images/a.jpg", true),
        ("//cdn.example.org/a.jpg", true),
        ("?page=2", true),
        ("#top", true),
        ("a/b:c", true),
        ("https://example.org/ภาพ.jpg", true),
        (" javascript:alert(1)", false),
        ("javascript:alert(1) ", false),
        (" https://example.org/", false),
        ("https://example.org/ ", false),
        ("https://example.org/a b", false),
        ("javascript:alert(1)", false),
        ("JAVASCRIPT:alert(1)", false),
        ("JaVaScRiPt:alert(1)", false),
        ("data:text/html;base64,PHNjcmlwdD4=", false),
        ("vbscript:msgbox(1)", false),
        ("java\tscript:alert(1)", false),
        ("java\nscript:alert(1)", false),
        ("\u{0}javascript:alert(1)", false),
        ("\u{1}https://example.org/", false),
        ("\u{7f}https://example.org/", false),
        ("\u{200B}javascript:alert(1)", false),
        ("\u{AD}javascript:alert(1)", false),
        ("\u{FEFF}https://example.org/", false),
        ("https://example.org/\u{202E}gpj.exe", false),
        ("https://example.org/\u{2028}", false),
        ("https://example.org/\u{3000}", false),
        ("1javascript:alert(1)", false),
        ("a+b.c-d:x", false),
        ("ftp://example.org/a.jpg", false),
        ("https:example.org", false),
        ("https:/example.org", false),
        ("https:///example.org", false),
        ("https://", false),
        ("\\\\evil.example/a.jpg", false),
        ("", false),
    ];
    for &(url, good) in urls {
        let what = format!("image src {url:?}");
        rows.push(hostile(&what, "/news/4/images/0/src", url.into(), good));
    }
    for pointer in [
        "/news/0/source_url",
        "/config/complaints_url",
        "/config/submit_url",
    ] {
        for (url, good) in [
            (" javascript:alert(1)", false),
            ("JAVASCRIPT:alert(1)", false),
            ("https://www.bangkok.go.th/", true),
        ] {
            rows.push(hostile(&format!("{url:?}"), pointer, url.into(), good));
        }
    }
    let ids: &[(&str, bool)] = &[
        ("new-style-pr-2019", true),
        ("Safe", false),
        ("safe city", false),
        ("safe_city", false),
        ("ข่าว", false),
        (" news", false),
        ("news\n", false),
        ("", false),
    ];
    for &(id, good) in ids {
        rows.push(hostile(
            &format!("news id {id:?}"),
            "/news/0/id",
            id.into(),
            good,
        ));
    }
    let long_id = "a".repeat(128);
    rows.push(hostile(
        "a 128-character id",
        "/news/0/id",
        long_id.into(),
        true,
    ));
    let too_long_id = "a".repeat(129);
    rows.push(hostile(
        "a 129-character id",
        "/news/0/id",
        too_long_id.into(),
        false,
    ));
    rows.push(hostile("a number as id", "/news/0/id", json!(7), false));
    for (code, good) in [
        ("1001", true),
        ("1050", true),
        ("1000", false),
        ("1051", false),
        ("0000", false),
        ("1001 ", false),
        ("01001", false),
        ("๑๐๐๑", false),
        ("١٠٠١", false),
    ] {
        // A good code for news[0] would disagree with its group: a cross-reference.
        if !good {
            let what = format!("news district {code:?}");
            rows.push(hostile(&what, "/news/0/district", code.into(), good));
        }
        let what = format!("story district {code:?}");
        rows.push(hostile(&what, "/stories/0/district", code.into(), good));
    }
    for code in ["1000", "1051", "10001"] {
        let what = format!("district code {code:?}");
        rows.push(hostile(&what, "/districts/0/code", code.into(), false));
    }
    rows.push(hostile(
        "a district code as a number",
        "/news/0/district",
        json!(1001),
        false,
    ));
    let moments: &[(&str, bool)] = &[
        ("2019-10-10", true),
        ("2024-02-29", true),
        ("2000-02-29", true),
        ("2019-02-30", false),
        ("2023-02-29", false),
        ("1900-02-29", false),
        ("2019-04-31", false),
        ("2019-13-01", false),
        ("2019-00-10", false),
        ("2019-10-00", false),
        ("2019-1-10", false),
        ("2019/10/10", false),
        ("๒๐๑๙-10-10", false),
        (" 2019-10-10", false),
        ("2019-10-10 ", false),
        ("2019-10-10\n", false),
        ("+2019-10-10", false),
        ("2019-10-10T10:15:00+07:00", true),
        ("2019-10-10T03:15:00Z", true),
        ("2019-10-10t03:15:00z", true),
        ("2019-10-10 03:15:00Z", true),
        ("2019-10-10T23:59:60Z", true),
        ("2019-10-10T10:15:00.123456-05:30", true),
        ("2019-10-10T10:15:00", false),
        ("2019-10-10T10:15Z", false),
        ("2019-10-10T24:00:00Z", false),
        ("2019-10-10T10:60:00Z", false),
        ("2019-10-10T10:15:61Z", false),
        ("2019-10-10T10:15:00.Z", false),
        ("2019-10-10T10:15:00+0700", false),
        ("2019-10-10T10:15:00+24:00", false),
        ("2019-10-10T10:15:00+07:60", false),
        ("2019-02-30T10:15:00Z", false),
        ("2019-10-10_10:15:00Z", false),
        ("yesterday", false),
    ];
    for &(moment, good) in moments {
        let what = format!("news published {moment:?}");
        rows.push(hostile(&what, "/news/0/published", moment.into(), good));
    }
    for (moment, good) in [("2019-02-30", false), ("2026-11-20T09:00:00+07:00", true)] {
        let what = format!("generated_at {moment:?}");
        rows.push(hostile(&what, "/generated_at", moment.into(), good));
    }
    for (tag, good) in [
        ("city-comms/1", true),
        ("city-comms/1.2", true),
        ("city-comms/1.", false),
        ("city-comms/1.x", false),
        ("city-comms/1.2.3", false),
        ("city-comms/01", false),
        ("City-Comms/1", false),
        (" city-comms/1", false),
        ("city-comms/1 ", false),
        ("city-comms/2", false),
    ] {
        rows.push(hostile(
            &format!("format {tag:?}"),
            "/format",
            tag.into(),
            good,
        ));
    }
    let texts: &[(&str, bool)] = &[
        ("ก", true),
        (" ข่าว ", true),
        ("\u{202E}x", true),
        ("", false),
        ("   ", false),
        ("\t\r\n", false),
        ("\u{A0}", false),
        ("\u{85}", false),
        ("\u{1680}", false),
        ("\u{2007}", false),
        ("\u{200B}\u{200C}\u{200D}", false),
        ("\u{202E}", false),
        ("\u{2066}", false),
        ("\u{3000}", false),
        ("\u{FEFF}", false),
        ("\u{AD}", false),
        ("\u{0}", false),
        ("\u{9F}", false),
    ];
    for &(text, good) in texts {
        let what = format!("policy name {text:?}");
        rows.push(hostile(&what, "/policies/0/name/th", text.into(), good));
        let what = format!("news title {text:?}");
        rows.push(hostile(&what, "/news/0/title/th", text.into(), good));
        let what = format!("story title {text:?}");
        rows.push(hostile(&what, "/stories/0/title", text.into(), good));
    }
    rows.push(hostile(
        "a blank story text",
        "/stories/0/text",
        " ".into(),
        false,
    ));
    rows.push(hostile(
        "a blank English title",
        "/news/0/title/en",
        " ".into(),
        true,
    ));
    rows.push(hostile(
        "English title as a number",
        "/news/0/title/en",
        json!(1),
        false,
    ));
    rows.push(hostile(
        "a Thai title of null",
        "/news/0/title/th",
        Value::Null,
        false,
    ));
    rows.push(hostile(
        "a title of null",
        "/news/0/title",
        Value::Null,
        false,
    ));
    for pointer in [
        "/news/0/themes",
        "/news/0/policies",
        "/news/0/images",
        "/news/0/sample",
        "/news/0/summary",
        "/news/0/district",
        "/stories/0/images",
        "/stories/0/sample",
        "/config/embed_origins",
        "/config",
        "/stories",
    ] {
        rows.push(hostile("null, taken as absent", pointer, Value::Null, true));
    }
    for (origins, good) in [
        (json!(["https://www.bangkok.go.th"]), true),
        (json!(["http://localhost:8080"]), true),
        (json!(["https://www.bangkok.go.th/"]), false),
        (json!(["HTTPS://www.bangkok.go.th"]), false),
        (json!(["ftp://www.bangkok.go.th"]), false),
        (json!(["https://"]), false),
        (json!(["https://ไทย.th"]), false),
        (json!("https://www.bangkok.go.th"), false),
    ] {
        let what = format!("embed origins {origins}");
        rows.push(hostile(&what, "/config/embed_origins", origins, good));
    }
    for (owner, good) in [
        (json!("district"), true),
        (json!("Central"), false),
        (json!("everyone"), false),
        (json!(1), false),
    ] {
        let pointer = "/plan/themes/0/priority_topics/0/guidelines/0/owner";
        rows.push(hostile(&format!("owner {owner}"), pointer, owner, good));
    }
    for (views, good) in [
        (json!(0), true),
        (json!(u64::MAX), true),
        (json!(-1), false),
        (json!(1.5), false),
        (json!("48"), false),
        (serde_json::from_str("18446744073709551616").unwrap(), false),
    ] {
        rows.push(hostile(
            &format!("views {views}"),
            "/news/0/views",
            views,
            good,
        ));
    }
    for (year, good) in [
        (json!(2570), true),
        (json!(2147483647), true),
        (json!(2147483648_i64), false),
        (json!("2570"), false),
    ] {
        rows.push(hostile(
            &format!("to_be {year}"),
            "/plan/period/to_be",
            year,
            good,
        ));
    }
    for (pointer, value) in [
        ("/news/0/views", json!(48.0)),
        ("/plan/period/to_be", json!(2570.0)),
    ] {
        rows.push(Hostile {
            beyond: &[Beyond::NumberWithFraction],
            ..hostile(&format!("{pointer} {value}"), pointer, value, false)
        });
    }
    rows.push(hostile(
        "a channel as a number",
        "/plan/themes/0/priority_topics/0/guidelines/0/channels",
        json!([1]),
        false,
    ));
    let limit = 200_000;
    for (pointer, base) in [
        ("/news/0/author", ""),
        ("/news/0/title/th", ""),
        ("/stories/0/text", ""),
        ("/news/0/source_url", "https://example.org/"),
    ] {
        let fits = format!("{base}{}", "a".repeat(limit - base.len()));
        rows.push(hostile(
            "200,000 bytes of ASCII",
            pointer,
            fits.into(),
            true,
        ));
        let over = format!("{base}{}", "a".repeat(limit + 1 - base.len()));
        rows.push(hostile(
            "200,001 bytes of ASCII",
            pointer,
            over.into(),
            false,
        ));
        let thai_fits = format!("{base}{}", "ก".repeat((limit - base.len()) / 3));
        rows.push(hostile(
            "66,666 Thai characters",
            pointer,
            thai_fits.into(),
            true,
        ));
        let thai_over = format!("{base}{}", "ก".repeat(70_000));
        rows.push(Hostile {
            beyond: &[Beyond::StringBytes],
            ..hostile("70,000 Thai characters", pointer, thai_over.into(), false)
        });
    }
    let item = |i: usize| {
        json!({
            "id": format!("n{i}"),
            "title": { "th": "ข่าว" },
            "published": "2019-10-10",
            "body": { "th": "ข่าว" },
        })
    };
    let news: Vec<Value> = (0..20_000).map(item).collect();
    rows.push(hostile("20,000 news items", "/news", news.into(), true));
    let news: Vec<Value> = (0..20_001).map(item).collect();
    rows.push(hostile("20,001 news items", "/news", news.into(), false));
    rows
}

#[test]
fn the_schema_and_the_app_agree_on_each_hostile_value() {
    let validator = bundle_validator();
    let original = default_bundle();
    let mut failures = Vec::new();
    for row in hostile_values() {
        let mut doc = original.clone();
        set(&mut doc, row.pointer, row.value);
        let text = serde_json::to_string(&doc).unwrap();
        let what = format!("{} at {}", short(row.what), row.pointer);
        if app_verdict(&text).is_ok() != row.good {
            failures.push(format!("{what}: the app should read it {}", row.good));
        }
        if let Some(problem) = disagreement(&validator, &text, &doc, row.beyond) {
            failures.push(format!("{what}: {problem}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Every character of the Basic Multilingual Plane, where all the characters that either
/// side treats apart lie, and every 251st one beyond it (all of them takes a minute).
fn every_char() -> impl Iterator<Item = char> {
    let beyond_bmp = (0x1_0000..=u32::from(char::MAX)).step_by(251);
    (0..0x1_0000).chain(beyond_bmp).filter_map(char::from_u32)
}

#[test]
fn each_character_is_allowed_in_a_url_by_the_schema_exactly_when_the_app_allows_it() {
    let validator = definition_validator("Url");
    let mut failures = Vec::new();
    for c in every_char() {
        for url in [format!("{c}a"), format!("/a{c}b"), format!("https://{c}")] {
            let schema = validator.is_valid(&Value::String(url.clone()));
            if schema != is_safe_url(&url) {
                failures.push(format!("{url:?}: schema {schema}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of them: {:?}",
        failures.len(),
        &failures[..failures.len().min(20)]
    );
}

#[test]
fn each_character_is_allowed_in_an_id_by_the_schema_exactly_when_the_app_allows_it() {
    let validator = definition_validator("Id");
    let mut failures = Vec::new();
    for c in every_char() {
        let id = format!("a{c}");
        let schema = validator.is_valid(&Value::String(id.clone()));
        if schema != is_valid_id(&id) {
            failures.push(format!("{id:?}: schema {schema}"));
        }
    }
    assert!(failures.is_empty(), "{failures:?}");
}

#[test]
fn every_date_and_time_field_value_passes_the_schema_exactly_when_the_app_reads_it() {
    let validator = definition_validator("DateOrTimestamp");
    let mut failures = Vec::new();
    let mut check = |text: String| {
        let schema = validator.is_valid(&Value::String(text.clone()));
        if schema != Moment::parse(&text).is_some() {
            failures.push(format!("{text:?}: schema {schema}"));
        }
    };
    let years = [
        0, 4, 100, 400, 1900, 1996, 2000, 2019, 2023, 2024, 2100, 2400, 9999,
    ];
    for year in years {
        for month in 0..=13 {
            for day in 0..=32 {
                check(format!("{year:04}-{month:02}-{day:02}"));
            }
        }
    }
    let offsets = [
        "Z", "z", "+07:00", "-23:59", "+24:00", "+07:60", "+0700", "",
    ];
    for separator in ["T", "t", " ", "_"] {
        for hour in 0..=24 {
            for minute in [0, 59, 60] {
                for second in ["00", "59", "60", "61", "59.5", "59.", "5"] {
                    for offset in offsets {
                        check(format!(
                            "2024-02-29{separator}{hour:02}:{minute:02}:{second}{offset}"
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:?}");
}
