//! What filtering and counting need of every item, without its text: its day, district,
//! group, themes, policies, priority topics and views, stored by column in blocks of [`BLOCK`] ordinals so
//! that adding a day's news rewrites only the last block.

use crate::domain::bundle::{Bundle, News};
use crate::domain::filter::{Facet, FACETS};

/// Ordinals per block.
pub const BLOCK: u32 = 32_768;

/// The first bytes of every block.
pub const MAGIC: &[u8; 4] = b"CCF2";

/// Columns in a block, four bytes a row each.
const COLUMNS: usize = 7;

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

/// The bytes of a block.
pub fn encode(rows: &[FacetRow]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    let columns: [fn(&FacetRow) -> u32; COLUMNS] = [
        |r| r.day,
        |r| u32::from(r.district),
        |r| u32::from(r.group),
        |r| r.themes,
        |r| r.policies,
        |r| r.topics,
        |r| r.views,
    ];
    for column in columns {
        for row in rows {
            out.extend_from_slice(&column(row).to_le_bytes());
        }
    }
    out
}

/// The rows of a block; `None` if it is not one or is cut short.
pub fn decode(bytes: &[u8]) -> Option<Vec<FacetRow>> {
    if bytes.get(..4)? != MAGIC {
        return None;
    }
    let count = u32::from_le_bytes(bytes.get(4..8)?.try_into().ok()?) as usize;
    let body = bytes.get(8..)?;
    if body.len() != count.checked_mul(COLUMNS * 4)? {
        return None;
    }
    let column = |c: usize, i: usize| {
        let at = (c * count + i) * 4;
        u32::from_le_bytes([body[at], body[at + 1], body[at + 2], body[at + 3]])
    };
    Some(
        (0..count)
            .map(|i| FacetRow {
                day: column(0, i),
                district: column(1, i) as u8,
                group: column(2, i) as u8,
                themes: column(3, i),
                policies: column(4, i),
                topics: column(5, i),
                views: column(6, i),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_come_back_as_written_and_a_cut_block_is_refused() {
        let rows = vec![
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
        ];
        let bytes = encode(&rows);
        assert_eq!(decode(&bytes), Some(rows));
        assert_eq!(decode(&bytes[..bytes.len() - 1]), None);
        assert_eq!(decode(b"CCX2\0\0\0\0"), None);
        assert_eq!(decode(&encode(&[])), Some(vec![]));
    }
}
