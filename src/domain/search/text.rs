//! Text as search sees it: normalised (the rules are on [`normalize`]), and encoded for the
//! index in one byte per Thai or ASCII character.

use crate::domain::order::{self, Key};
use std::ops::Range;

/// Normalises text for matching. The rules, each pinned by a test:
/// - compatibility decomposition (full-width `Ａ` is `a`, `ำ` is `ํ` + `า`), and accents on
///   Latin letters dropped (`café` is `cafe`);
/// - zero-width, bidirectional and other invisible characters removed;
/// - runs of white space become one space, with none at either end;
/// - lower case;
/// - Thai digits `๐`–`๙` become `0`–`9`;
/// - the marks above and below a Thai consonant put in one order, and a mark typed twice
///   kept once (`กี่` typed as ก ่ ี is `กี่`);
/// - `เเ` (two sara e, a common typing shortcut) is `แ`.
pub fn normalize(text: &str) -> String {
    let mut out = Normalizer::new(TextSink {
        text: String::with_capacity(text.len()),
        origin: None,
    });
    out.push_str(text);
    out.finish().text
}

/// Normalised text with, for each of its bytes, the range of the original text it came
/// from, so that a match in the normalised text can be shown in the original.
pub struct Mapped {
    /// The normalised text.
    pub text: String,
    /// For each byte of `text`, where it came from in the original.
    pub origin: Vec<Range<usize>>,
}

/// [`normalize`], keeping track of where each byte came from.
pub fn normalize_mapped(text: &str) -> Mapped {
    let mut out = Normalizer::new(TextSink {
        text: String::new(),
        origin: Some(Vec::new()),
    });
    out.push_str(text);
    let sink = out.finish();
    Mapped {
        text: sink.text,
        origin: sink.origin.unwrap_or_default(),
    }
}

/// Where normalised characters go: a string for queries and highlights, or the index's
/// one-byte encoding, written directly so that building an index makes no strings.
trait Sink {
    /// Appends `c`, which came from `from` in the original text.
    fn emit(&mut self, c: char, from: &Range<usize>);
    /// Whether nothing has been written.
    fn is_empty(&self) -> bool;
    /// Removes a final sara e (เ), giving where it started in the original.
    fn pop_sara_e(&mut self) -> Option<usize>;
}

struct TextSink {
    text: String,
    origin: Option<Vec<Range<usize>>>,
}

impl Sink for TextSink {
    fn emit(&mut self, c: char, from: &Range<usize>) {
        self.text.push(c);
        if let Some(origin) = &mut self.origin {
            origin.extend(std::iter::repeat_n(from.clone(), c.len_utf8()));
        }
    }

    fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn pop_sara_e(&mut self) -> Option<usize> {
        self.text.strip_suffix('เ')?;
        self.text.truncate(self.text.len() - 'เ'.len_utf8());
        match &mut self.origin {
            Some(origin) => {
                let start = origin.len() - 'เ'.len_utf8();
                let began = origin[start].start;
                origin.truncate(start);
                Some(began)
            }
            None => Some(0),
        }
    }
}

/// Writes the index's encoding (see [`encode`]) of one field, after `start` in `out`.
struct ByteSink<'a> {
    out: &'a mut Vec<u8>,
    start: usize,
}

/// How sara e (U+0E40) is encoded.
const SARA_E_BYTE: u8 = 0xC0;

impl Sink for ByteSink<'_> {
    fn emit(&mut self, c: char, _: &Range<usize>) {
        encode_char(c, self.out);
    }

    fn is_empty(&self) -> bool {
        self.out.len() == self.start
    }

    fn pop_sara_e(&mut self) -> Option<usize> {
        // Escape sequences end in bytes below 0x20, so 0xC0 at the end is always sara e.
        if self.out.len() > self.start && self.out.last() == Some(&SARA_E_BYTE) {
            self.out.pop();
            Some(0)
        } else {
            None
        }
    }
}

