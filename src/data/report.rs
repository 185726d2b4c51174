//! Everything the tool tells its user when it stops, each message in Thai and English side by
//! side, so that a district's PR officer reads it in Thai and the city's web team in either.
//! (What an import says about one row or entry is in `import::findings`.)

use city_comms::domain::i18n::{pick, Lang};
use city_comms::domain::validate::Issue;
use std::fmt::Write as _;

/// Why the whole import stops, leaving the source bundle as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The command line is wrong; the message says how.
    Usage {
        th: String,
        en: String,
    },
    NotFound {
        path: String,
    },
    Unreadable {
        path: String,
        detail: String,
    },
    TooLarge {
        path: String,
        bytes: u64,
        limit: u64,
    },
    Empty {
        path: String,
    },
    Utf16 {
        path: String,
    },
    /// Text in another encoding; `feed` when it looks like XML or JSON rather than CSV.
    NotUtf8 {
        path: String,
        line: usize,
        thai: bool,
        feed: bool,
    },
    /// The file ends in the middle of a character.
    CutOff {
        path: String,
    },
    /// An Excel workbook (.xlsx or .xls) rather than CSV.
    Workbook {
        path: String,
    },
    /// Bytes that are no text at all.
    NotText {
        path: String,
    },
    Unrecognised {
        path: String,
    },
    IsBundle {
        path: String,
    },
    BadFeed {
        path: String,
        detail: String,
    },
    BadCsv {
        path: String,
        detail: String,
    },
    SourceRefused {
        path: String,
        issues: Vec<Issue>,
    },
    MergedRefused {
        issues: Vec<Issue>,
    },
    Write {
        path: String,
        detail: String,
    },
    /// Rows or entries are bad and `--skip-bad` was not given.
    BadRows {
        rows: usize,
    },
}

/// How much the tool reads of one file: twice the bundle the app takes, so that a feed whose
/// markup outweighs its text still fits, and far from what would strain the machine.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

