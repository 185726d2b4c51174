//! The pieces of text the dataset's search index is keyed by: every run of one to four
//! characters (in the search encoding, one byte each for Thai and ASCII) inside a field,
//! but a four-byte run that starts inside a rare character's escape (see [`FOUR_FROM`]).
//!
//! A term of up to four bytes is a key itself, so its items are exactly that key's. A longer
//! term is found in every item that holds all of the four-byte runs that cover it: every
//! item that contains the term is among them (nothing is ever missed), and an item can be
//! among them only if it holds each of those pieces, which for Thai and English words of
//! five to eight letters are rarely apart in one text.

use crate::domain::search::{encode_normalized, Query, FIELD_SEPARATOR};

/// A run of one to four bytes, as a number (see [`key`]).
pub type Gram = u32;

/// The lowest byte a four-byte key may start with: runs of one to three bytes carry their
/// length (1–3) in the top byte, and the search encoding writes bytes below 0x20 only
/// inside the escape of a rare character, so a four-byte run that starts there is left out.
const FOUR_FROM: u8 = 0x20;

/// The key of `bytes`: one to three of them with their length in the top byte, or four
/// that start at [`FOUR_FROM`] or above as themselves; `None` for four that do not.
pub fn key(bytes: &[u8]) -> Option<Gram> {
    let value = bytes.iter().fold(0, |value, &b| value << 8 | u32::from(b));
    match bytes.len() {
        1..=3 => Some((bytes.len() as u32) << 24 | value),
        4 if bytes[0] >= FOUR_FROM => Some(value),
        _ => None,
    }
}

/// Every key in an encoded document, sorted, each once.
pub fn of_document(encoded: &[u8]) -> Vec<Gram> {
    let mut keys = Vec::with_capacity(encoded.len() * 4);
    for field in encoded.split(|&b| b == FIELD_SEPARATOR) {
        for len in 1..=4 {
            keys.extend(field.windows(len).filter_map(key));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// What one term of a query needs: for each of its forms (see `search::Term::forms`), the
/// keys an item must all hold; an item matches the term if it holds every key of one form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermPlan {
    /// Per form, its keys.
    pub forms: Vec<Vec<Gram>>,
}

/// The keys of one encoded form of a term.
pub fn of_term(encoded: &[u8]) -> Vec<Gram> {
    // Runs that cover the term end to end, each byte at least once: every fourth one, and
    // the last. A run that has no key (it starts inside a rare character's escape) gives
    // way to the three bytes it starts with and the three it ends with, which always have
    // one each.
    let mut keys: Vec<Gram> = match encoded.len() {
        0..=3 => key(encoded).into_iter().collect(),
        len => (0..len - 4)
            .step_by(4)
            .chain([len - 4])
            .flat_map(|at| match key(&encoded[at..at + 4]) {
                Some(four) => vec![four],
                None => [&encoded[at..at + 3], &encoded[at + 1..at + 4]]
                    .into_iter()
                    .filter_map(key)
                    .collect(),
            })
            .collect(),
    };
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The plan of every term of `query`; a query with no terms has none (all items match).
pub fn plan(query: &Query) -> Vec<TermPlan> {
    query
        .terms
        .iter()
        .map(|term| TermPlan {
            forms: term
                .forms()
                .iter()
                .map(|form| of_term(&encode_normalized(form)))
                .filter(|keys| !keys.is_empty())
                .collect(),
        })
        .collect()
}

/// Every key a query needs, sorted, each once.
pub fn needed(plans: &[TermPlan]) -> Vec<Gram> {
    let mut keys: Vec<Gram> = plans
        .iter()
        .flat_map(|p| p.forms.iter().flatten().copied())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::search::encode_document;

    fn keys(runs: &[&[u8]]) -> Vec<Gram> {
        let mut keys: Vec<Gram> = runs.iter().map(|run| key(run).unwrap()).collect();
        keys.sort_unstable();
        keys
    }

    #[test]
    fn short_runs_say_how_long_they_are_so_they_never_meet_longer_ones() {
        assert_eq!(key(b"a"), Some(0x0100_0061));
        assert_eq!(key(b"ab"), Some(0x0200_6162));
        assert_eq!(key(b"abc"), Some(0x0361_6263));
        assert_eq!(key(b"abcd"), Some(0x6162_6364));
        assert_ne!(key(b"\0a"), key(b"a"));
        // Four bytes that start below 0x20 (inside an escape) would look like a short run.
        assert_eq!(key(&[0x03, 0x61, 0x62, 0x63]), None);
        assert_eq!(key(b""), None);
        assert_eq!(key(b"abcde"), None);
    }

    #[test]
    fn a_document_holds_every_short_run_of_every_field_but_none_across_fields() {
        let found = of_document(&encode_document(&["abcd", "ef"]));
        let expected = keys(&[
            b"a", b"b", b"c", b"d", b"ab", b"bc", b"cd", b"abc", b"bcd", b"abcd", b"e", b"f", b"ef",
        ]);
        assert_eq!(found, expected);
        assert!(!found.contains(&key(b"de").unwrap()));
    }

    #[test]
    fn a_term_needs_the_four_byte_runs_that_cover_it_and_both_spellings_of_a_final_sara_e() {
        let plans = plan(&Query::parse("Park \"ab\" งานเ"));
        assert_eq!(plans.len(), 3);
        // A word of four letters is a key of its own: `took part` and `market` hold `par`
        // and `ark`, and not `park`.
        assert_eq!(plans[0].forms, [keys(&[b"park"])]);
        assert_eq!(plans[1].forms, [keys(&[b"ab"])]);
        assert_eq!(plans[2].forms.len(), 2);
        assert_eq!(of_term(b"abcdefghij"), keys(&[b"abcd", b"efgh", b"ghij"]));
        assert_eq!(of_term(b"abcdefgh"), keys(&[b"abcd", b"efgh"]));
        assert!(plan(&Query::parse("  ")).is_empty());
    }

    #[test]
    fn a_run_inside_a_rare_characters_escape_gives_way_to_three_bytes() {
        // One character outside ASCII and Thai: 0x80 and five bytes below 0x20.
        let encoded = crate::domain::search::encode_normalized("a\u{1F333}b");
        assert_eq!(encoded.len(), 8);
        let document = of_document(&encoded);
        let term = of_term(&encoded);
        assert!(term.iter().all(|key| document.contains(key)), "{term:x?}");
        assert!(term.contains(&key(&encoded[..4]).unwrap()));
        assert!(term.contains(&key(&encoded[4..7]).unwrap()));
        assert!(term.contains(&key(&encoded[5..8]).unwrap()));
    }
}
