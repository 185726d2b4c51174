//! What filtering and counting need of every item, without its text: its day, district,
//! group, themes, policies and priority topics, stored by column in blocks of [`BLOCK`]
//! ordinals so that adding a day's news rewrites only the last block. Its views, read only
//! to order by them or to sum them, are in blocks of their own beside them: they are most of
//! what the host's compression leaves of a block.
//!
//! A block is its magic ([`MAGIC`], [`VIEWS_MAGIC`]), its row count, then for each column
//! its width in bytes and its smallest value, then the columns, each value less that
//! smallest value in that many bytes (little-endian): a block's days take two bytes, its
//! districts, groups and themes one.

use crate::domain::bundle::{Bundle, News};
use crate::domain::filter::{Facet, FACETS};

/// Ordinals per block.
pub const BLOCK: u32 = 32_768;

/// How many of a dataset's `items` block `block` holds: [`BLOCK`], but fewer in the last.
pub fn block_items(items: u32, block: usize) -> usize {
    let first = (block as u64) * u64::from(BLOCK);
    u64::from(items).saturating_sub(first).min(u64::from(BLOCK)) as usize
}

/// The first bytes of every block of filter columns.
pub const MAGIC: &[u8; 4] = b"CCF3";

/// The first bytes of every block of views.
pub const VIEWS_MAGIC: &[u8; 4] = b"CCV1";

/// The first bytes of the file of the items most viewed, in order (see [`encode_order`]).
pub const ORDER_MAGIC: &[u8; 4] = b"CCO1";

/// Columns in a block of filter columns.
const COLUMNS: usize = 6;

/// No district or group.
pub const NONE: u8 = u8::MAX;

/// One item's row: options as their position in the bundle's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FacetRow {
    /// Days since 1970-01-01, in Bangkok.
    pub day: u32,
    /// The district's position in `districts`, or [`NONE`].
    pub district: u8,
    /// The group's position in `district_groups`, or [`NONE`].
    pub group: u8,
    /// Bit `i` for the plan's `i`-th theme.
    pub themes: u32,
    /// Bit `i` for the `i`-th policy.
    pub policies: u32,
    /// Bit `i` for the plan's `i`-th priority topic, counted across themes in plan order.
    pub topics: u32,
    /// Views, where known.
    pub views: u32,
}

/// Each facet's option ids in the bundle's order, as the columns number them.
pub struct Options<'a>([Vec<&'a str>; FACETS]);

