//! Search that works for Thai: text is normalised so that differences a reader does not
//! see (or does not care about) disappear, and a query matches wherever its words occur
//! inside running text, since Thai puts no spaces between words.
//!
//! The index keeps each document's normalised text in one byte per Thai or ASCII character,
//! and for each document a 2,048-bit signature of the pairs of adjacent characters in it (a
//! Bloom filter). A query's pairs rule out every document whose signature lacks one of them,
//! and a substring search over the few that remain confirms the match, so every document
//! that contains the words is found and no other.

mod text;

use super::order::{self, Key};
use memchr::memmem::Finder;
use std::ops::Range;
use text::{encode, SEPARATOR};
pub use text::{
    encode_document, encode_field, encode_normalized, normalize, normalize_mapped, Mapped,
    FIELD_SEPARATOR,
};

/// One part of a query: a word, or a quoted phrase whose spaces must match too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The normalised text to find.
    pub text: String,
    /// Whether it came from a quoted phrase.
    pub phrase: bool,
}

/// A parsed query: every term must match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// The terms, in the order written.
    pub terms: Vec<Term>,
}

impl Term {
    /// The texts that count as this term in normalised text: the term itself and, when it
    /// ends in a single sara e, the same with sara ae there instead. `เเ` is folded to `แ`,
    /// so someone typing `เเ` one key at a time has, half-way, a query ending in `เ` that
    /// must still find the `แ` they are about to finish.
    pub fn forms(&self) -> Vec<String> {
        let mut forms = vec![self.text.clone()];
        if let Some(stem) = self.text.strip_suffix('เ') {
            forms.push(format!("{stem}แ"));
        }
        forms
    }
}

impl Query {
    /// Parses what was typed: words are split at spaces, `"quoted phrases"` stay whole (an
    /// unclosed quote runs to the end), and anything that normalises to nothing is dropped.
    pub fn parse(typed: &str) -> Query {
        let mut terms: Vec<Term> = Vec::new();
        for (index, part) in typed.split(['"', '“', '”']).enumerate() {
            let phrase = index % 2 == 1;
            if phrase {
                let text = normalize(part);
                if !text.is_empty() {
                    terms.push(Term { text, phrase });
                }
            } else {
                for word in normalize(part).split(' ').filter(|w| !w.is_empty()) {
                    terms.push(Term {
                        text: word.to_owned(),
                        phrase,
                    });
                }
            }
        }
        terms.dedup();
        Query { terms }
    }

    /// Whether there is nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// The searchable fields of one document; the first is its title, which ranks higher.
pub type Fields<'a> = &'a [&'a str];

/// A search index over documents given in the order results should keep within a rank.
pub struct SearchIndex {
    /// Every document's encoded text, fields separated by a zero byte.
    text: Vec<u8>,
    /// Where each document's text starts in `text`, plus one end marker.
    starts: Vec<u32>,
    /// Where each document's title ends in `text`.
    title_ends: Vec<u32>,
    /// For each document, [`SIGNATURE_WORDS`] words of bits: bit [`pair_bit`] is set for
    /// each pair of adjacent bytes in its text.
    signatures: Vec<u64>,
}

/// 32 words of 64 bits: few enough documents of ordinary length fill more than a quarter of
/// the bits, so a query of three or more pairs rules out nearly every document without it.
const SIGNATURE_WORDS: usize = 32;

/// The signature bit of a pair of bytes: a multiplicative hash into 2,048 bits.
fn pair_bit(a: u8, b: u8) -> usize {
    let key = u32::from(a) << 8 | u32::from(b);
    (key.wrapping_mul(0x9E37_79B1) >> 21) as usize
}

/// A document that matches, with how many of the query's terms are in its title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The document's position in the order the index was built with.
    pub doc: u32,
    /// Terms found in the title.
    pub title_terms: u8,
}

impl SearchIndex {
    /// Builds the index; the first `title_fields` fields of each document are its title.
    /// Documents keep their given order among hits of equal rank.
    pub fn build<'a>(
        docs: impl IntoIterator<Item = Fields<'a>>,
        title_fields: usize,
    ) -> SearchIndex {
        let mut text = Vec::new();
        let mut starts = Vec::new();
        let mut title_ends = Vec::new();
        let mut signatures = Vec::new();
        for fields in docs {
            let start = text.len();
            starts.push(start as u32);
            for (index, field) in fields.iter().enumerate() {
                if index > 0 {
                    text.push(SEPARATOR);
                }
                encode_field(field, &mut text);
                if index + 1 == title_fields {
                    title_ends.push(text.len() as u32);
                }
            }
            if fields.len() < title_fields {
                title_ends.push(text.len() as u32);
            }
            // While the document is fresh in the cache, sign it with the pairs it holds.
            let mut signature = [0u64; SIGNATURE_WORDS];
            for w in text[start..].windows(2) {
                let bit = pair_bit(w[0], w[1]);
                signature[bit >> 6] |= 1 << (bit & 63);
            }
            signatures.extend_from_slice(&signature);
        }
        starts.push(text.len() as u32);
        SearchIndex {
            text,
            starts,
            title_ends,
            signatures,
        }
    }

