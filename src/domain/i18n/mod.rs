//! The two languages of the app and every fixed string of its interface, in both.
//!
//! Each message is one variant with its Thai and English text side by side, so a string
//! cannot exist in one language only: the compiler refuses a variant without both.

use std::fmt;

/// A language the app speaks. Thai comes first: it is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Th,
    En,
}

impl Lang {
    /// Both languages, Thai first.
    pub const ALL: [Lang; 2] = [Lang::Th, Lang::En];

    /// The BCP 47 tag, as used in `lang=` and the `lang` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Th => "th",
            Lang::En => "en",
        }
    }

    /// Reads a `lang=` value or a browser language tag such as `en-GB` or `th-TH`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "th" => Some(Lang::Th),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language to use: the address's `lang=`, else the saved choice, else the first of
    /// the browser's languages that the app speaks, else Thai.
    ///
    /// `src/build/before-paint.js` applies the same rule before the first paint, to show a
    /// prerendered page in this language; `tests/e2e/prerender.test.mjs` holds them together.
    pub fn choose<'a>(
        from_address: Option<&str>,
        saved: Option<&str>,
        browser: impl IntoIterator<Item = &'a str>,
    ) -> Lang {
        from_address
            .and_then(Lang::from_tag)
            .or_else(|| saved.and_then(Lang::from_tag))
            .or_else(|| browser.into_iter().find_map(Lang::from_tag))
            .unwrap_or_default()
    }

    /// The other language, for the switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::Th => Lang::En,
            Lang::En => Lang::Th,
        }
    }

    /// The language's own name for itself, as the switch shows it.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Th => "ภาษาไทย",
            Lang::En => "English",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Picks the Thai or the English of a pair.
pub fn pick<T>(lang: Lang, th: T, en: T) -> T {
    match lang {
        Lang::Th => th,
        Lang::En => en,
    }
}

/// A receiver's reason for refusing a story, in `lang`: its Thai when it gave one and Thai is
/// wanted, otherwise its English.
pub fn receiver_reason<'a>(lang: Lang, reason: &'a str, reason_th: Option<&'a str>) -> &'a str {
    match (lang, reason_th) {
        (Lang::Th, Some(thai)) => thai,
        _ => reason,
    }
}

/// Declares an enum of fixed strings of the interface with one variant per line, each with
/// its Thai and English text, and its `ALL` so that tests can check every message.
///
/// The app's words are in several enums, one for the main module and one for each page
/// fetched on demand that has words of its own (see `src/main.rs`): each enum's texts are
/// read by one `match`, and the words of a page that most visits never open then travel in
/// its module, not in the main one.
macro_rules! messages {
    ($(#[$meta:meta])* pub enum $enum:ident { $($name:ident => ($th:expr, $en:expr $(,)?)),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $enum {
            $($name,)*
        }

        impl $enum {
            /// Every message, in declaration order.
            #[allow(dead_code)]
            pub const ALL: &'static [$enum] = &[$($enum::$name,)*];

            /// The Thai and the English text.
            pub fn pair(self) -> (&'static str, &'static str) {
                match self {
                    $($enum::$name => ($th, $en),)*
                }
            }

            /// The text in `lang`.
            pub fn text(self, lang: $crate::domain::i18n::Lang) -> &'static str {
                let (th, en) = self.pair();
                $crate::domain::i18n::pick(lang, th, en)
            }
        }
    };
}

mod app;
mod embed;
mod form;
mod plan;
mod stories;

pub use app::Msg;
pub use embed::EmbedMsg;
pub use form::FormMsg;
pub use plan::PlanMsg;
pub use stories::StoriesMsg;

/// The kiosk's countdown: how soon it starts over for the next person.
pub fn kiosk_countdown(seconds: u32, lang: Lang) -> String {
    match lang {
        Lang::Th => format!("จะเริ่มใหม่สำหรับผู้ใช้คนถัดไปใน {seconds} วินาที สิ่งที่คุณกรอกไว้จะถูกลบ"),
        Lang::En => format!(
            "Starting over for the next person in {seconds} s. Anything you typed will be cleared."
        ),
    }
}

