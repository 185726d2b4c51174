//! Finding news: facets (district group, district, theme, policy, priority topic), a date
//! range, a search and a sort, read from and written to the address bar's parameters; what
//! answers them, with result counts for every option, is in `filter/answer.rs`.
//!
//! Values within one facet are OR-ed, facets are AND-ed; values the bundle does not know are
//! ignored, so an old or hand-edited address still shows what it can.

use super::bundle::{Bundle, News};
use super::date::Date;
use super::i18n::{pick, Lang};
use super::search::Query;
use std::collections::BTreeSet;

mod answer;
pub use answer::{
    arrange, search_fields, tally, FacetCounts, NewsIndex, NewsResults, Row, SEARCH_FIELDS,
    TITLE_FIELDS,
};

/// The order of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Newest first (the default).
    #[default]
    Newest,
    /// Oldest first.
    Oldest,
    /// Most viewed first.
    Views,
}

impl Sort {
    /// Every order, as offered.
    pub const ALL: [Sort; 3] = [Sort::Newest, Sort::Oldest, Sort::Views];

    /// The value of `sort=`.
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::Views => "views",
        }
    }

    /// Reads `sort=`; anything else is the default.
    pub fn parse(value: &str) -> Sort {
        Sort::ALL
            .into_iter()
            .find(|s| s.as_str() == value)
            .unwrap_or_default()
    }

    /// The order's name.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Sort::Newest => pick(lang, "ใหม่ล่าสุด", "Newest first"),
            Sort::Oldest => pick(lang, "เก่าที่สุด", "Oldest first"),
            Sort::Views => pick(lang, "เข้าชมมากที่สุด", "Most viewed"),
        }
    }
}

/// A facet: one kind of choice, each a repeatable address parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    Group,
    District,
    Theme,
    Policy,
    Topic,
}

/// How many facets there are.
pub const FACETS: usize = 5;

impl Facet {
    /// Every facet, in the order shown.
    pub const ALL: [Facet; FACETS] = [
        Facet::Group,
        Facet::District,
        Facet::Theme,
        Facet::Policy,
        Facet::Topic,
    ];

    /// The address parameter.
    pub fn param(self) -> &'static str {
        match self {
            Facet::Group => "group",
            Facet::District => "district",
            Facet::Theme => "theme",
            Facet::Policy => "policy",
            Facet::Topic => "topic",
        }
    }

    /// The facet's name.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Facet::Group => pick(lang, "กลุ่มเขต", "District group"),
            Facet::District => pick(lang, "เขต", "District"),
            Facet::Theme => pick(lang, "ขอบข่ายเนื้อหา", "Theme"),
            Facet::Policy => pick(lang, "นโยบาย 9 ด้าน", "Policy"),
            Facet::Topic => pick(lang, "ประเด็นเน้นหนัก", "Priority topic"),
        }
    }

    /// The ids of the options the bundle offers, in bundle order.
    pub fn options(self, bundle: &Bundle) -> Vec<&str> {
        match self {
            Facet::Group => bundle
                .district_groups
                .iter()
                .map(|g| g.id.as_str())
                .collect(),
            Facet::District => bundle.districts.iter().map(|d| d.code.as_str()).collect(),
            Facet::Theme => bundle.plan.themes.iter().map(|t| t.id.as_str()).collect(),
            Facet::Policy => bundle.policies.iter().map(|p| p.id.as_str()).collect(),
            Facet::Topic => bundle.topics().map(|(_, t)| t.id.as_str()).collect(),
        }
    }

    /// An option's name.
    pub fn option_label(self, bundle: &Bundle, id: &str, lang: Lang) -> String {
        let text = match self {
            Facet::Group => bundle.group(id).map(|g| &g.name),
            Facet::District => bundle.district(id).map(|d| &d.name),
            Facet::Theme => bundle.theme(id).map(|t| &t.name),
            Facet::Policy => bundle.policy(id).map(|p| &p.name),
            Facet::Topic => bundle.topic(id).map(|(_, t)| &t.title),
        };
        text.map_or_else(|| id.to_owned(), |t| t.get(lang).to_owned())
    }

    /// The ids of `item`'s options of this facet.
    pub fn values(self, item: &News) -> Vec<&str> {
        match self {
            Facet::Group => item.group.iter().map(String::as_str).collect(),
            Facet::District => item.district.iter().map(String::as_str).collect(),
            Facet::Theme => item.themes.iter().map(String::as_str).collect(),
            Facet::Policy => item.policies.iter().map(String::as_str).collect(),
            Facet::Topic => item.topics.iter().map(String::as_str).collect(),
        }
    }
}

