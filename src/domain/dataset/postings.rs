//! Sets of news items, by ordinal, as the dataset stores them: a list of gaps in variable
//! length integers where the set is sparse, a bitmap where it is dense, whichever is smaller.

/// A sorted set of ordinals.
pub type Ordinals = Vec<u32>;

const SPARSE: u8 = 0;
const BITMAP: u8 = 1;

/// Appends `value` in LEB128: seven bits a byte, low bits first.
pub fn put_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads a LEB128 integer at `*at`, moving past it; `None` if the bytes end first or it
/// does not fit in 32 bits.
pub fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut value: u32 = 0;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        let bits = u32::from(byte & 0x7F);
        if shift == 28 && bits > 0x0F {
            return None;
        }
        value |= bits << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// Appends `set` (sorted, no repeats, every ordinal below `universe`), length first.
pub fn encode(set: &[u32], universe: u32, out: &mut Vec<u8>) {
    let mut sparse = Vec::with_capacity(set.len() + 4);
    put_varint(&mut sparse, set.len() as u32);
    let mut last = 0;
    for (i, &ordinal) in set.iter().enumerate() {
        put_varint(
            &mut sparse,
            if i == 0 { ordinal } else { ordinal - last - 1 },
        );
        last = ordinal;
    }
    let bitmap_len = universe.div_ceil(8) as usize;
    if sparse.len() <= bitmap_len {
        out.push(SPARSE);
        put_varint(out, sparse.len() as u32);
        out.extend_from_slice(&sparse);
    } else {
        out.push(BITMAP);
        put_varint(out, bitmap_len as u32);
        let start = out.len();
        out.resize(start + bitmap_len, 0);
        for &ordinal in set {
            out[start + (ordinal / 8) as usize] |= 1 << (ordinal % 8);
        }
    }
}

/// Reads a set written by [`encode`] at `*at`; `None` if it is cut short or malformed.
pub fn decode(bytes: &[u8], at: &mut usize) -> Option<Ordinals> {
    let kind = *bytes.get(*at)?;
    *at += 1;
    let len = get_varint(bytes, at)? as usize;
    let body = bytes.get(*at..at.checked_add(len)?)?;
    *at += len;
    match kind {
        SPARSE => {
            let mut inner = 0;
            let count = get_varint(body, &mut inner)? as usize;
            let mut set = Vec::with_capacity(count.min(body.len()));
            let mut next: u64 = 0;
            for _ in 0..count {
                next += u64::from(get_varint(body, &mut inner)?);
                set.push(u32::try_from(next).ok()?);
                next += 1;
            }
            (inner == body.len()).then_some(set)
        }
        BITMAP => {
            let mut set = Vec::new();
            for (i, &byte) in body.iter().enumerate() {
                let mut bits = byte;
                while bits != 0 {
                    let bit = bits.trailing_zeros();
                    set.push(i as u32 * 8 + bit);
                    bits &= bits - 1;
                }
            }
            Some(set)
        }
        _ => None,
    }
}

/// Walks two sorted sets together until one ends, calling `each` with every ordinal met,
/// once, and whether both hold it; returns what is left of each. (A merge: the wasm's
/// size-minded standard library sorts by heapsort, which took a slow phone tens of
/// milliseconds a keystroke.)
fn merge<'a>(a: &'a [u32], b: &'a [u32], mut each: impl FnMut(u32, bool)) -> [&'a [u32]; 2] {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                each(a[i], false);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                each(b[j], false);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                each(a[i], true);
                i += 1;
                j += 1;
            }
        }
    }
    [&a[i..], &b[j..]]
}

/// The ordinals in both sorted sets.
pub fn intersect(a: &[u32], b: &[u32]) -> Ordinals {
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    merge(a, b, |ordinal, both| {
        if both {
            out.push(ordinal);
        }
    });
    out
}

/// The ordinals in either sorted set.
pub fn union(a: &[u32], b: &[u32]) -> Ordinals {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let rest = merge(a, b, |ordinal, _| out.push(ordinal));
    rest.iter().for_each(|rest| out.extend_from_slice(rest));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(set: &[u32], universe: u32) -> Vec<u8> {
        let mut bytes = vec![9];
        encode(set, universe, &mut bytes);
        let mut at = 1;
        assert_eq!(decode(&bytes, &mut at).as_deref(), Some(set));
        assert_eq!(at, bytes.len());
        bytes
    }

    #[test]
    fn sparse_and_dense_sets_both_come_back_as_written_in_the_smaller_form() {
        let sparse = round_trip(&[3, 700, 70_000], 100_000);
        assert_eq!(sparse[1], SPARSE);
        assert!(sparse.len() < 12, "{}", sparse.len());
        let dense: Vec<u32> = (0..100_000).step_by(3).collect();
        let bytes = round_trip(&dense, 100_000);
        assert_eq!(bytes[1], BITMAP);
        assert!(bytes.len() <= 12_500 + 8);
        round_trip(&[], 10);
        round_trip(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 10);
        round_trip(&[u32::MAX - 1], u32::MAX);
    }

    #[test]
    fn a_cut_or_malformed_set_is_refused_rather_than_misread() {
        let mut bytes = Vec::new();
        encode(&[5, 6, 90], 1000, &mut bytes);
        for cut in 0..bytes.len() {
            assert_eq!(decode(&bytes[..cut], &mut 0), None, "cut at {cut}");
        }
        assert_eq!(decode(&[7, 0], &mut 0), None);
        assert_eq!(get_varint(&[0xFF, 0xFF, 0xFF, 0xFF, 0x7F], &mut 0), None);
    }

    #[test]
    fn sets_combine() {
        assert_eq!(intersect(&[1, 3, 5, 7], &[3, 4, 5]), [3, 5]);
        assert_eq!(union(&[1, 5], &[2, 5, 9]), [1, 2, 5, 9]);
        assert_eq!(union(&[], &[4, 8]), [4, 8]);
        assert_eq!(union(&[0, 3, 10, 11], &[3]), [0, 3, 10, 11]);
    }
}