    /// How many documents are indexed.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Whether no document is indexed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn doc_text(&self, doc: u32) -> &[u8] {
        let doc = doc as usize;
        &self.text[self.starts[doc] as usize..self.starts[doc + 1] as usize]
    }

    fn title(&self, doc: u32) -> &[u8] {
        &self.text[self.starts[doc as usize] as usize..self.title_ends[doc as usize] as usize]
    }

    /// The documents whose signatures hold every pair of every needle: all documents
    /// that contain the needles, and rarely one that does not.
    fn candidates(&self, needles: &[Vec<u8>]) -> Vec<u32> {
        let mut mask = [0u64; SIGNATURE_WORDS];
        for needle in needles {
            for w in needle.windows(2) {
                let bit = pair_bit(w[0], w[1]);
                mask[bit >> 6] |= 1 << (bit & 63);
            }
        }
        let wanted: Vec<(usize, u64)> = mask
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, bits)| *bits != 0)
            .collect();
        self.signatures
            .chunks_exact(SIGNATURE_WORDS)
            .enumerate()
            .filter(|(_, signature)| {
                wanted
                    .iter()
                    .all(|&(word, bits)| signature[word] & bits == bits)
            })
            .map(|(doc, _)| doc as u32)
            .collect()
    }

    /// Every document that contains all the query's terms, those with more terms in their
    /// title first, otherwise in index order. An empty query matches every document.
    pub fn search(&self, query: &Query) -> Vec<Hit> {
        if query.is_empty() {
            return (0..self.len() as u32)
                .map(|doc| Hit {
                    doc,
                    title_terms: 0,
                })
                .collect();
        }
        // Each term is one needle or, ending in sara e, two; a document needs one of each.
        let mut needles: Vec<Vec<Vec<u8>>> = query
            .terms
            .iter()
            .map(|term| {
                term.forms()
                    .iter()
                    .map(|form| {
                        let mut bytes = Vec::new();
                        encode(form, &mut bytes);
                        bytes
                    })
                    .collect()
            })
            .collect();
        order::by_key(&mut needles, |forms| {
            Key::of(&[order::descending(order::part(forms[0].len()))])
        });
        let finders: Vec<Vec<Finder>> = needles
            .iter()
            .map(|forms| forms.iter().map(Finder::new).collect())
            .collect();
        // The pairs every form of a term shares: all but a last byte that differs.
        let shared: Vec<Vec<u8>> = needles
            .iter()
            .map(|forms| match forms.as_slice() {
                [only] => only.clone(),
                [first, ..] => first[..first.len() - 1].to_vec(),
                [] => Vec::new(),
            })
            .collect();
        let candidates = self.candidates(&shared);
        let found =
            |finders: &[Finder], text: &[u8]| finders.iter().any(|f| f.find(text).is_some());
        let mut hits: Vec<Hit> = candidates
            .iter()
            .filter(|&&doc| {
                let text = self.doc_text(doc);
                finders.iter().all(|forms| found(forms, text))
            })
            .map(|&doc| {
                let title = self.title(doc);
                let title_terms = finders.iter().filter(|forms| found(forms, title)).count();
                Hit {
                    doc,
                    title_terms: title_terms.min(255) as u8,
                }
            })
            .collect();
        order::by_key(&mut hits, |hit| {
            Key::of(&[order::descending(hit.title_terms.into()), hit.doc])
        });
        hits
    }
}

