//! Calendar dates and timestamps as the bundle writes them, and their display in the
//! Buddhist era (Thai) or the common era (English).
//!
//! Hand-written rather than `time` or `chrono`: the app needs only ISO 8601 calendar dates,
//! RFC 3339 timestamps and one fixed zone (Bangkok, UTC+7, no daylight saving), and either
//! crate would add more to the wasm than this whole module.

use super::i18n::Lang;
use std::fmt;

/// Bangkok's offset from UTC in seconds; Thailand has kept UTC+7 without daylight saving.
pub const BANGKOK_OFFSET_SECONDS: i64 = 7 * 3600;

/// Difference between the Buddhist era (พ.ศ.) and the common era.
pub const BUDDHIST_ERA_OFFSET: i32 = 543;

/// The months' short Thai names, as dates are shown (`ต.ค.`).
pub(crate) const THAI_MONTHS: [&str; 12] = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
];
/// The months' short English names, as dates are shown (`Oct`).
pub(crate) const ENGLISH_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
/// The months' full Thai names (`ตุลาคม`), as people also write them.
pub(crate) const THAI_MONTHS_FULL: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];
/// The months' full English names.
pub(crate) const ENGLISH_MONTHS_FULL: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A day of the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, if it exists in the calendar (`2019-02-30` does not).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year = digits(&bytes[0..4])?;
        let month = digits(&bytes[5..7])?;
        let day = digits(&bytes[8..10])?;
        Date::new(year as i32, month as u8, day as u8)
    }

    /// The common-era year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The first day of this date's month.
    pub fn first_of_month(self) -> Date {
        Date { day: 1, ..self }
    }

    /// The same day `months` months earlier, or the last day of that month if it is shorter.
    pub fn minus_months(self, months: u32) -> Date {
        let index = i64::from(self.year) * 12 + i64::from(self.month - 1) - i64::from(months);
        let year = index.div_euclid(12) as i32;
        let month = (index.rem_euclid(12) + 1) as u8;
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// The year in the Buddhist era (พ.ศ.).
    pub fn buddhist_year(self) -> i32 {
        self.year + BUDDHIST_ERA_OFFSET
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days-from-civil algorithm, in eras of 400 years.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let year_of_era = y - era * 400;
        let m = i64::from(self.month);
        let day_of_year =
            (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The date as a reader of `lang` expects it: `10 ต.ค. 2562` or `10 Oct 2019`.
    pub fn display(self, lang: Lang) -> String {
        let month = usize::from(self.month - 1);
        match lang {
            Lang::Th => format!(
                "{} {} {}",
                self.day,
                THAI_MONTHS[month],
                self.buddhist_year()
            ),
            Lang::En => format!("{} {} {}", self.day, ENGLISH_MONTHS[month], self.year),
        }
    }
}

impl fmt::Display for Date {
    /// ISO 8601, as in the bundle and the address bar.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A moment given in the bundle either as a calendar date or as an RFC 3339 timestamp,
/// placed on Bangkok's clock so that items of both kinds sort together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Moment {
    /// Seconds since 1970-01-01 00:00 on Bangkok's wall clock.
    bangkok_seconds: i64,
}

impl Moment {
    /// Parses `YYYY-MM-DD` (taken as the start of that day in Bangkok) or an RFC 3339
    /// timestamp such as `2026-11-21T10:15:00+07:00` or `2026-11-21T03:15:00Z`.
    pub fn parse(text: &str) -> Option<Moment> {
        if let Some(date) = Date::parse(text) {
            return Some(Moment::start_of(date));
        }
        parse_rfc3339(text)
    }

    /// The start of `date` in Bangkok.
    pub fn start_of(date: Date) -> Moment {
        Moment {
            bangkok_seconds: date.days_since_epoch() * 86_400,
        }
    }

    /// The moment `unix_millis` milliseconds after 1970-01-01 00:00 UTC.
    pub fn from_unix_millis(unix_millis: f64) -> Moment {
        let seconds = (unix_millis / 1000.0).floor() as i64;
        Moment {
            bangkok_seconds: seconds + BANGKOK_OFFSET_SECONDS,
        }
    }

    /// The day this moment falls on in Bangkok.
    pub fn bangkok_date(self) -> Date {
        Date::from_days_since_epoch(self.bangkok_seconds.div_euclid(86_400))
    }

    /// Milliseconds since 1970-01-01 00:00 UTC (whole seconds: a moment keeps no fraction).
    pub fn unix_millis(self) -> i64 {
        (self.bangkok_seconds - BANGKOK_OFFSET_SECONDS) * 1000
    }

    /// The date and the time of day in Bangkok: `21 พ.ย. 2569 10:15 น.` or `21 Nov 2026, 10:15`.
    pub fn display_with_time(self, lang: Lang) -> String {
        let minutes = self.bangkok_seconds.rem_euclid(86_400) / 60;
        let (hour, minute) = (minutes / 60, minutes % 60);
        let date = self.bangkok_date().display(lang);
        match lang {
            Lang::Th => format!("{date} {hour:02}:{minute:02} น."),
            Lang::En => format!("{date}, {hour:02}:{minute:02}"),
        }
    }

    /// RFC 2822 on Bangkok's clock, as RSS 2.0 dates it: `Sat, 21 Nov 2026 10:15:00 +0700`.
    pub fn to_rfc2822(self) -> String {
        const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let date = self.bangkok_date();
        let seconds_of_day = self.bangkok_seconds.rem_euclid(86_400);
        format!(
            "{}, {:02} {} {:04} {:02}:{:02}:{:02} +0700",
            DAYS[date.days_since_epoch().rem_euclid(7) as usize],
            date.day(),
            MONTHS[usize::from(date.month().clamp(1, 12)) - 1],
            date.year(),
            seconds_of_day / 3600,
            seconds_of_day / 60 % 60,
            seconds_of_day % 60
        )
    }

    /// RFC 3339 on Bangkok's clock, such as `2026-11-21T10:15:00+07:00`.
    pub fn to_rfc3339(self) -> String {
        let seconds_of_day = self.bangkok_seconds.rem_euclid(86_400);
        format!(
            "{}T{:02}:{:02}:{:02}+07:00",
            self.bangkok_date(),
            seconds_of_day / 3600,
            seconds_of_day / 60 % 60,
            seconds_of_day % 60
        )
    }
}

fn parse_rfc3339(text: &str) -> Option<Moment> {
    let bytes = text.as_bytes();
    if bytes.len() < 20 || !matches!(bytes[10], b'T' | b't' | b' ') {
        return None;
    }
    let date = Date::parse(text.get(0..10)?)?;
    if bytes[13] != b':' || bytes[16] != b':' {
        return None;
    }
    let hour = digits(&bytes[11..13])?;
    let minute = digits(&bytes[14..16])?;
    // 60 allows a leap second, which RFC 3339 permits.
    let second = digits(&bytes[17..19])?;
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = &bytes[19..];
    if let [b'.', tail @ ..] = rest {
        let fraction = tail.iter().take_while(|b| b.is_ascii_digit()).count();
        if fraction == 0 {
            return None;
        }
        rest = &tail[fraction..];
    }
    let offset_seconds = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let hours = digits(&[*h1, *h2])?;
            let minutes = digits(&[*m1, *m2])?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            let magnitude = i64::from(hours * 3600 + minutes * 60);
            if *sign == b'-' {
                -magnitude
            } else {
                magnitude
            }
        }
        _ => return None,
    };
    let local_seconds =
        date.days_since_epoch() * 86_400 + i64::from(hour * 3600 + minute * 60 + second.min(59));
    let utc_seconds = local_seconds - offset_seconds;
    Some(Moment {
        bangkok_seconds: utc_seconds + BANGKOK_OFFSET_SECONDS,
    })
}

fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |value, byte| {
        byte.is_ascii_digit()
            .then(|| value * 10 + u32::from(byte - b'0'))
    })
}

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub(crate) fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn moments_are_written_back_as_rfc3339_on_bangkoks_clock() {
        let moment = Moment::parse("2026-11-21T03:15:09Z").unwrap();
        assert_eq!(moment.to_rfc3339(), "2026-11-21T10:15:09+07:00");
        assert_eq!(Moment::parse(&moment.to_rfc3339()), Some(moment));
        assert_eq!(
            Moment::from_unix_millis(moment.unix_millis() as f64),
            moment
        );
        assert_eq!(moment.display_with_time(Lang::Th), "21 พ.ย. 2569 10:15 น.");
        assert_eq!(moment.display_with_time(Lang::En), "21 Nov 2026, 10:15");
        let late = Moment::parse("2026-12-31T23:59:59+07:00").unwrap();
        assert_eq!(late.to_rfc3339(), "2026-12-31T23:59:59+07:00");
    }

    #[test]
    fn calendar_dates_parse_only_when_the_day_exists() {
        let cases = [
            ("2019-10-10", true),
            ("2024-02-29", true),
            ("2000-02-29", true),
            ("2019-02-29", false),
            ("1900-02-29", false),
            ("2019-02-30", false),
            ("2019-04-31", false),
            ("2019-13-01", false),
            ("2019-00-10", false),
            ("2019-10-00", false),
            ("2019-1-10", false),
            ("2019/10/10", false),
            ("๒๕๖๒-10-10", false),
            ("", false),
            ("2019-10-10T", false),
        ];
        for (text, valid) in cases {
            assert_eq!(Date::parse(text).is_some(), valid, "{text}");
        }
    }

    #[test]
    fn thai_dates_use_the_buddhist_era_and_short_month_names() {
        let cases = [
            ("2019-10-10", "10 ต.ค. 2562"),
            ("2026-01-01", "1 ม.ค. 2569"),
            ("2025-12-31", "31 ธ.ค. 2568"),
            ("2024-02-29", "29 ก.พ. 2567"),
            ("2023-03-05", "5 มี.ค. 2566"),
            ("2023-04-13", "13 เม.ย. 2566"),
            ("2023-06-01", "1 มิ.ย. 2566"),
        ];
        for (iso, thai) in cases {
            assert_eq!(date(iso).display(Lang::Th), thai, "{iso}");
        }
    }

    #[test]
    fn english_dates_use_the_common_era() {
        let cases = [
            ("2019-10-10", "10 Oct 2019"),
            ("2026-01-01", "1 Jan 2026"),
            ("2025-12-31", "31 Dec 2025"),
            ("2024-02-29", "29 Feb 2024"),
        ];
        for (iso, english) in cases {
            assert_eq!(date(iso).display(Lang::En), english, "{iso}");
        }
    }

    #[test]
    fn timestamps_are_placed_on_bangkoks_calendar_across_the_year_boundary() {
        let cases = [
            // 17:00 UTC on New Year's Eve is already New Year's Day in Bangkok.
            ("2025-12-31T17:00:00Z", "1 ม.ค. 2569", "1 Jan 2026"),
            ("2025-12-31T16:59:59Z", "31 ธ.ค. 2568", "31 Dec 2025"),
            ("2026-01-01T00:30:00+07:00", "1 ม.ค. 2569", "1 Jan 2026"),
            ("2026-01-01T06:59:00+07:00", "1 ม.ค. 2569", "1 Jan 2026"),
            ("2025-12-31T23:00:00-05:00", "1 ม.ค. 2569", "1 Jan 2026"),
            (
                "2019-10-10T13:30:00.123+07:00",
                "10 ต.ค. 2562",
                "10 Oct 2019",
            ),
        ];
        for (text, thai, english) in cases {
            let day = Moment::parse(text).unwrap().bangkok_date();
            assert_eq!(day.display(Lang::Th), thai, "{text}");
            assert_eq!(day.display(Lang::En), english, "{text}");
        }
    }

    #[test]
    fn malformed_timestamps_are_refused() {
        let cases = [
            "2019-10-10T25:00:00Z",
            "2019-10-10T10:60:00Z",
            "2019-10-10T10:00:00",
            "2019-10-10T10:00:00+0700",
            "2019-10-10T10:00:00.Z",
            "2019-02-30T10:00:00Z",
            "2019-10-10T10:00Z",
            "yesterday",
        ];
        for text in cases {
            assert_eq!(Moment::parse(text), None, "{text}");
        }
    }

    #[test]
    fn a_date_and_a_timestamp_on_the_same_day_sort_in_time_order() {
        let morning = Moment::parse("2026-03-14T10:30:00+07:00").unwrap();
        let day = Moment::parse("2026-03-14").unwrap();
        let next_day = Moment::parse("2026-03-15").unwrap();
        assert!(day < morning && morning < next_day);
    }

    #[test]
    fn days_since_epoch_round_trips_over_four_centuries() {
        for days in (-146_097 * 2..146_097 * 2).step_by(97) {
            let day = Date::from_days_since_epoch(days);
            assert_eq!(day.days_since_epoch(), days);
            assert_eq!(Date::new(day.year(), day.month(), day.day()), Some(day));
        }
        assert_eq!(date("1970-01-01").days_since_epoch(), 0);
        assert_eq!(date("2000-03-01").days_since_epoch(), 11_017);
    }

    #[test]
    fn months_back_clamp_to_the_shorter_month_and_cross_years() {
        let cases = [
            ("2026-11-22", 3, "2026-08-22"),
            ("2026-05-31", 3, "2026-02-28"),
            ("2024-05-31", 3, "2024-02-29"),
            ("2026-02-15", 3, "2025-11-15"),
            ("2026-01-01", 12, "2025-01-01"),
        ];
        for (from, months, expected) in cases {
            assert_eq!(
                date(from).minus_months(months),
                date(expected),
                "{from} - {months}"
            );
        }
        assert_eq!(date("2026-11-22").first_of_month(), date("2026-11-01"));
    }

    #[test]
    fn unix_millis_from_the_browser_clock_become_bangkok_dates() {
        // 2026-11-21T17:30:00Z is 00:30 on 22 November in Bangkok.
        let moment = Moment::from_unix_millis(1_795_282_200_000.0);
        assert_eq!(moment.bangkok_date(), date("2026-11-22"));
    }

    #[test]
    fn rss_dates_name_the_weekday_and_the_bangkok_offset() {
        let moment = Moment::parse("2026-11-21T03:15:00Z").unwrap();
        assert_eq!(moment.to_rfc2822(), "Sat, 21 Nov 2026 10:15:00 +0700");
        let day = Moment::parse("2019-10-10").unwrap();
        assert_eq!(day.to_rfc2822(), "Thu, 10 Oct 2019 00:00:00 +0700");
        assert_eq!(
            Moment::parse("1970-01-01").unwrap().to_rfc2822(),
            "Thu, 01 Jan 1970 00:00:00 +0700"
        );
    }
}
