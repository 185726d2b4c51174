//! Files that are not what they should be: too large, in another encoding, cut off, not text
//! at all. Each gets a clear message in Thai and English, the bundle stays as it was, and
//! nothing panics.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{csv, fixture, rss, rss_item, template, Sandbox, HEADER};
use std::time::Instant;

/// Thai text in Windows-874 (TIS-620), as Excel saves "CSV (Comma delimited)" on a Thai
/// Windows: ASCII as it is, Thai letters U+0E01–U+0E5B at 0xA1–0xFB.
fn windows_874(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match u32::from(c) {
            code @ 0..=0x7F => code as u8,
            code @ 0x0E01..=0x0E5B => (code - 0x0E01 + 0xA1) as u8,
            _ => b'?',
        })
        .collect()
}

fn utf16(text: &str, little_endian: bool, bom: bool) -> Vec<u8> {
    let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
    units
        .flat_map(|unit| {
            if little_endian {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            }
        })
        .collect()
}

#[test]
fn a_csv_in_another_encoding_gets_a_message_to_save_it_as_csv_utf8() {
    let text = std::fs::read_to_string(template()).unwrap();
    let text = text.trim_start_matches('\u{FEFF}');
    let cases: [(&str, Vec<u8>, &str); 4] = [
        (
            "windows-874.csv",
            windows_874(text),
            "Windows-874 (TIS-620)",
        ),
        ("utf16le.csv", utf16(text, true, true), "UTF-16"),
        ("utf16be.csv", utf16(text, false, true), "UTF-16"),
        ("utf16-no-bom.csv", utf16(text, true, false), "UTF-16"),
    ];
    for (name, bytes, named) in cases {
        let sandbox = Sandbox::new("encoding");
        let file = sandbox.write(name, bytes);
        let run = sandbox.import(&[&file]);
        assert_eq!(run.code, 1, "{name}");
        sandbox.assert_untouched();
        assert!(run.err.contains(named), "{name}: {}", run.err);
        assert!(
            run.err.contains("\"CSV UTF-8 (Comma delimited)\""),
            "{name}: {}",
            run.err
        );
        assert!(run.err.contains("บันทึก"), "{name}: {}", run.err);
    }
}

#[test]
fn cut_off_damaged_or_foreign_files_get_a_clear_message_and_change_nothing() {
    let rss_text = std::fs::read_to_string(fixture("rss-bangkok-noi.xml")).unwrap();
    let atom_text = std::fs::read_to_string(fixture("atom-phra-nakhon.xml")).unwrap();
    let json_text = std::fs::read_to_string(fixture("jsonfeed-chatuchak.json")).unwrap();
    let cut = |text: &str, at: &str| text.as_bytes()[..text.find(at).unwrap()].to_vec();
    let mid_character = {
        let bytes = rss_text.as_bytes();
        let thai = rss_text.find("ข่าวสำนักงาน").unwrap();
        bytes[..thai + 1].to_vec()
    };
    let mut noise = Vec::new();
    let mut seed: u32 = 12345;
    for _ in 0..5000 {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
        noise.push((seed >> 16) as u8);
    }
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "rss-cut.xml",
            cut(&rss_text, "</channel>"),
            "cannot be read as a feed",
        ),
        (
            "rss-cut-in-item.xml",
            cut(&rss_text, "<dc:creator>"),
            "cannot be read as a feed",
        ),
        (
            "atom-cut.xml",
            cut(&atom_text, "</feed>"),
            "cannot be read as a feed",
        ),
        (
            "feed-cut.json",
            cut(&json_text, "\"tags\""),
            "cannot be read as a feed",
        ),
        (
            "cut-in-a-letter.xml",
            mid_character,
            "ends in the middle of a character",
        ),
        ("noise.bin", noise, "is not a text file"),
        (
            "photo.png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            "is not a text file",
        ),
        (
            "news.xlsx",
            b"PK\x03\x04\x14\0\x06\0\x08\0".to_vec(),
            "is an Excel workbook",
        ),
        ("empty.csv", Vec::new(), "is empty"),
        ("bom-only.csv", b"\xEF\xBB\xBF\r\n".to_vec(), "is empty"),
        (
            "page.html",
            b"<!DOCTYPE html><html><body><p>hi</p></body></html>".to_vec(),
            "cannot be read as a feed",
        ),
        (
            "notes.txt",
            "บันทึกการประชุม\nไม่ใช่ตาราง\n".as_bytes().to_vec(),
            "is neither a CSV from the template",
        ),
        (
            "other.json",
            b"{\"a\": [1, 2]}".to_vec(),
            "cannot be read as a feed",
        ),
        (
            "bundle.copy.json",
            common::default_bundle().as_bytes().to_vec(),
            "is a bundle, not a news file",
        ),
    ];
    for (name, bytes, message) in cases {
        let sandbox = Sandbox::new("damaged");
        let file = sandbox.write(name, bytes);
        let run = sandbox.import(&[&file, &"--district", &"1001"]);
        assert_eq!(run.code, 1, "{name}: {}", run.all());
        sandbox.assert_untouched();
        assert!(run.err.contains(message), "{name}: {}", run.err);
        assert!(
            run.err
                .chars()
                .any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)),
            "{name}: no Thai in {}",
            run.err
        );
    }
}

