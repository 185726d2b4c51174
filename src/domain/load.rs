//! Why a bundle could not be loaded, in words a citizen understands.

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
    fn network_and_status_errors_explain_themselves_in_both_languages() {
        assert!(LoadError::Network.summary(Lang::Th).contains("อินเทอร์เน็ต"));
        assert!(LoadError::Status(404).summary(Lang::En).contains("404"));
        assert!(LoadError::Status(503).summary(Lang::Th).contains("503"));
        assert!(LoadError::Network.details(Lang::En).is_empty());
    }
}
