//! The dataset's search index: for every key (see [`grams`](super::grams)) the items that hold
//! it and, among them, those whose title holds it (to rank title matches first), sorted by
//! key and cut into chunks of about [`CHUNK_BYTES`], with a directory of each chunk's first
//! key. The directory is cut into parts of [`PART_CHUNKS`] chunks that the manifest lists by
//! their first key, so that a query fetches the parts its keys are in (about 2.4 KB gzipped
//! each, where the whole directory of 100,000 items is 104 KB in 43 parts) and then one chunk
//! per key.
//!
//! The items are indexed in [`segments`] by when they were published. A day's news holds
//! words found all over the key space, so one index of every item would have nearly all its
//! chunks rewritten each day (902 of 1,509 files at 10,000 items), and caches, CDNs and
//! devices that keep the archive would fetch it all again. With segments, a day rewrites the
//! newest month's index alone, and the first news of a month the rest; a query reads one
//! chunk per key in each, the newest month's cut finer (see [`Cut`]).

use super::grams::{self, Gram, TermPlan};
use super::postings::{self, put_varint, Ordinals};
use super::{IndexPart, IndexSegment};
use crate::domain::order::{self, Key};
use std::collections::HashMap;
use std::ops::Range;

/// About how large a chunk is before compression, at most. A query needs one key of each
/// chunk it reads, and on slow 4G every kilobyte it does not need costs 5 ms: a smaller
/// chunk wastes less, at the cost of more files and a longer directory, whose parts the
/// manifest lists (a key with more items has a chunk of its own).
pub const CHUNK_BYTES: usize = 8 * 1024;

/// About how large a chunk of the newest month's index is, at least: its index is cut into
/// chunks of its size over [`NEWEST_CHUNKS`] down to this, so that a query does not read
/// 8 KB of keys it does not need there as well, where each key has few items.
pub const MIN_CHUNK_BYTES: usize = 2 * 1024;

/// How many chunks the newest month's index is cut into, about, before its chunks reach
/// [`CHUNK_BYTES`]: it is rewritten each day.
pub const NEWEST_CHUNKS: usize = 512;

/// How a segment's index is cut into chunks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// Into chunks of about [`CHUNK_BYTES`]: the archive. A small site keeps it whole at
    /// the first visit, where fewer files are fewer requests; a large one has a chunk per
    /// key of its own.
    Archive,
    /// Finer, by [`chunk_bytes`]: the newest month's.
    Newest,
}

/// How large a chunk of the newest month's index of `total` bytes is.
pub fn chunk_bytes(total: usize) -> usize {
    (total / NEWEST_CHUNKS).clamp(MIN_CHUNK_BYTES, CHUNK_BYTES)
}

/// How many chunks one part of the directory lists.
pub const PART_CHUNKS: usize = 128;

/// The first bytes of every chunk.
pub const CHUNK_MAGIC: &[u8; 4] = b"CCX2";

/// A set of items while the index is being built: gaps between ordinals, as in a sparse set.
#[derive(Default)]
struct Growing {
    count: u32,
    next: u32,
    gaps: Vec<u8>,
}

impl Growing {
    /// Adds `ordinal`, above every one added so far.
    fn push(&mut self, ordinal: u32) {
        put_varint(&mut self.gaps, ordinal - self.next);
        self.next = ordinal + 1;
        self.count += 1;
    }

    fn ordinals(&self) -> Ordinals {
        let mut set = Vec::with_capacity(self.count as usize);
        let mut at = 0;
        let mut next = 0;
        while let Some(gap) = postings::get_varint(&self.gaps, &mut at) {
            next += gap;
            set.push(next);
            next += 1;
        }
        set
    }
}

/// A key's items, and those of them whose title holds it.
#[derive(Default)]
struct Keyed {
    items: Growing,
    titles: Growing,
}

/// Builds the index from the items' encoded text, given in ordinal order.
#[derive(Default)]
pub struct IndexBuilder {
    keys: HashMap<Gram, Keyed>,
    items: u32,
}

