//! The spreadsheet template into the bundle, as a district's PR officer uses it: through the
//! real binary, on a copy of the default bundle.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{csv, template, Sandbox, HEADER};

#[test]
fn the_template_imports_into_the_default_bundle_as_two_samples() {
    let sandbox = Sandbox::new("template");
    let run = sandbox.import(&[&template()]);
    assert_eq!(run.code, 0, "{}", run.all());
    let imported = sandbox.imported();
    assert_eq!(imported.len(), 2, "{imported:?}");
    for item in &imported {
        assert_eq!(item["sample"], true, "{item}");
        assert!(item["title"]["th"]
            .as_str()
            .unwrap()
            .starts_with("(ตัวอย่าง)"));
    }
    assert_eq!(imported[0]["district"], "1001");
    assert_eq!(
        imported[0]["policies"],
        serde_json::json!(["safe", "environment"])
    );
    assert_eq!(imported[1]["district"], "1020");
    assert_eq!(imported[1]["published"], "2026-06-15");
    assert_eq!(imported[1]["themes"], serde_json::json!(["health-care"]));
    assert_eq!(
        imported[1]["policies"],
        serde_json::json!(["health", "society"])
    );
    sandbox.assert_valid();
    assert!(
        run.out.contains("2 new") && run.out.contains("ใหม่ 2"),
        "{}",
        run.out
    );
}