impl Failure {
    /// The exit code: 2 for a wrong command line, 1 for everything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage { .. } => 2,
            _ => 1,
        }
    }

    /// What went wrong, in `lang`; several lines for a list of problems.
    pub fn message(&self, lang: Lang) -> String {
        let th = lang == Lang::Th;
        match self {
            Failure::Usage { th: thai, en } => pick(lang, thai, en).clone(),
            Failure::NotFound { path } => pick(lang, format!("ไม่พบไฟล์ {path}"), format!("{path}: no such file")),
            Failure::Unreadable { path, detail } => pick(
                lang,
                format!("อ่านไฟล์ {path} ไม่ได้ ({detail})"),
                format!("{path} cannot be read ({detail})"),
            ),
            Failure::TooLarge { path, bytes, limit } => {
                let (mb, limit_mb) = (bytes.div_ceil(1024 * 1024), limit / (1024 * 1024));
                let limit_text = if *limit >= 1024 * 1024 {
                    format!("{limit_mb} MB")
                } else {
                    format!("{limit} bytes")
                };
                pick(
                    lang,
                    format!("ไฟล์ {path} ใหญ่เกินไป ({mb} MB) นำเข้าได้ไม่เกิน {limit_text} ต่อไฟล์: แบ่งเป็นหลายไฟล์"),
                    format!("{path} is too large ({mb} MB); at most {limit_text} a file can be imported: split it into several files"),
                )
            }
            Failure::Empty { path } => pick(lang, format!("ไฟล์ {path} ว่างเปล่า"), format!("{path} is empty")),
            Failure::Utf16 { path } => pick(
                lang,
                format!("ไฟล์ {path} บันทึกเป็น UTF-16 (\"Unicode Text\") ซึ่งนำเข้าไม่ได้: ใน Excel ให้บันทึกเป็น \"CSV UTF-8 (Comma delimited)\" แล้วลองใหม่"),
                format!("{path} is saved as UTF-16 (\"Unicode Text\"), which cannot be imported: in Excel, save it as \"CSV UTF-8 (Comma delimited)\" and try again"),
            ),
            Failure::NotUtf8 { path, line, thai, feed } => {
                let (guess_th, guess_en) = if *thai {
                    (
                        " ดูเหมือนเป็นภาษาไทยแบบ Windows-874 (TIS-620) ที่ Excel ใช้เมื่อบันทึกเป็น \"CSV (Comma delimited)\"",
                        " It looks like Thai in Windows-874 (TIS-620), which Excel writes for \"CSV (Comma delimited)\".",
                    )
                } else {
                    ("", "")
                };
                let (advice_th, advice_en) = if *feed {
                    (
                        "ให้ส่งออกฟีดเป็น UTF-8",
                        "Export the feed as UTF-8",
                    )
                } else {
                    (
                        "ให้บันทึกใหม่เป็น \"CSV UTF-8 (Comma delimited)\" (Excel) หรือดาวน์โหลดเป็น CSV จาก Google Sheets",
                        "Save it again as \"CSV UTF-8 (Comma delimited)\" (Excel), or download it as CSV from Google Sheets",
                    )
                };
                pick(
                    lang,
                    format!("ไฟล์ {path} ไม่ได้เข้ารหัสเป็น UTF-8 (พบที่บรรทัด {line}){guess_th} {advice_th}"),
                    format!("{path} is not UTF-8 (from line {line}).{guess_en} {advice_en}"),
                )
            }
            Failure::CutOff { path } => pick(
                lang,
                format!("ไฟล์ {path} จบกลางตัวอักษร อาจดาวน์โหลดหรือคัดลอกมาไม่ครบ"),
                format!("{path} ends in the middle of a character: it may have been cut off"),
            ),
            Failure::Workbook { path } => pick(
                lang,
                format!("ไฟล์ {path} เป็นสมุดงาน Excel ไม่ใช่ CSV: ใน Excel เลือก บันทึกเป็น (Save As) แล้วเลือก \"CSV UTF-8 (Comma delimited)\""),
                format!("{path} is an Excel workbook, not CSV: in Excel choose Save As, then \"CSV UTF-8 (Comma delimited)\""),
            ),
            Failure::NotText { path } => pick(
                lang,
                format!("ไฟล์ {path} ไม่ใช่ไฟล์ข้อความ (อาจเป็นรูปภาพ ไฟล์บีบอัด หรือไฟล์เสีย) นำเข้าได้เฉพาะ CSV UTF-8 และฟีด RSS, Atom, JSON Feed"),
                format!("{path} is not a text file (it may be a picture, an archive or damaged); only CSV UTF-8 and RSS, Atom or JSON feeds can be imported"),
            ),
            Failure::Unrecognised { path } => pick(
                lang,
                format!("ไฟล์ {path} ไม่ใช่ CSV ตามแม่แบบ (แถวแรกต้องเป็นหัวตาราง เช่น \"หัวข้อ (title)\") และไม่ใช่ฟีด RSS, Atom หรือ JSON Feed"),
                format!("{path} is neither a CSV from the template (its first row must be the header, such as \"หัวข้อ (title)\") nor an RSS, Atom or JSON feed"),
            ),
            Failure::IsBundle { path } => pick(
                lang,
                format!("ไฟล์ {path} เป็นไฟล์ข้อมูลของแอป (bundle) ไม่ใช่ไฟล์ข่าวที่จะนำเข้า: ไฟล์ข้อมูลต้องอยู่ก่อน แล้วตามด้วยไฟล์ข่าว"),
                format!("{path} is a bundle, not a news file to import: give the bundle first, then the news files"),
            ),
            Failure::BadFeed { path, detail } => pick(
                lang,
                format!("อ่านไฟล์ {path} เป็นฟีดไม่ได้: ไม่ใช่ RSS, Atom หรือ JSON Feed ที่ครบถ้วน อาจไม่ครบหรือเสียหาย ({detail})"),
                format!("{path} cannot be read as a feed: it is not a complete RSS, Atom or JSON Feed; it may be cut off or damaged ({detail})"),
            ),
            Failure::BadCsv { path, detail } => pick(
                lang,
                format!("อ่าน CSV {path} ไม่ได้ ({detail})"),
                format!("the CSV {path} cannot be read ({detail})"),
            ),
            Failure::SourceRefused { path, issues } => {
                let mut text = pick(
                    lang,
                    format!("ไฟล์ข้อมูล {path} ใช้ไม่ได้ จึงไม่ได้นำเข้าอะไร:"),
                    format!("the bundle {path} is not valid, so nothing was imported:"),
                );
                list_issues(&mut text, issues, lang);
                text
            }
            Failure::MergedRefused { issues } => {
                let mut text = pick(
                    lang,
                    "หากนำเข้าแล้ว ไฟล์ข้อมูลจะใช้ไม่ได้ จึงไม่ได้นำเข้าอะไร:".to_owned(),
                    "with these news the bundle would not be valid, so nothing was imported:".to_owned(),
                );
                list_issues(&mut text, issues, lang);
                text
            }
            Failure::Write { path, detail } => pick(
                lang,
                format!("บันทึก {path} ไม่ได้ ({detail}) ไฟล์เดิมยังอยู่ครบ"),
                format!("{path} cannot be written ({detail}); the old file is intact"),
            ),
            Failure::BadRows { rows } if th => format!(
                "มี {rows} แถว/รายการที่มีปัญหา จึงไม่ได้นำเข้าอะไรเลย: แก้ไขแล้วนำเข้าใหม่ หรือใช้ --skip-bad เพื่อนำเข้าเฉพาะแถวที่ถูกต้อง"
            ),
            Failure::BadRows { rows } => format!(
                "{rows} {} problems, so nothing was imported: fix them and import again, or give --skip-bad to import only the good ones",
                if *rows == 1 { "row or entry has" } else { "rows or entries have" }
            ),
        }
    }
}

fn list_issues(text: &mut String, issues: &[Issue], lang: Lang) {
    for issue in issues.iter().take(20) {
        let _ = write!(text, "\n  {}", issue.describe(lang));
    }
    if issues.len() > 20 {
        let more = issues.len() - 20;
        let _ = write!(
            text,
            "\n  {}",
            pick(
                lang,
                format!("… และอีก {more} รายการ"),
                format!("… and {more} more")
            )
        );
    }
}

/// Both languages of a message, Thai first, one under the other.
pub fn both(message: impl Fn(Lang) -> String) -> String {
    format!("{}\n{}", message(Lang::Th), message(Lang::En))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_failure_speaks_both_languages() {
        let failures = [
            Failure::TooLarge {
                path: "a".into(),
                bytes: 70 * 1024 * 1024,
                limit: MAX_INPUT_BYTES,
            },
            Failure::Utf16 { path: "a".into() },
            Failure::NotUtf8 {
                path: "a".into(),
                line: 2,
                thai: true,
                feed: false,
            },
            Failure::CutOff { path: "a".into() },
            Failure::Workbook { path: "a".into() },
            Failure::NotText { path: "a".into() },
            Failure::BadRows { rows: 3 },
        ];
        for failure in failures {
            let (th, en) = (failure.message(Lang::Th), failure.message(Lang::En));
            assert!(
                th.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)),
                "{th}"
            );
            assert!(en.starts_with(|c: char| c.is_ascii()), "{en}");
            assert_ne!(th, en);
        }
    }
}