/// One chunk of the built index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// Its first key.
    pub first: Gram,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// One key's entry in a chunk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: Gram,
    /// The items that hold the key.
    pub items: Ordinals,
    /// Those of them whose title holds it.
    pub in_titles: Ordinals,
}

/// The entries of the keys a query needs, as read from one segment's chunks.
#[derive(Debug, Default)]
pub struct Postings {
    /// The segment's first ordinal: the entries' ordinals count from it.
    pub first: u32,
    pub items: HashMap<Gram, Ordinals>,
    pub in_titles: HashMap<Gram, Ordinals>,
}

impl Postings {
    /// None yet, of the segment whose first ordinal is `first`.
    pub fn of_segment(first: u32) -> Postings {
        Postings {
            first,
            ..Postings::default()
        }
    }

    /// Adds the entries read from one chunk.
    pub fn extend(&mut self, entries: Vec<Entry>) {
        for entry in entries {
            self.items.insert(entry.key, entry.items);
            self.in_titles.insert(entry.key, entry.in_titles);
        }
    }
}

impl IndexBuilder {
    /// Adds the next item: `encoded` is its searchable text and `title` that of its title,
    /// both as `search::encode_document` gives them (the title's fields are among the text's).
    pub fn add(&mut self, encoded: &[u8], title: &[u8]) {
        let ordinal = self.items;
        self.items += 1;
        for key in grams::of_document(encoded) {
            self.keys.entry(key).or_default().items.push(ordinal);
        }
        for key in grams::of_document(title) {
            self.keys.entry(key).or_default().titles.push(ordinal);
        }
    }

    /// The chunks, in key order, cut as `cut` says.
    pub fn finish(self, cut: Cut) -> Vec<Chunk> {
        let universe = self.items;
        let mut keys: Vec<(Gram, Keyed)> = self.keys.into_iter().collect();
        keys.sort_unstable_by_key(|(key, _)| *key);
        let entries: Vec<(Gram, Vec<u8>)> = keys
            .into_iter()
            .map(|(key, keyed)| {
                let mut bytes = key.to_le_bytes().to_vec();
                postings::encode(&keyed.items.ordinals(), universe, &mut bytes);
                postings::encode(&keyed.titles.ordinals(), universe, &mut bytes);
                (key, bytes)
            })
            .collect();
        let target = match cut {
            Cut::Archive => CHUNK_BYTES,
            Cut::Newest => chunk_bytes(entries.iter().map(|(_, bytes)| bytes.len()).sum()),
        };
        let mut chunks = Vec::new();
        let mut current = Chunk {
            first: 0,
            bytes: CHUNK_MAGIC.to_vec(),
        };
        for (key, entry) in entries {
            if current.bytes.len() >= target {
                chunks.push(std::mem::replace(
                    &mut current,
                    Chunk {
                        first: key,
                        bytes: CHUNK_MAGIC.to_vec(),
                    },
                ));
            } else if current.bytes.len() == CHUNK_MAGIC.len() {
                current.first = key;
            }
            current.bytes.extend_from_slice(&entry);
        }
        if current.bytes.len() > CHUNK_MAGIC.len() {
            chunks.push(current);
        }
        chunks
    }
}

/// The segments of the index, as ranges of ordinals, given each item's `YYYY-MM` in ordinal
/// order: the items before the newest month, and those of the newest month; none empty.
/// Each more segment costs a query a chunk per key, the size of the older segment's when it
/// is large: one of the newest year as well took a query at 100,000 items from 17.9 to 52.5 KB.
pub fn segments(months: &[String]) -> Vec<Range<usize>> {
    let Some(newest) = months.last() else {
        return Vec::new();
    };
    let month_starts = months.partition_point(|month| month < newest);
    [0..month_starts, month_starts..months.len()]
        .into_iter()
        .filter(|range| !range.is_empty())
        .collect()
}

/// Whether `segments` number `items` items, each once and in order, as the compiler writes
/// them: a manifest whose segments do not is damaged.
pub fn covers(segments: &[IndexSegment], items: u32) -> bool {
    let mut next: u32 = 0;
    for segment in segments {
        match next.checked_add(segment.items) {
            Some(end) if segment.first == next => next = end,
            _ => return false,
        }
    }
    next == items
}

