//! Dates as district offices write them: ISO (`2019-10-10`), RFC 3339 timestamps, and the
//! Thai way, day, month name and Buddhist-era year (`10 ต.ค. 2562`, `10 ตุลาคม พ.ศ. 2562`,
//! `๑๐ ต.ค. ๖๒`), or day/month/year as Thai spreadsheets write it (`10/10/2562`).
//!
//! The dataset tool's import reads news dates with it. The month names are the ones the app
//! shows dates with (`domain::date`), and whether a day exists is decided there too.

use super::date::{
    Date, Moment, BUDDHIST_ERA_OFFSET, ENGLISH_MONTHS, ENGLISH_MONTHS_FULL, THAI_MONTHS,
    THAI_MONTHS_FULL,
};

/// A date as written in the news: a calendar day, or a moment with its time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Day(Date),
    Moment(Moment),
}

impl When {
    /// The day in Bangkok.
    pub fn date(self) -> Date {
        match self {
            When::Day(date) => date,
            When::Moment(moment) => moment.bangkok_date(),
        }
    }

    /// As the bundle writes it: `2019-10-10`, or RFC 3339 on Bangkok's clock.
    pub fn to_bundle(self) -> String {
        match self {
            When::Day(date) => date.to_string(),
            When::Moment(moment) => moment.to_rfc3339(),
        }
    }
}

/// Years from this one up are taken as Buddhist era (2400 B.E. is 1857 C.E.).
const FIRST_BUDDHIST_YEAR: i32 = 2400;

/// Reads a date in any of the accepted forms; `None` if it is none of them or the day does
/// not exist (`31 ก.พ. 2562`).
pub fn parse(text: &str) -> Option<When> {
    let text = arabic_digits(text.trim());
    let text = text.as_str();
    if let Some(date) = Date::parse(text) {
        return Some(When::Day(date));
    }
    if let Some(moment) = Moment::parse(text) {
        return Some(When::Moment(moment));
    }
    slashed(text).or_else(|| named_month(text)).map(When::Day)
}

/// Thai digits (๐–๙) as ASCII digits.
pub fn arabic_digits(text: &str) -> String {
    super::digits::to_arabic(text)
}

