//! The static dataset a source bundle is compiled into (by `city-comms-data build`) and the
//! app reads a slice at a time: one small manifest and content-named files that never change.
//!
//! - `manifest.json`: the bundle without its news (plan, settings, policies, groups,
//!   districts, stories), the counts of every filter option, and where everything else is;
//! - `cards/`: what a news list shows of each item, by month, newest first, in parts of at
//!   most [`CARDS_PER_PART`] items (a few quiet months share one, see [`card_parts`]);
//! - `cards/most-viewed`: the cards of the [`MOST_VIEWED`] items with the most views, in that
//!   order, so that a list by views opens without every item's views;
//! - `cards/views-order`: the ordinals of the [`VIEWS_ORDER`] most viewed, in that order, so
//!   that a search by views lists its first pages without them as well;
//! - `cards/by-views`: the cards of the same items after the most-viewed file's, in that
//!   order, in parts of about [`VIEWS_PART`] (see [`by_views::views_parts`]), so that the
//!   first cards of a search by views come in a few small files, not a month's part each;
//! - `articles/`: bodies and albums, [`ARTICLES_PER_FILE`] items a file, each card naming its;
//! - `ids/`: which item an address's id is, in buckets by a hash of the id;
//! - `facets/`: the filter columns (see [`facets`]);
//! - `index/`: the search index in segments by publication period, each a directory in parts
//!   and its chunks (see [`index`]), each key with its items and those whose title holds it,
//!   to rank title matches first.
//!
//! Items are numbered (their *ordinal*) from the oldest, by publication time then id, so
//! that a day's news is added at the end and leaves every earlier file as it was, but for
//! those that follow the views: the most viewed, their order and the parts by views that
//! an item moves into or out of.

pub mod archive;
pub mod by_views;
pub mod facets;
pub mod grams;
pub mod index;
pub mod postings;
pub mod reader;

use super::bundle;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The dataset's format and major version.
pub const FORMAT: &str = "city-comms-dataset/6";

/// The manifest's name in the dataset's directory: the one file that is revalidated.
pub const MANIFEST: &str = "manifest.json";

/// The most cards in one part: about 20 KB gzipped, one round trip on slow 4G.
pub const CARDS_PER_PART: u32 = 100;

/// How many items the most-viewed card file holds, most viewed first: the first two pages
/// of a list by views (twenty cards a page), about 8 KB gzipped. The rest of that list
/// needs every item's views.
pub const MOST_VIEWED: usize = 40;

/// How many items the views order file holds (`cards/views-order`): the ordinals of the
/// most viewed, most viewed first, about 10 KB gzipped. A search ordered by views lists the
/// items of it that it finds before every item's views are here (171 KB at 100,000 items):
/// a word in many titles fills its first page from them (see `reader::by_views_head`).
pub const VIEWS_ORDER: usize = 4096;

/// How the items, oldest first (`months[ordinal]` is the month of each), fall into card
/// parts. A part ends when it is full, or where a month ends once it holds at least half of
/// [`CARDS_PER_PART`]: a busy month has parts of its own, while quiet months share one, so
/// that a list of a site that publishes a few items a month is one fetch, not one a month.
/// Each end is decided by the items before it alone, so a day's news added at the end
/// changes the newest part only.
pub fn card_parts<M: PartialEq>(months: &[M]) -> Vec<std::ops::Range<usize>> {
    let full = CARDS_PER_PART as usize;
    let mut parts = Vec::new();
    let mut start = 0;
    for at in 1..=months.len() {
        let held = at - start;
        let month_ends = months.get(at).is_none_or(|next| *next != months[at - 1]);
        if held == full || (month_ends && held >= full / 2) || at == months.len() {
            parts.push(start..at);
            start = at;
        }
    }
    parts
}

/// The mean a part of the order by views aims at (`cards/by-views`, after the most-viewed
/// file's; see [`by_views::views_parts`]): 33 cards and 4.8 KB gzipped a part at 100,000
/// generated items. A search by views that finds one item in twenty has its first page's
/// cards in some ten of them, where month parts of 20 KB each would take one a card.
pub const VIEWS_PART: usize = 40;

/// Items per article file: opening an article fetches its neighbours' bodies too.
pub const ARTICLES_PER_FILE: u32 = 20;

