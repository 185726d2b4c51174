//! What can be wrong in a bundle, where, and how it is said in Thai and English.

use super::{FORMAT, MAX_BUNDLE_BYTES, MAX_NEWS_ITEMS, MAX_STRING_BYTES};
use crate::domain::i18n::{pick, Lang};
use std::fmt::{self, Write as _};

/// One problem, where it is and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The JSON path, such as `news[12].district`; empty for the document itself.
    pub path: String,
    /// What is wrong there.
    pub problem: Problem,
}

/// What can be wrong in a bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The text is not JSON.
    NotJson { line: usize, column: usize },
    /// The JSON stops before it is complete, as a cut-off download does.
    Truncated,
    /// Arrays or objects nested deeper than any bundle needs.
    TooDeep,
    /// A required field is absent or `null`.
    Missing,
    /// A field holds another kind of value than it should.
    WrongType { expected: Expected },
    /// A text that must say something is empty or only spaces.
    Blank,
    /// `format` names something other than a city-comms bundle.
    UnknownFormat { found: String },
    /// `format` names a major version of city-comms this app does not read.
    UnsupportedVersion { found: String },
    /// An id uses characters other than `a-z`, `0-9` and `-`.
    BadId { found: String },
    /// An id is used a second time in its list.
    DuplicateId { id: String },
    /// A reference to an id that does not exist.
    UnknownReference { kind: RefKind, id: String },
    /// A news item's group disagrees with its district's.
    GroupMismatch { district: String, group: String },
    /// Not a calendar date that exists, nor an RFC 3339 timestamp.
    BadDate { found: String },
    /// A URL with a scheme other than `https:` or `http:`, or one that is malformed.
    BadUrl { found: String },
    /// An embedding origin that is not of the form `https://host[:port]`.
    BadOrigin { found: String },
    /// A district code outside `1001`–`1050`.
    BadDistrictCode { found: String },
    /// The plan's first year comes after its last.
    BadPeriod,
    /// A guideline's owner is neither `central` nor `district`.
    BadOwner { found: String },
    /// The whole file is larger than the app will read on a phone.
    TooLarge { bytes: usize },
    /// More news items than the app will index on a phone.
    TooManyItems { found: usize },
    /// A single text far longer than any article.
    TooLong { bytes: usize },
    /// A priority topic's id that two themes share, so that a news item cannot name it.
    AmbiguousTopic { id: String },
    /// A number outside what the field allows.
    OutOfRange { found: u64, min: u64, max: u64 },
    /// A target's `per` is not `month`, `quarter` or `year`.
    BadPer { found: String },
}

/// The kind of value a field should hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Object,
    List,
    String,
    Text,
    WholeNumber,
    Year,
    Boolean,
}

/// What a reference points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    Policy,
    DistrictGroup,
    District,
    Theme,
    Topic,
}

impl Expected {
    fn describe(self, lang: Lang) -> &'static str {
        let (th, en) = match self {
            Expected::Object => ("ออบเจกต์ JSON { … }", "a JSON object { … }"),
            Expected::List => ("รายการ [ … ]", "a list [ … ]"),
            Expected::String => ("ข้อความ", "a string"),
            Expected::Text => (
                "ข้อความสองภาษา { \"th\": …, \"en\": … }",
                "text in the form { \"th\": …, \"en\": … }",
            ),
            Expected::WholeNumber => ("จำนวนเต็มตั้งแต่ 0 ขึ้นไป", "a whole number, 0 or more"),
            Expected::Year => ("ปีเป็นตัวเลข เช่น 2566", "a year as a number, such as 2566"),
            Expected::Boolean => ("true หรือ false", "true or false"),
        };
        pick(lang, th, en)
    }
}

impl RefKind {
    fn describe(self, lang: Lang) -> &'static str {
        let (th, en) = match self {
            RefKind::Policy => ("นโยบาย", "policy"),
            RefKind::DistrictGroup => ("กลุ่มเขต", "district group"),
            RefKind::District => ("เขต", "district"),
            RefKind::Theme => ("ขอบข่ายเนื้อหา", "theme"),
            RefKind::Topic => ("ประเด็นเน้นหนัก", "priority topic"),
        };
        pick(lang, th, en)
    }
}

