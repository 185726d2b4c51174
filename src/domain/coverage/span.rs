//! The stretch of days a coverage report counts: any two days, or one of the periods the
//! city reports by: a month, a quarter of the fiscal year, a fiscal year (October to
//! September, named by its year in the Buddhist era: ปีงบประมาณ 2570 runs from 1 October
//! 2026 to 30 September 2027).

use crate::domain::date::{days_in_month, Date, BUDDHIST_ERA_OFFSET, ENGLISH_MONTHS, THAI_MONTHS};
use crate::domain::i18n::Lang;

/// Days from `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// The first day.
    pub from: Date,
    /// The last day, not before the first.
    pub to: Date,
}

impl Span {
    /// The days between two dates in either order.
    pub fn new(a: Date, b: Date) -> Span {
        Span {
            from: a.min(b),
            to: a.max(b),
        }
    }

    /// The fiscal year `be` (Buddhist era): 1 October of the year before to 30 September.
    pub fn fiscal_year(be: i32) -> Span {
        let year = be - BUDDHIST_ERA_OFFSET;
        Span::months(year - 1, 10, 12)
    }

    /// Quarter `quarter` (1 to 4) of fiscal year `be`: the first runs October to December.
    pub fn fiscal_quarter(be: i32, quarter: u8) -> Span {
        let quarter = quarter.clamp(1, 4);
        let year = be - BUDDHIST_ERA_OFFSET;
        let (year, month) = match quarter {
            1 => (year - 1, 10),
            q => (year, 1 + (q - 2) * 3),
        };
        Span::months(year, month, 3)
    }

    /// Calendar month `month` of `year` (common era).
    pub fn month(year: i32, month: u8) -> Span {
        Span::months(year, month.clamp(1, 12), 1)
    }

    /// `count` whole months from the first of `month` in `year`.
    fn months(year: i32, month: u8, count: u8) -> Span {
        let from = Date::new(year, month, 1).unwrap_or(Date::from_days_since_epoch(0));
        let last = i64::from(year) * 12 + i64::from(month) - 1 + i64::from(count) - 1;
        let (year, month) = (last.div_euclid(12) as i32, (last.rem_euclid(12) + 1) as u8);
        let to = Date::new(year, month, days_in_month(year, month)).unwrap_or(from);
        Span { from, to }
    }

    /// The fiscal year (Buddhist era) that `date` falls in.
    pub fn fiscal_year_of(date: Date) -> i32 {
        date.buddhist_year() + i32::from(date.month() >= 10)
    }

    /// How many days it has.
    pub fn days(self) -> i64 {
        self.to.days_since_epoch() - self.from.days_since_epoch() + 1
    }

    /// Whether `date` is in it.
    pub fn contains(self, date: Date) -> bool {
        self.from <= date && date <= self.to
    }

    /// How many months it spans, a month in part counting by its share of days: a fiscal
    /// year is 12, a quarter 3, the first half of a 30-day month 0.5.
    pub fn months_spanned(self) -> f64 {
        self.calendar_months()
            .into_iter()
            .map(|(year, month)| {
                let whole = Span::month(year, month);
                let from = whole.from.max(self.from);
                let to = whole.to.min(self.to);
                Span { from, to }.days() as f64 / whole.days() as f64
            })
            .sum()
    }

    /// The calendar months it touches, as (year, month), oldest first.
    pub fn calendar_months(self) -> Vec<(i32, u8)> {
        let index = |date: Date| i64::from(date.year()) * 12 + i64::from(date.month()) - 1;
        (index(self.from)..=index(self.to))
            .map(|i| (i.div_euclid(12) as i32, (i.rem_euclid(12) + 1) as u8))
            .collect()
    }

