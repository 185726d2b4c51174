//! A district's feed into the bundle: RSS 2.0, Atom and JSON Feed 1.1, real-shaped, through
//! the real binary on a copy of the default bundle.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{fixture, rss, rss_item, Sandbox};
use serde_json::{json, Value};
use std::time::Instant;

/// Every string in a JSON value.
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(text) => out.push(text.clone()),
        Value::Array(list) => list.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

#[test]
fn an_rss_feed_becomes_the_districts_news() {
    let sandbox = Sandbox::new("rss");
    let run = sandbox.import(&[&fixture("rss-bangkok-noi.xml"), &"--district", &"1020"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.out.contains("RSS 2.0"), "{}", run.out);
    let imported = sandbox.imported();
    assert_eq!(imported.len(), 3);
    let first = &imported[0];
    assert_eq!(
        first["title"]["th"],
        "เขตบางกอกน้อยเร่งลอกคลองบางกอกน้อย รับมือน้ำหนุน"
    );
    assert_eq!(first["published"], "2026-11-16T09:30:00+07:00");
    assert_eq!(
        first["summary"]["th"],
        "เขตบางกอกน้อยลอกคลองก่อนน้ำหนุนสูงสุดปลายเดือน"
    );
    assert_eq!(
        first["body"]["th"],
        "(16 พ.ย. 69) เวลา 09.30 น. สำนักงานเขตบางกอกน้อยร่วมกับสำนักการระบายน้ำ ลอกคลองบางกอกน้อยช่วงวัดศรีสุดาราม ระยะทาง 800 เมตร\n\nผู้อำนวยการเขตขอให้ประชาชนริมคลองยกของขึ้นที่สูงในช่วงน้ำหนุน และติดตามประกาศของเขต"
    );
    assert_eq!(first["district"], "1020");
    assert_eq!(first["group"], "thon-nuea");
    assert_eq!(first["themes"], json!(["safe-streets"]));
    assert_eq!(first["policies"], json!(["safe"]));
    assert_eq!(first["author"], "ฝ่ายปกครอง สำนักงานเขตบางกอกน้อย");
    assert_eq!(
        first["source_url"],
        "https://www.bangkok.go.th/bangkoknoi/news/1201"
    );
    // An entry with no guid gets its id from its link; escaped HTML is made plain too.
    let second = &imported[1];
    assert_eq!(
        second["body"]["th"],
        "ผู้สูงอายุ 65 ปีขึ้นไปรับวัคซีนไข้หวัดใหญ่ได้ฟรี & ไม่ต้องนัดล่วงหน้า\n\nนำบัตรประชาชน\nวันจันทร์ถึงศุกร์"
    );
    assert!(second["id"].as_str().unwrap().starts_with("d1020-"));
    sandbox.assert_valid();
}

#[test]
fn an_atom_feed_becomes_news_and_an_entry_may_name_its_own_district() {
    let sandbox = Sandbox::new("atom");
    let run = sandbox.import(&[
        &fixture("atom-phra-nakhon.xml"),
        &"--district",
        &"เขตพระนคร",
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.out.contains("Atom"), "{}", run.out);
    let imported = sandbox.imported();
    assert_eq!(imported.len(), 2);
    assert_eq!(imported[0]["district"], "1001");
    assert_eq!(imported[0]["published"], "2026-11-17T10:00:00+07:00");
    assert_eq!(
        imported[0]["summary"]["th"],
        "เทศกิจเขตพระนครจัดระเบียบผู้ค้าให้ทางเท้าเดินได้สะดวก"
    );
    assert_eq!(
        imported[0]["body"]["th"],
        "เจ้าหน้าที่เทศกิจเขตพระนครร่วมกับผู้ค้าถนนข้าวสาร จัดระเบียบแผงค้าให้ถอยร่นจากทางเท้า 1 เมตร\n\nผู้ค้าที่ลงทะเบียนแล้วขายได้ตั้งแต่ 18.00 น."
    );
    assert_eq!(imported[0]["policies"], json!(["safe"]));
    // The second names เขตดุสิต in a category; its title was escaped twice; xhtml content.
    assert_eq!(imported[1]["district"], "1002");
    assert_eq!(
        imported[1]["title"]["th"],
        "เขตดุสิตร่วมกิจกรรมปลูกต้นไม้ริมคลองผดุงกรุงเกษม"
    );
    assert_eq!(
        imported[1]["body"]["th"],
        "เขตพระนครและเขตดุสิตปลูกต้นไม้ 200 ต้น ริมคลอง\n\nชวนประชาชนร่วมดูแลต้นไม้"
    );
    assert_eq!(imported[1]["published"], "2026-11-15T09:00:00+07:00");
    assert_eq!(imported[1]["themes"], json!(["green-clean"]));
    sandbox.assert_valid();
}

#[test]
fn a_json_feed_1_1_becomes_news() {
    let sandbox = Sandbox::new("jsonfeed");
    let run = sandbox.import(&[
        &fixture("jsonfeed-chatuchak.json"),
        &"--district",
        &"Chatuchak",
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.out.contains("JSON Feed"), "{}", run.out);
    let imported = sandbox.imported();
    assert_eq!(imported.len(), 2);
    assert_eq!(imported[0]["district"], "1030");
    assert_eq!(imported[0]["summary"]["th"], "ลานกีฬาใหม่ใกล้บ้าน เปิดทุกวัน");
    assert_eq!(
        imported[0]["body"]["th"],
        "สำนักงานเขตจตุจักรเปิดลานกีฬาชุมชนแห่งใหม่ พร้อมเครื่องออกกำลังกาย 12 ชุด\n\nเปิดทุกวัน 05.00–21.00 น."
    );
    assert_eq!(imported[0]["themes"], json!(["health-care"]));
    assert_eq!(imported[0]["policies"], json!(["health", "society"]));
    assert_eq!(imported[0]["author"], "ฝ่ายประชาสัมพันธ์ สำนักงานเขตจตุจักร");
    assert_eq!(
        imported[1]["body"]["th"],
        "ผู้ค้าตลาดนัดจตุจักร 300 ร้านร่วมงดแจกถุงพลาสติกทุกวันพุธ\n\nประชาชนนำถุงผ้ามาเองได้รับส่วนลด"
    );
    assert_eq!(imported[1]["author"], "ฝ่ายสิ่งแวดล้อมและสุขาภิบาล");
    assert_eq!(imported[1]["policies"], json!(["environment"]));
    sandbox.assert_valid();
}

#[test]
fn importing_a_feed_twice_leaves_the_file_byte_identical() {
    for name in [
        "rss-bangkok-noi.xml",
        "atom-phra-nakhon.xml",
        "jsonfeed-chatuchak.json",
    ] {
        let sandbox = Sandbox::new("feed-twice");
        assert_eq!(
            sandbox
                .import(&[&fixture(name), &"--district", &"1020"])
                .code,
            0
        );
        let first = std::fs::read(&sandbox.bundle).unwrap();
        let run = sandbox.import(&[&fixture(name), &"--district", &"1020"]);
        assert_eq!(run.code, 0, "{name}");
        assert_eq!(std::fs::read(&sandbox.bundle).unwrap(), first, "{name}");
    }
}

#[test]
fn a_feed_whose_entries_name_no_district_needs_the_district_option() {
    let sandbox = Sandbox::new("no-district");
    let run = sandbox.import(&[&fixture("rss-bangkok-noi.xml")]);
    assert_eq!(run.code, 1);
    sandbox.assert_untouched();
    assert!(
        run.err
            .contains("entry 1, field district: names no district: give --district"),
        "{}",
        run.err
    );
    assert!(
        run.err.contains("รายการที่ 1 ช่อง เขต: ไม่ระบุเขต"),
        "{}",
        run.err
    );
    let run = sandbox.import(&[&fixture("rss-bangkok-noi.xml"), &"--district", &"Atlantis"]);
    assert_eq!(run.code, 2);
    assert!(
        run.err
            .contains("--district Atlantis: there is no such district"),
        "{}",
        run.err
    );
}

#[test]
fn markup_in_an_entry_comes_out_as_plain_text_in_every_feed_format() {
    let hostile = "<script>alert(1)</script><p>ข่าว</p><img src=x onerror=alert(1)><style>p{color:red}</style><iframe src=\"javascript:alert(1)\"></iframe>";
    let escaped = hostile
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let json_text = serde_json::to_string(hostile).unwrap();
    let feeds = [
        ("rss.xml", rss(&rss_item("x-1", "หัวข้อ &lt;b&gt;ตัวหนา&lt;/b&gt;", "Mon, 16 Nov 2026 09:30:00 +0700", hostile))),
        (
            "atom.xml",
            format!(
                "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><id>f</id><updated>2026-11-16T09:30:00Z</updated>\
                 <entry><title type=\"html\">หัวข้อ &lt;b&gt;ตัวหนา&lt;/b&gt;</title><id>x-1</id><updated>2026-11-16T09:30:00Z</updated>\
                 <summary type=\"html\">{escaped}</summary><content type=\"html\">{escaped}</content></entry></feed>"
            ),
        ),
        (
            "feed.json",
            format!(
                "{{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"t\",\"items\":[{{\"id\":\"x-1\",\"title\":\"หัวข้อ <b>ตัวหนา</b>\",\"content_html\":{json_text},\"summary\":{json_text},\"date_published\":\"2026-11-16T09:30:00+07:00\"}}]}}"
            ),
        ),
    ];
    for (name, text) in feeds {
        let sandbox = Sandbox::new("markup");
        let file = sandbox.write(name, text);
        let run = sandbox.import(&[&file, &"--district", &"1001"]);
        assert_eq!(run.code, 0, "{name}: {}", run.all());
        let imported = sandbox.imported();
        assert_eq!(imported.len(), 1, "{name}");
        assert_eq!(imported[0]["body"]["th"], "ข่าว", "{name}");
        assert_eq!(imported[0]["title"]["th"], "หัวข้อ ตัวหนา", "{name}");
        let mut texts = Vec::new();
        strings(&imported[0], &mut texts);
        for text in texts {
            assert!(
                !text.contains('<') && !text.contains("alert"),
                "{name}: {text}"
            );
        }
    }
}

#[test]
fn of_entries_with_one_guid_the_newer_goes_in_and_the_report_says_so() {
    let older = "Mon, 09 Nov 2026 09:00:00 +0700";
    let newer = "Mon, 16 Nov 2026 09:00:00 +0700";
    // (first entry's date, second entry's date, the body that must win)
    let cases = [
        (older, newer, "ฉบับสอง"),
        (newer, older, "ฉบับหนึ่ง"),
        (older, older, "ฉบับสอง"),
    ];
    for (first, second, winner) in cases {
        let sandbox = Sandbox::new("dup-guid");
        let items = rss_item("same", "ข่าว", first, "<p>ฉบับหนึ่ง</p>")
            + &rss_item("same", "ข่าว", second, "<p>ฉบับสอง</p>");
        let file = sandbox.write("dup.xml", rss(&items));
        let run = sandbox.import(&[&file, &"--district", &"1001"]);
        assert_eq!(run.code, 0, "{}", run.all());
        let imported = sandbox.imported();
        assert_eq!(imported.len(), 1);
        assert_eq!(imported[0]["body"]["th"], winner, "{first} / {second}");
        assert!(
            run.out.contains("have the same id") && run.out.contains("รหัสข่าว"),
            "{}",
            run.out
        );
    }
}

#[test]
fn a_newer_feed_entry_replaces_the_item_and_an_older_copy_does_not() {
    let sandbox = Sandbox::new("feed-versions");
    let entry = |updated: &str, body: &str| {
        format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><id>f</id><updated>{updated}</updated>\
             <entry><title>ซ้อมอพยพหนีไฟ</title><id>tag:pr,2026:77</id><link href=\"https://www.bangkok.go.th/n/77\"/>\
             <published>2026-11-10T09:00:00+07:00</published><updated>{updated}</updated><content type=\"html\">&lt;p&gt;{body}&lt;/p&gt;</content></entry></feed>"
        )
    };
    let first = sandbox.write("a.xml", entry("2026-11-10T09:00:00+07:00", "ฉบับแรก"));
    assert_eq!(sandbox.import(&[&first, &"--district", &"1001"]).code, 0);
    let id = sandbox.imported()[0]["id"].as_str().unwrap().to_owned();
    let edited = sandbox.write("b.xml", entry("2026-11-12T09:00:00+07:00", "ฉบับแก้"));
    let run = sandbox.import(&[&edited, &"--district", &"1001"]);
    assert!(run.out.contains("1 replaced"), "{}", run.out);
    assert_eq!(sandbox.item(&id)["body"]["th"], "ฉบับแก้");
    assert_eq!(sandbox.item(&id)["published"], "2026-11-10T09:00:00+07:00");
    // A copy last updated before the bundle's item was published is older than it.
    let stale = sandbox.write("c.xml", entry("2026-11-09T09:00:00+07:00", "ฉบับเก่า"));
    let before = sandbox.bundle_text();
    let run = sandbox.import(&[&stale, &"--district", &"1001"]);
    assert_eq!(run.code, 0);
    assert!(run.out.contains("newer than this entry"), "{}", run.out);
    assert_eq!(sandbox.bundle_text(), before);
}

#[test]
fn an_entry_without_guid_or_link_or_with_a_script_link_is_reported() {
    let sandbox = Sandbox::new("bad-entries");
    let items = "<item><title>ไม่มีรหัส</title><pubDate>Mon, 16 Nov 2026 09:00:00 +0700</pubDate><description>ก</description></item>\n\
                 <item><title>ลิงก์แปลก</title><link>javascript:alert(1)</link><pubDate>Mon, 16 Nov 2026 09:00:00 +0700</pubDate><description>ข</description></item>\n\
                 <item><title>ไม่มีวันที่</title><guid>g-3</guid><description>ค</description></item>\n\
                 <item><guid>g-4</guid><pubDate>Mon, 16 Nov 2026 09:00:00 +0700</pubDate><description>ง</description></item>\n";
    let file = sandbox.write("bad.xml", rss(items));
    let run = sandbox.import(&[&file, &"--district", &"1001"]);
    assert_eq!(run.code, 1);
    sandbox.assert_untouched();
    for expected in [
        "entry 1, field guid: has neither a guid/id nor a link",
        "entry 2, field link: link \"javascript:alert(1)\" is not allowed",
        "entry 3, field date: is required but empty",
        "entry 4, field title: is required but empty",
    ] {
        assert!(run.err.contains(expected), "{expected}: {}", run.err);
    }
}

#[test]
fn a_feed_of_ten_thousand_entries_imports_whole() {
    let sandbox = Sandbox::new("ten-thousand");
    let mut items = String::new();
    for n in 0..10_000 {
        let day = n % 28 + 1;
        items.push_str(&rss_item(
            &format!("bulk-{n}"),
            &format!("ข่าวที่ {n}"),
            &format!("{day:02} Nov 2026 09:00:00 +0700"),
            &format!("<p>เนื้อหาข่าวที่ {n}</p><p>ย่อหน้าที่สอง</p>"),
        ));
    }
    let file = sandbox.write("bulk.xml", rss(&items));
    let started = Instant::now();
    let run = sandbox.import(&[&file, &"--district", &"1001"]);
    let took = started.elapsed();
    println!("10,000 entries imported in {took:?}");
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.out.contains("10000 new"), "{}", run.out);
    let imported = sandbox.imported();
    assert_eq!(imported.len(), 10_000);
    assert_eq!(imported[9_999]["title"]["th"], "ข่าวที่ 9999");
    assert_eq!(imported[9_999]["body"]["th"], "เนื้อหาข่าวที่ 9999\n\nย่อหน้าที่สอง");
    let ids: std::collections::HashSet<_> =
        imported.iter().map(|item| item["id"].clone()).collect();
    assert_eq!(ids.len(), 10_000);
    sandbox.assert_valid();
}