impl Normalizer<ByteSink<'_>> {
    /// [`Normalizer::push_str`] for the index, reading UTF-8 bytes directly for the
    /// characters that make up nearly all Thai and English text (ASCII letters and digits,
    /// Thai letters, Thai marks) and falling back to the character path for the rest.
    fn push_str_fast(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let byte = bytes[at];
            if byte == b' ' {
                if !self.marks.is_empty() {
                    self.flush_marks();
                }
                if !self.sink.is_empty() && self.space.is_none() {
                    self.space = Some(at..at + 1);
                }
                at += 1;
                continue;
            }
            if byte.is_ascii_alphanumeric() {
                if !self.marks.is_empty() {
                    self.flush_marks();
                }
                if self.space.take().is_some() {
                    self.sink.out.push(b' ');
                }
                self.sink.out.push(byte.to_ascii_lowercase());
                at += 1;
                continue;
            }
            if byte == 0xE0 && at + 2 < bytes.len() && matches!(bytes[at + 1], 0xB8 | 0xB9) {
                let code = 0x0E00
                    | (u32::from(bytes[at + 1] & 0x3F) << 6)
                    | u32::from(bytes[at + 2] & 0x3F);
                let c = char::from_u32(code).unwrap_or_default();
                let plain = matches!(c, '\u{0E01}'..='\u{0E30}' | '\u{0E32}' | '\u{0E3F}' | '\u{0E41}'..='\u{0E46}');
                if plain {
                    if !self.marks.is_empty() {
                        self.flush_marks();
                    }
                    if self.space.take().is_some() {
                        self.sink.out.push(b' ');
                    }
                    self.sink.out.push((code - 0x0E00 + 0x80) as u8);
                    at += 3;
                    continue;
                }
                if let Some(rank) = thai_mark_rank(c) {
                    self.marks.push((rank, c, at..at + 3));
                    at += 3;
                    continue;
                }
            }
            let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            self.push(c, at);
            at += c.len_utf8();
        }
    }
}

struct Normalizer<S: Sink> {
    sink: S,
    /// Thai marks waiting to be put in order: (rank, mark, origin).
    marks: Vec<(u8, char, Range<usize>)>,
    /// A space is owed before the next character, if any comes.
    space: Option<Range<usize>>,
}

impl<S: Sink> Normalizer<S> {
    fn new(sink: S) -> Self {
        Normalizer {
            sink,
            marks: Vec::new(),
            space: None,
        }
    }

    fn push_str(&mut self, text: &str) {
        for (offset, c) in text.char_indices() {
            self.push(c, offset);
        }
    }

    fn push(&mut self, original: char, offset: usize) {
        let from = offset..offset + original.len_utf8();
        // Most characters are letters that need nothing but lower case.
        let plain = original.is_ascii_alphanumeric()
            || matches!(original, '\u{0E01}'..='\u{0E30}' | '\u{0E32}' | '\u{0E3F}' | '\u{0E41}'..='\u{0E46}');
        if plain && self.marks.is_empty() {
            if let Some(space) = self.space.take() {
                self.sink.emit(' ', &space);
            }
            self.sink.emit(original.to_ascii_lowercase(), &from);
            return;
        }
        match original {
            'ำ' => {
                self.push_decomposed('\u{0E4D}', &from);
                self.push_decomposed('\u{0E32}', &from);
            }
            '\u{FF01}'..='\u{FF5E}' => {
                let ascii = char::from_u32(original as u32 - 0xFEE0).unwrap_or(original);
                self.push_decomposed(ascii, &from);
            }
            '\u{00C0}'..='\u{024F}' => {
                let base = LATIN_BASE[(original as u32 - 0xC0) as usize];
                let folded = if base == b'.' {
                    original
                } else {
                    char::from(base)
                };
                self.push_decomposed(folded, &from);
            }
            _ => self.push_decomposed(original, &from),
        }
    }

    fn push_decomposed(&mut self, c: char, from: &Range<usize>) {
        if ('\u{0300}'..='\u{036F}').contains(&c) || is_invisible(c) {
            return;
        }
        if c.is_whitespace() || c.is_control() {
            self.flush_marks();
            if !self.sink.is_empty() && self.space.is_none() {
                self.space = Some(from.clone());
            }
            return;
        }
        if let Some(rank) = thai_mark_rank(c) {
            self.marks.push((rank, c, from.clone()));
            return;
        }
        self.flush_marks();
        if let Some(space) = self.space.take() {
            self.sink.emit(' ', &space);
        }
        if ('๐'..='๙').contains(&c) {
            self.sink.emit(crate::domain::digits::arabic(c), from);
        } else if c == 'เ' {
            match self.sink.pop_sara_e() {
                Some(began) => self.sink.emit('แ', &(began..from.end)),
                None => self.sink.emit(c, from),
            }
        } else if c.is_uppercase() {
            for lower in c.to_lowercase() {
                self.sink.emit(lower, from);
            }
        } else {
            self.sink.emit(c, from);
        }
    }