impl<'a> Options<'a> {
    /// The bundle's options.
    pub fn of(bundle: &'a Bundle) -> Options<'a> {
        Options(Facet::ALL.map(|facet| facet.options(bundle)))
    }

    /// The ids of `facet`'s options.
    pub fn of_facet(&self, facet: Facet) -> &[&'a str] {
        &self.0[facet as usize]
    }

    /// `item`'s row. Themes, policies and topics past the 32nd of their list have no bit.
    pub fn row(&self, item: &News) -> FacetRow {
        let positions = |facet: Facet| {
            let list = self.of_facet(facet);
            facet
                .values(item)
                .into_iter()
                .filter_map(move |id| list.iter().position(|o| *o == id))
        };
        let one = |facet: Facet| positions(facet).next().map_or(NONE, |i| i as u8);
        let bits = |facet: Facet| {
            positions(facet)
                .filter(|&i| i < 32)
                .fold(0u32, |bits, i| bits | 1 << i)
        };
        FacetRow {
            day: item.published.bangkok_date().days_since_epoch().max(0) as u32,
            district: one(Facet::District),
            group: one(Facet::Group),
            themes: bits(Facet::Theme),
            policies: bits(Facet::Policy),
            topics: bits(Facet::Topic),
            views: item.views.unwrap_or(0).min(u64::from(u32::MAX)) as u32,
        }
    }
}

/// Every news item's row, in bundle order.
pub fn bundle_rows(bundle: &Bundle) -> Vec<FacetRow> {
    let options = Options::of(bundle);
    bundle.news.iter().map(|item| options.row(item)).collect()
}

/// The bytes of a block of filter columns (views are left out: [`encode_views`]).
pub fn encode(rows: &[FacetRow]) -> Vec<u8> {
    let column = |value: fn(&FacetRow) -> u32| rows.iter().map(value).collect::<Vec<u32>>();
    let columns = [
        column(|r| r.day),
        column(|r| u32::from(r.district)),
        column(|r| u32::from(r.group)),
        column(|r| r.themes),
        column(|r| r.policies),
        column(|r| r.topics),
    ];
    write_columns(MAGIC, rows.len(), &columns)
}

/// The rows of a block of filter columns, with no views; `None` if it is not one, is cut
/// short or has bytes to spare.
pub fn decode(bytes: &[u8]) -> Option<Vec<FacetRow>> {
    let columns = read_columns(MAGIC, COLUMNS, bytes)?;
    let count = columns.first().map_or(0, Vec::len);
    Some(
        (0..count)
            .map(|i| FacetRow {
                day: columns[0][i],
                district: columns[1][i] as u8,
                group: columns[2][i] as u8,
                themes: columns[3][i],
                policies: columns[4][i],
                topics: columns[5][i],
                views: 0,
            })
            .collect(),
    )
}

/// The bytes of a block of views, for the same ordinals as [`encode`]'s block.
pub fn encode_views(rows: &[FacetRow]) -> Vec<u8> {
    let views: Vec<u32> = rows.iter().map(|r| r.views).collect();
    write_columns(VIEWS_MAGIC, rows.len(), &[views])
}

/// The views of a block of views; `None` if it is not one.
pub fn decode_views(bytes: &[u8]) -> Option<Vec<u32>> {
    read_columns(VIEWS_MAGIC, 1, bytes)?.pop()
}

/// The bytes of the file of the most viewed items' ordinals, most viewed first (see
/// `super::VIEWS_ORDER`): a column as a block of views is one.
pub fn encode_order(ordinals: &[u32]) -> Vec<u8> {
    write_columns(ORDER_MAGIC, ordinals.len(), &[ordinals.to_vec()])
}

/// The ordinals of a file written by [`encode_order`]; `None` if it is not one.
pub fn decode_order(bytes: &[u8]) -> Option<Vec<u32>> {
    read_columns(ORDER_MAGIC, 1, bytes)?.pop()
}

/// `rows` with their views from a block of views; `None` if the block holds another number
/// of items.
pub fn with_views(mut rows: Vec<FacetRow>, views: &[u32]) -> Option<Vec<FacetRow>> {
    if rows.len() != views.len() {
        return None;
    }
    for (row, &views) in rows.iter_mut().zip(views) {
        row.views = views;
    }
    Some(rows)
}

/// `magic`, `count`, each column's width and base, then the columns (see the module).
fn write_columns(magic: &[u8; 4], count: usize, columns: &[Vec<u32>]) -> Vec<u8> {
    let mut out = magic.to_vec();
    out.extend_from_slice(&(count as u32).to_le_bytes());
    let layout: Vec<(usize, u32)> = columns
        .iter()
        .map(|column| {
            let base = column.iter().copied().min().unwrap_or(0);
            let span = column.iter().map(|v| v - base).max().unwrap_or(0);
            ((4 - span.leading_zeros() as usize / 8).max(1), base)
        })
        .collect();
    for &(width, base) in &layout {
        out.push(width as u8);
        out.extend_from_slice(&base.to_le_bytes());
    }
    for (column, &(width, base)) in columns.iter().zip(&layout) {
        for value in column {
            out.extend_from_slice(&(value - base).to_le_bytes()[..width]);
        }
    }
    out
}

/// The `columns` columns of a block written by [`write_columns`]; `None` if it is not one.
fn read_columns(magic: &[u8; 4], columns: usize, bytes: &[u8]) -> Option<Vec<Vec<u32>>> {
    if bytes.get(..4)? != magic {
        return None;
    }
    let count = u32::from_le_bytes(bytes.get(4..8)?.try_into().ok()?) as usize;
    let mut at = 8 + columns * 5;
    let mut layout = Vec::with_capacity(columns);
    for column in 0..columns {
        let head = bytes.get(8 + column * 5..8 + column * 5 + 5)?;
        let width = usize::from(head[0]);
        if !(1..=4).contains(&width) {
            return None;
        }
        layout.push((width, u32::from_le_bytes(head[1..5].try_into().ok()?), at));
        at = at.checked_add(count.checked_mul(width)?)?;
    }
    if bytes.len() != at {
        return None;
    }
    Some(
        layout
            .into_iter()
            .map(|(width, base, start)| {
                bytes[start..start + count * width]
                    .chunks_exact(width)
                    .map(|value| {
                        let mut le = [0u8; 4];
                        le[..width].copy_from_slice(value);
                        base.wrapping_add(u32::from_le_bytes(le))
                    })
                    .collect()
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_block_is_full_but_the_last() {
        assert_eq!(block_items(BLOCK * 2 + 5, 0), BLOCK as usize);
        assert_eq!(block_items(BLOCK * 2 + 5, 2), 5);
        assert_eq!(block_items(BLOCK * 2, 2), 0);
        assert_eq!(block_items(3, 0), 3);
    }

    fn two_rows() -> Vec<FacetRow> {
        vec![
            FacetRow {
                day: 20_000,
                district: 3,
                group: 1,
                themes: 0b101,
                policies: 1 << 8,
                topics: 1 << 16,
                views: 7,
            },
            FacetRow {
                day: 20_001,
                district: NONE,
                group: 2,
                themes: 0,
                policies: 0,
                topics: 0,
                views: u32::MAX,
            },
        ]
    }

    #[test]
    fn rows_come_back_as_written_with_their_views_and_a_cut_block_is_refused() {
        let rows = two_rows();
        let (bytes, views) = (encode(&rows), encode_views(&rows));
        let back = decode(&bytes).and_then(|r| with_views(r, &decode_views(&views)?));
        assert_eq!(back, Some(rows.clone()));
        assert_eq!(decode(&bytes[..bytes.len() - 1]), None);
        assert_eq!(decode(&[bytes.as_slice(), &[0]].concat()), None);
        assert_eq!(decode_views(&views[..views.len() - 1]), None);
        assert_eq!(decode(b"CCX3\0\0\0\0"), None);
        // Each kind of block is refused as the other.
        assert_eq!(decode(&views), None);
        assert_eq!(decode_views(&bytes), None);
        assert_eq!(decode(&encode(&[])), Some(vec![]));
        assert_eq!(with_views(rows, &[1]), None);
        // Each column as wide as its values need: policies two bytes, topics three.
        let widths: Vec<u8> = (0..COLUMNS).map(|c| bytes[8 + c * 5]).collect();
        assert_eq!(widths, [1, 1, 1, 1, 2, 3]);
        assert_eq!(bytes.len(), 8 + COLUMNS * 5 + 2 * 9);
        assert_eq!(views.len(), 8 + 5 + 2 * 4);
    }

    #[test]
    fn a_block_of_news_over_a_year_takes_a_fraction_of_four_bytes_a_value() {
        let rows: Vec<FacetRow> = (0..1000u32)
            .map(|i| FacetRow {
                day: 19_000 + i / 3,
                district: (i % 50) as u8,
                group: (i % 6) as u8,
                themes: 1 << (i % 6),
                policies: 1 << (i % 9),
                topics: 1 << (i % 17),
                views: i * 7,
            })
            .collect();
        let (bytes, views) = (encode(&rows), encode_views(&rows));
        let back = decode(&bytes).and_then(|r| with_views(r, &decode_views(&views)?));
        assert_eq!(back, Some(rows));
        // Less each column's smallest value (1 for the bit sets): day 2 bytes, district,
        // group, themes and policies 1, topics 2; views 2.
        assert_eq!(bytes.len(), 8 + COLUMNS * 5 + 1000 * 8);
        assert_eq!(views.len(), 8 + 5 + 1000 * 2);
    }

    #[test]
    fn a_width_outside_one_to_four_bytes_is_refused() {
        let mut bytes = encode(&[FacetRow::default()]);
        bytes[8] = 5;
        assert_eq!(decode(&bytes), None);
        bytes[8] = 0;
        assert_eq!(decode(&bytes), None);
    }
}
