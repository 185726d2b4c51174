//! Reading a dataset, without the fetching: which files a view needs, and how what they
//! hold becomes the news the pages show. The app fetches (`state::dataset`); this decides.

use super::by_views::views_part_for;
use super::facets::{FacetRow, NONE};
use super::grams::TermPlan;
use super::index::{self, Postings};
use super::postings::Ordinals;
use super::{Article, Card, CardPart, Manifest, FORMAT, MANIFEST, MOST_VIEWED};
use crate::domain::bundle::{Bundle, Image, News};
use crate::domain::coverage::span::month_key;
use crate::domain::date::{Date, Moment};
use crate::domain::filter::{tally, Facet, FacetCounts, NewsFilter, NewsResults, Row, Sort};
use crate::domain::load::LoadError;
use crate::domain::search::{Hit, Query};
use crate::domain::validate::{read_bundle, Loaded};

pub use super::by_views::{all_by_views, by_views, by_views_alone, by_views_head};

/// A manifest's text read in one pass: the manifest, and in it the bundle without its news,
/// through the app's own validation.
pub fn read_manifest(text: &str) -> Result<(Loaded, Manifest), LoadError> {
    // A host that answers every unknown path with the app's own page (as single-page apps
    // are often served) says "no such file" with a page of HTML.
    if text.trim_start().starts_with('<') {
        return Err(LoadError::Status(404));
    }
    /// What a manifest of any version says of itself.
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<String>,
    }
    let unknown = |format: String| LoadError::UnknownFormat(format);
    // From bytes, as every JSON the app reads (see `validate::parse_bundle`'s reason).
    let manifest: Manifest = match serde_json::from_slice(text.as_bytes()) {
        Ok(manifest) => manifest,
        // Another version may be shaped differently; say so rather than "damaged".
        Err(_) => {
            return Err(match serde_json::from_slice::<Head>(text.as_bytes()) {
                Ok(Head {
                    format: Some(format),
                }) if format != FORMAT => unknown(format),
                _ => LoadError::Damaged(MANIFEST.to_owned()),
            })
        }
    };
    if manifest.format != FORMAT {
        return Err(unknown(manifest.format));
    }
    if !index::covers(&manifest.index, manifest.items) {
        return Err(LoadError::Damaged(MANIFEST.to_owned()));
    }
    let loaded = read_bundle(&manifest.bundle).map_err(LoadError::Refused)?;
    Ok((loaded, manifest))
}

/// The part (its position in `parts`, newest first) that holds `ordinal`.
pub fn part_for(parts: &[CardPart], ordinal: u32) -> Option<usize> {
    // Newest first: the first part whose oldest item is not after the ordinal.
    let at = parts.partition_point(|part| part.first > ordinal);
    let part = parts.get(at)?;
    (ordinal < part.first + part.count).then_some(at)
}

/// The files to read the cards of `ordinals` from, one each (`None` for an ordinal of no
/// part): a card's month's part when that part is here (`at_hand`) or needed anyway, for a
/// card whose rank in the order by views is not known (`rank_of`); else the most-viewed
/// file or the part by views that holds its rank (a search by views finds its cards there
/// together, rather than one month's part each); else its month's part.
pub fn card_files<'a>(
    manifest: &'a Manifest,
    ordinals: &[usize],
    rank_of: impl Fn(u32) -> Option<u32>,
    at_hand: impl Fn(&str) -> bool,
) -> Vec<Option<&'a str>> {
    let month = |ordinal: u32| {
        part_for(&manifest.cards, ordinal).map(|p| manifest.cards[p].file.path.as_str())
    };
    let by_views = |ordinal: u32| {
        let rank = rank_of(ordinal)?;
        let file = match rank < MOST_VIEWED as u32 {
            true => manifest.most_viewed.as_ref(),
            false => {
                views_part_for(&manifest.views_cards, rank).map(|p| &manifest.views_cards[p].file)
            }
        };
        file.map(|file| file.path.as_str())
    };
    let ordinals: Vec<Option<u32>> = ordinals.iter().map(|&o| u32::try_from(o).ok()).collect();
    let needed: Vec<&str> = ordinals
        .iter()
        .flatten()
        .filter(|&&o| by_views(o).is_none())
        .filter_map(|&o| month(o))
        .collect();
    ordinals
        .iter()
        .map(|&ordinal| {
            let ordinal = ordinal?;
            let month = month(ordinal);
            match month.filter(|path| at_hand(path) || needed.contains(path)) {
                Some(here) => Some(here),
                None => by_views(ordinal).or(month),
            }
        })
        .collect()
}

