//! One file to import, read whole within a size limit, checked to be UTF-8 text, and
//! recognised by what it holds (never by its name): a CSV from the template, an XML feed
//! (RSS or Atom) or a JSON Feed.

use crate::report::Failure;
use std::io::{ErrorKind, Read};
use std::path::Path;

/// What a file holds, judged from its first character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Csv,
    Xml,
    Json,
}

/// A file's text (without a byte order mark) and its shape.
#[derive(Debug)]
pub struct Input {
    pub text: String,
    pub shape: Shape,
}

/// Reads `path`, refusing more than `max_bytes`, text that is not UTF-8, and empty files.
pub fn read(path: &Path, max_bytes: u64) -> Result<Input, Failure> {
    let name = path.display().to_string();
    let unreadable = |error: std::io::Error| match error.kind() {
        ErrorKind::NotFound => Failure::NotFound { path: name.clone() },
        _ => Failure::Unreadable {
            path: name.clone(),
            detail: error.to_string(),
        },
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let too_large = |bytes| Failure::TooLarge {
        path: name.clone(),
        bytes,
        limit: max_bytes,
    };
    // The size on disk is checked first so that a huge file is refused without reading it;
    // the reading itself stops one byte past the limit, in case the file grows meanwhile.
    let on_disk = file.metadata().map_err(unreadable)?.len();
    if on_disk > max_bytes {
        return Err(too_large(on_disk));
    }
    let mut bytes = Vec::new();
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    decode(&name, bytes)
}

/// The text of `bytes`, or why it is not UTF-8 text.
pub fn decode(name: &str, mut bytes: Vec<u8>) -> Result<Input, Failure> {
    let path = name.to_owned();
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(Failure::Workbook { path });
    }
    if bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || looks_like_utf16(&bytes)
    {
        return Err(Failure::Utf16 { path });
    }
    if bytes.iter().take(4096).any(|b| *b == 0) {
        return Err(Failure::NotText { path });
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            if error.utf8_error().error_len().is_none() {
                // Only the last character is incomplete: the file was cut off there.
                return Err(Failure::CutOff { path });
            }
            let bytes = error.as_bytes();
            let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
            let line = bytes[..valid].iter().filter(|b| **b == b'\n').count() + 1;
            return Err(Failure::NotUtf8 {
                path,
                line,
                thai: looks_like_thai_windows_874(bytes),
                feed: matches!(first, Some(b'<' | b'{')),
            });
        }
    };
    let shape = match text.trim_start().chars().next() {
        None => return Err(Failure::Empty { path }),
        Some('<') => Shape::Xml,
        Some('{') => Shape::Json,
        Some(_) => Shape::Csv,
    };
    Ok(Input { text, shape })
}

/// UTF-16 without a byte order mark shows itself as NUL bytes beside its ASCII characters
/// (commas, digits, line breaks: even a Thai CSV has many), nearly all at even offsets or
/// all at odd ones. No UTF-8 text has NUL in it.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let start = &bytes[..bytes.len().min(4096) & !1];
    let even = start.iter().step_by(2).filter(|b| **b == 0).count();
    let odd = start.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    let (more, fewer) = (even.max(odd), even.min(odd));
    more > 0 && more * 10 >= start.len() / 2 && fewer * 10 <= more
}

/// Whether the bytes that are not ASCII are mostly Thai letters in Windows-874 (TIS-620),
/// which fills 0xA1–0xFB with them.
fn looks_like_thai_windows_874(bytes: &[u8]) -> bool {
    let high: Vec<u8> = bytes
        .iter()
        .copied()
        .filter(|b| *b >= 0x80)
        .take(10_000)
        .collect();
    let thai = high.iter().filter(|b| (0xA1..=0xFB).contains(*b)).count();
    !high.is_empty() && thai * 10 >= high.len() * 9
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(bytes: &[u8]) -> Option<Failure> {
        decode("x", bytes.to_vec()).err()
    }

    #[test]
    fn text_is_recognised_by_its_first_character_after_a_bom() {
        let cases: [(&[u8], Shape); 5] = [
            (b"\xEF\xBB\xBF<?xml version=\"1.0\"?><rss/>", Shape::Xml),
            (
                b"  \n{\"version\": \"https://jsonfeed.org/version/1.1\"}",
                Shape::Json,
            ),
            ("\u{FEFF}หัวข้อ (title)\n".as_bytes(), Shape::Csv),
            (b"title,date\n", Shape::Csv),
            (b"\n\n<feed/>", Shape::Xml),
        ];
        for (bytes, shape) in cases {
            let input = decode("x", bytes.to_vec()).unwrap();
            assert_eq!(input.shape, shape);
            assert!(!input.text.starts_with('\u{FEFF}'));
        }
    }

    #[test]
    fn other_encodings_are_named_when_they_can_be_told() {
        // "หัวข้อ" in Windows-874.
        let windows_874: &[u8] = b"title\n\xCB\xD1\xC7\xA2\xE9\xCD\n";
        let utf16_le: &[u8] = b"\xFF\xFEt\0i\0t\0";
        let utf16_no_bom: &[u8] = b"t\0i\0t\0l\0e\0";
        let latin1: &[u8] = b"caf\xE9 \x80\x81\x82\x83";
        // "หัวข้อ" in UTF-8, cut off inside its last letter.
        let cut_off: &[u8] = b"title\n\xE0\xB8\xAB\xE0\xB8";
        let xlsx: &[u8] = b"PK\x03\x04\x14\x00\x06\x00";
        let binary: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01";
        assert_eq!(
            failure(windows_874),
            Some(Failure::NotUtf8 {
                path: "x".into(),
                line: 2,
                thai: true,
                feed: false,
            })
        );
        assert_eq!(failure(utf16_le), Some(Failure::Utf16 { path: "x".into() }));
        assert_eq!(
            failure(utf16_no_bom),
            Some(Failure::Utf16 { path: "x".into() })
        );
        assert_eq!(
            failure(latin1),
            Some(Failure::NotUtf8 {
                path: "x".into(),
                line: 1,
                thai: false,
                feed: false,
            })
        );
        assert_eq!(failure(cut_off), Some(Failure::CutOff { path: "x".into() }));
        assert_eq!(failure(xlsx), Some(Failure::Workbook { path: "x".into() }));
        assert_eq!(failure(binary), Some(Failure::NotText { path: "x".into() }));
        let thai_utf16: Vec<u8> = "หัวข้อ (title),วันที่ (date)\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            failure(&thai_utf16),
            Some(Failure::Utf16 { path: "x".into() })
        );
        assert_eq!(failure(b" \n\t"), Some(Failure::Empty { path: "x".into() }));
        assert_eq!(
            failure(b"\xEF\xBB\xBF"),
            Some(Failure::Empty { path: "x".into() })
        );
    }
}
