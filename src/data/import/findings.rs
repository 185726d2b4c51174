//! What `city-comms-data import` says about one row of a sheet or one entry of a feed: where
//! it is, which field, and what is wrong, in Thai and English side by side.

use city_comms::domain::i18n::{pick, Lang};
use city_comms::domain::validate::{snippet, Problem};

/// Where a row or entry is in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    /// A CSV record, by the physical line it starts on (the header is line 1).
    Line(u64),
    /// A feed entry, counted from 1.
    Entry(usize),
}

impl Place {
    fn name(self, lang: Lang) -> String {
        match (self, lang) {
            (Place::Line(line), Lang::Th) => format!("บรรทัด {line}"),
            (Place::Line(line), Lang::En) => format!("line {line}"),
            (Place::Entry(entry), Lang::Th) => format!("รายการที่ {entry}"),
            (Place::Entry(entry), Lang::En) => format!("entry {entry}"),
        }
    }
}

/// A field of a news item, as the template's columns and the feeds name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Header,
    Id,
    Date,
    District,
    Group,
    Title,
    TitleEn,
    Summary,
    SummaryEn,
    Body,
    BodyEn,
    Themes,
    Policies,
    Author,
    Credit,
    SourceUrl,
    Images,
    ImageCaptions,
    Sample,
    Guid,
    Link,
}

impl Field {
    /// The Thai and English names, as in the template's header (`หัวข้อ (title)`).
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            Field::Header => ("หัวตาราง", "header"),
            Field::Id => ("รหัสข่าว", "id"),
            Field::Date => ("วันที่", "date"),
            Field::District => ("เขต", "district"),
            Field::Group => ("กลุ่มเขต", "district group"),
            Field::Title => ("หัวข้อ", "title"),
            Field::TitleEn => ("หัวข้อภาษาอังกฤษ", "title in English"),
            Field::Summary => ("สรุปย่อ", "summary"),
            Field::SummaryEn => ("สรุปย่อภาษาอังกฤษ", "summary in English"),
            Field::Body => ("เนื้อหา", "body"),
            Field::BodyEn => ("เนื้อหาภาษาอังกฤษ", "body in English"),
            Field::Themes => ("ขอบข่ายเนื้อหา", "themes"),
            Field::Policies => ("นโยบาย", "policies"),
            Field::Author => ("ผู้เผยแพร่", "author"),
            Field::Credit => ("เครดิตข่าว", "credit"),
            Field::SourceUrl => ("ลิงก์ต้นฉบับ", "source_url"),
            Field::Images => ("ภาพ", "images"),
            Field::ImageCaptions => ("คำบรรยายภาพ", "image captions"),
            Field::Sample => ("ข่าวตัวอย่าง", "sample"),
            Field::Guid => ("รหัสรายการ", "guid"),
            Field::Link => ("ลิงก์", "link"),
        }
    }

    /// The field of a news item in the bundle that a validation path points into
    /// (`title.en` in `news[3].title.en`).
    pub fn of_bundle_path(path: &str) -> Field {
        let mut steps = path.split(['.', '[']);
        let key = steps.next().unwrap_or_default();
        let english = steps.next() == Some("en");
        match (key, english) {
            ("id", _) => Field::Id,
            ("published", _) => Field::Date,
            ("district", _) => Field::District,
            ("group", _) => Field::Group,
            ("title", false) => Field::Title,
            ("title", true) => Field::TitleEn,
            ("summary", false) => Field::Summary,
            ("summary", true) => Field::SummaryEn,
            ("body", false) => Field::Body,
            ("body", true) => Field::BodyEn,
            ("themes", _) => Field::Themes,
            ("policies", _) => Field::Policies,
            ("author", _) => Field::Author,
            ("credit", _) => Field::Credit,
            ("source_url", _) => Field::SourceUrl,
            ("images", _) => Field::Images,
            ("sample", _) => Field::Sample,
            _ => Field::Id,
        }
    }
}

/// Why a row or entry cannot go into the bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// A required field is empty.
    Missing,
    BadDate(String),
    UnknownDistrict(String),
    UnknownTheme {
        found: String,
        known: Vec<String>,
    },
    UnknownPolicy {
        found: String,
        known: Vec<String>,
    },
    BadId(String),
    BadUrl(String),
    BadYesNo(String),
    /// Every photo needs its caption (the bundle's `alt`), and every caption a photo.
    CaptionsDoNotMatch {
        images: usize,
        captions: usize,
    },
    /// A feed entry with no district of its own, and no `--district` given.
    NoDistrict,
    /// A feed entry with neither a guid nor a link to derive its id from.
    NoStableId,
    /// The header row has no column for a required field.
    MissingColumn,
    /// Two header cells name the same column.
    DuplicateColumn(String),
    /// A header cell whose Thai and English parts name different columns.
    AmbiguousColumn(String),
    /// The app's own validation of the merged bundle found this.
    Rule(Problem),
}