/// How many of `ordinals`, from the first, can be drawn from the card files (`file_of`
/// each) that the first `screen` of them need and the files `at_hand` says are here: a
/// page whose cards are spread over many files shows a screenful from a few of them while
/// the rest are fetched. All of them when every file is at hand; an ordinal of no file
/// counts as drawable, so that reading its cards reports the damage.
pub fn drawn_first<F: PartialEq>(
    ordinals: &[usize],
    screen: usize,
    file_of: impl Fn(usize) -> Option<F>,
    at_hand: impl Fn(&F) -> bool,
) -> usize {
    let fetched: Vec<F> = ordinals
        .iter()
        .take(screen)
        .filter_map(|&o| file_of(o))
        .collect();
    ordinals
        .iter()
        .take_while(|&&o| file_of(o).is_none_or(|f| fetched.contains(&f) || at_hand(&f)))
        .count()
}

/// The facet blocks (positions in `manifest.facets`) that hold the items published from
/// `from` to `to`, found from the months of the card `parts` (newest first): a part holds its month's items
/// and perhaps the next months', up to the month its newer neighbour begins in.
pub fn blocks_between(parts: &[CardPart], from: Date, to: Date) -> Vec<usize> {
    let month_of = |date: Date| month_key(date.year(), date.month());
    let (first, last) = (month_of(from), month_of(to));
    let mut blocks: Vec<usize> = parts
        .iter()
        .enumerate()
        .filter(|&(at, part)| {
            let until = at.checked_sub(1).map(|newer| parts[newer].month.as_str());
            part.count > 0
                && part.month.as_str() <= last.as_str()
                && until.is_none_or(|month| month >= first.as_str())
        })
        .flat_map(|(_, part)| {
            let start = part.first / super::facets::BLOCK;
            let end = (part.first + part.count - 1) / super::facets::BLOCK;
            (start..=end).map(|b| b as usize)
        })
        .collect();
    blocks.sort_unstable();
    blocks.dedup();
    blocks
}

/// The news item a card stands for, without its body (see [`with_article`]).
pub fn card_news(card: Card) -> Option<News> {
    Some(News {
        published: Moment::parse(&card.published)?,
        id: card.id,
        title: card.title.into(),
        summary: card.summary.map(Into::into),
        body: crate::domain::bundle::Text {
            th: String::new(),
            en: None,
        },
        district: card.district,
        group: card.group,
        themes: card.themes,
        policies: card.policies,
        topics: card.topics,
        author: None,
        credit: None,
        views: card.views,
        images: card.image.map(image).into_iter().collect(),
        source_url: None,
        sample: card.sample,
    })
}

fn image(image: super::Image) -> Image {
    Image {
        src: image.src,
        alt: image.alt.into(),
    }
}

/// The item with what its article file adds: body, every photo, author, credit, source.
pub fn with_article(mut news: News, article: Article) -> News {
    news.body = article.body.into();
    news.images = article.images.into_iter().map(image).collect();
    news.author = article.author;
    news.credit = article.credit;
    news.source_url = article.source_url;
    news
}

/// Whether answering `filter` needs the filter columns: any search, facet, date or an
/// order by views. With none of them, every item is a result, newest first, and the
/// manifest has the counts.
pub fn needs_columns(filter: &NewsFilter) -> bool {
    !Query::parse(&filter.q).is_empty()
        || Facet::ALL.iter().any(|f| !filter.selected(*f).is_empty())
        || filter.from.is_some()
        || filter.to.is_some()
        || filter.sort == Sort::Views
}

/// The rows of the filter columns, newest first, as [`tally`] takes them.
pub fn rows(columns: &[FacetRow]) -> Vec<Row> {
    let bits = |mut bits: u32| {
        let mut out = Vec::new();
        while bits != 0 {
            out.push(bits.trailing_zeros() as u16);
            bits &= bits - 1;
        }
        out
    };
    let one = |value: u8| {
        if value == NONE {
            Vec::new()
        } else {
            vec![u16::from(value)]
        }
    };
    columns
        .iter()
        .enumerate()
        .rev()
        .map(|(ordinal, row)| {
            let facets = [
                one(row.group),
                one(row.district),
                bits(row.themes),
                bits(row.policies),
                bits(row.topics),
            ];
            let date = Date::from_days_since_epoch(i64::from(row.day));
            Row::new(ordinal, date, u64::from(row.views), facets)
        })
        .collect()
}

/// What a search found: the items that hold every term, and, for each term, the items
/// whose title holds it, which rank first.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub items: Ordinals,
    pub in_titles: Vec<Ordinals>,
}