/// A piece of text to show, marked if it matched the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment<'a> {
    /// The original text of the piece.
    pub text: &'a str,
    /// Whether it is part of a match.
    pub matched: bool,
}

/// Splits `text` into pieces so that every occurrence of a query term is its own marked
/// piece, in the original text as written. The caller renders the pieces as text nodes,
/// so no markup is ever built from the text.
pub fn highlight<'a>(text: &'a str, query: &Query) -> Vec<Segment<'a>> {
    let mapped = normalize_mapped(text);
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for form in query.terms.iter().flat_map(Term::forms) {
        let finder = Finder::new(form.as_bytes());
        for start in finder.find_iter(mapped.text.as_bytes()) {
            let end = start + form.len();
            let from = mapped.origin[start..end]
                .iter()
                .map(|r| r.start)
                .min()
                .unwrap_or(0);
            let to = mapped.origin[start..end]
                .iter()
                .map(|r| r.end)
                .max()
                .unwrap_or(0);
            ranges.push(from..to);
        }
    }
    order::by_key(&mut ranges, |r| {
        Key::of(&[order::part(r.start), order::part(r.end)])
    });
    let mut merged: Vec<Range<usize>> = Vec::new();
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    let mut segments = Vec::new();
    let mut at = 0;
    for range in merged {
        if range.start > at {
            segments.push(Segment {
                text: &text[at..range.start],
                matched: false,
            });
        }
        segments.push(Segment {
            text: &text[range.clone()],
            matched: true,
        });
        at = range.end;
    }
    if at < text.len() || segments.is_empty() {
        segments.push(Segment {
            text: &text[at..],
            matched: false,
        });
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_removes_what_readers_do_not_see_or_care_about() {
        let cases = [
            // case
            ("Bangkok NOI", "bangkok noi"),
            // repeated and unusual white space, none at the ends
            ("  กรุงเทพ \t\n  มหานคร  ", "กรุงเทพ มหานคร"),
            ("a\u{00A0}b\u{3000}c", "a b c"),
            // zero-width and bidirectional characters
            ("กรุง\u{200B}เทพ", "กรุงเทพ"),
            ("\u{FEFF}ข่าว\u{200D}", "ข่าว"),
            ("\u{202E}abc\u{202C}", "abc"),
            // Thai digits
            ("๒๕๖๒", "2562"),
            ("ครั้งที่ ๒/๒๕๖๒", "ครั้งที่ 2/2562"),
            // full-width Latin and digits
            ("ＢＭＡ１２", "bma12"),
            // accents on Latin letters
            ("Café", "cafe"),
            ("Cafe\u{0301}", "cafe"),
            ("ŁÓDŹ Ærø", "łodz ærø"),
            // sara am, precomposed or typed as nikhahit + sara aa
            ("น้ำ", "น\u{0E49}\u{0E4D}\u{0E32}"),
            ("น\u{0E4D}\u{0E49}\u{0E32}", "น\u{0E49}\u{0E4D}\u{0E32}"),
            // tone mark typed before the vowel above it
            ("ก\u{0E48}\u{0E35}", "ก\u{0E35}\u{0E48}"),
            // tone mark typed before the vowel below it
            ("ผ\u{0E49}\u{0E39}", "ผ\u{0E39}\u{0E49}"),
            // a tone mark typed twice
            ("ก\u{0E48}\u{0E48}", "ก\u{0E48}"),
            // two sara e for sara ae
            ("เเม่น้ำ", "แม\u{0E48}น\u{0E49}\u{0E4D}\u{0E32}"),
            // only spaces
            ("   ", ""),
        ];
        for (text, expected) in cases {
            assert_eq!(normalize(text), expected, "{text:?}");
        }
    }

    #[test]
    fn the_index_fast_path_encodes_exactly_as_the_character_path() {
        let bundle = concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/bundle.json");
        let mut texts: Vec<String> = std::fs::read_to_string(bundle)
            .unwrap()
            .split('"')
            .map(|part| part.replace("\\n", "\n"))
            .collect();
        texts.extend(
            [
                "  กรุงเทพ \t\n  มหานคร  ",
                "น\u{0E4D}\u{0E49}\u{0E32}",
                "ก\u{0E48}\u{0E35}",
                "เเม่น้ำ",
                "ก\u{0E48}\u{0E48}",
                "๒๕๖๒ ＢＭＡ Café",
                "a\u{200B}b",
                "x ่ y",
                "ี",
                "ร้าน☕กาแฟ",
                "เ เ",
                "ABC  ",
            ]
            .map(str::to_owned),
        );
        for text in &texts {
            let mut slow = Vec::new();
            encode(&normalize(text), &mut slow);
            let mut fast = Vec::new();
            encode_field(text, &mut fast);
            assert_eq!(fast, slow, "{text:?}");
        }
    }

    #[test]
    fn a_query_splits_into_words_and_keeps_quoted_phrases_whole() {
        let cases: [(&str, &[(&str, bool)]); 8] = [
            ("กรุงเทพ", &[("กรุงเทพ", false)]),
            ("  คลอง   ขยะ ", &[("คลอง", false), ("ขยะ", false)]),
            (
                "\"สวน สาธารณะ\" เขต",
                &[("สวน สาธารณะ", true), ("เขต", false)],
            ),
            ("“Bang Kapi” park", &[("bang kapi", true), ("park", false)]),
            ("\"unclosed phrase", &[("unclosed phrase", true)]),
            ("คลอง คลอง", &[("คลอง", false)]),
            ("   ", &[]),
            ("\u{200B} \"\" ", &[]),
        ];
        for (typed, expected) in cases {
            let query = Query::parse(typed);
            let terms: Vec<(&str, bool)> = query
                .terms
                .iter()
                .map(|t| (t.text.as_str(), t.phrase))
                .collect();
            assert_eq!(terms, expected, "{typed:?}");
        }
    }

    fn index(docs: &[&[&str]]) -> SearchIndex {
        SearchIndex::build(docs.iter().copied(), 1)
    }

    fn found(index: &SearchIndex, typed: &str) -> Vec<u32> {
        index
            .search(&Query::parse(typed))
            .iter()
            .map(|hit| hit.doc)
            .collect()
    }

    #[test]
    fn a_query_ending_half_way_through_a_doubled_sara_e_still_finds_sara_ae() {
        // `เเ` is stored as `แ`; typing it one key at a time passes through a single `เ`.
        let index = index(&[
            &["ประชาสัมพันธ์งานเเละกิจกรรม", ""],
            &["การทำงานเพื่อประชาชน", ""],
            &["งานวัด", ""],
        ]);
        assert_eq!(found(&index, "กงานเ"), Vec::<u32>::new());
        assert_eq!(found(&index, "งานเ"), [0, 1]);
        assert_eq!(found(&index, "งานเเ"), [0]);
        assert_eq!(found(&index, "งานแ"), [0]);
        let marked = highlight("งานเเละ", &Query::parse("งานเ"));
        assert_eq!(marked[0].text, "งานเเ");
        assert!(marked[0].matched);
    }

    #[test]
    fn thai_words_are_found_inside_running_text() {
        let docs: &[&[&str]] = &[
            &["ประชุมที่ศาลาว่าการกรุงเทพมหานคร", "เนื้อหา"],
            &["ลอกคลองแสนแสบ", "ชาวบ้านช่วยกันเก็บขยะในคลอง"],
            &[
                "Pocket park opens",
                "สวนสาธารณะขนาดเล็กเปิดใหม่ในเขตบางกะปิ ๒๕๖๗",
            ],
            &["ตลาดนัด", "ตรวจความปลอดภัย"],
        ];
        let index = index(docs);
        let cases: [(&str, &[u32]); 14] = [
            // across tone marks and vowels, inside a longer word
            ("กรุงเทพ", &[0]),
            ("ว่าการ", &[0]),
            ("คลอง", &[1]),
            ("ขยะ", &[1]),
            // Thai digits in the text, Arabic digits in the query, and the reverse
            ("2567", &[2]),
            ("๒๕๖๗", &[2]),
            // mixed Thai and English, every word must match
            ("park บางกะปิ", &[2]),
            ("park คลอง", &[]),
            ("PARK", &[2]),
            // a quoted phrase matches only as written
            ("\"pocket park\"", &[2]),
            ("\"park pocket\"", &[]),
            // a single character
            ("ข", &[1, 2]),
            // only spaces: everything
            ("   ", &[0, 1, 2, 3]),
            ("ไม่มีคำนี้", &[]),
        ];
        for (typed, expected) in cases {
            assert_eq!(found(&index, typed), expected, "{typed:?}");
        }
    }

    #[test]
    fn text_typed_in_another_order_or_with_hidden_characters_is_still_found() {
        let index = index(&[&["น้ำท่วมขัง", "แม่น้ำเจ้าพระยา"], &["ค่าน้ำประปา", ""]]);
        let cases: [(&str, &[u32]); 4] = [
            ("น\u{0E4D}\u{0E49}\u{0E32}", &[0, 1]),
            ("เเม่น้ำ", &[0]),
            ("ท\u{0E48}วม", &[0]),
            ("น้ำ\u{200B}ท่วม", &[0]),
        ];
        for (typed, expected) in cases {
            assert_eq!(found(&index, typed), expected, "{typed:?}");
        }
    }

    #[test]
    fn title_matches_rank_above_body_matches_then_index_order_holds() {
        let index = index(&[
            &["ข่าวเขต", "มีการลอกคลอง"],
            &["ลอกคลองบางกอกน้อย", "งาน"],
            &["ข่าวอื่น", "คลองสวย"],
            &["คลองสะอาด ลอกท่อ", "ลอก"],
        ]);
        assert_eq!(found(&index, "คลอง"), [1, 3, 0, 2]);
        assert_eq!(found(&index, "ลอก คลอง"), [1, 3, 0]);
    }

    #[test]
    fn characters_outside_thai_and_ascii_match_exactly_and_never_partly() {
        let index = index(&[&["ร้าน☕กาแฟ", "“ข่าว”"], &["日本", ""], &["ab", ""]]);
        let cases: [(&str, &[u32]); 4] =
            [("☕", &[0]), ("☕กา", &[0]), ("日本", &[1]), ("本", &[1])];
        for (typed, expected) in cases {
            assert_eq!(found(&index, typed), expected, "{typed:?}");
        }
    }

    #[test]
    fn an_empty_index_finds_nothing_and_does_not_fail() {
        let index = SearchIndex::build(std::iter::empty(), 1);
        assert!(index.is_empty());
        assert!(found(&index, "คลอง").is_empty());
        assert!(found(&index, "").is_empty());
    }

    fn marked(text: &str, typed: &str) -> Vec<String> {
        highlight(text, &Query::parse(typed))
            .into_iter()
            .map(|s| {
                if s.matched {
                    format!("[{}]", s.text)
                } else {
                    s.text.to_owned()
                }
            })
            .collect()
    }

    #[test]
    fn highlights_cover_the_original_text_of_each_match() {
        assert_eq!(
            marked("ประชุมกรุงเทพมหานคร", "กรุงเทพ"),
            ["ประชุม", "[กรุงเทพ]", "มหานคร"]
        );
        assert_eq!(
            marked("Bangkok NOI district", "noi"),
            ["Bangkok ", "[NOI]", " district"]
        );
        assert_eq!(
            marked("ปี ๒๕๖๒ และ 2562", "2562"),
            ["ปี ", "[๒๕๖๒]", " และ ", "[2562]"]
        );
        assert_eq!(marked("กรุง\u{200B}เทพ", "กรุงเทพ"), ["[กรุง\u{200B}เทพ]"]);
        assert_eq!(marked("คลองคลอง", "คลอง"), ["[คลองคลอง]"]);
        assert_eq!(marked("ไม่มี", "คลอง"), ["ไม่มี"]);
        assert_eq!(marked("", "คลอง"), [""]);
        assert_eq!(marked("<b>ข่าว</b>", "ข่าว"), ["<b>", "[ข่าว]", "</b>"]);
    }
}
