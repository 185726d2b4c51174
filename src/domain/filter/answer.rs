//! Answering a [`NewsFilter`]: which items it admits, and how many each option of each facet
//! would give with the other facets applied, over a bundle read whole ([`NewsIndex`]) or
//! over the filter rows and search hits of a dataset ([`tally`]).

use super::{Facet, NewsFilter, Part, Sort, FACETS};
use crate::domain::bundle::{Bundle, News};
use crate::domain::date::Date;
use crate::domain::order::{self, Key};
use crate::domain::search::{Hit, Query, SearchIndex};
use std::sync::Arc;

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

    /// The counts of `facet`'s options, in their order.
    pub fn of(&self, facet: Facet) -> &[usize] {
        &self.counts[facet as usize]
    }

    /// The count for the option at `index` of `facet`'s options.
    pub fn get(&self, facet: Facet, index: usize) -> usize {
        self.counts[facet as usize].get(index).copied().unwrap_or(0)
    }
}

/// The answer to a filter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewsResults {
    /// Positions in `bundle.news`, in display order; shared, as a view keeps them while
    /// it pages through them.
    pub items: Arc<[usize]>,
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
    /// The positions of its options, facet after facet in [`Facet::ALL`] order, in one
    /// allocation: a tally reads every row of a search at each keystroke.
    options: Box<[u16]>,
    /// Where each facet's options end in `options`.
    ends: [u16; FACETS],
}

impl Row {
    /// A row with, for each facet (in [`Facet::ALL`] order), the positions of its options.
    pub fn new(news: usize, date: Date, views: u64, facets: [Vec<u16>; FACETS]) -> Row {
        let mut options = Vec::with_capacity(facets.iter().map(Vec::len).sum());
        let ends = facets.map(|of_facet| {
            options.extend(of_facet);
            u16::try_from(options.len()).unwrap_or(u16::MAX)
        });
        options.truncate(usize::from(ends[FACETS - 1]));
        Row {
            news,
            date,
            views,
            options: options.into(),
            ends,
        }
    }

    /// The positions of its options of `facet`.
    pub fn options(&self, facet: Facet) -> &[u16] {
        let at = facet as usize;
        let start = at.checked_sub(1).map_or(0, |before| self.ends[before]);
        self.options
            .get(usize::from(start)..usize::from(self.ends[at]))
            .unwrap_or_default()
    }
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
            .map(|(&news, item)| {
                let facets = Facet::ALL.map(|facet| {
                    let known = &options[facet as usize];
                    facet
                        .values(item)
                        .into_iter()
                        .filter_map(|v| known.iter().position(|o| *o == v))
                        .map(|i| i as u16)
                        .collect()
                });
                let views = item.views.unwrap_or(0);
                Row::new(news, item.published.bangkok_date(), views, facets)
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

/// The rows that `hits` and `filter` keep, in the filter's order, with the count each facet
/// option would give: the one rule for a bundle read whole and for a dataset read a slice at
/// a time. `rows` are newest first; a hit's `doc` is a row, and `hits` come in the search's
/// order (most title terms first, then by `doc`).
pub fn tally(rows: &[Row], hits: &[Hit], bundle: &Bundle, filter: &NewsFilter) -> NewsResults {
    debug_assert!(
        hits.windows(2).all(|pair| {
            let rank = |hit: &Hit| (std::cmp::Reverse(hit.title_terms), hit.doc);
            rank(&pair[0]) < rank(&pair[1])
        }),
        "hits in the search's order"
    );
    let chosen = Chosen::new(bundle, filter);
    let mut counts = FacetCounts {
        counts: Facet::ALL.map(|f| vec![0; f.options(bundle).len()]),
    };
    let mut kept = Vec::with_capacity(hits.len());
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
                for &option in row.options(facet) {
                    counts.counts[facet as usize][usize::from(option)] += 1;
                }
            }
        }
    }
    arrange(&mut kept, filter.sort, |doc| {
        rows.get(doc as usize).map_or(0, |row| row.views)
    });
    NewsResults {
        items: kept.iter().map(|h| rows[h.doc as usize].news).collect(),
        counts,
    }
}

/// Puts `hits` (in the search's order, as [`tally`] takes them) in the order `sort` asks,
/// title matches first, given the views of a hit's `doc`: the one rule for the tally and
/// for a list drawn before its counts.
pub fn arrange(hits: &mut Vec<Hit>, sort: Sort, views: impl Fn(u32) -> u64) {
    match sort {
        Sort::Newest => {}
        // The hits come title matches first, then newest first: each rank turned around.
        Sort::Oldest => hits
            .chunk_by_mut(|a, b| a.title_terms == b.title_terms)
            .for_each(<[Hit]>::reverse),
        // Equal views keep the hits' order (the sort is stable): newest first.
        Sort::Views => order::by_key(hits, |h| {
            let views = views(h.doc);
            Key::of(&[
                order::descending(h.title_terms.into()),
                order::descending((views >> 32) as u32),
                order::descending(views as u32),
            ])
        }),
    }
}

/// Title (both languages) first, as the search index ranks its first fields higher.
/// How many of [`search_fields`] are the title (Thai, English): title matches rank first.
pub const TITLE_FIELDS: usize = 2;
pub const SEARCH_FIELDS: usize = 10;

/// What a search looks in: title, summary, body, author, district and credit, both
/// languages, borrowed from the bundle.
pub fn search_fields<'a>(bundle: &'a Bundle, item: &'a News) -> [&'a str; SEARCH_FIELDS] {
    let en = |t: &'a crate::domain::bundle::Text| t.en.as_deref().unwrap_or_default();
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
            || row
                .options(facet)
                .iter()
                .any(|&o| self.facets[index][usize::from(o)])
    }

    fn admits_date(&self, row: &Row) -> bool {
        self.from.is_none_or(|from| row.date >= from) && self.to.is_none_or(|to| row.date <= to)
    }
}