impl Found {
    /// What the query whose terms are `plans` finds, given the entries of the keys it needs
    /// from each segment of the index, in ordinal order.
    pub fn from_postings(plans: &[TermPlan], segments: &[Postings]) -> Found {
        Found {
            items: index::evaluate_segments(plans, segments, false),
            in_titles: plans
                .iter()
                .map(|plan| index::evaluate_segments(std::slice::from_ref(plan), segments, true))
                .collect(),
        }
    }

    /// The items up to ordinal `last`, in the search's order (title matches first, as
    /// [`Hit`] ranks them): by how many terms their title holds, most first, then newest
    /// first, or oldest first if `oldest`. Each with that number of terms. Linear in the
    /// items and the title sets: on a slow phone a common word finds most of the archive at
    /// every keystroke, where a sort or a search per item costs tens of milliseconds.
    pub fn ranked(&self, last: u32, oldest: bool) -> Vec<(u8, u32)> {
        let (items, terms) = self.title_terms(last);
        let most = terms.iter().copied().max().unwrap_or(0);
        let mut out = Vec::with_capacity(items.len());
        for rank in (0..=most).rev() {
            let of_rank = items.iter().zip(&terms).filter(|&(_, &t)| t == rank);
            let of_rank = of_rank.map(|(&o, &t)| (t, o));
            if oldest {
                out.extend(of_rank);
            } else {
                out.extend(of_rank.rev());
            }
        }
        out
    }

    /// The items up to ordinal `last`, and for each how many terms its title holds.
    pub(super) fn title_terms(&self, last: u32) -> (&[u32], Vec<u8>) {
        let items = &self.items[..self.items.partition_point(|&o| o <= last)];
        let mut terms = vec![0_u8; items.len()];
        for set in &self.in_titles {
            let mut at = 0;
            for &ordinal in set {
                while items.get(at).is_some_and(|&o| o < ordinal) {
                    at += 1;
                }
                match items.get(at) {
                    Some(&o) if o == ordinal => terms[at] = terms[at].saturating_add(1),
                    Some(_) => {}
                    None => break,
                }
            }
        }
        (items, terms)
    }
}

/// `rows` (from [`rows`]) with every item's views, given in ordinal order, set in place;
/// `None` if the views are of another number of items.
pub fn with_views(mut rows: Vec<Row>, views: &[u32]) -> Option<Vec<Row>> {
    if rows.len() != views.len() {
        return None;
    }
    for row in &mut rows {
        row.views = u64::from(*views.get(row.news)?);
    }
    Some(rows)
}

/// The answer to `filter`: `rows` are every item's filter row (from [`rows`], newest
/// first) when [`needs_columns`] says so, and `found` the search's items when there is a
/// search. The results' items are ordinals.
pub fn results(
    manifest: &Manifest,
    bundle: &Bundle,
    filter: &NewsFilter,
    rows: Option<&[Row]>,
    found: Option<&Found>,
) -> NewsResults {
    let Some(rows) = rows else {
        let sorted: Vec<usize> = match filter.sort {
            Sort::Oldest => (0..manifest.items as usize).collect(),
            _ => (0..manifest.items as usize).rev().collect(),
        };
        return NewsResults {
            items: sorted.into(),
            counts: FacetCounts::from_named(bundle, &manifest.counts),
        };
    };
    let hits = hits(rows.len() as u32, found);
    tally(rows, &hits, bundle, filter)
}

/// The hits of `found` among `items` items, as the tally takes them: a hit's `doc` counts
/// from the newest item, and they come in the search's order. With no search, every item.
pub(super) fn hits(items: u32, found: Option<&Found>) -> Vec<Hit> {
    let hit = |doc, title_terms| Hit { doc, title_terms };
    let Some(found) = found else {
        return (0..items).map(|doc| hit(doc, 0)).collect();
    };
    let last = items.saturating_sub(1);
    found
        .ranked(last, false)
        .into_iter()
        .map(|(title_terms, o)| hit(last - o, title_terms))
        .collect()
}

/// Whether [`early_items`] can answer `filter`: no facet and no dates, only a search, in
/// any order, or ordered by views with no search.
pub fn answers_early(filter: &NewsFilter) -> bool {
    Facet::ALL.iter().all(|f| filter.selected(*f).is_empty())
        && filter.from.is_none()
        && filter.to.is_none()
}