/// Hex digits of SHA-256 in a file's name: 64 bits, enough to tell any two versions apart.
pub const HASH_DIGITS: usize = 16;

/// A dataset whose files come to at most this many bytes is kept whole on a device from the
/// first visit: the default bundle's is about 400 KB, 100 KB gzipped.
pub const KEEP_WHOLE_BYTES: u64 = 2 * 1024 * 1024;

/// Otherwise, the parts of cards kept from the first visit: the newest 1,000 items or so,
/// about 200 KB gzipped.
pub const OFFLINE_CARD_PARTS: usize = 10;

/// A file's name from its stem, the SHA-256 of its bytes and its extension:
/// `cards/2026-11-0.0123456789abcdef.json`.
pub fn file_name(stem: &str, sha256: &[u8], extension: &str) -> String {
    format!("{stem}.{}.{extension}", hash_label(sha256))
}

/// The first [`HASH_DIGITS`] hex digits of a digest.
pub fn hash_label(sha256: &[u8]) -> String {
    sha256
        .iter()
        .take(HASH_DIGITS / 2)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A regular expression (JavaScript's and the `regex` crate's syntax) that matches the end of
/// a content-named file's path, for the service worker and hosts, which may cache such a file
/// for ever.
pub fn content_named_pattern() -> String {
    format!(r"\.[0-9a-f]{{{HASH_DIGITS}}}\.[a-z]+$")
}

/// Whether a dataset of `total_bytes` is kept whole on a device from the first visit.
pub fn kept_whole_at_first_visit(total_bytes: u64) -> bool {
    total_bytes <= KEEP_WHOLE_BYTES
}

/// What a device keeps from the first visit (see [`Manifest::offline`]): every file when the
/// dataset is small (`files` with their sizes), else the newest parts of cards and the
/// most viewed cards.
pub fn offline_files(
    files: &[FileRef],
    cards: &[CardPart],
    most_viewed: Option<&FileRef>,
) -> Vec<String> {
    if kept_whole_at_first_visit(files.iter().map(|file| file.bytes).sum()) {
        let mut all: Vec<String> = files.iter().map(|file| file.path.clone()).collect();
        all.sort();
        return all;
    }
    cards
        .iter()
        .take(OFFLINE_CARD_PARTS)
        .map(|part| &part.file)
        .chain(most_viewed)
        .map(|file| file.path.clone())
        .collect()
}

/// The hash a file's name promises, if it has one.
pub fn promised_hash(path: &str) -> Option<&str> {
    let name = path.rsplit('/').next()?;
    let mut parts = name.rsplit('.');
    let _extension = parts.next()?;
    let hash = parts.next()?;
    (hash.len() == HASH_DIGITS && hash.bytes().all(|b| b.is_ascii_hexdigit())).then_some(hash)
}

/// Another file of the dataset, by its path from the manifest's directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRef {
    /// The path, with the content's hash in the name.
    pub path: String,
    /// Its size in bytes, before any compression the host adds.
    pub bytes: u64,
}

/// One part of the cards: part of a busy month, or a few quiet ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardPart {
    /// `YYYY-MM` of its oldest item.
    pub month: String,
    /// The ordinal of its oldest item.
    pub first: u32,
    /// How many items it has.
    pub count: u32,
    /// Where it is.
    pub file: FileRef,
}

/// One part of the cards further down the order by views than the most-viewed file's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewsPart {
    /// The rank in the order by views of its first card (0 is the most viewed).
    pub first: u32,
    /// How many cards it has, in that order.
    pub count: u32,
    /// Where it is.
    pub file: FileRef,
}