impl Why {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Why::Missing, _) => pick(lang, "ต้องกรอก แต่ว่างอยู่", "is required but empty").to_owned(),
            (Why::BadDate(found), Lang::Th) => format!(
                "\"{}\" ไม่ใช่วันที่ที่มีอยู่จริง (เขียนแบบ 10 ต.ค. 2562 หรือ 2019-10-10)",
                snippet(found)
            ),
            (Why::BadDate(found), Lang::En) => format!(
                "\"{}\" is not a date (write 10 ต.ค. 2562 or 2019-10-10)",
                snippet(found)
            ),
            (Why::UnknownDistrict(found), Lang::Th) => format!(
                "ไม่พบเขต \"{}\" (ใช้รหัสเขต เช่น 1001 หรือชื่อเขต เช่น พระนคร)",
                snippet(found)
            ),
            (Why::UnknownDistrict(found), Lang::En) => format!(
                "there is no district \"{}\" (use its code, such as 1001, or its name, such as พระนคร or Phra Nakhon)",
                snippet(found)
            ),
            (Why::UnknownTheme { found, known }, Lang::Th) => format!(
                "ไม่พบขอบข่ายเนื้อหา \"{}\" ในแผน (ใช้ได้: {})",
                snippet(found),
                known.join(", ")
            ),
            (Why::UnknownTheme { found, known }, Lang::En) => format!(
                "there is no theme \"{}\" in the plan (known: {})",
                snippet(found),
                known.join(", ")
            ),
            (Why::UnknownPolicy { found, known }, Lang::Th) => format!(
                "ไม่พบนโยบาย \"{}\" (ใช้ได้: {})",
                snippet(found),
                known.join(", ")
            ),
            (Why::UnknownPolicy { found, known }, Lang::En) => format!(
                "there is no policy \"{}\" (known: {})",
                snippet(found),
                known.join(", ")
            ),
            (Why::BadId(found), Lang::Th) => format!(
                "รหัส \"{}\" ใช้ได้เฉพาะ a–z, 0–9 และ - ไม่เกิน 128 ตัว",
                snippet(found)
            ),
            (Why::BadId(found), Lang::En) => format!(
                "id \"{}\" may only use a–z, 0–9 and -, at most 128 of them",
                snippet(found)
            ),
            (Why::BadUrl(found), Lang::Th) => format!(
                "ลิงก์ \"{}\" ใช้ไม่ได้ (ต้องขึ้นต้นด้วย https:// หรือ http://)",
                snippet(found)
            ),
            (Why::BadUrl(found), Lang::En) => format!(
                "link \"{}\" is not allowed (it must start with https:// or http://)",
                snippet(found)
            ),
            (Why::BadYesNo(found), Lang::Th) => format!(
                "\"{}\" ควรเป็น ใช่ หรือ ไม่ใช่ (หรือเว้นว่าง)",
                snippet(found)
            ),
            (Why::BadYesNo(found), Lang::En) => format!(
                "\"{}\" should be yes or no (or empty)",
                snippet(found)
            ),
            (Why::CaptionsDoNotMatch { images, captions }, Lang::Th) => format!(
                "มีภาพ {images} ภาพ แต่มีคำบรรยายภาพ {captions} รายการ ทุกภาพต้องมีคำบรรยายของตัวเอง"
            ),
            (Why::CaptionsDoNotMatch { images, captions }, Lang::En) => format!(
                "has {images} photos but {captions} captions; every photo needs a caption of its own"
            ),
            (Why::NoDistrict, _) => pick(
                lang,
                "ไม่ระบุเขต: ใส่ --district หรือหมวดหมู่ (category) ที่เป็นชื่อเขต",
                "names no district: give --district, or a category that names the district",
            )
            .to_owned(),
            (Why::NoStableId, _) => pick(
                lang,
                "ไม่มีทั้งรหัสรายการ (guid/id) และลิงก์ จึงตั้งรหัสข่าวที่คงที่ให้ไม่ได้",
                "has neither a guid/id nor a link, so it cannot be given a stable id",
            )
            .to_owned(),
            (Why::MissingColumn, _) => pick(
                lang,
                "แถวหัวตารางไม่มีคอลัมน์นี้ (เริ่มจากแม่แบบ news-import.csv)",
                "the header row has no such column (start from the template news-import.csv)",
            )
            .to_owned(),
            (Why::DuplicateColumn(name), Lang::Th) => {
                format!("คอลัมน์ \"{}\" ซ้ำกับคอลัมน์ก่อนหน้า", snippet(name))
            }
            (Why::DuplicateColumn(name), Lang::En) => {
                format!("the column \"{}\" appears twice", snippet(name))
            }
            (Why::AmbiguousColumn(name), Lang::Th) => format!(
                "หัวคอลัมน์ \"{}\" ภาษาไทยกับภาษาอังกฤษหมายถึงคนละคอลัมน์",
                snippet(name)
            ),
            (Why::AmbiguousColumn(name), Lang::En) => format!(
                "the header \"{}\" names one column in Thai and another in English",
                snippet(name)
            ),
            (Why::Rule(problem), _) => problem.message(lang),
        }
    }
}