#[test]
fn odd_csvs_never_make_the_importer_panic() {
    let cases: Vec<(&str, String)> = vec![
        ("header only", format!("{HEADER}\n")),
        (
            "duplicate column",
            format!("{HEADER},หัวข้อ (title)\n2026-11-01,1001,ก,ข,ค\n"),
        ),
        ("ambiguous column", format!("{HEADER},หัวข้อ (body)\n")),
        (
            "more cells than columns",
            csv(&["2026-11-01,1001,ก,ข,เกิน,เกินอีก"]),
        ),
        ("fewer cells", csv(&["2026-11-01,1001"])),
        ("unclosed quote", csv(&["2026-11-01,1001,\"ไม่ปิด,ข"])),
        ("quotes inside", csv(&["2026-11-01,1001,ก\"ข\"ค,\"\"\"\""])),
        (
            "a thousand columns",
            format!("{HEADER}{}\n", ",x".repeat(1000)),
        ),
        ("only separators", ",,,,\n,,,\n".to_owned()),
        (
            "carriage returns only",
            format!("{HEADER}\r2026-11-01,1001,ก,ข\r"),
        ),
        ("blank rows", csv(&["", ",,,", "2026-11-01,1001,ก,ข", ""])),
        (
            "huge day",
            csv(&["99999999999999999999 ต.ค. 2562,1001,ก,ข"]),
        ),
        (
            "emoji and marks",
            csv(&["2026-11-01,1001,\u{0E33}\u{0E4C}🙂\u{202E},\u{200B}"]),
        ),
        (
            "id with capitals",
            format!("รหัสข่าว (id),{HEADER}\nMy-News,2026-11-01,1001,ก,ข\n"),
        ),
        (
            "bad id",
            format!("รหัสข่าว (id),{HEADER}\nข่าว/1,2026-11-01,1001,ก,ข\n"),
        ),
    ];
    for (what, text) in cases {
        let sandbox = Sandbox::new("odd-csv");
        let file = sandbox.write("odd.csv", text);
        let run = sandbox.import(&[&file]);
        assert!(matches!(run.code, 0 | 1), "{what}: {}", run.all());
        if run.code == 1 {
            sandbox.assert_untouched();
        } else {
            sandbox.assert_valid();
        }
    }
}

