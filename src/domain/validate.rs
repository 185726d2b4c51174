//! Reading a bundle: JSON in, a [`Bundle`] out, with every problem found on the way named
//! by its JSON path and explained in Thai and English.
//!
//! The walk goes over `serde_json::Value` by hand rather than through `#[derive(Deserialize)]`
//! because serde stops at the first error, while the content team needs all of them, and a
//! broken news item must be dropped without losing the rest of the bundle.

use super::bundle::{
    Bundle, Config, District, DistrictGroup, Guideline, Image, News, Owner, Period, Plan, Policy,
    PriorityTopic, Story, Text, Theme,
};
use super::date::Moment;
use super::i18n::{pick, Lang};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use std::fmt::{self, Write as _};

mod monitoring;

/// The format this app reads.
pub const FORMAT: &str = "city-comms/1";

/// A bundle that can be shown, perhaps without some of its items.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// What is shown.
    pub bundle: Bundle,
    /// Problems in items that were left out, or in settings that were ignored.
    pub warnings: Vec<Issue>,
    /// How many news items and stories were left out.
    pub dropped: usize,
}

/// A bundle that cannot be shown, with every problem found in its core.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    /// The problems, in document order.
    pub errors: Vec<Issue>,
}

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

/// The largest bundle the app reads, in bytes (about 8,000 typical news items).
pub const MAX_BUNDLE_BYTES: usize = 32 * 1024 * 1024;
/// The most news items the app takes (its search was measured up to 10,000).
pub const MAX_NEWS_ITEMS: usize = 20_000;
/// The longest string the app takes in any field, in bytes (a long article is ~20 KB).
pub const MAX_STRING_BYTES: usize = 200_000;
/// The most items a target may ask for.
pub const MAX_TARGET_ITEMS: u32 = 10_000;
/// The longest silence the monitoring may be told to wait for: ten years.
pub const MAX_SILENCE_DAYS: u32 = 3_650;

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

/// Reads and validates a bundle.
pub fn parse_bundle(json: &str) -> Result<Loaded, Refused> {
    if json.len() > MAX_BUNDLE_BYTES {
        return Err(Refused {
            errors: vec![Issue {
                path: String::new(),
                problem: Problem::TooLarge { bytes: json.len() },
            }],
        });
    }
    let value: Value = serde_json::from_str(json).map_err(|error| Refused {
        errors: vec![Issue {
            path: String::new(),
            problem: json_problem(&error),
        }],
    })?;
    Reader::default().bundle(&value)
}

/// Validates a bundle already read as JSON (a dataset manifest's, which has no news), by
/// the same rules and limits as [`parse_bundle`].
pub fn read_bundle(value: &Value) -> Result<Loaded, Refused> {
    Reader::default().bundle(value)
}

/// Validates a source bundle for the dataset compiler, already read as JSON, by the same
/// rules as [`parse_bundle`] but with no limit on its size or its number of news items:
/// those limits protect a phone that reads a bundle whole, and a compiled dataset is read a
/// slice at a time.
pub fn read_source_bundle(value: &Value) -> Result<Loaded, Refused> {
    Reader {
        issues: Vec::new(),
        max_news: usize::MAX,
    }
    .bundle(value)
}

/// Why a source bundle's text is not JSON, as [`parse_bundle`] says it.
pub fn not_json(error: &serde_json::Error) -> Refused {
    Refused {
        errors: vec![Issue {
            path: String::new(),
            problem: json_problem(error),
        }],
    }
}

fn json_problem(error: &serde_json::Error) -> Problem {
    if error.is_eof() {
        Problem::Truncated
    } else if error.to_string().starts_with("recursion limit exceeded") {
        Problem::TooDeep
    } else {
        Problem::NotJson {
            line: error.line(),
            column: error.column(),
        }
    }
}

/// A place in the document, kept as a chain of borrowed steps so that a path is only
/// spelled out when there is a problem to report.
#[derive(Clone, Copy)]
enum At<'a> {
    Root,
    Field(&'a At<'a>, &'static str),
    Index(&'a At<'a>, usize),
}

