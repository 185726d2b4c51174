//! A list ordered by views: every item's order (title matches first when there is a
//! search, then most viewed, equal views newest first), the head of it that the compiler's
//! views order file decides alone, and the whole list by views with no search or filter.

use super::reader::{answers_early, hits, Found};
use super::{Manifest, ViewsPart, VIEWS_PART};
use crate::domain::bundle::Bundle;
use crate::domain::filter::{arrange, FacetCounts, NewsFilter, NewsResults, Sort};
use crate::domain::search::Query;

/// The items of `found` (every item when there is none) ordered by views, as the tally's
/// rule ([`arrange`]) orders them: title matches first, then most viewed, equal views newest
/// first. `views` are every item's, by ordinal.
pub fn by_views(views: &[u32], found: Option<&Found>) -> Vec<usize> {
    let Some(last) = (views.len() as u32).checked_sub(1) else {
        return Vec::new();
    };
    let mut hits = hits(views.len() as u32, found);
    arrange(&mut hits, Sort::Views, |doc| {
        let ordinal = (last - doc) as usize;
        views.get(ordinal).map_or(0, |&seen| u64::from(seen))
    });
    hits.iter().map(|hit| (last - hit.doc) as usize).collect()
}

/// The first items of `found` ordered by views, as [`by_views`] orders them, that `order`
/// decides alone: `order` is the head of every item's order by views (the compiler's
/// [`VIEWS_ORDER`](super::VIEWS_ORDER) most viewed, of `items` items), so the items of
/// `found` in it come in their final order within their rank (how many terms their title
/// holds), and a rank is whole once all its items are there. The head ends after the first
/// rank that is not whole; empty when the order is of no use.
pub fn by_views_head(found: &Found, items: u32, order: &[u32]) -> Vec<usize> {
    // (An order longer than the items is not the compiler's.)
    let Some(last) = items
        .checked_sub(1)
        .filter(|_| order.len() <= items as usize)
    else {
        return Vec::new();
    };
    let (found, terms) = found.title_terms(last);
    let ranks = usize::from(terms.iter().copied().max().unwrap_or(0)) + 1;
    let mut whole = vec![0_usize; ranks];
    for &rank in &terms {
        whole[usize::from(rank)] += 1;
    }
    let mut heads = vec![Vec::new(); ranks];
    for &ordinal in order {
        if let Ok(at) = found.binary_search(&ordinal) {
            heads[usize::from(terms[at])].push(ordinal as usize);
        }
    }
    let mut head = Vec::new();
    for (rank, items) in heads.into_iter().enumerate().rev() {
        let is_whole = items.len() == whole[rank];
        head.extend(items);
        if !is_whole {
            break;
        }
    }
    head
}

/// Whether `filter` lists every item by views, with no search and no filter: the views alone
/// order it, the manifest's counts count it, and the most-viewed card file
/// ([`super::MOST_VIEWED`]) holds its first pages.
pub fn by_views_alone(filter: &NewsFilter) -> bool {
    filter.sort == Sort::Views && answers_early(filter) && Query::parse(&filter.q).is_empty()
}

/// The answer to a filter [`by_views_alone`] accepts, from every item's `views` (by
/// ordinal) and the manifest's counts, without the filter columns; `None` if the views are
/// of another number of items.
pub fn all_by_views(manifest: &Manifest, bundle: &Bundle, views: &[u32]) -> Option<NewsResults> {
    (views.len() == manifest.items as usize).then(|| NewsResults {
        items: by_views(views, None).into(),
        counts: FacetCounts::from_named(bundle, &manifest.counts),
    })
}