#[test]
fn the_size_limit_takes_a_file_at_the_limit_and_refuses_one_byte_over() {
    let sandbox = Sandbox::new("limit");
    let file = sandbox.write("t.csv", csv(&["2026-11-01,1001,ข่าว,เนื้อหา"]));
    let size = std::fs::metadata(&file).unwrap().len();
    let run = sandbox.import(&[&file, &"--max-bytes", &(size - 1).to_string()]);
    assert_eq!(run.code, 1);
    sandbox.assert_untouched();
    assert!(
        run.err
            .contains(&format!("at most {} bytes a file", size - 1)),
        "{}",
        run.err
    );
    assert!(run.err.contains("ใหญ่เกินไป"), "{}", run.err);
    let run = sandbox.import(&[&file, &"--max-bytes", &size.to_string()]);
    assert_eq!(run.code, 0, "{}", run.all());
}

#[test]
fn a_file_over_the_default_limit_of_64_mb_is_refused_without_being_read() {
    let sandbox = Sandbox::new("over-64mb");
    let path = sandbox.dir.join("huge.xml");
    // A sparse file: its size is on disk without its bytes being written.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(64 * 1024 * 1024 + 1).unwrap();
    let started = Instant::now();
    let run = sandbox.import(&[&path, &"--district", &"1001"]);
    assert_eq!(run.code, 1);
    sandbox.assert_untouched();
    assert!(
        run.err
            .contains("is too large (65 MB); at most 64 MB a file"),
        "{}",
        run.err
    );
    assert!(started.elapsed().as_secs() < 10);
}

#[test]
fn a_50_mb_feed_is_imported_without_panic() {
    let sandbox = Sandbox::new("fifty-mb");
    // Mostly style sheets, as pages pasted from a web editor carry: dropped from the text, so
    // the news it holds fits in the bundle.
    let style = format!(
        "<style>{}</style>",
        "p.x{color:#123456;margin:0 auto;padding:1px}".repeat(540)
    );
    let mut items = String::new();
    let mut count = 0;
    while items.len() < 50 * 1024 * 1024 {
        items.push_str(&rss_item(
            &format!("big-{count}"),
            &format!("ข่าวที่ {count}"),
            "Mon, 16 Nov 2026 09:30:00 +0700",
            &format!("{style}<p>เนื้อหาข่าวที่ {count}</p>"),
        ));
        count += 1;
    }
    let file = sandbox.write("big.xml", rss(&items));
    let started = Instant::now();
    let run = sandbox.import(&[&file, &"--district", &"1001"]);
    println!(
        "a {} MB feed of {count} entries imported in {:?}",
        items.len() / (1024 * 1024),
        started.elapsed()
    );
    assert_eq!(run.code, 0, "{}", run.all());
    let imported = sandbox.imported();
    assert_eq!(imported.len(), count);
    assert_eq!(imported[0]["body"]["th"], "เนื้อหาข่าวที่ 0");
}

#[test]
fn a_source_that_is_not_a_valid_bundle_is_refused_and_left_alone() {
    let sandbox = Sandbox::new("bad-source");
    let news = sandbox.write("n.csv", csv(&["2026-11-01,1001,ข่าว,เนื้อหา"]));
    let cases: [(&str, &str); 3] = [
        ("{\"format\": \"city-comms/1\"", "the bundle"),
        ("{\"format\": \"city-comms/2\"}", "is not valid"),
        ("not json", "is not valid"),
    ];
    for (text, message) in cases {
        std::fs::write(&sandbox.bundle, text).unwrap();
        let run = sandbox.import(&[&news]);
        assert_eq!(run.code, 1, "{text}");
        assert_eq!(std::fs::read_to_string(&sandbox.bundle).unwrap(), text);
        assert!(
            run.err.contains(message) && run.err.contains("ไฟล์ข้อมูล"),
            "{text}: {}",
            run.err
        );
    }
    std::fs::remove_file(&sandbox.bundle).unwrap();
    let run = sandbox.import(&[&news]);
    assert_eq!(run.code, 1);
    assert!(
        run.err.contains("no such file") && run.err.contains("ไม่พบไฟล์"),
        "{}",
        run.err
    );
}