/// The dataset's table of contents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`FORMAT`].
    pub format: String,
    /// When the source bundle was published (RFC 3339): "data as of".
    pub data_as_of: String,
    /// How many news items there are.
    pub items: u32,
    /// The source bundle with an empty news list, read by the app's own validation.
    pub bundle: serde_json::Value,
    /// For each filter parameter (`group`, `district`, `theme`, `policy`, `topic`), how many items
    /// each option has, with no search and no other filter.
    pub counts: BTreeMap<String, BTreeMap<String, u32>>,
    /// The cards, newest part first.
    pub cards: Vec<CardPart>,
    /// The id buckets, in bucket order (see [`id_bucket`]).
    pub ids: Vec<FileRef>,
    /// The facet blocks, in ordinal order.
    pub facets: Vec<FileRef>,
    /// The views of the same blocks' items, in the same order.
    pub views: Vec<FileRef>,
    /// The search index's segments, in ordinal order (see [`index::segments`]).
    pub index: Vec<IndexSegment>,
    /// The card file of the [`MOST_VIEWED`] items, most viewed first, as a list by views
    /// with no search or filter orders them; none from a compiler that did not write one.
    #[serde(default)]
    pub most_viewed: Option<FileRef>,
    /// The ordinals of the [`VIEWS_ORDER`] items most viewed, most viewed first
    /// ([`facets::encode_order`]); none from a compiler that did not write them.
    #[serde(default)]
    pub views_order: Option<FileRef>,
    /// The cards of the items `views_order` names after the [`MOST_VIEWED`], in its order and
    /// in parts by rank, the first part first; none from a compiler that did not write them.
    #[serde(default)]
    pub views_cards: Vec<ViewsPart>,
    /// The files a device keeps from the first visit, so that the app works offline after
    /// it (see [`offline_files`]); the rest are kept as they are read.
    #[serde(default)]
    pub offline: Vec<String>,
    /// Every file's bytes but the manifest's, together: what keeping the whole archive on a
    /// device takes. 0 from a compiler that did not count them.
    #[serde(default)]
    pub total_bytes: u64,
}

/// What a list shows of a news item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    /// The item's id.
    pub id: String,
    /// Its ordinal.
    pub ordinal: u32,
    /// When it was published (RFC 3339).
    pub published: String,
    /// Its title.
    pub title: Text,
    /// Its summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    /// Its district's code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// Its district group's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Its themes' ids.
    #[serde(default)]
    pub themes: Vec<String>,
    /// Its policies' ids.
    #[serde(default)]
    pub policies: Vec<String>,
    /// Its priority topics' ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// Whether it is sample content.
    #[serde(default)]
    pub sample: bool,
    /// Views, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub views: Option<u64>,
    /// Its first photo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
    /// The article file with its body.
    pub article: String,
}

/// One part of a month's cards: newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardFile {
    /// [`FORMAT`].
    pub format: String,
    /// The cards.
    pub cards: Vec<Card>,
}

/// What an article adds to its card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// The item's id.
    pub id: String,
    /// The body.
    pub body: Text,
    /// Every photo.
    #[serde(default)]
    pub images: Vec<Image>,
    /// Who wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Whose photos they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// Where it was first published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
}

/// A file of articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleFile {
    /// [`FORMAT`].
    pub format: String,
    /// The articles, by ordinal.
    pub articles: Vec<Article>,
}

/// One segment of the search index: the items of one period, indexed on their own, so that
/// a day's news leaves the older segments' files as they were.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexSegment {
    /// The ordinal of its first item: its chunks number its items from 0.
    pub first: u32,
    /// How many items it has.
    pub items: u32,
    /// Its directory, in parts by key, in key order.
    pub parts: Vec<IndexPart>,
}

/// One part of a segment's directory, as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexPart {
    /// The first key of its first chunk.
    pub first: u32,
    /// Where it is.
    pub file: FileRef,
}

/// One part of the search index's directory: [`index::PART_CHUNKS`] chunks, in key order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexDirectory {
    /// [`FORMAT`].
    pub format: String,
    /// Each chunk's first key.
    pub firsts: Vec<u32>,
    /// Each chunk's file.
    pub chunks: Vec<FileRef>,
}

/// Text in Thai and perhaps English, as the bundle's `Text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    /// Thai.
    pub th: String,
    /// English, where written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl From<&bundle::Text> for Text {
    fn from(text: &bundle::Text) -> Text {
        Text {
            th: text.th.clone(),
            en: text.en.clone(),
        }
    }
}

impl From<Text> for bundle::Text {
    fn from(text: Text) -> bundle::Text {
        bundle::Text {
            th: text.th,
            en: text.en,
        }
    }
}

/// A photo, as the bundle's `Image`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// Where it is.
    pub src: String,
    /// What it shows.
    pub alt: Text,
}