impl At<'_> {
    fn field(&self, name: &'static str) -> At<'_> {
        At::Field(self, name)
    }

    fn index(&self, index: usize) -> At<'_> {
        At::Index(self, index)
    }

    fn render(&self) -> String {
        match self {
            At::Root => String::new(),
            At::Field(parent, name) => match parent.render() {
                parent if parent.is_empty() => (*name).to_owned(),
                parent => format!("{parent}.{name}"),
            },
            At::Index(parent, index) => format!("{}[{index}]", parent.render()),
        }
    }
}

/// What the core of the bundle defines, for checking references against it.
#[derive(Default)]
struct Known {
    policies: HashSet<String>,
    groups: HashSet<String>,
    district_groups: HashMap<String, String>,
    themes: HashSet<String>,
    /// Each priority topic's id and its theme's, or `None` where two themes share the id.
    topics: HashMap<String, Option<String>>,
}

struct Reader {
    issues: Vec<Issue>,
    /// The most news items taken: the app's limit, or none for the dataset compiler.
    max_news: usize,
}

impl Default for Reader {
    fn default() -> Self {
        Reader {
            issues: Vec::new(),
            max_news: MAX_NEWS_ITEMS,
        }
    }
}

type Object = Map<String, Value>;

impl Reader {
    fn report(&mut self, at: &At, problem: Problem) {
        self.issues.push(Issue {
            path: at.render(),
            problem,
        });
    }