/// One problem with one row or entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub place: Place,
    pub field: Field,
    pub why: Why,
}

impl Finding {
    /// `บรรทัด 4 ช่อง วันที่: …` or `line 4, field date: …`.
    pub fn describe(&self, lang: Lang) -> String {
        let (th, en) = self.field.names();
        match lang {
            Lang::Th => format!(
                "{} ช่อง {th}: {}",
                self.place.name(lang),
                self.why.message(lang)
            ),
            Lang::En => format!(
                "{}, field {en}: {}",
                self.place.name(lang),
                self.why.message(lang)
            ),
        }
    }
}

/// Something worth knowing that is not a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// A header cell the template does not have; its column was left out.
    IgnoredColumn { column: usize, name: String },
    /// Two rows or entries with one id: only `kept` goes in.
    SameId {
        id: String,
        kept: Place,
        dropped: Place,
        other_file: Option<String>,
    },
    /// The bundle's item was published after this entry was last updated, so it stays.
    BundleIsNewer { place: Place, id: String },
    /// The file holds no news.
    NoRows,
}

impl Note {
    /// The note in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Note::IgnoredColumn { column, name }, Lang::Th) => format!(
                "ไม่รู้จักคอลัมน์ที่ {column} \"{}\" จึงไม่ได้นำเข้าคอลัมน์นี้",
                snippet(name)
            ),
            (Note::IgnoredColumn { column, name }, Lang::En) => format!(
                "column {column} \"{}\" is not one of the template's, so it was left out",
                snippet(name)
            ),
            (
                Note::SameId {
                    id,
                    kept,
                    dropped,
                    other_file,
                },
                _,
            ) => {
                let dropped_name = match other_file {
                    Some(file) => format!("{file} {}", dropped.name(lang)),
                    None => dropped.name(lang),
                };
                match lang {
                    Lang::Th => format!(
                        "{} กับ{} มีรหัสข่าว {id} เดียวกัน นำเข้าเฉพาะ{} (ฉบับใหม่กว่าหรืออยู่หลัง)",
                        kept.name(lang),
                        dropped_name,
                        kept.name(lang)
                    ),
                    Lang::En => format!(
                        "{} and {dropped_name} have the same id {id}; only {} (the newer or later one) goes in",
                        kept.name(lang),
                        kept.name(lang)
                    ),
                }
            }
            (Note::BundleIsNewer { place, id }, Lang::Th) => format!(
                "{}: ข่าว {id} ในไฟล์ข้อมูลใหม่กว่ารายการนี้ จึงคงไว้ตามเดิม",
                place.name(lang)
            ),
            (Note::BundleIsNewer { place, id }, Lang::En) => format!(
                "{}: the bundle's {id} is newer than this entry, so it stays as it is",
                place.name(lang)
            ),
            (Note::NoRows, _) => pick(lang, "ไม่มีข่าวในไฟล์นี้", "the file holds no news").to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finding_names_line_field_and_reason_in_both_languages() {
        let finding = Finding {
            place: Place::Line(4),
            field: Field::Date,
            why: Why::BadDate("31 ก.พ. 2562".into()),
        };
        assert_eq!(
            finding.describe(Lang::Th),
            "บรรทัด 4 ช่อง วันที่: \"31 ก.พ. 2562\" ไม่ใช่วันที่ที่มีอยู่จริง (เขียนแบบ 10 ต.ค. 2562 หรือ 2019-10-10)"
        );
        assert_eq!(
            finding.describe(Lang::En),
            "line 4, field date: \"31 ก.พ. 2562\" is not a date (write 10 ต.ค. 2562 or 2019-10-10)"
        );
    }

    #[test]
    fn validation_paths_point_at_the_field_of_the_item() {
        let cases = [
            ("title.en", Field::TitleEn),
            ("title.th", Field::Title),
            ("body.th", Field::Body),
            ("body", Field::Body),
            ("themes[0]", Field::Themes),
            ("images[1].alt.th", Field::Images),
            ("published", Field::Date),
            ("source_url", Field::SourceUrl),
        ];
        for (path, field) in cases {
            assert_eq!(Field::of_bundle_path(path), field, "{path}");
        }
    }
}