/// How the items of the order by views after the most-viewed file's (`ids`, their ids in
/// that order) fall into parts (`cards/by-views`): a part ends after an item whose id's hash
/// says so, one in [`VIEWS_PART`], or once it holds twice that many. Since the ends go with
/// the items, not with their ranks, an item that climbs into the order, or one that drops
/// out of it, changes the part it is in and leaves the others as they were: a day's news
/// rewrites a few of them, not every one after it.
pub fn views_parts(ids: &[&str]) -> Vec<std::ops::Range<usize>> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (at, id) in ids.iter().enumerate() {
        let ends = super::id_bucket(id, VIEWS_PART as u32) == 0;
        if ends || at + 1 - start == 2 * VIEWS_PART || at + 1 == ids.len() {
            parts.push(start..at + 1);
            start = at + 1;
        }
    }
    parts
}

/// The part of the order by views (a position in `parts`, first rank first) that holds
/// `rank`, if one does.
pub fn views_part_for(parts: &[ViewsPart], rank: u32) -> Option<usize> {
    let at = parts
        .partition_point(|part| part.first <= rank)
        .checked_sub(1)?;
    (rank - parts[at].first < parts[at].count).then_some(at)
}

/// The rank in the order by views of each item of its head (the compiler's views order),
/// by ordinal: where their cards are in the parts by views.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ranks(Vec<(u32, u32)>);

impl Ranks {
    /// The ranks of `order`, the ordinals of the head of the order by views, most viewed
    /// first.
    pub fn of(order: &[u32]) -> Ranks {
        let mut ranks: Vec<(u32, u32)> =
            order.iter().zip(0..).map(|(&o, rank)| (o, rank)).collect();
        ranks.sort_unstable();
        Ranks(ranks)
    }

    /// The rank of `ordinal`, if the head holds it.
    pub fn get(&self, ordinal: u32) -> Option<u32> {
        let at = self.0.binary_search_by_key(&ordinal, |&(o, _)| o).ok()?;
        Some(self.0[at].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_head_of_the_order_by_views_lists_what_it_decides_of_a_search_and_no_more() {
        // Ordinals 0..8; by views: 6 (90), 3 (80), 7 and 1 (50; 7 is newer), 0, 4, 2, 5.
        let views = [40, 50, 10, 80, 30, 0, 90, 50];
        let order: Vec<u32> = by_views(&views, None).iter().map(|&o| o as u32).collect();
        assert_eq!(order, [6, 3, 7, 1, 0, 4, 2, 5]);
        let found = Found {
            items: vec![1, 2, 3, 4, 6],
            in_titles: vec![vec![2, 4]],
        };
        assert_eq!(by_views(&views, Some(&found)), [4, 2, 6, 3, 1]);
        // The title matches 4 and 2 rank first: until both are in the head of the order,
        // only those of them it holds are certain.
        assert_eq!(by_views_head(&found, 8, &order[..2]), Vec::<usize>::new());
        assert_eq!(by_views_head(&found, 8, &order[..6]), [4]);
        assert_eq!(by_views_head(&found, 8, &order[..7]), [4, 2, 6, 3, 1]);
        assert_eq!(by_views_head(&found, 8, &order), [4, 2, 6, 3, 1]);
        // With every title match whole, the rest follow as far as the order goes.
        let in_bodies = Found {
            items: vec![1, 3, 5, 6],
            in_titles: vec![vec![]],
        };
        assert_eq!(by_views_head(&in_bodies, 8, &order[..2]), [6, 3]);
        assert_eq!(
            by_views_head(&Found::default(), 8, &order),
            Vec::<usize>::new()
        );
        assert_eq!(by_views_head(&found, 0, &order), Vec::<usize>::new());
        assert_eq!(by_views_head(&found, 7, &order), Vec::<usize>::new());
    }

    #[test]
    fn every_head_of_the_order_by_views_begins_the_searchs_own_order() {
        // Few distinct views, so that ties (newest first) are everywhere.
        let mut seed = 7_u32;
        let mut next = move |below: u32| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) % below
        };
        for _ in 0..40 {
            let n = 1 + next(60);
            let views: Vec<u32> = (0..n).map(|_| next(6)).collect();
            let items: Vec<u32> = (0..n).filter(|_| next(3) > 0).collect();
            let in_titles = (0..2)
                .map(|_| items.iter().copied().filter(|_| next(4) == 0).collect())
                .collect();
            let found = Found { items, in_titles };
            let order: Vec<u32> = by_views(&views, None).iter().map(|&o| o as u32).collect();
            let whole = by_views(&views, Some(&found));
            for k in 0..=order.len() {
                let head = by_views_head(&found, n, &order[..k]);
                assert!(
                    whole.starts_with(&head),
                    "{views:?} {found:?} {k}: {head:?}"
                );
            }
            assert_eq!(by_views_head(&found, n, &order), whole);
        }
    }