    /// Runs `read` and tells whether it reported anything.
    fn clean<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let before = self.issues.len();
        let value = read(self);
        if self.issues.len() > before {
            None
        } else {
            value
        }
    }

    fn bundle(mut self, value: &Value) -> Result<Loaded, Refused> {
        let root = At::Root;
        let Some(doc) = self.object(value, &root) else {
            return Err(Refused {
                errors: self.issues,
            });
        };
        let format = self.format(doc);
        let generated_at = self.required(doc, "generated_at", &root, Self::moment);
        let policies = self.required(doc, "policies", &root, |r, v, at| {
            r.unique_list(v, at, Self::policy, |p: &Policy| &p.id)
        });
        let district_groups = self.required(doc, "district_groups", &root, |r, v, at| {
            r.unique_list(v, at, Self::district_group, |g: &DistrictGroup| &g.id)
        });
        let mut known = Known {
            policies: ids(&policies, |p| &p.id),
            groups: ids(&district_groups, |g| &g.id),
            ..Known::default()
        };
        let districts = self.required(doc, "districts", &root, |r, v, at| {
            r.unique_list(
                v,
                at,
                |r, v, at| r.district(v, at, &known),
                |d: &District| &d.code,
            )
        });
        known.district_groups = districts
            .iter()
            .flatten()
            .map(|d| (d.code.clone(), d.group.clone()))
            .collect();
        let plan = self.required(doc, "plan", &root, |r, v, at| r.plan(v, at, &known));
        known.themes = plan
            .iter()
            .flat_map(|p| &p.themes)
            .map(|t| t.id.clone())
            .collect();
        known.topics = monitoring::topic_themes(plan.as_ref());
        let news_list = self
            .required(doc, "news", &root, Self::array)
            .filter(|list| {
                let fits = list.len() <= self.max_news;
                if !fits {
                    self.report(
                        &root.field("news"),
                        Problem::TooManyItems { found: list.len() },
                    );
                }
                fits
            });

        // Everything so far is the core: a problem there refuses the bundle.
        let (Some(format), Some(generated_at), Some(policies), Some(district_groups)) =
            (format, generated_at, policies, district_groups)
        else {
            return Err(Refused {
                errors: self.issues,
            });
        };
        let (Some(districts), Some(plan), Some(news_list), true) =
            (districts, plan, news_list, self.issues.is_empty())
        else {
            return Err(Refused {
                errors: self.issues,
            });
        };

        let config = self.config(doc.get("config"), &root.field("config"));
        let at_news = root.field("news");
        let news = self.items(
            news_list,
            &at_news,
            |r, v, at| r.news(v, at, &known),
            |n| &n.id,
        );
        let stories = match doc.get("stories") {
            None | Some(Value::Null) => Vec::new(),
            Some(value) => {
                let at = root.field("stories");
                match self.array(value, &at) {
                    Some(list) => {
                        self.items(list, &at, |r, v, at| r.story(v, at, &known), |s| &s.id)
                    }
                    None => Vec::new(),
                }
            }
        };
        let dropped = (news_list.len() - news.len())
            + doc
                .get("stories")
                .and_then(Value::as_array)
                .map_or(0, Vec::len)
            - stories.len();
        Ok(Loaded {
            bundle: Bundle {
                format,
                generated_at,
                config,
                policies,
                district_groups,
                districts,
                plan,
                news,
                stories,
            },
            warnings: self.issues,
            dropped,
        })
    }

    fn format(&mut self, doc: &Object) -> Option<String> {
        let at = At::Root;
        let found = self.required(doc, "format", &at, Self::string)?;
        let at = at.field("format");
        let Some(version) = found.strip_prefix("city-comms/") else {
            self.report(
                &at,
                Problem::UnknownFormat {
                    found: found.to_owned(),
                },
            );
            return None;
        };
        let major = version.split('.').next().unwrap_or_default();
        let minor_ok = version.split_once('.').is_none_or(|(_, minor)| {
            !minor.is_empty() && minor.bytes().all(|b| b.is_ascii_digit())
        });
        if major == "1" && minor_ok {
            Some(found.to_owned())
        } else if !major.is_empty() && major.bytes().all(|b| b.is_ascii_digit()) {
            self.report(
                &at,
                Problem::UnsupportedVersion {
                    found: found.to_owned(),
                },
            );
            None
        } else {
            self.report(
                &at,
                Problem::UnknownFormat {
                    found: found.to_owned(),
                },
            );
            None
        }
    }

    /// Settings are optional: a bad one is reported and ignored, never a reason to refuse.
    fn config(&mut self, value: Option<&Value>, at: &At) -> Config {
        let mut config = Config::default();
        let Some(value) = value.filter(|v| !v.is_null()) else {
            return config;
        };
        let Some(obj) = self.object(value, at) else {
            return config;
        };
        config.submit_url = self.optional(obj, "submit_url", at, Self::url);
        config.privacy_notice = self.optional(obj, "privacy_notice", at, Self::text);
        config.complaints_url = self.optional(obj, "complaints_url", at, Self::url);
        config.embed_origins = self
            .optional(obj, "embed_origins", at, |r, v, at| {
                let list = r.array(v, at)?;
                let origins = list
                    .iter()
                    .enumerate()
                    .filter_map(|(i, v)| r.origin(v, &at.index(i)));
                Some(origins.collect())
            })
            .unwrap_or_default();
        config
    }

    fn policy(&mut self, value: &Value, at: &At) -> Option<Policy> {
        let obj = self.object(value, at)?;
        let id = self.required(obj, "id", at, Self::id);
        let name = self.required(obj, "name", at, Self::text);
        let summary = self.optional(obj, "summary", at, Self::text);
        Some(Policy {
            id: id?,
            name: name?,
            summary,
        })
    }

    fn district_group(&mut self, value: &Value, at: &At) -> Option<DistrictGroup> {
        let obj = self.object(value, at)?;
        let id = self.required(obj, "id", at, Self::id);
        let name = self.required(obj, "name", at, Self::text);
        Some(DistrictGroup {
            id: id?,
            name: name?,
        })
    }

    fn district(&mut self, value: &Value, at: &At, known: &Known) -> Option<District> {
        let obj = self.object(value, at)?;
        let code = self.required(obj, "code", at, Self::district_code);
        let name = self.required(obj, "name", at, Self::text);
        let group = self.required(obj, "group", at, |r, v, at| {
            r.reference(v, at, RefKind::DistrictGroup, &known.groups)
        });
        let target = self.optional(obj, "target", at, Self::target);
        Some(District {
            code: code?,
            name: name?,
            group: group?,
            target,
        })
    }

    fn plan(&mut self, value: &Value, at: &At, known: &Known) -> Option<Plan> {
        let obj = self.object(value, at)?;
        let title = self.required(obj, "title", at, Self::text);
        let period = self.required(obj, "period", at, Self::period);
        let foreword = self.required(obj, "foreword", at, Self::text);
        let themes = self.required(obj, "themes", at, |r, v, at| {
            r.unique_list(v, at, |r, v, at| r.theme(v, at, known), |t: &Theme| &t.id)
        });
        let monitoring = self.optional(obj, "monitoring", at, Self::monitoring);
        Some(Plan {
            title: title?,
            period: period?,
            foreword: foreword?,
            themes: themes?,
            monitoring: monitoring.unwrap_or_default(),
        })
    }

    fn period(&mut self, value: &Value, at: &At) -> Option<Period> {
        let obj = self.object(value, at)?;
        let from_be = self.required(obj, "from_be", at, Self::year);
        let to_be = self.required(obj, "to_be", at, Self::year);
        let period = Period {
            from_be: from_be?,
            to_be: to_be?,
        };
        if period.from_be > period.to_be {
            self.report(at, Problem::BadPeriod);
            return None;
        }
        Some(period)
    }

    fn theme(&mut self, value: &Value, at: &At, known: &Known) -> Option<Theme> {
        let obj = self.object(value, at)?;
        let id = self.required(obj, "id", at, Self::id);
        let name = self.required(obj, "name", at, Self::text);
        let summary = self.required(obj, "summary", at, Self::text);
        let policies = self.required(obj, "policies", at, |r, v, at| {
            r.references(v, at, RefKind::Policy, &known.policies)
        });
        let priority_topics = self.required(obj, "priority_topics", at, |r, v, at| {
            r.unique_list(v, at, Self::priority_topic, |t: &PriorityTopic| &t.id)
        });
        let target = self.optional(obj, "target", at, Self::target);
        Some(Theme {
            id: id?,
            name: name?,
            summary: summary?,
            policies: policies?,
            priority_topics: priority_topics?,
            target,
        })
    }

    fn priority_topic(&mut self, value: &Value, at: &At) -> Option<PriorityTopic> {
        let obj = self.object(value, at)?;
        let id = self.required(obj, "id", at, Self::id);
        let title = self.required(obj, "title", at, Self::text);
        let guidelines = self.required(obj, "guidelines", at, |r, v, at| {
            r.unique_list(v, at, Self::guideline, |g: &Guideline| &g.id)
        });
        let target = self.optional(obj, "target", at, Self::target);
        Some(PriorityTopic {
            id: id?,
            title: title?,
            guidelines: guidelines?,
            target,
        })
    }

    fn guideline(&mut self, value: &Value, at: &At) -> Option<Guideline> {
        let obj = self.object(value, at)?;
        let id = self.required(obj, "id", at, Self::id);
        let text = self.required(obj, "text", at, Self::text);
        let channels = self.required(obj, "channels", at, |r, v, at| r.strings(v, at));
        let owner = self.required(obj, "owner", at, |r, v, at| {
            let found = r.string(v, at)?;
            match found {
                "central" => Some(Owner::Central),
                "district" => Some(Owner::District),
                _ => {
                    r.report(
                        at,
                        Problem::BadOwner {
                            found: found.to_owned(),
                        },
                    );
                    None
                }
            }
        });
        Some(Guideline {
            id: id?,
            text: text?,
            channels: channels?,
            owner: owner?,
        })
    }

    fn news(&mut self, value: &Value, at: &At, known: &Known) -> Option<News> {
        let obj = self.object(value, at)?;
        let id = self.required(obj, "id", at, Self::id);
        let title = self.required(obj, "title", at, Self::text);
        let published = self.required(obj, "published", at, Self::moment);
        let summary = self.optional(obj, "summary", at, Self::text);
        let body = self.required(obj, "body", at, Self::text);
        let district = self.optional(obj, "district", at, |r, v, at| r.district_ref(v, at, known));
        let group = self.optional(obj, "group", at, |r, v, at| {
            r.reference(v, at, RefKind::DistrictGroup, &known.groups)
        });
        let implied = district
            .as_ref()
            .and_then(|code| known.district_groups.get(code));
        let group = match (group, implied) {
            (Some(group), Some(implied)) if &group != implied => {
                let district = district.clone().unwrap_or_default();
                let problem = Problem::GroupMismatch {
                    district,
                    group: implied.clone(),
                };
                self.report(&at.field("group"), problem);
                None
            }
            (group, implied) => group.or_else(|| implied.cloned()),
        };
        let themes = self.optional(obj, "themes", at, |r, v, at| {
            r.references(v, at, RefKind::Theme, &known.themes)
        });
        let topics = self.optional(obj, "topics", at, |r, v, at| {
            r.list(v, at, |r, v, at| r.topic_ref(v, at, known))
        });
        let (themes, topics) = monitoring::with_topic_themes(themes, topics);
        let policies = self.optional(obj, "policies", at, |r, v, at| {
            r.references(v, at, RefKind::Policy, &known.policies)
        });
        let author = self.optional(obj, "author", at, Self::owned_string);
        let credit = self.optional(obj, "credit", at, Self::owned_string);
        let views = self.optional(obj, "views", at, Self::whole_number);
        let images = self.optional(obj, "images", at, Self::images);
        let source_url = self.optional(obj, "source_url", at, Self::url);
        let sample = self.optional(obj, "sample", at, Self::boolean);
        Some(News {
            id: id?,
            title: title?,
            published: published?,
            summary,
            body: body?,
            district,
            group,
            themes,
            policies: policies.unwrap_or_default(),
            topics,
            author,
            credit,
            views,
            images: images.unwrap_or_default(),
            source_url,
            sample: sample.unwrap_or(false),
        })
    }

    fn story(&mut self, value: &Value, at: &At, known: &Known) -> Option<Story> {
        let obj = self.object(value, at)?;
        let id = self.required(obj, "id", at, Self::id);
        let title = self.required(obj, "title", at, Self::prose);
        let text = self.required(obj, "text", at, Self::prose);
        let district = self.required(obj, "district", at, |r, v, at| r.district_ref(v, at, known));
        let published = self.required(obj, "published", at, Self::moment);
        let author = self.optional(obj, "author", at, Self::owned_string);
        let images = self.optional(obj, "images", at, Self::images);
        let sample = self.optional(obj, "sample", at, Self::boolean);
        Some(Story {
            id: id?,
            title: title?,
            text: text?,
            district: district?,
            published: published?,
            author,
            images: images.unwrap_or_default(),
            sample: sample.unwrap_or(false),
        })
    }

    fn images(&mut self, value: &Value, at: &At) -> Option<Vec<Image>> {
        self.list(value, at, |r, v, at| {
            let obj = r.object(v, at)?;
            let src = r.required(obj, "src", at, Self::url);
            let alt = r.required(obj, "alt", at, Self::text);
            Some(Image {
                src: src?,
                alt: alt?,
            })
        })
    }

    // Generic pieces.

    fn required<'v, T>(
        &mut self,
        obj: &'v Object,
        key: &'static str,
        at: &At,
        read: impl FnOnce(&mut Self, &'v Value, &At) -> Option<T>,
    ) -> Option<T> {
        let at = at.field(key);
        match obj.get(key) {
            None | Some(Value::Null) => {
                self.report(&at, Problem::Missing);
                None
            }
            Some(value) => read(self, value, &at),
        }
    }

    fn optional<'v, T>(
        &mut self,
        obj: &'v Object,
        key: &'static str,
        at: &At,
        read: impl FnOnce(&mut Self, &'v Value, &At) -> Option<T>,
    ) -> Option<T> {
        match obj.get(key) {
            None | Some(Value::Null) => None,
            Some(value) => read(self, value, &at.field(key)),
        }
    }

    fn wrong_type<T>(&mut self, at: &At, expected: Expected) -> Option<T> {
        self.report(at, Problem::WrongType { expected });
        None
    }

    fn object<'v>(&mut self, value: &'v Value, at: &At) -> Option<&'v Object> {
        match value {
            Value::Object(obj) => Some(obj),
            _ => self.wrong_type(at, Expected::Object),
        }
    }

    fn array<'v>(&mut self, value: &'v Value, at: &At) -> Option<&'v Vec<Value>> {
        match value {
            Value::Array(list) => Some(list),
            _ => self.wrong_type(at, Expected::List),
        }
    }

    /// A list whose every element must be good for the list to be.
    fn list<T>(
        &mut self,
        value: &Value,
        at: &At,
        mut read: impl FnMut(&mut Self, &Value, &At) -> Option<T>,
    ) -> Option<Vec<T>> {
        let list = self.array(value, at)?;
        self.clean(|r| {
            let items: Vec<Option<T>> = list
                .iter()
                .enumerate()
                .map(|(i, v)| read(r, v, &at.index(i)))
                .collect();
            items.into_iter().collect()
        })
    }

    /// A list of the core whose elements have ids that must be unique.
    fn unique_list<T>(
        &mut self,
        value: &Value,
        at: &At,
        read: impl FnMut(&mut Self, &Value, &At) -> Option<T>,
        id_of: impl Fn(&T) -> &String,
    ) -> Option<Vec<T>> {
        let items = self.list(value, at, read)?;
        self.clean(|r| {
            let mut seen = HashSet::new();
            for (i, item) in items.iter().enumerate() {
                let id = id_of(item);
                if !seen.insert(id.as_str()) {
                    let at = at.index(i);
                    r.report(
                        &at.field(id_field(&at)),
                        Problem::DuplicateId { id: id.clone() },
                    );
                }
            }
            Some(())
        })?;
        Some(items)
    }

    /// News or stories: a bad item or a second use of an id drops that item alone.
    fn items<T>(
        &mut self,
        list: &[Value],
        at: &At,
        mut read: impl FnMut(&mut Self, &Value, &At) -> Option<T>,
        id_of: impl Fn(&T) -> &String,
    ) -> Vec<T> {
        let mut seen = HashSet::new();
        let mut kept = Vec::with_capacity(list.len());
        for (i, value) in list.iter().enumerate() {
            let at = at.index(i);
            let Some(item) = self.clean(|r| read(r, value, &at)) else {
                continue;
            };
            if seen.insert(id_of(&item).clone()) {
                kept.push(item);
            } else {
                self.report(
                    &at.field("id"),
                    Problem::DuplicateId {
                        id: id_of(&item).clone(),
                    },
                );
            }
        }
        kept
    }

    fn string<'v>(&mut self, value: &'v Value, at: &At) -> Option<&'v str> {
        match value {
            Value::String(text) if text.len() > MAX_STRING_BYTES => {
                self.report(at, Problem::TooLong { bytes: text.len() });
                None
            }
            Value::String(text) => Some(text),
            _ => self.wrong_type(at, Expected::String),
        }
    }

    fn owned_string(&mut self, value: &Value, at: &At) -> Option<String> {
        self.string(value, at).map(str::to_owned)
    }

    /// A string that must say something.
    fn prose(&mut self, value: &Value, at: &At) -> Option<String> {
        let text = self.string(value, at)?;
        if is_blank(text) {
            self.report(at, Problem::Blank);
            return None;
        }
        Some(text.to_owned())
    }

    fn strings(&mut self, value: &Value, at: &At) -> Option<Vec<String>> {
        self.list(value, at, Self::owned_string)
    }

    fn text(&mut self, value: &Value, at: &At) -> Option<Text> {
        let Value::Object(obj) = value else {
            return self.wrong_type(at, Expected::Text);
        };
        let th = self.required(obj, "th", at, Self::prose);
        let en = self.optional(obj, "en", at, Self::owned_string);
        Some(Text {
            th: th?,
            en: en.filter(|en| !is_blank(en)),
        })
    }

    fn boolean(&mut self, value: &Value, at: &At) -> Option<bool> {
        match value {
            Value::Bool(flag) => Some(*flag),
            _ => self.wrong_type(at, Expected::Boolean),
        }
    }

    fn whole_number(&mut self, value: &Value, at: &At) -> Option<u64> {
        match value.as_u64() {
            Some(number) => Some(number),
            None => self.wrong_type(at, Expected::WholeNumber),
        }
    }

    fn year(&mut self, value: &Value, at: &At) -> Option<i32> {
        match value.as_i64().and_then(|year| i32::try_from(year).ok()) {
            Some(year) => Some(year),
            None => self.wrong_type(at, Expected::Year),
        }
    }

    /// A string that `accept` reads, or else the problem `reject` makes of it.
    fn checked<T>(
        &mut self,
        value: &Value,
        at: &At,
        accept: impl FnOnce(&str) -> Option<T>,
        reject: fn(String) -> Problem,
    ) -> Option<T> {
        let text = self.string(value, at)?;
        let read = accept(text);
        if read.is_none() {
            self.report(at, reject(text.to_owned()));
        }
        read
    }

    fn id(&mut self, value: &Value, at: &At) -> Option<String> {
        let accept = |id: &str| is_valid_id(id).then(|| id.to_owned());
        self.checked(value, at, accept, |found| Problem::BadId { found })
    }

    fn district_code(&mut self, value: &Value, at: &At) -> Option<String> {
        let accept = |code: &str| {
            let in_range = code.len() == 4
                && code.bytes().all(|b| b.is_ascii_digit())
                && ("1001"..="1050").contains(&code);
            in_range.then(|| code.to_owned())
        };
        self.checked(value, at, accept, |found| Problem::BadDistrictCode {
            found,
        })
    }

    fn reference(
        &mut self,
        value: &Value,
        at: &At,
        kind: RefKind,
        known: &HashSet<String>,
    ) -> Option<String> {
        let id = self.string(value, at)?;
        if known.contains(id) {
            Some(id.to_owned())
        } else {
            self.report(
                at,
                Problem::UnknownReference {
                    kind,
                    id: id.to_owned(),
                },
            );
            None
        }
    }

    fn references(
        &mut self,
        value: &Value,
        at: &At,
        kind: RefKind,
        known: &HashSet<String>,
    ) -> Option<Vec<String>> {
        self.list(value, at, |r, v, at| r.reference(v, at, kind, known))
    }

    fn district_ref(&mut self, value: &Value, at: &At, known: &Known) -> Option<String> {
        let code = self.string(value, at)?;
        if known.district_groups.contains_key(code) {
            Some(code.to_owned())
        } else {
            let problem = Problem::UnknownReference {
                kind: RefKind::District,
                id: code.to_owned(),
            };
            self.report(at, problem);
            None
        }
    }

    fn moment(&mut self, value: &Value, at: &At) -> Option<Moment> {
        self.checked(value, at, Moment::parse, |found| Problem::BadDate { found })
    }

    fn url(&mut self, value: &Value, at: &At) -> Option<String> {
        let accept = |url: &str| is_safe_url(url).then(|| url.to_owned());
        self.checked(value, at, accept, |found| Problem::BadUrl { found })
    }

    fn origin(&mut self, value: &Value, at: &At) -> Option<String> {
        let accept = |origin: &str| is_origin(origin).then(|| origin.to_owned());
        self.checked(value, at, accept, |found| Problem::BadOrigin { found })
    }
}

