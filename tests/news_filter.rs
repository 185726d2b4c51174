//! Host tests of the news filters: each rule with a table of cases over a small bundle.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

use city_comms::domain::bundle::Bundle;
use city_comms::domain::date::Date;
use city_comms::domain::filter::{Facet, NewsFilter, NewsIndex, Part, QuickRange, Sort};
use city_comms::domain::i18n::Lang;
use city_comms::domain::validate::parse_bundle;
use serde_json::json;

/// Six items over two groups, three districts, two themes, two policies and three years.
fn bundle() -> Bundle {
    let item = |id: &str,
                title: &str,
                date: &str,
                district: Option<&str>,
                themes: &[&str],
                policies: &[&str],
                views: u64| {
        json!({
            "id": id, "title": { "th": title }, "published": date, "body": { "th": format!("เนื้อหาข่าว {title}") },
            "district": district, "themes": themes, "policies": policies, "views": views
        })
    };
    let json = json!({
        "format": "city-comms/1",
        "generated_at": "2026-11-20",
        "policies": [
            { "id": "safe", "name": { "th": "ปลอดภัยดี" } },
            { "id": "green", "name": { "th": "สิ่งแวดล้อมดี" } }
        ],
        "district_groups": [
            { "id": "thon-nuea", "name": { "th": "กลุ่มเขตกรุงธนเหนือ" } },
            { "id": "east", "name": { "th": "กลุ่มเขตกรุงเทพตะวันออก" } }
        ],
        "districts": [
            { "code": "1020", "name": { "th": "บางกอกน้อย", "en": "Bangkok Noi" }, "group": "thon-nuea" },
            { "code": "1015", "name": { "th": "ธนบุรี", "en": "Thon Buri" }, "group": "thon-nuea" },
            { "code": "1006", "name": { "th": "บางกะปิ", "en": "Bang Kapi" }, "group": "east" }
        ],
        "plan": { "title": { "th": "แผน" }, "period": { "from_be": 2566, "to_be": 2570 }, "foreword": { "th": "คำนำ" },
            "themes": [
                { "id": "canals", "name": { "th": "คลอง" }, "summary": { "th": "คลอง" }, "policies": ["green"], "priority_topics": [] },
                { "id": "streets", "name": { "th": "ถนน" }, "summary": { "th": "ถนน" }, "policies": ["safe"], "priority_topics": [] }
            ] },
        "news": [
            item("a", "ลอกคลองบางกอกน้อย", "2024-03-01", Some("1020"), &["canals"], &["green"], 10),
            item("b", "ไฟถนนธนบุรี", "2025-06-15", Some("1015"), &["streets"], &["safe"], 50),
            item("c", "คลองสวยบางกะปิ", "2026-11-02", Some("1006"), &["canals"], &["green", "safe"], 30),
            item("d", "ทางเท้าบางกะปิ", "2026-01-10", Some("1006"), &["streets"], &["safe"], 5),
            item("e", "ข่าวทั่วกรุงเทพ คลอง", "2025-12-31", None, &["canals"], &[], 99),
            item("f", "ตลาดธนบุรี", "2024-12-01", Some("1015"), &[], &[], 0)
        ]
    });
    parse_bundle(&json.to_string()).unwrap().bundle
}

/// Address parameters and the ids of the news they should show, in order.
type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str]);

fn ids(bundle: &Bundle, index: &NewsIndex, params: &[(&str, &str)]) -> Vec<String> {
    let filter = NewsFilter::from_params(params, bundle);
    index
        .run(bundle, &filter)
        .items
        .iter()
        .map(|&i| bundle.news[i].id.clone())
        .collect()
}

#[test]
fn facets_or_within_and_across_with_dates_inclusive() {
    let bundle = bundle();
    let index = NewsIndex::build(&bundle);
    let cases: [Case; 14] = [
        (&[], &["c", "d", "e", "b", "f", "a"]),
        (&[("group", "east")], &["c", "d"]),
        (
            &[("group", "east"), ("group", "thon-nuea")],
            &["c", "d", "b", "f", "a"],
        ),
        (&[("district", "1020")], &["a"]),
        (
            &[("district", "1020"), ("district", "1015")],
            &["b", "f", "a"],
        ),
        (&[("theme", "canals")], &["c", "e", "a"]),
        (&[("theme", "canals"), ("group", "east")], &["c"]),
        (
            &[("policy", "safe"), ("policy", "green")],
            &["c", "d", "b", "a"],
        ),
        (&[("policy", "safe"), ("theme", "canals")], &["c"]),
        (&[("from", "2025-06-15"), ("to", "2025-12-31")], &["e", "b"]),
        (&[("from", "2026-01-01")], &["c", "d"]),
        (&[("to", "2024-03-01")], &["a"]),
        (
            &[
                ("group", "east"),
                ("theme", "canals"),
                ("policy", "safe"),
                ("from", "2026-11-02"),
                ("to", "2026-11-02"),
            ],
            &["c"],
        ),
        (&[("group", "thon-nuea"), ("district", "1006")], &[]),
    ];
    for (params, expected) in cases {
        assert_eq!(ids(&bundle, &index, params), expected, "{params:?}");
    }
}

