//! The default bundle that ships in `public/data/bundle.json`: it must validate cleanly and
//! carry what the app promises to show out of the box.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

use city_comms::domain::bundle::Bundle;
use city_comms::domain::i18n::Lang;
use city_comms::domain::validate::parse_bundle;
use std::collections::{BTreeMap, BTreeSet};

fn default_bundle() -> Bundle {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/bundle.json");
    let text = std::fs::read_to_string(path).unwrap();
    let loaded = parse_bundle(&text)
        .unwrap_or_else(|refused| panic!("the default bundle is refused: {:#?}", refused.errors));
    assert!(
        loaded.warnings.is_empty(),
        "the default bundle has warnings: {:#?}",
        loaded.warnings
    );
    assert_eq!(loaded.dropped, 0);
    loaded.bundle
}

fn is_thai_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

#[test]
fn the_default_bundle_validates_with_zero_warnings() {
    default_bundle();
}

#[test]
fn it_lists_the_nine_policies_six_groups_and_fifty_districts() {
    let bundle = default_bundle();
    assert_eq!(bundle.policies.len(), 9);
    assert_eq!(bundle.district_groups.len(), 6);
    assert_eq!(bundle.districts.len(), 50);
    let per_group: BTreeMap<&str, usize> =
        bundle.districts.iter().fold(BTreeMap::new(), |mut m, d| {
            *m.entry(d.group.as_str()).or_default() += 1;
            m
        });
    let expected = [
        ("central", 9),
        ("east", 9),
        ("north", 7),
        ("south", 10),
        ("thon-nuea", 8),
        ("thon-tai", 7),
    ];
    assert_eq!(per_group.into_iter().collect::<Vec<_>>(), expected);
    let bangkok_noi = bundle.district("1020").unwrap();
    assert_eq!(bangkok_noi.name.th, "บางกอกน้อย");
    assert_eq!(bangkok_noi.group, "thon-nuea");
    for policy in &bundle.policies {
        assert!(
            policy.name.en.is_some(),
            "{} has no English name",
            policy.id
        );
    }
}

#[test]
fn the_foreword_is_repaired_thai_with_an_english_translation() {
    let bundle = default_bundle();
    let foreword = &bundle.plan.foreword;
    assert!(!foreword.th.contains('?'), "a lost mark is still a '?'");
    assert!(foreword
        .th
        .starts_with("กรุงเทพมหานครเป็นหนึ่งในองค์กรปกครองส่วนท้องถิ่นพิเศษ"));
    for repaired in [
        "เป็นการมุ่งเน้นการสื่อสารในเชิงรุก",
        "เปิดกว้างข้อมูลในมิติต่าง ๆ",
        "สิทธิพันธุ์",
        "9 ด้าน 9 ดี",
    ] {
        assert!(
            foreword.th.contains(repaired),
            "the foreword lacks {repaired}"
        );
    }
    // A Thai vowel or tone mark never begins a word: one after a space is extraction damage.
    let chars: Vec<char> = foreword.th.chars().collect();
    for pair in chars.windows(2) {
        assert!(
            !(pair[0].is_whitespace() && is_thai_mark(pair[1])),
            "a mark after a space: {pair:?}"
        );
    }
    assert!(foreword
        .en
        .as_deref()
        .is_some_and(|en| en.contains("Communication Plan")));
    assert_eq!(
        (bundle.plan.period.from_be, bundle.plan.period.to_be),
        (2566, 2570)
    );
}

#[test]
fn the_plan_has_at_least_five_themes_each_with_topics_and_guidelines() {
    let bundle = default_bundle();
    assert!(bundle.plan.themes.len() >= 5);
    for theme in &bundle.plan.themes {
        assert!(!theme.policies.is_empty(), "{} serves no policy", theme.id);
        assert!(
            !theme.priority_topics.is_empty(),
            "{} has no priority topic",
            theme.id
        );
        for topic in &theme.priority_topics {
            assert!(
                !topic.guidelines.is_empty(),
                "{} has no guideline",
                topic.id
            );
        }
    }
}

#[test]
fn the_seed_article_is_a_real_item_with_its_metadata() {
    let bundle = default_bundle();
    let item = bundle.news_item("thon-nuea-new-style-pr-2019").unwrap();
    assert!(!item.sample);
    assert_eq!(
        item.published.bangkok_date().display(Lang::Th),
        "10 ต.ค. 2562"
    );
    assert_eq!(item.author.as_deref(), Some("นิกรณ์ สมศรี"));
    assert_eq!(item.views, Some(48));
    assert_eq!(item.credit.as_deref(), Some("สกณธ์/มุทิตา สปส. รายงาน"));
    assert_eq!(item.district.as_deref(), Some("1020"));
    assert_eq!(item.group.as_deref(), Some("thon-nuea"));
    assert!(item.body.th.contains("BANGKOK STORIES"));
    assert!(item.source_url.is_some());
}

#[test]
fn sample_news_covers_every_group_several_themes_and_policies_and_three_years() {
    let bundle = default_bundle();
    let samples: Vec<_> = bundle.news.iter().filter(|n| n.sample).collect();
    assert!(samples.len() >= 30, "{} sample items", samples.len());
    let groups: BTreeSet<_> = samples.iter().filter_map(|n| n.group.as_deref()).collect();
    assert_eq!(groups.len(), 6, "{groups:?}");
    let years: BTreeSet<_> = samples
        .iter()
        .map(|n| n.published.bangkok_date().year())
        .collect();
    assert!(years.len() >= 3, "{years:?}");
    let themes: BTreeSet<_> = samples.iter().flat_map(|n| &n.themes).collect();
    assert!(themes.len() >= 5, "{themes:?}");
    let policies: BTreeSet<_> = samples.iter().flat_map(|n| &n.policies).collect();
    assert_eq!(policies.len(), 9, "{policies:?}");
    assert!(
        samples.iter().any(|n| !n.images.is_empty()),
        "some samples have photos"
    );
    assert!(
        samples.iter().any(|n| n.district.is_none()),
        "some news is city-wide"
    );
}

#[test]
fn every_photo_of_the_default_bundle_ships_with_the_app() {
    let bundle = default_bundle();
    let images = bundle
        .news
        .iter()
        .flat_map(|n| &n.images)
        .chain(bundle.stories.iter().flat_map(|s| &s.images));
    for image in images {
        let path = format!("{}/public/{}", env!("CARGO_MANIFEST_DIR"), image.src);
        assert!(
            std::path::Path::new(&path).is_file(),
            "{} is missing",
            image.src
        );
        assert!(!image.alt.th.trim().is_empty());
    }
}