/// One part of a filter that can be dropped on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The search text.
    Search,
    /// Every choice of one facet.
    Facet(Facet),
    /// The date range.
    Dates,
}

/// The folder of the feeds in `lang`, relative to the app: Thai ones at the top, where they
/// have always been, English ones in a folder of their own.
fn feeds(lang: Lang) -> &'static str {
    pick(lang, "feeds", "feeds/en")
}

/// Where the feed of all news in `lang` is, without its extension: `feeds/all`,
/// `feeds/en/all`.
pub fn feed_all(lang: Lang) -> String {
    format!("{}/all", feeds(lang))
}

/// Where the feed of one option of a facet in `lang` is, without its extension:
/// `feeds/district/1001`, `feeds/en/district/1001`.
pub fn feed_stem(facet: Facet, option: &str, lang: Lang) -> String {
    format!("{}/{}/{option}", feeds(lang), facet.param())
}

/// What the citizen asked to see on `/news`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewsFilter {
    /// The search text, as typed.
    pub q: String,
    /// Chosen district groups.
    pub groups: BTreeSet<String>,
    /// Chosen districts (codes).
    pub districts: BTreeSet<String>,
    /// Chosen themes.
    pub themes: BTreeSet<String>,
    /// Chosen policies.
    pub policies: BTreeSet<String>,
    /// Chosen priority topics.
    pub topics: BTreeSet<String>,
    /// The first day, included.
    pub from: Option<Date>,
    /// The last day, included.
    pub to: Option<Date>,
    /// The order.
    pub sort: Sort,
}

impl NewsFilter {
    /// The address parameter of the search.
    pub const SEARCH: &'static str = "q";

    /// The address parameters a filter reads.
    pub const PARAMS: [&'static str; 9] = [
        Self::SEARCH,
        "group",
        "district",
        "theme",
        "policy",
        "topic",
        "from",
        "to",
        "sort",
    ];

    /// Reads address parameters, keeping only values the bundle knows.
    pub fn from_params<K: AsRef<str>, V: AsRef<str>>(
        params: &[(K, V)],
        bundle: &Bundle,
    ) -> NewsFilter {
        let mut filter = NewsFilter::default();
        for (key, value) in params {
            let value = value.as_ref();
            match key.as_ref() {
                Self::SEARCH => filter.q = value.to_owned(),
                "from" => filter.from = Date::parse(value),
                "to" => filter.to = Date::parse(value),
                "sort" => filter.sort = Sort::parse(value),
                key => {
                    if let Some(facet) = Facet::ALL.into_iter().find(|f| f.param() == key) {
                        if facet.options(bundle).contains(&value) {
                            filter.selected_mut(facet).insert(value.to_owned());
                        }
                    }
                }
            }
        }
        filter
    }