#[test]
fn unknown_values_are_ignored_and_the_rest_still_works() {
    let bundle = bundle();
    let index = NewsIndex::build(&bundle);
    let cases: [Case; 6] = [
        (&[("group", "west")], &["c", "d", "e", "b", "f", "a"]),
        (&[("group", "west"), ("group", "east")], &["c", "d"]),
        (&[("district", "9999"), ("theme", "streets")], &["d", "b"]),
        (
            &[
                ("from", "2019-02-30"),
                ("to", "yesterday"),
                ("group", "east"),
            ],
            &["c", "d"],
        ),
        (&[("sort", "random"), ("district", "1006")], &["c", "d"]),
        (&[("utm_source", "line"), ("district", "1020")], &["a"]),
    ];
    for (params, expected) in cases {
        assert_eq!(ids(&bundle, &index, params), expected, "{params:?}");
    }
}

#[test]
fn search_ranks_title_matches_first_then_follows_the_chosen_order() {
    let bundle = bundle();
    let index = NewsIndex::build(&bundle);
    let cases: [Case; 6] = [
        (&[("q", "คลอง")], &["c", "e", "a"]),
        (&[("q", "บางกะปิ")], &["c", "d"]),
        (&[("q", "Bang Kapi")], &["c", "d"]),
        (&[("q", "คลอง"), ("sort", "oldest")], &["a", "e", "c"]),
        (&[("q", "คลอง"), ("sort", "views")], &["e", "c", "a"]),
        (&[("q", "   ")], &["c", "d", "e", "b", "f", "a"]),
    ];
    for (params, expected) in cases {
        assert_eq!(ids(&bundle, &index, params), expected, "{params:?}");
    }
    assert_eq!(
        ids(&bundle, &index, &[("sort", "views")]),
        ["e", "b", "c", "a", "d", "f"]
    );
    assert_eq!(
        ids(&bundle, &index, &[("sort", "oldest")]),
        ["a", "f", "b", "e", "d", "c"]
    );
}

#[test]
fn each_option_counts_what_it_would_give_with_the_other_facets_applied() {
    let bundle = bundle();
    let index = NewsIndex::build(&bundle);
    let filter = NewsFilter::from_params(&[("group", "east"), ("theme", "canals")], &bundle);
    let results = index.run(&bundle, &filter);
    let count = |facet: Facet, id: &str| {
        let at = facet
            .options(&bundle)
            .iter()
            .position(|o| *o == id)
            .unwrap();
        results.counts.get(facet, at)
    };
    // Groups are counted as if no group were chosen, but with the theme applied.
    assert_eq!(count(Facet::Group, "east"), 1);
    assert_eq!(count(Facet::Group, "thon-nuea"), 1);
    // Themes are counted with the group applied.
    assert_eq!(count(Facet::Theme, "canals"), 1);
    assert_eq!(count(Facet::Theme, "streets"), 1);
    // Other facets count the results themselves.
    assert_eq!(count(Facet::District, "1006"), 1);
    assert_eq!(count(Facet::District, "1020"), 0);
    assert_eq!(count(Facet::Policy, "safe"), 1);
}

#[test]
fn the_address_round_trips_in_a_fixed_order() {
    let bundle = bundle();
    let params = [
        ("sort", "views"),
        ("theme", "canals"),
        ("q", "คลอง สวย"),
        ("group", "east"),
        ("from", "2024-01-01"),
    ];
    let filter = NewsFilter::from_params(&params, &bundle);
    assert_eq!(
        filter.to_query_string(),
        "q=%E0%B8%84%E0%B8%A5%E0%B8%AD%E0%B8%87%20%E0%B8%AA%E0%B8%A7%E0%B8%A2&group=east&theme=canals&from=2024-01-01&sort=views"
    );
    let again = NewsFilter::from_params(&filter.to_params(), &bundle);
    assert_eq!(again, filter);
    assert_eq!(NewsFilter::default().to_query_string(), "");
    assert_eq!(filter.sort, Sort::Views);
}

