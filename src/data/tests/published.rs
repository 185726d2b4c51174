//! From a PR officer's spreadsheet to the places people read, through the real binary: a
//! row imported into the bundle, built with the site's address, comes out in the district's
//! feed and in the open data, and what a hostile cell holds stays text everywhere.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{csv, Sandbox};

const SITE: &str = "https://news.bangkok.go.th/";
const FORMULA: &str = "=cmd|' /C calc'!A0";

#[test]
fn a_spreadsheet_row_reaches_its_districts_feed_and_the_open_data_with_its_formula_defused() {
    let sandbox = Sandbox::new("published");
    let sheet = sandbox.write(
        "news.csv",
        csv(&[&format!(
            "2026-11-20,1001,\"{}\",<b>ลอกท่อ</b> ถนนราชดำเนิน",
            FORMULA.replace('"', "\"\"")
        )]),
    );
    let run = sandbox.import(&[&sheet]);
    assert_eq!(run.code, 0, "{}", run.all());
    let site = sandbox.dir.join("site");
    let run = sandbox.run(&[
        &"build",
        &sandbox.bundle,
        &site.join("data"),
        &"--site-url",
        &SITE,
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.out.contains("Wrote") && run.out.contains("เขียนฟีด"),
        "{}",
        run.out
    );

    // The district's feed, read by feed-rs: the row first, its title as typed.
    let feed =
        feed_rs::parser::parse(&std::fs::read(site.join("feeds/district/1001.xml")).unwrap()[..])
            .unwrap();
    let entry = &feed.entries[0];
    assert_eq!(entry.title.as_ref().unwrap().content, FORMULA);
    assert!(entry.links[0].href.starts_with(&format!("{SITE}news/")));

    // The open data, read by a CSV reader: the cell cannot run in a spreadsheet.
    let bytes = std::fs::read(site.join("open-data/news.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    let title = headers.iter().position(|h| h == "title_th").unwrap();
    let body = headers.iter().position(|h| h == "body_th").unwrap();
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| r[title].contains("cmd|"))
        .unwrap();
    assert_eq!(&row[title], format!("'{FORMULA}"));
    assert!(row[body].contains("ลอกท่อ"), "{:?}", &row[body]);
    assert!(std::fs::read_to_string(site.join("sitemap.xml"))
        .unwrap()
        .contains(SITE));
}

#[test]
fn a_site_address_that_is_not_one_is_refused_and_nothing_is_written() {
    let sandbox = Sandbox::new("published-bad-url");
    let site = sandbox.dir.join("site");
    for bad in [
        "news.bangkok.go.th",
        "javascript:alert(1)",
        "https://x/?q=1",
    ] {
        let run = sandbox.run(&[
            &"build",
            &sandbox.bundle,
            &site.join("data"),
            &"--site-url",
            &bad,
        ]);
        assert_eq!(run.code, 2, "{bad}: {}", run.all());
        assert!(run.err.contains("--site-url"), "{}", run.err);
        assert!(run.err.contains("ที่อยู่เต็ม"), "Thai too: {}", run.err);
        assert!(!site.exists(), "{bad}: nothing written");
    }
}
