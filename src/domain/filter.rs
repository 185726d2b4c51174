//! Finding news: facets (district group, district, theme, policy), a date range, a search
//! and a sort, read from and written to the address bar's parameters, and the index that
//! answers them with result counts for every option.
//!
//! Values within one facet are OR-ed, facets are AND-ed; values the bundle does not know are
//! ignored, so an old or hand-edited address still shows what it can.

use super::bundle::{Bundle, News};
use super::date::Date;
use super::i18n::{pick, Lang};
use super::search::{Hit, Query, SearchIndex};
use std::collections::BTreeSet;

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

/// Where the feed of all news is, relative to the app, without its extension.
pub const FEED_ALL: &str = "feeds/all";

/// Where the feed of one option of a facet is, without its extension: `feeds/district/1001`.
pub fn feed_stem(facet: Facet, option: &str) -> String {
    format!("feeds/{}/{option}", facet.param())
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
    /// The address parameters a filter reads.
    pub const PARAMS: [&'static str; 9] = [
        "q", "group", "district", "theme", "policy", "topic", "from", "to", "sort",
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
                "q" => filter.q = value.to_owned(),
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
            params.push(("q", self.q.clone()));
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

    /// The feed that carries the news of this view, without its extension (`.xml` for RSS,
    /// `.json` for JSON Feed): all news with no filter, or one option of one facet; none for
    /// a search, a date range or several choices, which no feed follows.
    pub fn feed(&self) -> Option<String> {
        if !self.q.trim().is_empty() || self.from.is_some() || self.to.is_some() {
            return None;
        }
        let chosen: Vec<(Facet, &String)> = Facet::ALL
            .into_iter()
            .flat_map(|facet| self.selected(facet).iter().map(move |id| (facet, id)))
            .collect();
        match chosen.as_slice() {
            [] => Some(FEED_ALL.to_owned()),
            [(facet, id)] => Some(feed_stem(*facet, id)),
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

/// How many results each option of each facet would give, with the other facets applied.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FacetCounts {
    counts: [Vec<usize>; FACETS],
}

impl FacetCounts {
    /// Counts given per facet parameter and option id (as a dataset's manifest gives them),
    /// laid out by the bundle's options.
    pub fn from_named(
        bundle: &Bundle,
        named: &std::collections::BTreeMap<String, std::collections::BTreeMap<String, u32>>,
    ) -> FacetCounts {
        FacetCounts {
            counts: Facet::ALL.map(|facet| {
                let of = named.get(facet.param());
                facet
                    .options(bundle)
                    .into_iter()
                    .map(|id| of.and_then(|m| m.get(id)).map_or(0, |&n| n as usize))
                    .collect()
            }),
        }
    }

    /// The count for the option at `index` of `facet`'s options.
    pub fn get(&self, facet: Facet, index: usize) -> usize {
        self.counts[facet as usize].get(index).copied().unwrap_or(0)
    }
}

/// The answer to a filter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewsResults {
    /// Positions in `bundle.news`, in display order.
    pub items: Vec<usize>,
    /// Option counts for the facets.
    pub counts: FacetCounts,
}

/// What a news item is, for filtering, as small numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Which item: its position in `bundle.news`, or its ordinal in a dataset.
    pub news: usize,
    /// Its day in Bangkok.
    pub date: Date,
    /// Its views.
    pub views: u64,
    /// For each facet (in [`Facet::ALL`] order), the positions of its options.
    pub facets: [Vec<u16>; FACETS],
}

/// News ready to be filtered and searched: built once per bundle.
pub struct NewsIndex {
    /// One row per news item, newest first (the search index's order).
    rows: Vec<Row>,
    search: SearchIndex,
}

impl NewsIndex {
    /// Indexes the bundle's news.
    pub fn build(bundle: &Bundle) -> NewsIndex {
        let options: [Vec<&str>; FACETS] = Facet::ALL.map(|f| f.options(bundle));
        let order = bundle.news_order_newest_first();
        let newest: Vec<&News> = order.iter().map(|&i| &bundle.news[i]).collect();
        let rows = order
            .iter()
            .zip(&newest)
            .map(|(&news, item)| Row {
                news,
                date: item.published.bangkok_date(),
                views: item.views.unwrap_or(0),
                facets: Facet::ALL.map(|facet| {
                    let known = &options[facet as usize];
                    facet
                        .values(item)
                        .into_iter()
                        .filter_map(|v| known.iter().position(|o| *o == v))
                        .map(|i| i as u16)
                        .collect()
                }),
            })
            .collect();
        let fields: Vec<[&str; SEARCH_FIELDS]> = newest
            .iter()
            .map(|item| search_fields(bundle, item))
            .collect();
        let search = SearchIndex::build(fields.iter().map(|f| f.as_slice()), TITLE_FIELDS);
        NewsIndex { rows, search }
    }

    /// The news that match `filter`, in its order, with option counts.
    pub fn run(&self, bundle: &Bundle, filter: &NewsFilter) -> NewsResults {
        let hits = self.search.search(&Query::parse(&filter.q));
        tally(&self.rows, &hits, bundle, filter)
    }

    /// For a filter that finds nothing: each part whose removal would find something, with
    /// how many it would find.
    pub fn relaxations(&self, bundle: &Bundle, filter: &NewsFilter) -> Vec<(Part, usize)> {
        filter
            .active_parts()
            .into_iter()
            .map(|part| (part, self.run(bundle, &filter.without(part)).items.len()))
            .filter(|(_, count)| *count > 0)
            .collect()
    }
}

/// The rows that `hits` (of a search, in its order) and `filter` keep, in the filter's order,
/// with the count each facet option would give: the one rule for a bundle read whole and
/// for a dataset read a slice at a time. `rows` are newest first; a hit's `doc` is a row.
pub fn tally(rows: &[Row], hits: &[Hit], bundle: &Bundle, filter: &NewsFilter) -> NewsResults {
    let chosen = Chosen::new(bundle, filter);
    let mut counts = FacetCounts {
        counts: Facet::ALL.map(|f| vec![0; f.options(bundle).len()]),
    };
    let mut kept = Vec::new();
    for hit in hits {
        let Some(row) = rows.get(hit.doc as usize) else {
            continue;
        };
        if !chosen.admits_date(row) {
            continue;
        }
        // Which facets turn this item away, one bit each: it counts for a facet's
        // options only if no other facet turns it away.
        let failing = Facet::ALL
            .into_iter()
            .filter(|f| !chosen.admits(*f, row))
            .fold(0u8, |bits, f| bits | 1 << (f as u8));
        if failing == 0 {
            kept.push(*hit);
        }
        for facet in Facet::ALL {
            if failing & !(1 << (facet as u8)) == 0 {
                for &option in &row.facets[facet as usize] {
                    counts.counts[facet as usize][usize::from(option)] += 1;
                }
            }
        }
    }
    match filter.sort {
        Sort::Newest => {}
        Sort::Oldest => {
            kept.sort_by_key(|h| (std::cmp::Reverse(h.title_terms), std::cmp::Reverse(h.doc)))
        }
        Sort::Views => kept.sort_by_key(|h| {
            (
                std::cmp::Reverse(h.title_terms),
                std::cmp::Reverse(rows[h.doc as usize].views),
                h.doc,
            )
        }),
    }
    NewsResults {
        items: kept.iter().map(|h| rows[h.doc as usize].news).collect(),
        counts,
    }
}

/// Title (both languages) first, as the search index ranks its first fields higher.
/// How many of [`search_fields`] are the title (Thai, English): title matches rank first.
pub const TITLE_FIELDS: usize = 2;
pub const SEARCH_FIELDS: usize = 10;

/// What a search looks in: title, summary, body, author, district and credit, both
/// languages, borrowed from the bundle.
pub fn search_fields<'a>(bundle: &'a Bundle, item: &'a News) -> [&'a str; SEARCH_FIELDS] {
    let en = |t: &'a super::bundle::Text| t.en.as_deref().unwrap_or_default();
    let district = item
        .district
        .as_deref()
        .and_then(|code| bundle.district(code));
    [
        &item.title.th,
        en(&item.title),
        item.summary.as_ref().map_or("", |s| &s.th),
        item.summary.as_ref().map_or("", en),
        &item.body.th,
        en(&item.body),
        item.author.as_deref().unwrap_or_default(),
        district.map_or("", |d| &d.name.th),
        district.map_or("", |d| en(&d.name)),
        item.credit.as_deref().unwrap_or_default(),
    ]
}

/// A filter's choices as the option numbers of each facet.
struct Chosen {
    facets: [Vec<bool>; FACETS],
    any: [bool; FACETS],
    from: Option<Date>,
    to: Option<Date>,
}

impl Chosen {
    fn new(bundle: &Bundle, filter: &NewsFilter) -> Chosen {
        let facets = Facet::ALL.map(|facet| {
            let selected = filter.selected(facet);
            facet
                .options(bundle)
                .iter()
                .map(|o| selected.contains(*o))
                .collect::<Vec<bool>>()
        });
        let any = Facet::ALL.map(|f| !filter.selected(f).is_empty());
        Chosen {
            facets,
            any,
            from: filter.from,
            to: filter.to,
        }
    }

    fn admits(&self, facet: Facet, row: &Row) -> bool {
        let index = facet as usize;
        !self.any[index]
            || row.facets[index]
                .iter()
                .any(|&o| self.facets[index][usize::from(o)])
    }

    fn admits_date(&self, row: &Row) -> bool {
        self.from.is_none_or(|from| row.date >= from) && self.to.is_none_or(|to| row.date <= to)
    }
}