    /// The address parameters, in a fixed order, leaving out what is at its default.
    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let mut params = Vec::new();
        if !self.q.trim().is_empty() {
            params.push((Self::SEARCH, self.q.clone()));
        }
        for facet in Facet::ALL {
            params.extend(
                self.selected(facet)
                    .iter()
                    .map(|v| (facet.param(), v.clone())),
            );
        }
        params.extend(self.from.map(|d| ("from", d.to_string())));
        params.extend(self.to.map(|d| ("to", d.to_string())));
        if self.sort != Sort::Newest {
            params.push(("sort", self.sort.as_str().to_owned()));
        }
        params
    }

    /// The query string (without `?`), percent-encoded, empty when nothing is chosen.
    pub fn to_query_string(&self) -> String {
        let pairs: Vec<String> = self
            .to_params()
            .into_iter()
            .map(|(key, value)| format!("{key}={}", percent_encode(&value)))
            .collect();
        pairs.join("&")
    }

    /// The chosen values of `facet`.
    pub fn selected(&self, facet: Facet) -> &BTreeSet<String> {
        match facet {
            Facet::Group => &self.groups,
            Facet::District => &self.districts,
            Facet::Theme => &self.themes,
            Facet::Policy => &self.policies,
            Facet::Topic => &self.topics,
        }
    }

    fn selected_mut(&mut self, facet: Facet) -> &mut BTreeSet<String> {
        match facet {
            Facet::Group => &mut self.groups,
            Facet::District => &mut self.districts,
            Facet::Theme => &mut self.themes,
            Facet::Policy => &mut self.policies,
            Facet::Topic => &mut self.topics,
        }
    }

    /// This filter with `value` of `facet` chosen, or no longer chosen.
    pub fn toggled(&self, facet: Facet, value: &str) -> NewsFilter {
        let mut next = self.clone();
        let selected = next.selected_mut(facet);
        if !selected.remove(value) {
            selected.insert(value.to_owned());
        }
        next
    }

    /// The parts that narrow the results now.
    pub fn active_parts(&self) -> Vec<Part> {
        let mut parts = Vec::new();
        if !Query::parse(&self.q).is_empty() {
            parts.push(Part::Search);
        }
        parts.extend(
            Facet::ALL
                .into_iter()
                .filter(|f| !self.selected(*f).is_empty())
                .map(Part::Facet),
        );
        if self.from.is_some() || self.to.is_some() {
            parts.push(Part::Dates);
        }
        parts
    }

    /// The feed in `lang` that carries the news of this view, without its extension (`.xml`
    /// for RSS, `.json` for JSON Feed): all news with no filter, or one option of one facet;
    /// none for a search, a date range or several choices, which no feed follows.
    pub fn feed(&self, lang: Lang) -> Option<String> {
        if !self.q.trim().is_empty() || self.from.is_some() || self.to.is_some() {
            return None;
        }
        let chosen: Vec<(Facet, &String)> = Facet::ALL
            .into_iter()
            .flat_map(|facet| self.selected(facet).iter().map(move |id| (facet, id)))
            .collect();
        match chosen.as_slice() {
            [] => Some(feed_all(lang)),
            [(facet, id)] => Some(feed_stem(*facet, id, lang)),
            _ => None,
        }
    }

    /// This filter without `part`.
    pub fn without(&self, part: Part) -> NewsFilter {
        let mut next = self.clone();
        match part {
            Part::Search => next.q.clear(),
            Part::Facet(facet) => next.selected_mut(facet).clear(),
            Part::Dates => (next.from, next.to) = (None, None),
        }
        next
    }

    /// Everything cleared but the order.
    pub fn cleared(&self) -> NewsFilter {
        NewsFilter {
            sort: self.sort,
            ..NewsFilter::default()
        }
    }
}

/// Percent-encodes everything but unreserved characters, as an address parameter value.
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Quick choices of date range, relative to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuickRange {
    ThisMonth,
    LastThreeMonths,
    ThisYear,
}

impl QuickRange {
    /// Every quick choice, as offered.
    pub const ALL: [QuickRange; 3] = [
        QuickRange::ThisMonth,
        QuickRange::LastThreeMonths,
        QuickRange::ThisYear,
    ];

    /// The first and last day of the range.
    pub fn range(self, today: Date) -> (Date, Date) {
        let first = match self {
            QuickRange::ThisMonth => today.first_of_month(),
            QuickRange::LastThreeMonths => today.minus_months(3),
            QuickRange::ThisYear => Date::new(today.year(), 1, 1).unwrap_or(today),
        };
        (first, today)
    }

    /// The choice's name; the year is in the reader's era.
    pub fn label(self, today: Date, lang: Lang) -> String {
        match (self, lang) {
            (QuickRange::ThisMonth, _) => pick(lang, "เดือนนี้", "This month").to_owned(),
            (QuickRange::LastThreeMonths, _) => {
                pick(lang, "3 เดือนล่าสุด", "Last 3 months").to_owned()
            }
            (QuickRange::ThisYear, Lang::Th) => format!("ปีนี้ (พ.ศ. {})", today.buddhist_year()),
            (QuickRange::ThisYear, Lang::En) => format!("This year ({})", today.year()),
        }
    }
}