/// "48 views", for a view count.
pub fn views(count: u64, lang: Lang) -> String {
    match lang {
        Lang::Th => format!("เข้าชม {count} ครั้ง"),
        Lang::En if count == 1 => "1 view".to_owned(),
        Lang::En => format!("{count} views"),
    }
}

/// "52.3 MB", for a size on the device: mebibytes to the nearest tenth, counted in whole
/// numbers (no float formatting in the app's first download).
pub fn megabytes(bytes: u64) -> String {
    const MEBIBYTE: u128 = 1_048_576;
    let tenths = (u128::from(bytes) * 10 + MEBIBYTE / 2) / MEBIBYTE;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

/// The word after a count of news: "ข่าว", "news item" or "news items".
pub fn news_unit(count: usize, lang: Lang) -> &'static str {
    match lang {
        Lang::Th => "ข่าว",
        Lang::En if count == 1 => "news item",
        Lang::En => "news items",
    }
}

/// "3 news items", for a list's size.
pub fn news_count(count: usize, lang: Lang) -> String {
    format!("{count} {}", news_unit(count, lang))
}

/// "Showing 20 of 120", under a list that shows only its first items.
pub fn showing(shown: usize, total: usize, lang: Lang) -> String {
    match lang {
        Lang::Th => format!("แสดง {shown} จาก {total} ข่าว"),
        Lang::En => format!("Showing {shown} of {total}"),
    }
}

/// The notice shown when some items of the bundle were left out.
pub fn items_left_out(count: usize, lang: Lang) -> String {
    match lang {
        Lang::Th => format!("มีข้อมูล {count} รายการที่ไม่ถูกต้องและไม่ได้แสดง"),
        Lang::En if count == 1 => "1 item had errors and is not shown".to_owned(),
        Lang::En => format!("{count} items had errors and are not shown"),
    }
}

/// The plan's period: Buddhist-era years for Thai readers, common-era years for English.
pub fn plan_period(from_be: i32, to_be: i32, lang: Lang) -> String {
    match lang {
        Lang::Th => format!("พ.ศ. {from_be}–{to_be}"),
        Lang::En => format!("{}–{}", from_be - 543, to_be - 543),
    }
}