/// `10/10/2562` or `10/10/2019`: day first, as Thailand writes it.
fn slashed(text: &str) -> Option<Date> {
    let parts: Vec<&str> = text.split('/').collect();
    let [day, month, year] = parts.as_slice() else {
        return None;
    };
    let day = number(day, 2)?;
    let month = number(month, 2)?;
    if year.len() != 4 {
        return None;
    }
    let year = common_era(number(year, 4)?);
    Date::new(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
}

/// `10 ต.ค. 2562`, `10 ตุลาคม พ.ศ. 2562`, `วันพฤหัสบดีที่ 10 ตุลาคม 2562`, `10 ต.ค. 62`,
/// `10 Oct 2019`.
fn named_month(text: &str) -> Option<Date> {
    // A weekday before the date: "วันพฤหัสบดีที่ 10 ...".
    let text = match text
        .strip_prefix("วัน")
        .and_then(|rest| rest.split_once("ที่"))
    {
        Some((_, date)) => date.trim_start(),
        None => text,
    };
    let day_end = text.find(|c: char| !c.is_ascii_digit())?;
    let day = number(&text[..day_end], 2)?;
    let rest = &text[day_end..];
    let year_start = rest.rfind(|c: char| !c.is_ascii_digit())? + 1;
    let year_text = &rest[year_start..];
    let month_text: String = rest[..year_start]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let month_text = month_text
        .strip_suffix("พ.ศ.")
        .or_else(|| month_text.strip_suffix("ค.ศ."))
        .unwrap_or(&month_text);
    let month_text = month_text.strip_prefix(',').unwrap_or(month_text);
    let month_text = month_text.strip_suffix(',').unwrap_or(month_text);
    let (month, thai) = month_number(month_text)?;
    let year = match year_text.len() {
        // Two digits after a Thai month are the Buddhist era's last two, as in "10 ต.ค. 62".
        2 if thai => number(year_text, 2)? as i32 + 2500 - BUDDHIST_ERA_OFFSET,
        4 => common_era(number(year_text, 4)?),
        _ => return None,
    };
    Date::new(year, month, u8::try_from(day).ok()?)
}

/// The month (1 to 12) a name stands for (without its dots, in lower case), and whether the
/// name is Thai.
fn month_number(name: &str) -> Option<(u8, bool)> {
    let bare = name.replace('.', "");
    let same = |known: &str| known.replace('.', "").to_lowercase() == bare;
    (0..12).find_map(|at| {
        let month = u8::try_from(at + 1).ok()?;
        if same(THAI_MONTHS[at]) || same(THAI_MONTHS_FULL[at]) {
            Some((month, true))
        } else if same(ENGLISH_MONTHS[at]) || same(ENGLISH_MONTHS_FULL[at]) {
            Some((month, false))
        } else {
            None
        }
    })
}

fn common_era(year: u32) -> i32 {
    let year = year as i32;
    if year >= FIRST_BUDDHIST_YEAR {
        year - BUDDHIST_ERA_OFFSET
    } else {
        year
    }
}

/// A number of one to `most` ASCII digits.
fn number(text: &str, most: usize) -> Option<u32> {
    let ok = !text.is_empty() && text.len() <= most && text.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| text.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_and_iso_dates_name_the_same_day() {
        let cases = [
            "2019-10-10",
            "10 ต.ค. 2562",
            "10 ตุลาคม 2562",
            "10 ต.ค.2562",
            "10ต.ค.2562",
            "๑๐ ต.ค. ๒๕๖๒",
            "๑๐ ตุลาคม ๒๕๖๒",
            "10 ตุลาคม พ.ศ. 2562",
            "วันพฤหัสบดีที่ 10 ตุลาคม 2562",
            "10 ต.ค. 62",
            "10 ตค 2562",
            "10 Oct. 2019",
            "10/10/2562",
            "10/10/2019",
            "10 Oct 2019",
            "10 October 2019",
            "  10 ต.ค. 2562  ",
        ];
        let expected = Date::parse("2019-10-10").unwrap();
        for text in cases {
            assert_eq!(parse(text).map(When::date), Some(expected), "{text}");
            assert_eq!(
                parse(text).map(When::to_bundle).as_deref(),
                Some("2019-10-10"),
                "{text}"
            );
        }
    }

    #[test]
    fn every_thai_month_is_read() {
        for (index, names) in THAI_MONTHS.iter().zip(THAI_MONTHS_FULL).enumerate() {
            for name in [*names.0, names.1] {
                let text = format!("1 {name} 2569");
                let date = parse(&text).map(When::date).unwrap();
                assert_eq!(
                    (date.year(), usize::from(date.month())),
                    (2026, index + 1),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn days_that_do_not_exist_and_other_text_are_refused() {
        let cases = [
            "31 ก.พ. 2562",
            "29 ก.พ. 2562",
            "32 ต.ค. 2562",
            "0 ต.ค. 2562",
            "10 ตุลา 2562",
            "10 ต.ค.",
            "ต.ค. 2562",
            "10 ต.ค. 256",
            "13/13/2562",
            "2019-02-30",
            "yesterday",
            "",
            "10/10/62",
            "10 Oct 19",
            "99999999999 ต.ค. 2562",
        ];
        for text in cases {
            assert_eq!(parse(text), None, "{text}");
        }
        // 2563 B.E. (2020) was a leap year.
        assert!(parse("29 ก.พ. 2563").is_some());
    }

    #[test]
    fn timestamps_keep_their_time_on_bangkoks_clock() {
        let when = parse("2019-10-10T06:30:00Z").unwrap();
        assert_eq!(when.to_bundle(), "2019-10-10T13:30:00+07:00");
        assert_eq!(when.date(), Date::parse("2019-10-10").unwrap());
    }
}