impl Problem {
    /// What is wrong, in words a content editor understands.
    pub fn message(&self, lang: Lang) -> String {
        use Problem::*;
        match (self, lang) {
            (NotJson { line, column }, Lang::Th) => {
                format!("ไฟล์ข้อมูลไม่ใช่ JSON ที่ถูกต้อง (บรรทัด {line} ตำแหน่ง {column})")
            }
            (NotJson { line, column }, Lang::En) => {
                format!("the data file is not valid JSON (line {line}, column {column})")
            }
            (Truncated, _) => pick(
                lang,
                "ไฟล์ข้อมูลจบก่อนครบถ้วน อาจดาวน์โหลดมาไม่หมด",
                "the data file ends before it is complete; it may have been cut off",
            )
            .to_owned(),
            (TooDeep, _) => pick(
                lang,
                "ข้อมูลซ้อนกันลึกเกินกว่าที่ไฟล์ข้อมูลของแอปจะมีได้",
                "the data is nested far deeper than any bundle can be",
            )
            .to_owned(),
            (Missing, _) => pick(lang, "ขาดข้อมูลที่จำเป็น", "is required but missing").to_owned(),
            (WrongType { expected }, Lang::Th) => format!("ควรเป็น{}", expected.describe(lang)),
            (WrongType { expected }, Lang::En) => format!("should be {}", expected.describe(lang)),
            (Blank, _) => pick(lang, "ต้องไม่เว้นว่าง", "must not be empty").to_owned(),
            (UnknownFormat { found }, Lang::Th) => format!(
                "ไม่ใช่ไฟล์ข้อมูลของแอปนี้ (format คือ \"{}\" แต่ควรเป็น \"{FORMAT}\")",
                snippet(found)
            ),
            (UnknownFormat { found }, Lang::En) => format!(
                "is not a data file for this app (format is \"{}\", expected \"{FORMAT}\")",
                snippet(found)
            ),
            (UnsupportedVersion { found }, Lang::Th) => format!(
                "เป็นรุ่น \"{}\" ซึ่งแอปนี้ยังอ่านไม่ได้ (อ่านได้เฉพาะ \"{FORMAT}\")",
                snippet(found)
            ),
            (UnsupportedVersion { found }, Lang::En) => format!(
                "is version \"{}\", which this app cannot read (it reads \"{FORMAT}\")",
                snippet(found)
            ),
            (BadId { found }, Lang::Th) => {
                format!("รหัส \"{}\" ใช้ได้เฉพาะ a–z, 0–9 และ -", snippet(found))
            }
            (BadId { found }, Lang::En) => {
                format!("id \"{}\" may only use a–z, 0–9 and -", snippet(found))
            }
            (DuplicateId { id }, Lang::Th) => {
                format!("รหัส \"{}\" ซ้ำกับรายการก่อนหน้า", snippet(id))
            }
            (DuplicateId { id }, Lang::En) => format!("id \"{}\" is used twice", snippet(id)),
            (UnknownReference { kind, id }, Lang::Th) => {
                format!("ไม่พบ{}รหัส \"{}\"", kind.describe(lang), snippet(id))
            }
            (UnknownReference { kind, id }, Lang::En) => format!(
                "refers to {} \"{}\", which does not exist",
                kind.describe(lang),
                snippet(id)
            ),
            (GroupMismatch { district, group }, Lang::Th) => format!(
                "กลุ่มเขตไม่ตรงกับเขต {} ซึ่งอยู่ในกลุ่ม \"{}\"",
                snippet(district),
                snippet(group)
            ),
            (GroupMismatch { district, group }, Lang::En) => format!(
                "does not match district {}, which is in group \"{}\"",
                snippet(district),
                snippet(group)
            ),
            (BadDate { found }, Lang::Th) => format!(
                "วันที่ \"{}\" ไม่ถูกต้องหรือไม่มีอยู่จริง (ใช้รูปแบบ 2019-10-10)",
                snippet(found)
            ),
            (BadDate { found }, Lang::En) => format!(
                "\"{}\" is not a real date (write it as 2019-10-10)",
                snippet(found)
            ),
            (BadUrl { found }, Lang::Th) => format!(
                "ลิงก์ \"{}\" ใช้ไม่ได้ (ใช้ได้เฉพาะ https:, http: หรือที่อยู่ภายในแอป)",
                snippet(found)
            ),
            (BadUrl { found }, Lang::En) => format!(
                "link \"{}\" is not allowed (only https:, http: or relative links)",
                snippet(found)
            ),
            (BadOrigin { found }, Lang::Th) => format!(
                "ต้นทาง \"{}\" ไม่ถูกต้อง (ควรเป็นแบบ https://www.bangkok.go.th)",
                snippet(found)
            ),
            (BadOrigin { found }, Lang::En) => format!(
                "origin \"{}\" should look like https://www.bangkok.go.th",
                snippet(found)
            ),
            (BadDistrictCode { found }, Lang::Th) => {
                format!("รหัสเขต \"{}\" ต้องอยู่ระหว่าง 1001 ถึง 1050", snippet(found))
            }
            (BadDistrictCode { found }, Lang::En) => format!(
                "district code \"{}\" must be between 1001 and 1050",
                snippet(found)
            ),
            (BadPeriod, _) => pick(
                lang,
                "ปีเริ่มต้นของแผนต้องไม่อยู่หลังปีสิ้นสุด",
                "the plan's first year must not come after its last",
            )
            .to_owned(),
            (BadOwner { found }, Lang::Th) => format!(
                "ผู้รับผิดชอบ \"{}\" ต้องเป็น \"central\" หรือ \"district\"",
                snippet(found)
            ),
            (BadOwner { found }, Lang::En) => format!(
                "owner \"{}\" must be \"central\" or \"district\"",
                snippet(found)
            ),
            (TooLarge { bytes }, Lang::Th) => format!(
                "ไฟล์ข้อมูลใหญ่เกินไป ({} MB) แอปอ่านได้ไม่เกิน {} MB",
                bytes / (1024 * 1024),
                MAX_BUNDLE_BYTES / (1024 * 1024)
            ),
            (TooLarge { bytes }, Lang::En) => format!(
                "the data file is too large ({} MB); the app reads at most {} MB",
                bytes / (1024 * 1024),
                MAX_BUNDLE_BYTES / (1024 * 1024)
            ),
            (TooManyItems { found }, Lang::Th) => {
                format!("มีข่าว {found} รายการ เกินกว่าที่แอปรับได้ ({MAX_NEWS_ITEMS} รายการ)")
            }
            (TooManyItems { found }, Lang::En) => {
                format!("has {found} news items, more than the app takes ({MAX_NEWS_ITEMS})")
            }
            (TooLong { bytes }, Lang::Th) => format!(
                "ข้อความยาวเกินไป ({} KB) ไม่เกิน {} KB",
                bytes / 1024,
                MAX_STRING_BYTES / 1024
            ),
            (TooLong { bytes }, Lang::En) => format!(
                "the text is too long ({} KB; at most {} KB)",
                bytes / 1024,
                MAX_STRING_BYTES / 1024
            ),
            (AmbiguousTopic { id }, Lang::Th) => format!(
                "ประเด็นเน้นหนักรหัส \"{}\" มีอยู่ในหลายขอบข่ายเนื้อหา จึงอ้างถึงไม่ได้ (ตั้งรหัสให้ไม่ซ้ำกัน)",
                snippet(id)
            ),
            (AmbiguousTopic { id }, Lang::En) => format!(
                "priority topic \"{}\" is the id of topics in more than one theme, so it cannot be referred to (give them different ids)",
                snippet(id)
            ),
            (OutOfRange { found, min, max }, Lang::Th) => {
                format!("ค่า {found} ต้องอยู่ระหว่าง {min} ถึง {max}")
            }
            (OutOfRange { found, min, max }, Lang::En) => {
                format!("{found} must be between {min} and {max}")
            }
            (BadPer { found }, Lang::Th) => format!(
                "ช่วงเวลา \"{}\" ต้องเป็น \"month\" (เดือน), \"quarter\" (ไตรมาส) หรือ \"year\" (ปี)",
                snippet(found)
            ),
            (BadPer { found }, Lang::En) => format!(
                "per \"{}\" must be \"month\", \"quarter\" or \"year\"",
                snippet(found)
            ),
        }
    }
}

impl Issue {
    /// The path and the message, as one line for the web team.
    pub fn describe(&self, lang: Lang) -> String {
        if self.path.is_empty() {
            self.problem.message(lang)
        } else {
            format!("{}: {}", self.path, self.problem.message(lang))
        }
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

/// A value from the bundle, made safe to quote in a message: at most 40 characters, with
/// control, bidirectional and zero-width characters shown as `\u{…}` so they cannot
/// reorder or hide the message around them.
pub fn snippet(text: &str) -> String {
    const LIMIT: usize = 40;
    let mut out = String::new();
    for (count, c) in text.chars().enumerate() {
        if count == LIMIT {
            out.push('…');
            break;
        }
        if is_invisible_or_control(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// Characters that change how text around them is shown without being seen themselves.
pub fn is_invisible_or_control(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}