/// Which chunk (or part of the directory) holds `key`: the last whose first key is not after
/// it (`firsts` sorted).
pub fn chunk_of(firsts: &[Gram], key: Gram) -> Option<usize> {
    firsts.partition_point(|&first| first <= key).checked_sub(1)
}

/// The parts of the directory (as the manifest lists them) a query's keys are in, each with
/// its keys, in key order.
pub fn parts_for<'a>(parts: &'a [IndexPart], keys: &[Gram]) -> Vec<(&'a IndexPart, Vec<Gram>)> {
    let firsts: Vec<Gram> = parts.iter().map(|part| part.first).collect();
    chunks_for(&firsts, keys)
        .into_iter()
        .filter_map(|(at, keys)| Some((parts.get(at)?, keys)))
        .collect()
}

/// The chunks (or parts of the directory) a query's keys are in, each with its keys.
pub fn chunks_for(firsts: &[Gram], keys: &[Gram]) -> std::collections::BTreeMap<usize, Vec<Gram>> {
    let mut chunks = std::collections::BTreeMap::<usize, Vec<Gram>>::new();
    for &key in keys {
        if let Some(chunk) = chunk_of(firsts, key) {
            chunks.entry(chunk).or_default().push(key);
        }
    }
    chunks
}

/// A chunk's entries for `wanted` keys (a key it does not hold has no items); `None` if the
/// chunk is not one, or is cut short.
pub fn read_chunk(bytes: &[u8], wanted: &[Gram]) -> Option<Vec<Entry>> {
    if bytes.get(..4)? != CHUNK_MAGIC {
        return None;
    }
    let mut at = 4;
    let mut found = Vec::new();
    while at < bytes.len() {
        let key = Gram::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?);
        at += 4;
        if wanted.contains(&key) {
            let items = postings::decode(bytes, &mut at)?;
            let in_titles = postings::decode(bytes, &mut at)?;
            found.push(Entry {
                key,
                items,
                in_titles,
            });
        } else {
            // Skip both sets: each a kind byte, then the length of what follows.
            for _ in 0..2 {
                at += 1;
                let len = postings::get_varint(bytes, &mut at)? as usize;
                at = at.checked_add(len)?;
                if at > bytes.len() {
                    return None;
                }
            }
        }
    }
    Some(found)
}

/// The items that hold every term's keys, over the segments read (in ordinal order), from
/// their entries of the items (`titles` false) or of the items whose title holds the key.
pub fn evaluate_segments(plans: &[TermPlan], segments: &[Postings], titles: bool) -> Ordinals {
    let mut found = Vec::new();
    for segment in segments {
        let entries = if titles {
            &segment.in_titles
        } else {
            &segment.items
        };
        let local = evaluate(plans, entries).into_iter();
        let at = segment.first;
        found.extend(local.filter_map(|ordinal| ordinal.checked_add(at)));
    }
    found
}