/// The items of a search (`found`, or every item when there is none), in order, before the
/// filter columns and their counts: the whole answer but its counts when [`answers_early`]
/// does, and `None` otherwise. Newest or oldest first, the index alone decides, and only
/// for a search (without one the manifest answers at once); by views, the items' `views`
/// (by ordinal; `None` while they are not here, which gives `None`), a fifth of the bytes
/// of the filter columns with them. The same items as [`results`] gives, without the tally
/// that counts them (about 20 ms on a slow phone for a word most items hold).
pub fn early_items(
    manifest: &Manifest,
    filter: &NewsFilter,
    found: Option<&Found>,
    views: Option<&[u32]>,
) -> Option<Vec<usize>> {
    if !answers_early(filter) {
        return None;
    }
    let last = manifest.items.checked_sub(1)?;
    if filter.sort != Sort::Views {
        let ranked = found?.ranked(last, filter.sort == Sort::Oldest);
        return Some(ranked.into_iter().map(|(_, o)| o as usize).collect());
    }
    let views = views.filter(|views| views.len() == manifest.items as usize)?;
    Some(by_views(views, found))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dataset::FileRef;

    fn part(first: u32, count: u32) -> CardPart {
        in_month("", first, count)
    }

    fn in_month(month: &str, first: u32, count: u32) -> CardPart {
        CardPart {
            month: month.to_owned(),
            first,
            count,
            file: FileRef {
                path: String::new(),
                bytes: 0,
            },
        }
    }

    #[test]
    fn an_ordinal_is_found_in_the_part_that_holds_it_and_nowhere_else() {
        let parts = [part(250, 3), part(200, 50), part(100, 100), part(0, 100)];
        assert_eq!(part_for(&parts, 0), Some(3));
        assert_eq!(part_for(&parts, 99), Some(3));
        assert_eq!(part_for(&parts, 100), Some(2));
        assert_eq!(part_for(&parts, 249), Some(1));
        assert_eq!(part_for(&parts, 252), Some(0));
        assert_eq!(part_for(&parts, 253), None);
        assert_eq!(part_for(&[], 0), None);
    }

    #[test]
    fn a_card_is_read_from_its_month_unless_its_rank_by_views_puts_it_in_a_smaller_file() {
        let file = |path: &str| serde_json::json!({ "path": path, "bytes": 1 });
        let manifest: Manifest = serde_json::from_value(serde_json::json!({
            "format": FORMAT, "data_as_of": "2026-11-19T00:00:00Z", "items": 300,
            "bundle": {}, "counts": {}, "ids": [], "facets": [], "views": [], "index": [],
            "cards": [
                { "month": "2026-11", "first": 100, "count": 200, "file": file("new") },
                { "month": "2026-10", "first": 0, "count": 100, "file": file("old") },
            ],
            "most_viewed": file("top"),
            "views_cards": [
                { "first": 40, "count": 30, "file": file("v0") },
                { "first": 70, "count": 60, "file": file("v1") },
            ],
        }))
        .unwrap();
        // Ordinals 5, 6, 150 and 151 rank 3, 45, 129 and 130 by views.
        let ranks = |o: u32| {
            [(5, 3), (6, 45), (150, 129), (151, 130)]
                .into_iter()
                .find(|&(at, _)| at == o)
                .map(|(_, r)| r)
        };
        let of =
            |ordinals: &[usize], here: &str| card_files(&manifest, ordinals, ranks, |p| p == here);
        // No rank known: its month's part.
        assert_eq!(of(&[7, 160], ""), [Some("old"), Some("new")]);
        // A rank among the most viewed, or in a part by views.
        assert_eq!(of(&[5], ""), [Some("top")]);
        assert_eq!(of(&[6], ""), [Some("v0")]);
        assert_eq!(of(&[150], ""), [Some("v1")]);
        // Past every part by views: its month's part again.
        assert_eq!(of(&[151], ""), [Some("new")]);
        // A month's part already here, or needed by a card of no rank, is read rather
        // than another file.
        assert_eq!(of(&[6], "old"), [Some("old")]);
        assert_eq!(of(&[6], "new"), [Some("v0")]);
        assert_eq!(of(&[6, 7], ""), [Some("old"), Some("old")]);
        assert_eq!(of(&[150, 151], ""), [Some("new"), Some("new")]);
        assert_eq!(of(&[150, 5], ""), [Some("v1"), Some("top")]);
        // An ordinal of no part, its rank unknown, has no file.
        assert_eq!(of(&[300], ""), [None]);
    }

    #[test]
    fn a_date_range_reads_the_blocks_of_every_part_that_may_hold_its_days() {
        let block = crate::domain::dataset::facets::BLOCK;
        // Newest first: a busy month in two parts, then three quiet months in one.
        let parts = [
            in_month("2026-11", 2 * block + 10, block),
            in_month("2026-11", 10, 2 * block),
            in_month("2026-08", 0, 10),
        ];
        let day = |text: &str| Date::parse(text).unwrap();
        let between = |from: &str, to: &str| blocks_between(&parts, day(from), day(to));
        // September is inside the quiet part, which begins in August.
        assert_eq!(between("2026-09-01", "2026-09-30"), vec![0]);
        assert_eq!(between("2026-08-15", "2026-08-15"), vec![0]);
        assert_eq!(between("2026-11-01", "2026-11-30"), vec![0, 1, 2, 3]);
        assert_eq!(between("2026-12-01", "2027-01-31"), vec![2, 3]);
        assert_eq!(between("2026-01-01", "2026-07-31"), Vec::<usize>::new());
    }

    #[test]
    fn a_screenful_is_drawn_from_its_own_parts_and_those_at_hand() {
        let parts = [part(300, 100), part(200, 100), part(100, 100), part(0, 100)];
        let drawn = |ordinals: &[usize], screen, at_hand: &dyn Fn(usize) -> bool| {
            let file_of = |o: usize| u32::try_from(o).ok().and_then(|o| part_for(&parts, o));
            drawn_first(ordinals, screen, file_of, |&p| at_hand(p))
        };
        // Four results a part apart: a screen of two needs the first two parts.
        let spread = [350, 250, 150, 50];
        assert_eq!(drawn(&spread, 2, &|_| false), 2);
        // A part already here lets the list go on past the screen.
        assert_eq!(drawn(&spread, 2, &|p| p == 2), 3);
        assert_eq!(drawn(&spread, 2, &|_| true), 4);
        // Results that share the screen's part are drawn with it, up to the first that does not.
        assert_eq!(drawn(&[399, 398, 397, 250, 396], 2, &|_| false), 3);
        // Fewer results than a screen, or none.
        assert_eq!(drawn(&[50], 4, &|_| false), 1);
        assert_eq!(drawn(&[], 4, &|_| false), 0);
        // An ordinal beyond every part is left for the reading of cards to refuse.
        assert_eq!(drawn(&[350, 9_999, 50], 1, &|_| false), 2);
    }

    #[test]
    fn column_rows_run_newest_first_with_their_options() {
        let columns = [
            FacetRow {
                day: 20_000,
                district: 2,
                group: 0,
                themes: 0b110,
                policies: 1,
                topics: 0b1000,
                views: 5,
            },
            FacetRow {
                day: 20_001,
                district: NONE,
                group: NONE,
                themes: 0,
                policies: 0,
                topics: 0,
                views: 9,
            },
        ];
        let rows = rows(&columns);
        assert_eq!(rows[0].news, 1);
        let options = |row: &Row| Facet::ALL.map(|facet| row.options(facet).to_vec());
        assert_eq!(
            options(&rows[1]),
            [vec![0], vec![2], vec![1, 2], vec![0], vec![3]]
        );
        assert!(options(&rows[0]).iter().all(Vec::is_empty));
        let gaps = [vec![], vec![4], vec![], vec![1, 7], vec![]];
        let date = Date::from_days_since_epoch(1);
        assert_eq!(options(&Row::new(0, date, 0, gaps.clone())), gaps);
        assert_eq!(rows[1].date, Date::from_days_since_epoch(20_000));

        let seen = with_views(rows.clone(), &[40, 70]).unwrap();
        assert_eq!((seen[0].news, seen[0].views), (1, 70));
        assert_eq!((seen[1].news, seen[1].views), (0, 40));
        assert_eq!(options(&seen[1]), options(&rows[1]));
        assert_eq!(with_views(rows.clone(), &[40]), None);
    }

    #[test]
    fn a_search_lists_the_titles_that_hold_most_terms_first_then_in_the_order_asked() {
        let found = Found {
            items: vec![1, 2, 4, 5, 7, 9],
            // The first term in the titles of 2, 5 and 9; the second in those of 5 and 8
            // (8 is not found: the terms are not both in its text).
            in_titles: vec![vec![2, 5, 9], vec![0, 5, 8]],
        };
        let ordinals =
            |ranked: Vec<(u8, u32)>| ranked.into_iter().map(|(_, o)| o).collect::<Vec<_>>();
        assert_eq!(ordinals(found.ranked(9, false)), [5, 9, 2, 7, 4, 1]);
        assert_eq!(ordinals(found.ranked(9, true)), [5, 2, 9, 1, 4, 7]);
        assert_eq!(found.ranked(9, false)[..2], [(2, 5), (1, 9)]);
        // Items past the last the columns hold are left out.
        assert_eq!(ordinals(found.ranked(4, false)), [2, 4, 1]);
        assert_eq!(Found::default().ranked(9, false), []);
    }
}
