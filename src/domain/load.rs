//! Why a bundle could not be loaded, in words a citizen understands.

use super::dataset;
use super::i18n::{pick, Lang};
use super::validate::Refused;

/// What went wrong while loading the bundle.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The request did not reach the server, or no answer came back.
    Network,
    /// The server answered, but not with the bundle.
    Status(u16),
    /// The bundle arrived but cannot be used.
    Refused(Refused),
    /// A file of the dataset is not what its manifest promised: cut short, altered, or not
    /// the kind of file it should be. The path is the file's, within the dataset.
    Damaged(String),
    /// The dataset's manifest is of a format version this app does not read.
    UnknownFormat(String),
    /// `bundle=` names data on another origin that the site's own data does not list in
    /// its `embed_origins`.
    UnlistedOrigin(String),
    /// The file came, but the device has no room left to keep it (the service worker said
    /// so): keeping the whole archive cannot go on until there is.
    NoRoom,
}

impl LoadError {
    /// A sentence for the person in front of the screen.
    pub fn summary(&self, lang: Lang) -> String {
        match self {
            LoadError::Network => pick(
                lang,
                "เชื่อมต่ออินเทอร์เน็ตเพื่อโหลดข้อมูลไม่ได้ โปรดตรวจสอบการเชื่อมต่อแล้วลองอีกครั้ง",
                "The data could not be loaded over the network. Please check your connection and try again.",
            )
            .to_owned(),
            LoadError::Status(status) => match lang {
                Lang::Th => format!("เซิร์ฟเวอร์ไม่ได้ส่งข้อมูลมา (รหัส {status})"),
                Lang::En => format!("The server did not send the data (status {status})."),
            },
            LoadError::Damaged(path) => match lang {
                Lang::Th => format!("ไฟล์ข้อมูล {path} เสียหายหรือถูกแก้ไข จึงแสดงส่วนนี้ไม่ได้ ส่วนอื่นยังใช้ได้ตามปกติ"),
                Lang::En => format!("The data file {path} is damaged or was altered, so this part cannot be shown. The rest still works."),
            },
            LoadError::UnknownFormat(format) => match lang {
                Lang::Th => format!("ชุดข้อมูลเป็นรูปแบบ \"{format}\" ซึ่งแอปรุ่นนี้อ่านไม่ได้ (อ่านได้เฉพาะ {})", dataset::FORMAT),
                Lang::En => format!("The dataset is in the format \"{format}\", which this version of the app cannot read (it reads {}).", dataset::FORMAT),
            },
            LoadError::UnlistedOrigin(origin) => match lang {
                Lang::Th => format!("ที่อยู่นี้ขอข้อมูลข่าวจาก {origin} ซึ่งเว็บไซต์นี้ไม่ได้ระบุไว้ใน embed_origins จึงไม่อ่าน เปิดหน้านี้โดยไม่มี bundle= เพื่ออ่านข่าวของเว็บไซต์นี้"),
                Lang::En => format!("This address asks for news from {origin}, which this site does not list in its embed_origins, so it is not read. Open the page without bundle= for this site's own news."),
            },
            LoadError::NoRoom => pick(
                lang,
                "พื้นที่ในเครื่องนี้เต็ม จึงเก็บข่าวเพิ่มไม่ได้ ข่าวที่เก็บไว้แล้วยังอ่านได้แม้ไม่มีอินเทอร์เน็ต เมื่อลบไฟล์อื่นในเครื่องออกแล้ว กด \"ดาวน์โหลดต่อ\"",
                "This device has no room left, so no more news can be kept on it. What is kept can still be read with no connection. Free some space on the device, then choose Resume.",
            )
            .to_owned(),
            LoadError::Refused(refused) => match lang {
                Lang::Th => format!("ไฟล์ข้อมูลมีข้อผิดพลาด {} จุดที่ทำให้แสดงผลไม่ได้", refused.errors.len()),
                Lang::En if refused.errors.len() == 1 => {
                    "The data file has an error that stops it from being shown.".to_owned()
                }
                Lang::En => format!(
                    "The data file has {} errors that stop it from being shown.",
                    refused.errors.len()
                ),
            },
        }
    }

    /// Each problem on a line of its own, for the city's web team.
    pub fn details(&self, lang: Lang) -> Vec<String> {
        match self {
            LoadError::Refused(refused) => {
                refused.errors.iter().map(|e| e.describe(lang)).collect()
            }
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::parse_bundle;

    #[test]
    fn a_refused_bundle_is_summarised_with_its_error_count_and_listed_in_full() {
        let Err(refused) = parse_bundle("{\"format\": \"city-comms/9\"}") else {
            panic!("accepted");
        };
        let error = LoadError::Refused(refused);
        assert!(
            error.summary(Lang::En).contains("errors"),
            "{}",
            error.summary(Lang::En)
        );
        let details = error.details(Lang::En);
        assert!(
            details[0].starts_with("format: is version \"city-comms/9\""),
            "{details:?}"
        );
        assert!(
            details.iter().any(|d| d.starts_with("news: is required")),
            "{details:?}"
        );
    }

    #[test]
    fn a_damaged_file_or_an_unknown_format_is_named_in_both_languages() {
        let damaged = LoadError::Damaged("cards/2026-11-0.0123456789abcdef.json".to_owned());
        for lang in [Lang::Th, Lang::En] {
            assert!(damaged
                .summary(lang)
                .contains("cards/2026-11-0.0123456789abcdef.json"));
            assert!(LoadError::UnknownFormat("city-comms-dataset/9".to_owned())
                .summary(lang)
                .contains("city-comms-dataset/9"));
        }
    }

    #[test]
    fn network_and_status_errors_explain_themselves_in_both_languages() {
        assert!(LoadError::NoRoom
            .summary(Lang::Th)
            .contains("พื้นที่ในเครื่องนี้เต็ม"));
        assert!(LoadError::NoRoom.summary(Lang::En).contains("no room left"));
        assert!(LoadError::Network.summary(Lang::Th).contains("อินเทอร์เน็ต"));
        assert!(LoadError::Status(404).summary(Lang::En).contains("404"));
        assert!(LoadError::Status(503).summary(Lang::Th).contains("503"));
        assert!(LoadError::Network.details(Lang::En).is_empty());
    }
}