impl From<&bundle::Image> for Image {
    fn from(image: &bundle::Image) -> Image {
        Image {
            src: image.src.clone(),
            alt: Text::from(&image.alt),
        }
    }
}

/// How many id buckets a dataset of `items` has: about 1,000 ids each, a power of two.
pub fn id_buckets(items: u32) -> u32 {
    (items / 1000).max(1).next_power_of_two().min(1024)
}

/// The bucket of `id`: FNV-1a of its bytes, modulo the bucket count.
pub fn id_bucket(id: &str, buckets: u32) -> u32 {
    let hash = id.bytes().fold(0x811c_9dc5_u32, |hash, b| {
        (hash ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    hash % buckets.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_files_name_carries_its_hash_and_the_hash_can_be_read_back() {
        let name = file_name("cards/2026-11-0", &[0xAB; 32], "json");
        assert_eq!(name, "cards/2026-11-0.abababababababab.json");
        assert_eq!(promised_hash(&name), Some("abababababababab"));
        assert_eq!(promised_hash("manifest.json"), None);
        assert_eq!(promised_hash("a.zzzzzzzzzzzzzzzz.json"), None);
    }

    #[test]
    fn ids_spread_over_buckets_that_grow_with_the_archive() {
        assert_eq!(id_buckets(34), 1);
        assert_eq!(id_buckets(100_000), 128);
        assert_eq!(id_buckets(10_000_000), 1024);
        let mut used = std::collections::BTreeSet::new();
        for i in 0..1000 {
            used.insert(id_bucket(&format!("news-{i}"), 16));
        }
        assert_eq!(used.len(), 16);
    }

    #[test]
    fn busy_months_have_parts_of_their_own_and_quiet_months_share_one() {
        let half = CARDS_PER_PART as usize / 2;
        // Three quiet months, then a busy one of two and a half parts, then a quiet one.
        let mut months = vec![1, 1, 2, 3, 3];
        months.extend(std::iter::repeat_n(4, 2 * CARDS_PER_PART as usize + half));
        months.push(5);
        let parts = card_parts(&months);
        let full = CARDS_PER_PART as usize;
        assert_eq!(
            parts,
            vec![
                0..full,
                full..2 * full,
                2 * full..months.len() - 1,
                months.len() - 1..months.len()
            ]
        );
        assert_eq!(
            months[parts[0].start], 1,
            "the quiet months start the first part"
        );
        assert_eq!(card_parts::<u8>(&[]), Vec::<std::ops::Range<usize>>::new());

        // A day's news added at the end leaves every part before the newest as it was.
        let mut more = months.clone();
        more.extend([5, 6]);
        let after = card_parts(&more);
        assert_eq!(after[..parts.len() - 1], parts[..parts.len() - 1]);
    }

    fn file(path: &str, bytes: u64) -> FileRef {
        FileRef {
            path: path.to_owned(),
            bytes,
        }
    }

    fn parts(n: usize) -> Vec<CardPart> {
        (0..n)
            .map(|i| CardPart {
                month: "2026-11".to_owned(),
                first: i as u32,
                count: 1,
                file: file(&format!("cards/2026-11-{i}.0000000000000000.json"), 1),
            })
            .collect()
    }

    #[test]
    fn a_small_dataset_is_kept_whole_and_a_large_one_only_its_newest_and_most_viewed_cards() {
        let cards = parts(12);
        let mut files: Vec<FileRef> = cards.iter().map(|part| part.file.clone()).collect();
        files.push(file("index/directory.0000000000000000.json", 1000));
        let top = file("cards/most-viewed.0000000000000000.json", 10);
        files.push(top.clone());
        let whole = offline_files(&files, &cards, Some(&top));
        assert_eq!(whole.len(), 14);
        assert!(whole.contains(&"index/directory.0000000000000000.json".to_owned()));

        files.push(file("facets/0.0000000000000000.bin", KEEP_WHOLE_BYTES));
        let newest = offline_files(&files, &cards, Some(&top));
        assert_eq!(newest.len(), OFFLINE_CARD_PARTS + 1);
        assert_eq!(newest[0], cards[0].file.path, "the newest part first");
        assert_eq!(newest[OFFLINE_CARD_PARTS], top.path, "and the most viewed");
    }
}
