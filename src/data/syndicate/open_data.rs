//! The open-data export of every news item, for the city's CKAN portal: `news.csv` (UTF-8
//! with a byte-order mark, so that Excel reads Thai) and `news.json`, with the same columns,
//! each described in [`COLUMNS`] (written into the JSON, and listed in the README).
//!
//! A cell that a spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`, a tab or a
//! carriage return) gets a `'` in front in the CSV, so that opening the file runs nothing.

use super::{place, SiteUrl};
use city_comms::domain::bundle::{Bundle, News, Text};
use serde_json::{json, Value};

/// Each column: its name, and what it holds in Thai and in English.
pub const COLUMNS: [(&str, &str, &str); 21] = [
    ("id", "รหัสข่าว", "the item's id"),
    ("url", "ที่อยู่หน้าข่าว", "the article's page"),
    (
        "published",
        "เวลาเผยแพร่ (RFC 3339 เวลากรุงเทพฯ)",
        "when it was published (RFC 3339, Bangkok time)",
    ),
    (
        "date",
        "วันที่เผยแพร่ (YYYY-MM-DD คริสต์ศักราช)",
        "the day it was published (YYYY-MM-DD, common era)",
    ),
    ("district_code", "รหัสเขต", "the district's code"),
    ("district", "ชื่อเขต", "the district's Thai name"),
    ("group", "รหัสกลุ่มเขต", "the district group's id"),
    (
        "themes",
        "รหัสประเด็นตามแผนสื่อสาร คั่นด้วย ;",
        "the plan's theme ids, separated by ;",
    ),
    (
        "policies",
        "รหัสนโยบาย 9 ด้าน คั่นด้วย ;",
        "the policy ids (9 ด้าน 9 ดี), separated by ;",
    ),
    ("title_th", "หัวข้อ (ไทย)", "the title in Thai"),
    ("title_en", "หัวข้อ (อังกฤษ)", "the title in English, if any"),
    ("summary_th", "สรุป (ไทย)", "the summary in Thai, if any"),
    (
        "summary_en",
        "สรุป (อังกฤษ)",
        "the summary in English, if any",
    ),
    ("body_th", "เนื้อหา (ไทย)", "the body in Thai"),
    ("body_en", "เนื้อหา (อังกฤษ)", "the body in English, if any"),
    ("author", "ผู้เขียน", "who wrote it"),
    ("credit", "เครดิตภาพ", "whose photos they are"),
    ("image", "ภาพแรก", "the first photo's address"),
    ("source_url", "ที่มา", "where it was first published"),
    ("views", "จำนวนการเข้าชมที่บันทึกไว้", "views recorded, if known"),
    (
        "sample",
        "เป็นข่าวตัวอย่าง (true/false)",
        "whether it is sample content (true/false)",
    ),
];

/// One item's values, in [`COLUMNS`] order.
fn row(bundle: &Bundle, site: &SiteUrl, item: &News) -> [Value; COLUMNS.len()] {
    let text = |t: Option<&Text>| t.map_or(Value::Null, |t| t.th.clone().into());
    let english = |t: Option<&Text>| {
        t.and_then(|t| t.en.clone())
            .map_or(Value::Null, Value::from)
    };
    let optional = |s: &Option<String>| s.clone().map_or(Value::Null, Value::from);
    [
        item.id.clone().into(),
        site.article(item).into(),
        item.published.to_rfc3339().into(),
        item.published.bangkok_date().to_string().into(),
        optional(&item.district),
        place(bundle, item)
            .filter(|_| item.district.is_some())
            .map_or(Value::Null, |t| t.th.into()),
        optional(&item.group),
        json!(item.themes),
        json!(item.policies),
        item.title.th.clone().into(),
        english(Some(&item.title)),
        text(item.summary.as_ref()),
        english(item.summary.as_ref()),
        item.body.th.clone().into(),
        english(Some(&item.body)),
        optional(&item.author),
        optional(&item.credit),
        item.images
            .first()
            .map_or(Value::Null, |image| site.absolute(&image.src).into()),
        optional(&item.source_url),
        item.views.map_or(Value::Null, Value::from),
        item.sample.into(),
    ]
}

/// A value as a CSV cell: lists joined with `;`, nothing for null, formulas defused.
fn cell(value: &Value) -> String {
    let text = match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(list) => list
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(";"),
        other => other.to_string(),
    };
    city_comms::domain::coverage::csv::defused(text)
}

/// `news.csv`: a header row of column names, then one row per item, newest first.
pub fn csv(bundle: &Bundle, site: &SiteUrl) -> Vec<u8> {
    let mut out = "\u{FEFF}".as_bytes().to_vec();
    {
        let mut writer = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(&mut out);
        let _ = writer.write_record(COLUMNS.iter().map(|(name, _, _)| *name));
        for item in bundle.news_newest_first() {
            let _ = writer.write_record(row(bundle, site, item).iter().map(cell));
        }
        let _ = writer.flush();
    }
    out
}

/// `news.json`: what the columns mean, then every item as an object, newest first.
pub fn json(bundle: &Bundle, site: &SiteUrl) -> Vec<u8> {
    let columns: Vec<Value> = COLUMNS
        .iter()
        .map(|(name, th, en)| json!({ "name": name, "th": th, "en": en }))
        .collect();
    let news: Vec<Value> = bundle
        .news_newest_first()
        .into_iter()
        .map(|item| {
            let values = row(bundle, site, item);
            Value::Object(
                COLUMNS
                    .iter()
                    .zip(values)
                    .map(|((name, _, _), value)| ((*name).to_owned(), value))
                    .collect(),
            )
        })
        .collect();
    let export = json!({
        "format": "city-comms-open-data/1",
        "generated_at": bundle.generated_at.to_rfc3339(),
        "site": site.join(""),
        "columns": columns,
        "news": news,
    });
    serde_json::to_vec(&export).unwrap_or_default()
}