    #[test]
    fn the_parts_by_views_end_with_their_items_so_one_more_item_changes_one_part() {
        let ids: Vec<String> = (0..2_000).map(|i| format!("item-{i}")).collect();
        let parts_of = |ids: &[String]| {
            let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
            views_parts(&refs)
                .into_iter()
                .map(|range| ids[range].to_vec())
                .collect::<Vec<_>>()
        };
        let before = parts_of(&ids);
        // Every item once, in order, no part empty or over twice the mean, about the mean.
        assert_eq!(before.concat(), ids);
        assert!(before
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 2 * VIEWS_PART));
        let mean = ids.len() / before.len();
        assert!((VIEWS_PART / 2..=2 * VIEWS_PART).contains(&mean), "{mean}");
        // One item climbs into the order at rank 700 and the last drops out of it.
        let mut after = ids.clone();
        after.insert(700, "climbed".to_owned());
        after.pop();
        let after = parts_of(&after);
        let changed = after.iter().filter(|p| !before.contains(p)).count();
        assert!(changed <= 3, "{changed} parts changed of {}", after.len());
        assert_eq!(views_parts(&[]), Vec::<std::ops::Range<usize>>::new());
    }

    #[test]
    fn the_ranks_of_the_head_are_found_by_ordinal() {
        let ranks = Ranks::of(&[7, 2, 9]);
        let found: Vec<Option<u32>> = (0..10).map(|o| ranks.get(o)).collect();
        let mut expected = vec![None; 10];
        (expected[7], expected[2], expected[9]) = (Some(0), Some(1), Some(2));
        assert_eq!(found, expected);
        assert_eq!(Ranks::of(&[]).get(0), None);
    }

    #[test]
    fn a_rank_is_found_in_the_part_by_views_that_holds_it() {
        let file = |path: &str| super::super::FileRef {
            path: path.to_owned(),
            bytes: 1,
        };
        let parts = [
            ViewsPart {
                first: 40,
                count: 3,
                file: file("a"),
            },
            ViewsPart {
                first: 43,
                count: 50,
                file: file("b"),
            },
        ];
        let found: Vec<Option<usize>> = [0, 39, 40, 42, 43, 92, 93, 5_000]
            .iter()
            .map(|&rank| views_part_for(&parts, rank))
            .collect();
        assert_eq!(
            found,
            [None, None, Some(0), Some(0), Some(1), Some(1), None, None]
        );
        assert_eq!(views_part_for(&[], 0), None);
    }

    #[test]
    fn by_views_the_most_viewed_come_first_and_equal_views_newest_first() {
        // Ordinals count from the oldest: 3 and 1 have 50 views each, 3 is newer.
        let views = [10, 50, 0, 50, 20];
        assert_eq!(by_views(&views, None), [3, 1, 4, 0, 2]);
        // A search's title matches first, then by views.
        let found = Found {
            items: vec![0, 2, 3],
            in_titles: vec![vec![2]],
        };
        assert_eq!(by_views(&views, Some(&found)), [2, 3, 0]);
        assert_eq!(by_views(&[], None), Vec::<usize>::new());

        let by_views_only = NewsFilter {
            sort: Sort::Views,
            ..NewsFilter::default()
        };
        assert!(by_views_alone(&by_views_only));
        let searched = NewsFilter {
            q: "คลอง".to_owned(),
            ..by_views_only.clone()
        };
        assert!(!by_views_alone(&searched));
        assert!(!by_views_alone(&NewsFilter::default()), "newest first");
    }
}