#[test]
fn importing_the_same_csv_twice_leaves_the_file_byte_identical() {
    let sandbox = Sandbox::new("twice");
    assert_eq!(sandbox.import(&[&template()]).code, 0);
    let first = std::fs::read(&sandbox.bundle).unwrap();
    let run = sandbox.import(&[&template()]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(std::fs::read(&sandbox.bundle).unwrap(), first);
    assert!(run.out.contains("2 unchanged"), "{}", run.out);
}

#[test]
fn items_the_import_does_not_touch_keep_their_text_and_key_order() {
    let sandbox = Sandbox::new("untouched");
    assert_eq!(sandbox.import(&[&template()]).code, 0);
    let before = common::default_bundle();
    let end_of_news = before.find("\n  ],\n  \"stories\"").unwrap();
    let after = sandbox.bundle_text();
    assert!(
        after.starts_with(&before[..end_of_news]),
        "the old items were rewritten"
    );
    assert!(after.ends_with("}\n") && after.contains("\n  \"news\": [\n    {\n      \"id\""));
    let leftovers: Vec<_> = std::fs::read_dir(&sandbox.dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_newer_edit_of_a_row_replaces_the_older_item() {
    let sandbox = Sandbox::new("edit");
    let with_id = format!("รหัสข่าว (id),{HEADER}");
    let first = sandbox.write(
        "first.csv",
        format!("{with_id}\nnakhon-flood-drill,2026-11-01,1001,ซ้อมแผนรับน้ำ,ฉบับแรก\n,2026-11-02,1001,ตลาดนัดชุมชน,ฉบับแรก\n"),
    );
    assert_eq!(sandbox.import(&[&first]).code, 0);
    let derived = sandbox.imported()[1]["id"].as_str().unwrap().to_owned();
    let second = sandbox.write(
        "second.csv",
        format!("{with_id}\nnakhon-flood-drill,2026-11-01,1001,ซ้อมแผนรับน้ำ (แก้ไข),ฉบับแก้\n,2026-11-02,1001,ตลาดนัดชุมชน,ฉบับแก้\n"),
    );
    let run = sandbox.import(&[&second]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.out.contains("2 replaced"), "{}", run.out);
    assert_eq!(sandbox.imported().len(), 2);
    let edited = sandbox.item("nakhon-flood-drill");
    assert_eq!(edited["title"]["th"], "ซ้อมแผนรับน้ำ (แก้ไข)");
    assert_eq!(edited["body"]["th"], "ฉบับแก้");
    assert_eq!(sandbox.item(&derived)["body"]["th"], "ฉบับแก้");
}

#[test]
fn a_csv_with_or_without_a_byte_order_mark_gives_the_same_bundle() {
    let text = std::fs::read_to_string(template()).unwrap();
    let without = text.strip_prefix('\u{FEFF}').unwrap().to_owned();
    let with_bom = format!("\u{FEFF}{without}");
    let (a, b) = (Sandbox::new("bom"), Sandbox::new("no-bom"));
    assert_eq!(a.import(&[&a.write("n.csv", with_bom)]).code, 0);
    assert_eq!(b.import(&[&b.write("n.csv", without)]).code, 0);
    assert_eq!(a.bundle_text(), b.bundle_text());
}

#[test]
fn thai_dates_and_iso_dates_give_the_same_item() {
    let forms = [
        "2019-10-10",
        "10 ต.ค. 2562",
        "10 ตุลาคม 2562",
        "๑๐ ต.ค. ๒๕๖๒",
        "๑๐ ตุลาคม ๒๕๖๒",
        "10 ตุลาคม พ.ศ. 2562",
        "10/10/2562",
    ];
    let sandbox = Sandbox::new("dates");
    let mut first = None;
    for form in forms {
        let file = sandbox.write("d.csv", csv(&[&format!("{form},1001,ประชุมเขต,เนื้อหา")]));
        let run = sandbox.import(&[&file]);
        assert_eq!(run.code, 0, "{form}: {}", run.all());
        let text = sandbox.bundle_text();
        match &first {
            None => first = Some(text),
            Some(first) => assert!(*first == text, "{form} gave another item"),
        }
    }
    let imported = sandbox.imported();
    assert_eq!(imported.len(), 1);
    assert_eq!(imported[0]["published"], "2019-10-10");
    assert!(imported[0]["id"]
        .as_str()
        .unwrap()
        .starts_with("d1001-2019-10-10-"));
}

#[test]
fn a_district_is_named_by_code_thai_name_with_or_without_khet_or_english_name() {
    let forms = [
        "1001",
        "พระนคร",
        "เขตพระนคร",
        "เขต พระนคร",
        "Phra Nakhon",
        "phra nakhon",
    ];
    let sandbox = Sandbox::new("districts");
    for form in forms {
        let file = sandbox.write("d.csv", csv(&[&format!("2026-11-01,{form},ข่าวเขต,เนื้อหา")]));
        let run = sandbox.import(&[&file]);
        assert_eq!(run.code, 0, "{form}: {}", run.all());
        let imported = sandbox.imported();
        assert_eq!(imported.len(), 1, "{form}");
        assert_eq!(imported[0]["district"], "1001", "{form}");
        assert_eq!(imported[0]["group"], "central", "{form}");
    }
}

#[test]
fn themes_and_policies_are_named_by_id_or_thai_name_several_in_one_cell() {
    let cases = [
        ("safe-streets", "safe", vec!["safe-streets"], vec!["safe"]),
        (
            "safe-streets; health-care",
            "safe;health",
            vec!["safe-streets", "health-care"],
            vec!["safe", "health"],
        ),
        (
            "\"ถนนปลอดภัย พร้อมรับน้ำ, สุขภาพดี ดูแลทุกวัย\"",
            "\"ปลอดภัยดี, สุขภาพดี\"",
            vec!["safe-streets", "health-care"],
            vec!["safe", "health"],
        ),
        (
            "\"ถนนปลอดภัย พร้อมรับน้ำ\nhealth-care\"",
            "\"ปลอดภัยดี\n\nสังคมดี\"",
            vec!["safe-streets", "health-care"],
            vec!["safe", "society"],
        ),
        (
            "\"\"",
            "\"Safe city; ด้านสุขภาพดี\"",
            vec![],
            vec!["safe", "health"],
        ),
    ];
    for (themes, policies, want_themes, want_policies) in cases {
        let sandbox = Sandbox::new("themes");
        let file = sandbox.write(
            "t.csv",
            format!("{HEADER},ขอบข่ายเนื้อหา (themes),นโยบาย (policies)\n2026-11-01,1001,ข่าว,เนื้อหา,{themes},{policies}\n"),
        );
        let run = sandbox.import(&[&file]);
        assert_eq!(run.code, 0, "{themes} {policies}: {}", run.all());
        let item = &sandbox.imported()[0];
        let list = |key: &str| -> Vec<String> {
            item[key].as_array().map_or(Vec::new(), |list| {
                list.iter()
                    .map(|v| v.as_str().unwrap().to_owned())
                    .collect()
            })
        };
        assert_eq!(list("themes"), want_themes, "{themes}");
        assert_eq!(list("policies"), want_policies, "{policies}");
    }
}

#[test]
fn every_column_a_pr_officer_fills_goes_into_the_item() {
    let sandbox = Sandbox::new("columns");
    let file = sandbox.write(
        "all.csv",
        "\u{FEFF}หัวข้อภาษาอังกฤษ (title in English),Title,วันที่,District,Body,body in English,สรุปย่อ (summary),summary_en,ผู้เผยแพร่ (author),เครดิตข่าว (credit),Source URL,ภาพ (images),คำบรรยายภาพ (image captions),ข่าวตัวอย่าง (sample),หมายเหตุ (notes)\r\n\
         Canal cleaning,ลอกคลอง,2026-11-03,1020,\"ย่อหน้าหนึ่ง\r\n\r\nย่อหน้าสอง\",\"One\r\n\r\nTwo\",สรุป,Summary,ฝ่ายโยธา,ภาพ/ข่าว: ฝ่ายโยธา,https://www.bangkok.go.th/bangkoknoi/news/7,\"images/a.jpg; https://www.bangkok.go.th/b.jpg\",\"เรือเก็บขยะ, ในคลอง; เจ้าหน้าที่ลอกคลอง\",ไม่ใช่,ภายใน\r\n",
    );
    let run = sandbox.import(&[&file]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.out.contains("notes"),
        "the unknown column is named: {}",
        run.out
    );
    let item = &sandbox.imported()[0];
    let expected = serde_json::json!({
        "title": { "th": "ลอกคลอง", "en": "Canal cleaning" },
        "published": "2026-11-03",
        "summary": { "th": "สรุป", "en": "Summary" },
        "body": { "th": "ย่อหน้าหนึ่ง\n\nย่อหน้าสอง", "en": "One\n\nTwo" },
        "district": "1020",
        "group": "thon-nuea",
        "author": "ฝ่ายโยธา",
        "credit": "ภาพ/ข่าว: ฝ่ายโยธา",
        "images": [
            { "src": "images/a.jpg", "alt": { "th": "เรือเก็บขยะ, ในคลอง" } },
            { "src": "https://www.bangkok.go.th/b.jpg", "alt": { "th": "เจ้าหน้าที่ลอกคลอง" } }
        ],
        "source_url": "https://www.bangkok.go.th/bangkoknoi/news/7",
    });
    for (key, value) in expected.as_object().unwrap() {
        assert_eq!(&item[key], value, "{key}");
    }
    assert!(item.get("sample").is_none());
    sandbox.assert_valid();
}

#[test]
fn rows_without_a_district_take_the_district_option() {
    let sandbox = Sandbox::new("csv-district-option");
    let no_column = sandbox.write(
        "a.csv",
        "วันที่ (date),หัวข้อ (title),เนื้อหา (body)\n2026-11-01,ข่าวหนึ่ง,ก\n",
    );
    let empty_cell = sandbox.write(
        "b.csv",
        csv(&["2026-11-02,,ข่าวสอง,ข", "2026-11-03,1002,ข่าวสาม,ค"]),
    );
    let run = sandbox.import(&[&no_column, &empty_cell]);
    assert_eq!(run.code, 1);
    assert!(
        run.err
            .contains("line 1, field district: the header row has no such column"),
        "{}",
        run.err
    );
    assert!(
        run.err
            .contains("line 2, field district: is required but empty"),
        "{}",
        run.err
    );
    let run = sandbox.import(&[&no_column, &empty_cell, &"--district", &"บางกอกน้อย"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let districts: Vec<_> = sandbox
        .imported()
        .iter()
        .map(|item| item["district"].clone())
        .collect();
    assert_eq!(districts, ["1020", "1020", "1002"]);
}

#[test]
fn a_csv_saved_with_semicolons_reads_the_same() {
    let sandbox = Sandbox::new("semicolons");
    let file = sandbox.write(
        "s.csv",
        "วันที่ (date);เขต (district);หัวข้อ (title);เนื้อหา (body);นโยบาย (policies)\n2026-11-01;1001;ข่าว;เนื้อหา;\"safe, health\"\n",
    );
    assert_eq!(sandbox.import(&[&file]).code, 0);
    assert_eq!(
        sandbox.imported()[0]["policies"],
        serde_json::json!(["safe", "health"])
    );
}

/// A good row on line 2, then the bad one on line 3.
const BAD_ROWS: &[(&str, &str, &str, &str)] = &[
    (
        "31 ก.พ. 2562,1001,ข่าว,เนื้อหา",
        "line 3, field date: \"31 ก.พ. 2562\" is not a date",
        "บรรทัด 3 ช่อง วันที่: \"31 ก.พ. 2562\" ไม่ใช่วันที่",
        "date",
    ),
    (
        "2026-11-01,เขตพระนครศรีอยุธยา,ข่าว,เนื้อหา",
        "line 3, field district: there is no district \"เขตพระนครศรีอยุธยา\"",
        "บรรทัด 3 ช่อง เขต: ไม่พบเขต \"เขตพระนครศรีอยุธยา\"",
        "district",
    ),
    (
        "2026-11-01,1001,,เนื้อหา",
        "line 3, field title: is required but empty",
        "บรรทัด 3 ช่อง หัวข้อ: ต้องกรอก",
        "title",
    ),
];

#[test]
fn a_bad_row_changes_nothing_and_is_reported_by_line_field_and_reason() {
    for (row, english, thai, _) in BAD_ROWS {
        let sandbox = Sandbox::new("bad-row");
        let file = sandbox.write("bad.csv", csv(&["2026-11-01,1001,ข่าวดี,เนื้อหา", row]));
        let run = sandbox.import(&[&file]);
        assert_eq!(run.code, 1, "{row}: {}", run.all());
        sandbox.assert_untouched();
        assert!(run.err.contains(english), "{row}: {}", run.err);
        assert!(run.err.contains(thai), "{row}: {}", run.err);
        assert!(run.err.contains("nothing was imported") && run.err.contains("ไม่ได้นำเข้าอะไรเลย"));
    }
}

#[test]
fn an_unknown_policy_is_reported_with_the_ones_the_bundle_knows() {
    let sandbox = Sandbox::new("bad-policy");
    let file = sandbox.write(
        "p.csv",
        format!("{HEADER},นโยบาย (policies)\n2026-11-01,1001,ข่าว,เนื้อหา,\"ปลอดภัยดี; สร้างสรรค์ดี\"\n"),
    );
    let run = sandbox.import(&[&file]);
    assert_eq!(run.code, 1);
    sandbox.assert_untouched();
    assert!(
        run.err.contains(
            "line 2, field policies: there is no policy \"สร้างสรรค์ดี\" (known: safe, transparent"
        ),
        "{}",
        run.err
    );
    assert!(
        run.err
            .contains("บรรทัด 2 ช่อง นโยบาย: ไม่พบนโยบาย \"สร้างสรรค์ดี\""),
        "{}",
        run.err
    );
}

#[test]
fn with_skip_bad_the_good_rows_go_in_and_the_bad_ones_are_listed() {
    let sandbox = Sandbox::new("skip-bad");
    let mut rows = vec!["2026-11-01,1001,ข่าวดีหนึ่ง,เนื้อหา"];
    rows.extend(BAD_ROWS.iter().map(|(row, ..)| *row));
    rows.push("2026-11-02,ดุสิต,ข่าวดีสอง,เนื้อหา");
    let file = sandbox.write("mixed.csv", csv(&rows));
    let run = sandbox.import(&[&file, &"--skip-bad"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let titles: Vec<_> = sandbox
        .imported()
        .iter()
        .map(|item| item["title"]["th"].clone())
        .collect();
    assert_eq!(titles, ["ข่าวดีหนึ่ง", "ข่าวดีสอง"]);
    for (line, (_, _, _, field)) in (3..).zip(BAD_ROWS) {
        assert!(
            run.err.contains(&format!("line {line}, field {field}")),
            "{}",
            run.err
        );
    }
    assert!(
        run.out.contains("3 bad skipped") && run.err.contains("3 bad rows or entries were skipped"),
        "{}",
        run.all()
    );
    sandbox.assert_valid();
}

#[test]
fn a_row_the_apps_validation_refuses_is_reported_on_its_line() {
    // A body over the 200,000 bytes the app takes in one field: only `parse_bundle` knows.
    let sandbox = Sandbox::new("too-long");
    let body = "ข".repeat(70_000);
    let file = sandbox.write(
        "long.csv",
        csv(&[
            "2026-11-01,1001,ข่าวสั้น,เนื้อหา",
            &format!("2026-11-02,1001,ข่าวยาว,{body}"),
        ]),
    );
    let run = sandbox.import(&[&file]);
    assert_eq!(run.code, 1, "{}", run.all());
    sandbox.assert_untouched();
    assert!(
        run.err.contains("line 3, field body: the text is too long"),
        "{}",
        run.err
    );
    let run = sandbox.import(&[&file, &"--skip-bad"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(sandbox.imported().len(), 1);
}

#[test]
fn a_header_without_a_required_column_is_reported_on_line_one() {
    let sandbox = Sandbox::new("no-body");
    let file = sandbox.write(
        "h.csv",
        "วันที่ (date),เขต (district),หัวข้อ (title)\n2026-11-01,1001,ข่าว\n",
    );
    let run = sandbox.import(&[&file]);
    assert_eq!(run.code, 1);
    sandbox.assert_untouched();
    assert!(
        run.err
            .contains("line 1, field body: the header row has no such column"),
        "{}",
        run.err
    );
}
