//! What filtering and counting need of every item, without its text: its day, district,
//! group, themes, policies and views, stored by column in blocks of [`BLOCK`] ordinals so
//! that adding a day's news rewrites only the last block.

/// Ordinals per block.
pub const BLOCK: u32 = 32_768;

/// The first bytes of every block.
pub const MAGIC: &[u8; 4] = b"CCF1";

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
    /// Views, where known.
    pub views: u32,
}

/// The bytes of a block.
pub fn encode(rows: &[FacetRow]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    let columns: [fn(&FacetRow) -> u32; 6] = [
        |r| r.day,
        |r| u32::from(r.district),
        |r| u32::from(r.group),
        |r| r.themes,
        |r| r.policies,
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
    if body.len() != count.checked_mul(24)? {
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
                views: column(5, i),
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
                views: 7,
            },
            FacetRow {
                day: 20_001,
                district: NONE,
                group: 2,
                themes: 0,
                policies: 0,
                views: u32::MAX,
            },
        ];
        let bytes = encode(&rows);
        assert_eq!(decode(&bytes), Some(rows));
        assert_eq!(decode(&bytes[..bytes.len() - 1]), None);
        assert_eq!(decode(b"CCX1\0\0\0\0"), None);
        assert_eq!(decode(&encode(&[])), Some(vec![]));
    }
}
