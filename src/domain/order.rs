//! One sort for the app's many orders. The standard library's sort is generic: each sorted
//! type and key closure gets its own copy of it in the wasm, about 4 KB of code each, and
//! the app had a dozen. Here an order is a number per item ([`Key`], most significant part
//! first), and every order is the same sort of (number, position) pairs, compiled once; the
//! position breaks ties, so the order is stable, as `sort_by_key` is.

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

/// The one sort every order shares.
#[inline(never)]
fn sort_keyed(keyed: &mut [(Key, u32)]) {
    keyed.sort_unstable();
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