/// The name of the field that holds an element's id, for pointing at a duplicate.
fn id_field(at: &At) -> &'static str {
    match at {
        At::Index(At::Field(_, "districts"), _) => "code",
        _ => "id",
    }
}

fn ids<T>(items: &Option<Vec<T>>, id_of: impl Fn(&T) -> &String) -> HashSet<String> {
    items
        .iter()
        .flatten()
        .map(|item| id_of(item).clone())
        .collect()
}

fn is_blank(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || is_invisible_or_control(c))
}

/// Ids are `a-z`, `0-9` and `-`, and short enough to sit in an address.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `https:`, `http:` or relative, and nothing a browser could read another way: no control
/// characters or spaces (browsers strip tabs and newlines, so `java\tscript:` would run).
pub fn is_safe_url(url: &str) -> bool {
    if url.is_empty()
        || url
            .chars()
            .any(|c| c.is_whitespace() || is_invisible_or_control(c))
    {
        return false;
    }
    // A scheme is everything before the first ':' if no '/', '?' or '#' comes first.
    let scheme_end = url.find([':', '/', '?', '#']);
    match scheme_end {
        Some(end) if url[end..].starts_with(':') => {
            let scheme = url[..end].to_ascii_lowercase();
            let rest = &url[end + 1..];
            matches!(scheme.as_str(), "https" | "http")
                && rest.starts_with("//")
                && rest.len() > 2
                && !rest[2..].starts_with('/')
        }
        _ => !url.starts_with('\\'),
    }
}

/// `https://host` or `http://host:port`, with no path.
pub fn is_origin(origin: &str) -> bool {
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .unwrap_or_default();
    !rest.is_empty()
        && rest
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'))
}