    /// What it is called, where it is one of the reporting periods: `ปีงบประมาณ 2570`,
    /// `ไตรมาส 1 ปีงบประมาณ 2570`, `ต.ค. 2569`; else its two dates.
    pub fn label(self, lang: Lang) -> String {
        let be = Span::fiscal_year_of(self.from);
        if self == Span::fiscal_year(be) {
            return match lang {
                Lang::Th => format!("ปีงบประมาณ {be}"),
                Lang::En => format!("Fiscal year {}", be - BUDDHIST_ERA_OFFSET),
            };
        }
        if let Some(quarter) = (1..=4).find(|&q| self == Span::fiscal_quarter(be, q)) {
            return match lang {
                Lang::Th => format!("ไตรมาส {quarter} ปีงบประมาณ {be}"),
                Lang::En => format!("Q{quarter} of fiscal year {}", be - BUDDHIST_ERA_OFFSET),
            };
        }
        if self == Span::month(self.from.year(), self.from.month()) {
            return month_label(self.from.year(), self.from.month(), lang);
        }
        format!("{} – {}", self.from.display(lang), self.to.display(lang))
    }
}

/// A month's short name with its year in the reader's era: `ต.ค. 2569`, `Oct 2026`.
pub fn month_label(year: i32, month: u8, lang: Lang) -> String {
    let index = usize::from(month.clamp(1, 12) - 1);
    match lang {
        Lang::Th => format!("{} {}", THAI_MONTHS[index], year + BUDDHIST_ERA_OFFSET),
        Lang::En => format!("{} {year}", ENGLISH_MONTHS[index]),
    }
}

/// `YYYY-MM`, as machine formats write a month, and as the dataset names its months of cards.
pub fn month_key(year: i32, month: u8) -> String {
    format!("{year:04}-{month:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn the_fiscal_year_runs_october_to_september_and_is_named_by_its_end() {
        let fy = Span::fiscal_year(2570);
        assert_eq!((fy.from, fy.to), (day("2026-10-01"), day("2027-09-30")));
        assert_eq!(Span::fiscal_year_of(day("2026-09-30")), 2569);
        assert_eq!(Span::fiscal_year_of(day("2026-10-01")), 2570);
        let q1 = Span::fiscal_quarter(2570, 1);
        assert_eq!((q1.from, q1.to), (day("2026-10-01"), day("2026-12-31")));
        let q2 = Span::fiscal_quarter(2570, 2);
        assert_eq!((q2.from, q2.to), (day("2027-01-01"), day("2027-03-31")));
        let q4 = Span::fiscal_quarter(2570, 4);
        assert_eq!((q4.from, q4.to), (day("2027-07-01"), day("2027-09-30")));
        let feb = Span::month(2028, 2);
        assert_eq!(feb.to, day("2028-02-29"));
    }

    #[test]
    fn months_count_whole_months_and_parts_by_their_days() {
        assert!((Span::fiscal_year(2570).months_spanned() - 12.0).abs() < 1e-9);
        assert!((Span::fiscal_quarter(2570, 2).months_spanned() - 3.0).abs() < 1e-9);
        let half = Span::new(day("2026-11-01"), day("2026-11-15"));
        assert!((half.months_spanned() - 0.5).abs() < 1e-9);
        assert_eq!(Span::fiscal_year(2570).calendar_months().len(), 12);
    }

    #[test]
    fn reporting_periods_are_named_in_the_readers_era() {
        assert_eq!(Span::fiscal_year(2570).label(Lang::Th), "ปีงบประมาณ 2570");
        assert_eq!(Span::fiscal_year(2570).label(Lang::En), "Fiscal year 2027");
        assert_eq!(
            Span::fiscal_quarter(2570, 1).label(Lang::Th),
            "ไตรมาส 1 ปีงบประมาณ 2570"
        );
        assert_eq!(Span::month(2026, 10).label(Lang::Th), "ต.ค. 2569");
        assert_eq!(Span::month(2026, 10).label(Lang::En), "Oct 2026");
        let odd = Span::new(day("2026-10-05"), day("2026-10-02"));
        assert_eq!(odd.from, day("2026-10-02"));
    }
}