    fn flush_marks(&mut self) {
        if self.marks.is_empty() {
            return;
        }
        if let [a, b] = self.marks.as_mut_slice() {
            if (a.0, a.1) > (b.0, b.1) {
                std::mem::swap(a, b);
            }
        } else if self.marks.len() > 2 {
            order::by_key(&mut self.marks, |(rank, c, _)| {
                Key::of(&[u32::from(*rank), u32::from(*c)])
            });
        }
        self.marks.dedup_by_key(|(_, c, _)| *c);
        if let Some(space) = self.space.take() {
            self.sink.emit(' ', &space);
        }
        for (_, mark, from) in &self.marks {
            self.sink.emit(*mark, from);
        }
        self.marks.clear();
    }

    fn finish(mut self) -> S {
        self.flush_marks();
        self.sink
    }
}

/// The ASCII letter each character from U+00C0 to U+024F becomes without its accents, or
/// `.` where it has none to lose (`Æ`, `ß`, `Ł` …). Generated from Unicode's compatibility
/// decompositions: carrying those whole tables would add 120 KB to the app for scripts its
/// news never uses.
const LATIN_BASE: &[u8; 400] = b"AAAAAA.CEEEEIIII.NOOOOO..UUUUY..aaaaaa.ceeeeiiii.nooooo..uuuuy.yAaAaAaCcCcCcCcDd..EeEeEeEeEeGgGgGgGgHh..IiIiIiIiI...JjKk.LlLlLl....NnNnNn...OoOoOo..RrRrRrSsSsSsSsTtTt..UuUuUuUuUuUuWwYyYZzZzZzs................................Oo.............Uu............................AaIiOoUuUuUuUuUu.AaAa....GgKkOoOo..j...Gg..NnAa....AaAaEeEeIiIiOoOoRrRrUuUuSsTt..Hh......AaEeOoOoOoOoYy............................";

/// Characters that are there but not seen: zero-width spaces and joiners, bidirectional
/// controls, the soft hyphen, the byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

/// The order of the marks that stack on a Thai consonant: below vowels, above vowels,
/// maitaikhu, tone marks, then the rest. `None` for anything that is not such a mark.
fn thai_mark_rank(c: char) -> Option<u8> {
    match c {
        '\u{0E38}'..='\u{0E3A}' => Some(0),
        '\u{0E31}' | '\u{0E34}'..='\u{0E37}' => Some(1),
        '\u{0E47}' => Some(2),
        '\u{0E48}'..='\u{0E4B}' => Some(3),
        '\u{0E4C}'..='\u{0E4E}' => Some(4),
        _ => None,
    }
}

/// Leads an escaped character; U+0E00 is unassigned, so no Thai letter encodes to it.
const ESCAPE: u8 = 0x80;
pub(super) const SEPARATOR: u8 = 0;

/// Appends `field`, normalised, in the index's one-byte encoding (see [`encode`]).
pub fn encode_field(field: &str, out: &mut Vec<u8>) {
    let start = out.len();
    let mut normalizer = Normalizer::new(ByteSink { out, start });
    normalizer.push_str_fast(field);
    normalizer.finish();
}

/// The fields of one document in the index's encoding, separated by [`FIELD_SEPARATOR`].
pub fn encode_document(fields: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    for (index, field) in fields.iter().enumerate() {
        if index > 0 {
            out.push(SEPARATOR);
        }
        encode_field(field, &mut out);
    }
    out
}

/// Normalised text (a [`Term`]'s form) in the index's encoding.
pub fn encode_normalized(normalized: &str) -> Vec<u8> {
    let mut out = Vec::new();
    encode(normalized, &mut out);
    out
}

/// The byte between fields in [`encode_document`]: no character encodes to it, so no
/// match runs from one field into the next.
pub const FIELD_SEPARATOR: u8 = SEPARATOR;

/// Appends normalised text in one byte per character for ASCII (as itself) and Thai
/// (U+0E01–U+0E7F as 0x81–0xFF); any other character is 0x80 and five bytes from
/// 0x01–0x1F, which nothing else uses, so a match can never start or end inside one.
pub(super) fn encode(normalized: &str, out: &mut Vec<u8>) {
    for c in normalized.chars() {
        encode_char(c, out);
    }
}

fn encode_char(c: char, out: &mut Vec<u8>) {
    let code = c as u32;
    match code {
        0x20..=0x7E => out.push(code as u8),
        0x0E01..=0x0E7F => out.push((code - 0x0E00 + 0x80) as u8),
        _ => {
            out.push(ESCAPE);
            let mut rest = code;
            for _ in 0..5 {
                out.push((rest % 31 + 1) as u8);
                rest /= 31;
            }
        }
    }
}