#[test]
fn toggling_clearing_and_dropping_parts_change_only_what_they_name() {
    let bundle = bundle();
    let filter = NewsFilter::from_params(
        &[
            ("q", "คลอง"),
            ("group", "east"),
            ("to", "2025-01-01"),
            ("sort", "oldest"),
        ],
        &bundle,
    );
    assert_eq!(
        filter.active_parts(),
        [Part::Search, Part::Facet(Facet::Group), Part::Dates]
    );
    let toggled = filter
        .toggled(Facet::Group, "thon-nuea")
        .toggled(Facet::Group, "east");
    assert_eq!(
        toggled
            .groups
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        ["thon-nuea"]
    );
    assert_eq!(filter.without(Part::Dates).to, None);
    assert_eq!(filter.without(Part::Search).q, "");
    let cleared = filter.cleared();
    assert!(cleared.active_parts().is_empty());
    assert_eq!(cleared.sort, Sort::Oldest);
}

#[test]
fn an_empty_result_offers_to_drop_each_filter_that_emptied_it() {
    let bundle = bundle();
    let index = NewsIndex::build(&bundle);
    let filter = NewsFilter::from_params(&[("q", "ตลาด"), ("group", "east")], &bundle);
    assert!(index.run(&bundle, &filter).items.is_empty());
    assert_eq!(
        index.relaxations(&bundle, &filter),
        [(Part::Search, 2), (Part::Facet(Facet::Group), 1)]
    );
    let nothing = NewsFilter::from_params(&[("q", "ไม่มีคำนี้เลย")], &bundle);
    assert_eq!(index.relaxations(&bundle, &nothing), [(Part::Search, 6)]);
}

#[test]
fn quick_date_ranges_end_today_and_name_the_year_in_the_readers_era() {
    let today = Date::parse("2026-11-22").unwrap();
    let cases = [
        (QuickRange::ThisMonth, "2026-11-01", "เดือนนี้"),
        (QuickRange::LastThreeMonths, "2026-08-22", "3 เดือนล่าสุด"),
        (QuickRange::ThisYear, "2026-01-01", "ปีนี้ (พ.ศ. 2569)"),
    ];
    for (quick, from, label) in cases {
        assert_eq!(quick.range(today), (Date::parse(from).unwrap(), today));
        assert_eq!(quick.label(today, Lang::Th), label);
    }
    assert_eq!(
        QuickRange::ThisYear.label(today, Lang::En),
        "This year (2026)"
    );
}

#[test]
fn a_view_has_a_feed_when_one_feed_carries_exactly_its_news() {
    let bundle = bundle();
    let feed = |pairs: &[(&str, &str)]| {
        let pairs: Vec<(&str, String)> = pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
        NewsFilter::from_params(&pairs, &bundle).feed(Lang::Th)
    };
    assert_eq!(feed(&[]).as_deref(), Some("feeds/all"));
    assert_eq!(feed(&[("sort", "oldest")]).as_deref(), Some("feeds/all"));
    assert_eq!(
        feed(&[("district", "1020")]).as_deref(),
        Some("feeds/district/1020")
    );
    assert_eq!(
        feed(&[("group", "east")]).as_deref(),
        Some("feeds/group/east")
    );
    assert_eq!(feed(&[("district", "1020"), ("district", "1015")]), None);
    assert_eq!(feed(&[("district", "1020"), ("q", "คลอง")]), None);
    assert_eq!(feed(&[("from", "2024-01-01")]), None);
    // Unknown values are ignored, as everywhere on /news.
    assert_eq!(feed(&[("district", "9999")]).as_deref(), Some("feeds/all"));
    // The same views in English have the English feeds, in a folder of their own.
    let english = |pairs: &[(&str, &str)]| {
        let pairs: Vec<(&str, String)> = pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
        NewsFilter::from_params(&pairs, &bundle).feed(Lang::En)
    };
    assert_eq!(english(&[]).as_deref(), Some("feeds/en/all"));
    assert_eq!(
        english(&[("district", "1020")]).as_deref(),
        Some("feeds/en/district/1020")
    );
    assert_eq!(english(&[("q", "คลอง")]), None);
}