/// A communication channel's name; a channel the app does not know is shown as written.
pub fn channel_name(channel: &str, lang: Lang) -> String {
    let known = match channel {
        "facebook" => Some(("Facebook", "Facebook")),
        "line" => Some(("LINE", "LINE")),
        "website" => Some(("เว็บไซต์", "Website")),
        "signage" => Some(("ป้ายประชาสัมพันธ์", "Signage")),
        "tiktok" => Some(("TikTok", "TikTok")),
        "radio" => Some(("วิทยุ", "Radio")),
        "community-meeting" => Some(("การประชุมชุมชน", "Community meetings")),
        _ => None,
    };
    known.map_or_else(
        || channel.to_owned(),
        |(th, en)| pick(lang, th, en).to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_thai(text: &str) -> bool {
        text.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c))
    }

    #[test]
    fn a_size_on_the_device_is_read_in_megabytes_to_a_tenth() {
        assert_eq!(megabytes(0), "0.0 MB");
        assert_eq!(megabytes(52_000), "0.0 MB");
        assert_eq!(megabytes(53_000), "0.1 MB");
        assert_eq!(megabytes(1_048_576), "1.0 MB");
        assert_eq!(megabytes(54_784_000), "52.2 MB");
        assert_eq!(megabytes(10 * 1_048_576 - 1), "10.0 MB");
        assert_eq!(megabytes(u64::MAX), "17592186044416.0 MB");
    }

    #[test]
    fn a_receivers_reason_is_in_thai_only_when_it_gave_one() {
        assert_eq!(
            receiver_reason(Lang::Th, "too long", Some("ยาวเกินไป")),
            "ยาวเกินไป"
        );
        assert_eq!(receiver_reason(Lang::Th, "too long", None), "too long");
        assert_eq!(
            receiver_reason(Lang::En, "too long", Some("ยาวเกินไป")),
            "too long"
        );
    }

    #[test]
    fn every_message_is_written_in_thai_and_in_english() {
        fn named<M: fmt::Debug + Copy>(
            all: &[M],
            pair: fn(M) -> (&'static str, &'static str),
        ) -> Vec<(String, (&'static str, &'static str))> {
            all.iter()
                .map(|&msg| (format!("{msg:?}"), pair(msg)))
                .collect()
        }
        let every = [
            named(Msg::ALL, Msg::pair),
            named(FormMsg::ALL, FormMsg::pair),
            named(EmbedMsg::ALL, EmbedMsg::pair),
            named(PlanMsg::ALL, PlanMsg::pair),
            named(StoriesMsg::ALL, StoriesMsg::pair),
        ];
        let mut names = std::collections::HashSet::new();
        for (msg, (th, en)) in every.into_iter().flatten() {
            assert!(has_thai(th), "{msg} has no Thai text: {th}");
            // English may quote the Thai name of the policy framework, nothing else.
            let english_only = !en.is_empty() && !has_thai(en);
            assert!(english_only || msg == "PolicyDimensions", "{msg}: {en}");
            assert_ne!(th, en, "{msg}");
            // One name, one message, whichever page's words it is among.
            assert!(names.insert(msg.clone()), "{msg} is declared twice");
        }
    }

    #[test]
    fn the_language_comes_from_the_address_then_the_saved_choice_then_the_browser() {
        type Case<'a> = (Option<&'a str>, Option<&'a str>, &'a [&'a str], Lang);
        let cases: [Case; 8] = [
            (Some("en"), Some("th"), &["th-TH"], Lang::En),
            (Some("th"), Some("en"), &["en-US"], Lang::Th),
            (Some("fr"), Some("en"), &["th"], Lang::En),
            (None, Some("en"), &["th-TH"], Lang::En),
            (None, None, &["fr-FR", "en-GB", "th"], Lang::En),
            (None, None, &["TH_th"], Lang::Th),
            (None, None, &["fr", "de"], Lang::Th),
            (None, Some(""), &[], Lang::Th),
        ];
        for (address, saved, browser, expected) in cases {
            let chosen = Lang::choose(address, saved, browser.iter().copied());
            assert_eq!(chosen, expected, "{address:?} {saved:?} {browser:?}");
        }
    }

    #[test]
    fn counts_read_naturally_in_both_languages() {
        assert_eq!(views(48, Lang::Th), "เข้าชม 48 ครั้ง");
        assert_eq!(views(48, Lang::En), "48 views");
        assert_eq!(views(1, Lang::En), "1 view");
        assert_eq!(news_count(1, Lang::En), "1 news item");
        assert_eq!(news_count(31, Lang::Th), "31 ข่าว");
        assert_eq!(
            items_left_out(2, Lang::En),
            "2 items had errors and are not shown"
        );
    }

    #[test]
    fn the_plan_period_is_shown_in_the_readers_era() {
        assert_eq!(plan_period(2566, 2570, Lang::Th), "พ.ศ. 2566–2570");
        assert_eq!(plan_period(2566, 2570, Lang::En), "2023–2027");
    }

    #[test]
    fn unknown_channels_are_shown_as_written() {
        assert_eq!(channel_name("line", Lang::En), "LINE");
        assert_eq!(channel_name("signage", Lang::Th), "ป้ายประชาสัมพันธ์");
        assert_eq!(channel_name("carrier-pigeon", Lang::Th), "carrier-pigeon");
    }
}
