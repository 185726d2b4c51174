//! The pieces of text the dataset's search index is keyed by: every run of one, two and
//! three characters (in the search encoding, one byte each for Thai and ASCII) inside a field.
//!
//! A term of up to three bytes is a key itself, so its items are exactly that key's. A longer
//! term is found in every item that holds all of its three-byte runs: every item that
//! contains the term is among them (nothing is ever missed), and the app confirms each one
//! it shows against the text it has.

use crate::domain::search::{encode_normalized, Query, FIELD_SEPARATOR};

/// A run of one to three bytes, as a number: the length in the top byte, then the bytes.
pub type Gram = u32;

/// The key of `bytes` (one to three of them).
pub fn key(bytes: &[u8]) -> Gram {
    let value = bytes.iter().fold(0, |value, &b| value << 8 | u32::from(b));
    (bytes.len() as u32) << 24 | value
}

/// Every key in an encoded document, sorted, each once.
pub fn of_document(encoded: &[u8]) -> Vec<Gram> {
    let mut keys = Vec::with_capacity(encoded.len() * 3);
    for field in encoded.split(|&b| b == FIELD_SEPARATOR) {
        for len in 1..=3 {
            keys.extend(field.windows(len).map(key));
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
    // Runs that cover the term end to end, each character at least once: every third one,
    // and the last. Each further run would rule out a few more items that hold the pieces
    // but not the term, at the price of one more chunk to fetch.
    let mut keys: Vec<Gram> = if encoded.len() <= 3 {
        vec![key(encoded)]
    } else {
        let last = encoded.len() - 3;
        (0..last)
            .step_by(3)
            .chain([last])
            .map(|at| key(&encoded[at..at + 3]))
            .collect()
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

    #[test]
    fn keys_say_how_long_they_are_so_short_runs_never_meet_long_ones() {
        assert_eq!(key(b"a"), 0x0100_0061);
        assert_eq!(key(b"ab"), 0x0200_6162);
        assert_eq!(key(b"abc"), 0x0361_6263);
        assert_ne!(key(b"\0a"), key(b"a"));
    }

    #[test]
    fn a_document_holds_every_short_run_of_every_field_but_none_across_fields() {
        let keys = of_document(&encode_document(&["ab", "cd"]));
        let expected: Vec<Gram> = {
            let mut k = vec![
                key(b"a"),
                key(b"b"),
                key(b"ab"),
                key(b"c"),
                key(b"d"),
                key(b"cd"),
            ];
            k.sort_unstable();
            k
        };
        assert_eq!(keys, expected);
        assert!(!keys.contains(&key(b"bc")));
    }

    #[test]
    fn a_term_needs_its_three_byte_runs_and_both_spellings_of_a_final_sara_e() {
        let plans = plan(&Query::parse("Park \"ab\" งานเ"));
        assert_eq!(plans.len(), 3);
        assert_eq!(plans[0].forms, [vec![key(b"ark"), key(b"par")]]);
        let long = of_term(b"abcdefgh");
        assert_eq!(long, [key(b"abc"), key(b"def"), key(b"fgh")]);
        assert_eq!(plans[1].forms, [vec![key(b"ab")]]);
        assert_eq!(plans[2].forms.len(), 2);
        assert!(plan(&Query::parse("  ")).is_empty());
    }
}