/// The items that hold every term's keys, given each key's items (a key missing from
/// `items` has none).
pub fn evaluate(plans: &[TermPlan], items: &HashMap<Gram, Ordinals>) -> Ordinals {
    let empty = Vec::new();
    let of = |key: &Gram| items.get(key).unwrap_or(&empty);
    let mut result: Option<Ordinals> = None;
    for plan in plans {
        let mut term: Ordinals = Vec::new();
        for form in &plan.forms {
            let mut keys = form.iter().map(of).collect::<Vec<_>>();
            order::by_key(&mut keys, |set| Key::of(&[order::part(set.len())]));
            let Some((first, rest)) = keys.split_first() else {
                continue;
            };
            let both = rest
                .iter()
                .fold((*first).clone(), |acc, set| postings::intersect(&acc, set));
            term = postings::union(&term, &both);
        }
        result = Some(match result {
            None => term,
            Some(so_far) => postings::intersect(&so_far, &term),
        });
    }
    result.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::search::{encode_document, Query};

    fn build(docs: &[&str]) -> Vec<Chunk> {
        build_cut(docs, Cut::Archive)
    }

    fn build_cut(docs: &[&str], cut: Cut) -> Vec<Chunk> {
        let mut builder = IndexBuilder::default();
        for doc in docs {
            builder.add(&encode_document(&[doc]), &[]);
        }
        builder.finish(cut)
    }

    fn search(chunks: &[Chunk], typed: &str) -> Ordinals {
        let plans = grams::plan(&Query::parse(typed));
        let firsts: Vec<Gram> = chunks.iter().map(|c| c.first).collect();
        let mut read = Postings::default();
        for (chunk, keys) in chunks_for(&firsts, &grams::needed(&plans)) {
            read.extend(read_chunk(&chunks[chunk].bytes, &keys).unwrap());
        }
        evaluate(&plans, &read.items)
    }

    #[test]
    fn every_item_with_the_words_is_found_through_the_chunks() {
        let docs = [
            "ลอกคลองแสนแสบ",
            "เก็บขยะริมคลองบางกอกน้อย",
            "pocket park opens",
            "ตลาดนัดชุมชน งานเเละกิจกรรม",
            "volunteers took part at the market",
        ];
        let chunks = build(&docs);
        assert_eq!(search(&chunks, "คลอง"), [0, 1]);
        assert_eq!(search(&chunks, "คลอง ขยะ"), [1]);
        // `took part … market` holds `par` and `ark`, not `park`.
        assert_eq!(search(&chunks, "PARK"), [2]);
        assert_eq!(search(&chunks, "market"), [4]);
        assert_eq!(search(&chunks, "\"pocket park\""), [2]);
        assert_eq!(search(&chunks, "ข"), [1]);
        assert_eq!(search(&chunks, "งานเ"), [3]);
        assert_eq!(search(&chunks, "ไม่มี"), Vec::<u32>::new());
    }

    fn months(list: &[&str]) -> Vec<String> {
        list.iter().map(|month| month.to_string()).collect()
    }

    #[test]
    fn the_newest_months_items_are_indexed_apart_from_the_rest() {
        let list = [
            "2024-05", "2025-01", "2025-03", "2025-03", "2025-04", "2025-04",
        ];
        assert_eq!(segments(&months(&list)), [0..4, 4..6]);
        assert_eq!(segments(&months(&["2024-12", "2025-01"])), [0..1, 1..2]);
        assert_eq!(segments(&months(&["2025-04", "2025-04"])), vec![0..2]);
        assert!(segments(&[]).is_empty());
    }

    #[test]
    fn segments_that_skip_or_repeat_items_are_told_apart() {
        let segment = |first, items| IndexSegment {
            first,
            items,
            parts: Vec::new(),
        };
        assert!(covers(&[segment(0, 30), segment(30, 4)], 34));
        assert!(covers(&[], 0));
        assert!(!covers(&[segment(0, 30), segment(31, 3)], 34));
        assert!(!covers(&[segment(0, 30), segment(20, 14)], 34));
        assert!(!covers(&[segment(0, 30)], 34));
        assert!(!covers(&[segment(0, u32::MAX), segment(u32::MAX, 2)], 1));
    }

    #[test]
    fn each_segment_numbers_its_items_from_its_first_ordinal() {
        let older = build(&["ลอกคลอง", "ตลาดนัด", "คลองสวย"]);
        let newer = build(&["ตลาดน้ำ", "ริมคลอง"]);
        let plans = grams::plan(&Query::parse("คลอง"));
        let keys = grams::needed(&plans);
        let read = |chunks: &[Chunk], first: u32| {
            let mut postings = Postings::of_segment(first);
            for (chunk, wanted) in chunks_for(&[chunks[0].first], &keys) {
                postings.extend(read_chunk(&chunks[chunk].bytes, &wanted).unwrap());
            }
            postings
        };
        let segments = [read(&older, 0), read(&newer, 3)];
        assert_eq!(evaluate_segments(&plans, &segments, false), [0, 2, 4]);
        assert_eq!(
            evaluate_segments(&plans, &segments, true),
            Vec::<u32>::new()
        );
    }

    #[test]
    fn a_large_index_is_cut_into_chunks_that_each_find_their_keys() {
        let docs: Vec<String> = (0..3000)
            .map(|i| format!("ข่าวที่ {i} เขต{}", i % 50))
            .collect();
        let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
        let chunks = build(&refs);
        assert!(chunks.len() > 1, "{} chunks", chunks.len());
        assert!(chunks.windows(2).all(|w| w[0].first < w[1].first));
        assert_eq!(search(&chunks, "2999").len(), 1);
        assert_eq!(search(&chunks, "เขต7").len(), 60);
        assert!(chunks.iter().all(|c| c.bytes.len() < CHUNK_BYTES + 512));
        // The newest month's is cut finer, as its index is small: a query reads less of
        // what it does not need.
        let fine = build_cut(&refs, Cut::Newest);
        let total: usize = fine.iter().map(|c| c.bytes.len() - CHUNK_MAGIC.len()).sum();
        assert!(total < NEWEST_CHUNKS * MIN_CHUNK_BYTES, "{total} bytes");
        assert!(
            fine.len() > chunks.len() * 3,
            "{} and {}",
            fine.len(),
            chunks.len()
        );
        assert!(fine.iter().all(|c| c.bytes.len() < MIN_CHUNK_BYTES + 512));
        assert_eq!(search(&fine, "เขต7").len(), 60);
    }

    #[test]
    fn the_newest_months_chunks_grow_with_its_index_up_to_the_archives() {
        assert_eq!(chunk_bytes(0), MIN_CHUNK_BYTES);
        assert_eq!(chunk_bytes(NEWEST_CHUNKS * 3000), 3000);
        assert_eq!(chunk_bytes(NEWEST_CHUNKS * CHUNK_BYTES * 10), CHUNK_BYTES);
    }

    #[test]
    fn each_key_goes_to_the_part_of_the_directory_its_chunk_is_listed_in() {
        let part = |first: Gram, path: &str| IndexPart {
            first,
            file: super::super::FileRef {
                path: path.to_owned(),
                bytes: 1,
            },
        };
        let parts = [part(10, "a"), part(20, "b"), part(30, "c")];
        let found = parts_for(&parts, &[5, 10, 25, 19, 40]);
        let found: Vec<(&str, Vec<Gram>)> = found
            .into_iter()
            .map(|(part, keys)| (part.file.path.as_str(), keys))
            .collect();
        assert_eq!(
            found,
            [("a", vec![10, 19]), ("b", vec![25]), ("c", vec![40])]
        );
    }

    #[test]
    fn a_cut_chunk_or_a_foreign_file_is_refused() {
        let chunks = build(&["abc", "abd"]);
        let bytes = &chunks[0].bytes;
        let key = grams::key(b"abd").unwrap();
        let entry = Entry {
            key,
            items: vec![1],
            in_titles: vec![],
        };
        assert_eq!(read_chunk(bytes, &[key]).unwrap(), [entry]);
        assert_eq!(read_chunk(&bytes[..bytes.len() - 1], &[key]), None);
        assert_eq!(read_chunk(b"{\"json\":1}", &[key]), None);
    }

    #[test]
    fn each_key_keeps_apart_the_items_whose_title_holds_it() {
        let mut builder = IndexBuilder::default();
        for (title, body) in [("คลองสวย", "ลอกคลอง"), ("ตลาด", "ริมคลอง"), ("คลอง", "")]
        {
            builder.add(&encode_document(&[title, body]), &encode_document(&[title]));
        }
        let chunks = builder.finish(Cut::Archive);
        let plans = grams::plan(&Query::parse("คลอง"));
        let keys = grams::needed(&plans);
        let mut read = Postings::default();
        for (chunk, wanted) in chunks_for(&[chunks[0].first], &keys) {
            read.extend(read_chunk(&chunks[chunk].bytes, &wanted).unwrap());
        }
        assert_eq!(chunks.len(), 1);
        assert_eq!(evaluate(&plans, &read.items), [0, 1, 2]);
        assert_eq!(evaluate(&plans, &read.in_titles), [0, 2]);
    }
}
