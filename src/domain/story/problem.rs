//! What can be wrong with a story: the field a rule is about, the problem, and how the
//! citizen (and a client the receiver refuses) is told, in Thai and English.

use super::{MAX_PHOTOS, PHOTO_FILE_MAX_BYTES};
use crate::domain::i18n::{pick, Lang, Msg};

/// A part of a story that a rule is about; also the `field` of a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Text,
    District,
    Policies,
    Photos,
    Author,
    Contact,
    Consent,
    /// Whether, and under which name, the story may be published.
    Publication,
    /// Parts the app fills in itself (id, dates, language, client).
    Envelope,
}

impl Field {
    /// Every field the citizen fills in, in the order of the form.
    pub const FORM: [Field; 9] = [
        Field::Title,
        Field::Text,
        Field::District,
        Field::Policies,
        Field::Photos,
        Field::Author,
        Field::Contact,
        Field::Consent,
        Field::Publication,
    ];

    /// The name of the field in the request, as a refusal's `field` gives it.
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Text => "text",
            Field::District => "district",
            Field::Policies => "policies",
            Field::Photos => "photos",
            Field::Author => "author",
            Field::Contact => "contact",
            Field::Consent => "consent",
            Field::Publication => "publication",
            Field::Envelope => "id",
        }
    }

    /// The field a refusal names, if it is one the citizen can edit.
    pub fn from_name(name: &str) -> Option<Field> {
        Field::FORM.into_iter().find(|field| {
            field.name() == name
                || name
                    .strip_prefix(field.name())
                    .is_some_and(|rest| rest.starts_with(['.', '[']))
        })
    }
}

/// What is wrong with a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
        found: usize,
    },
    /// Control or direction-override characters that have no place in a story.
    HiddenCharacters,
    UnknownDistrict,
    UnknownPolicy,
    TooManyPhotos,
    NotAPhoto,
    PhotoFileTooLarge,
    PhotoTooLarge,
    /// A photo that still carries EXIF metadata (which can hold a GPS position).
    PhotoMetadata,
    BadContact,
    ConsentMissing,
    /// Publication under the given name, but no name was given.
    NoNameToPublish,
    /// Something the app itself fills in is missing or malformed.
    BadEnvelope(&'static str),
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

impl FieldError {
    pub(super) fn new(field: Field, problem: Problem) -> FieldError {
        FieldError { field, problem }
    }

    /// What the citizen reads beside the field.
    pub fn message(&self, lang: Lang) -> String {
        let max_mb = PHOTO_FILE_MAX_BYTES / (1024.0 * 1024.0);
        match (&self.problem, self.field) {
            (Problem::Required, Field::Title) => pick(lang, "โปรดตั้งชื่อเรื่อง", "Please give your story a title").into(),
            (Problem::Required, Field::Text) => pick(lang, "โปรดเล่าเรื่องของคุณ", "Please tell your story").into(),
            (Problem::Required | Problem::UnknownDistrict, Field::District) => {
                pick(lang, "โปรดเลือกเขตที่เรื่องนี้เกิดขึ้น", "Please choose the district the story is about").into()
            }
            (Problem::Required, _) => pick(lang, "โปรดกรอกช่องนี้", "Please fill in this field").into(),
            (Problem::TooLong { max, found }, _) => match lang {
                Lang::Th => format!("ยาวเกินไป: ไม่เกิน {max} ตัวอักษร (ตอนนี้ {found})"),
                Lang::En => format!("Too long: at most {max} characters (now {found})"),
            },
            (Problem::HiddenCharacters, _) => pick(
                lang,
                "มีอักขระควบคุมที่มองไม่เห็น โปรดลบหรือพิมพ์ข้อความนี้ใหม่",
                "Contains invisible control characters; please delete them or type the text again",
            )
            .into(),
            (Problem::UnknownDistrict, _) => pick(lang, "ไม่พบเขตนี้", "This district does not exist").into(),
            (Problem::UnknownPolicy, _) => pick(lang, "ไม่พบนโยบายนี้", "This policy does not exist").into(),
            (Problem::TooManyPhotos, _) => match lang {
                Lang::Th => format!("แนบรูปได้ไม่เกิน {MAX_PHOTOS} รูป"),
                Lang::En => format!("At most {MAX_PHOTOS} photos"),
            },
            (Problem::NotAPhoto, _) => pick(
                lang,
                "ไฟล์นี้ไม่ใช่รูปภาพที่เปิดได้ โปรดเลือกไฟล์รูป เช่น JPEG หรือ PNG",
                "This file is not a picture that can be opened; please choose a photo such as a JPEG or PNG",
            )
            .into(),
            (Problem::PhotoFileTooLarge, _) => match lang {
                Lang::Th => format!("ไฟล์รูปใหญ่เกินไป: ไม่เกินรูปละ {max_mb:.0} MB"),
                Lang::En => format!("This photo file is too large: at most {max_mb:.0} MB each"),
            },
            (Problem::PhotoTooLarge, _) => pick(
                lang,
                "รูปยังใหญ่เกินไปหลังย่อขนาด โปรดเลือกรูปอื่น",
                "This photo is still too large after shrinking; please choose another",
            )
            .into(),
            (Problem::PhotoMetadata, _) => pick(
                lang,
                "รูปยังมีข้อมูลแฝง (EXIF) ซึ่งอาจมีตำแหน่งที่ถ่าย",
                "This photo still carries hidden data (EXIF), which may include where it was taken",
            )
            .into(),
            (Problem::BadContact, _) => pick(
                lang,
                "โปรดใส่อีเมล เช่น name@example.com หรือหมายเลขโทรศัพท์ เช่น 081 234 5678",
                "Please give an e-mail address such as name@example.com or a Thai phone number such as 081 234 5678",
            )
            .into(),
            (Problem::ConsentMissing, _) => pick(
                lang,
                "โปรดอ่านและยินยอมตามประกาศความเป็นส่วนตัวก่อนส่ง",
                "Please read and agree to the privacy notice before sending",
            )
            .into(),
            (Problem::NoNameToPublish, _) => Msg::PublishNameMissing.text(lang).into(),
            (Problem::BadEnvelope(part), _) => match lang {
                Lang::Th => format!("ข้อมูลที่แอปแนบมาไม่ถูกต้อง ({part})"),
                Lang::En => format!("The app sent a malformed {part}"),
            },
        }
    }

    /// The English message, as the receiver answers a refusal.
    pub fn to_refusal(&self) -> serde_json::Value {
        serde_json::json!({
            "error": self.message(Lang::En),
            "error_th": self.message(Lang::Th),
            "field": self.field.name(),
        })
    }
}
