//! One sort for the app's many orders. The standard library's sort is generic: each sorted
//! type and key closure gets its own copy of it in the wasm, about 4 KB of code each, and
//! the app had a dozen. Here an order is a number per item ([`Key`], most significant part
//! first), and every order is the same sort of (number, position) pairs, compiled once; the
//! position breaks ties, so the order is stable, as `sort_by_key` is. Long lists are
//! sorted a byte at a time (see `sort_keyed`).

use super::date::Moment;

/// A sort key: up to four 32-bit parts, compared from the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Key(u128);

impl Key {
    /// The key of `parts`, the first the most significant (at most four are kept).
    pub fn of(parts: &[u32]) -> Key {
        let kept = &parts[..parts.len().min(4)];
        let key = kept
            .iter()
            .fold(0_u128, |key, &part| (key << 32) | u128::from(part));
        Key(key.checked_shl(32 * (4 - kept.len() as u32)).unwrap_or(0))
    }
}

/// `value` in reverse order: the largest first.
pub fn descending(value: u32) -> u32 {
    !value
}

/// A count or an offset as a key part (beyond `u32::MAX`, all equal).
pub fn part(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// A moment as two key parts, earliest first.
pub fn moment(at: Moment) -> [u32; 2] {
    let unsigned = (at.unix_millis() as u64) ^ (1 << 63);
    [(unsigned >> 32) as u32, unsigned as u32]
}

/// The most recent moment first: [`moment`] reversed.
pub fn newest_first(at: Moment) -> [u32; 2] {
    moment(at).map(descending)
}

/// Sorts `items` by `key`, stably.
pub fn by_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> Key) {
    if items.len() < 2 {
        return;
    }
    let mut keyed: Vec<(Key, u32)> = items
        .iter()
        .enumerate()
        .map(|(at, item)| (key(item), at as u32))
        .collect();
    sort_keyed(&mut keyed);
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        keyed
            .iter()
            .filter_map(|&(_, at)| slots[at as usize].take()),
    );
}

/// Up to how many items the standard library's sort is used as it is.
const FEW: usize = 64;

/// The one sort every order shares. `keyed`'s positions come in ascending order, so a
/// stable sort by key alone gives what sorting the pairs gives.
///
/// More than [`FEW`] items are sorted a byte of the key at a time, from the least
/// significant (a radix sort), skipping the bytes in which no keys differ: linear, where
/// the release wasm's size-built standard library sorts by heapsort, which took a slow
/// phone about 30 ms a keystroke to order 80,000 search results by views.
#[inline(never)]
fn sort_keyed(keyed: &mut [(Key, u32)]) {
    if keyed.len() <= FEW {
        keyed.sort_unstable();
        return;
    }
    // The bytes in which some keys differ: only those need a pass.
    let (any, all) = keyed.iter().fold((0_u128, u128::MAX), |(any, all), pair| {
        (any | pair.0 .0, all & pair.0 .0)
    });
    let differ = (any ^ all).to_le_bytes();
    let mut from = keyed.to_vec();
    let mut to = from.clone();
    for at in (0..16).filter(|&at| differ[at] != 0) {
        let byte = |pair: &(Key, u32)| usize::from(pair.0 .0.to_le_bytes()[at]);
        let mut starts = [0_usize; 256];
        for pair in &from {
            starts[byte(pair)] += 1;
        }
        let mut next = 0;
        for start in &mut starts {
            (*start, next) = (next, next + *start);
        }
        for pair in &from {
            let slot = &mut starts[byte(pair)];
            to[*slot] = *pair;
            *slot += 1;
        }
        std::mem::swap(&mut from, &mut to);
    }
    keyed.copy_from_slice(&from);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_compare_part_by_part_from_the_first() {
        assert!(Key::of(&[1, 0]) > Key::of(&[0, u32::MAX]));
        assert!(Key::of(&[1]) == Key::of(&[1, 0]));
        assert!(Key::of(&[2, 1, 9, 9]) < Key::of(&[2, 2]));
        assert!(Key::of(&[descending(3)]) < Key::of(&[descending(2)]));
        assert_eq!(part(usize::MAX), u32::MAX);
        assert_eq!(Key::of(&[]), Key::default());
    }

    #[test]
    fn equal_keys_keep_their_order_as_a_stable_sort_does() {
        let mut items: Vec<(u32, char)> = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
        let mut expected = items.clone();
        expected.sort_by_key(|item| item.0);
        by_key(&mut items, |item| Key::of(&[item.0]));
        assert_eq!(items, expected);

        let mut many: Vec<u32> = (0..1000).map(|i| (i * 7919) % 31).collect();
        let mut expected = many.clone();
        expected.sort_by_key(|&v| std::cmp::Reverse(v));
        by_key(&mut many, |&v| Key::of(&[descending(v)]));
        assert_eq!(many, expected);
    }

    #[test]
    fn many_items_sort_by_every_part_of_their_keys_as_the_standard_sort_does() {
        // Parts that differ in one byte, in several, and not at all, both ways round.
        let mut items: Vec<(u32, u32, u32)> = (0..5000_u32)
            .map(|i| (i % 3, (i * 7919) % 100_003, (i * 31) % 7))
            .collect();
        let mut expected = items.clone();
        expected.sort_by_key(|&(a, b, c)| (std::cmp::Reverse(a), 42, b, std::cmp::Reverse(c)));
        by_key(&mut items, |&(a, b, c)| {
            Key::of(&[descending(a), 42, b, descending(c)])
        });
        assert_eq!(items, expected);
        let mut same = vec![(7_u32, 'x'); 100];
        same[50].1 = 'y';
        by_key(&mut same, |item| Key::of(&[item.0]));
        assert_eq!(same.iter().position(|item| item.1 == 'y'), Some(50));
    }

    #[test]
    fn moments_order_by_time_before_and_after_1970() {
        let at = |text: &str| Moment::parse(text).unwrap();
        let (early, epoch, late) = (
            at("1969-12-31T23:00:00Z"),
            at("1970-01-01T00:00:00Z"),
            at("2026-12-02T10:00:00+07:00"),
        );
        assert!(moment(early) < moment(epoch) && moment(epoch) < moment(late));
        assert!(
            newest_first(late) < newest_first(epoch) && newest_first(epoch) < newest_first(early)
        );
    }
}
