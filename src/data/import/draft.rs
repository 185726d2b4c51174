//! A news item read from a row or an entry, before it goes into the bundle: its stable id,
//! and the JSON the bundle will hold.

use super::dates::When;
use super::findings::Place;
use super::lookup::DistrictRef;
use crate::json::Json;
use city_comms::domain::bundle::Text;
use city_comms::domain::date::Moment;

/// One news item from a file to import.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// Its id in the bundle: given in the file, or derived so that it is the same each time.
    pub id: String,
    /// Which file it came from (its index on the command line) and where in it.
    pub file: usize,
    pub place: Place,
    /// The version of a feed entry (updated, else published): a feed entry replaces the
    /// bundle's item unless that was published later. `None` for a CSV row, which always
    /// replaces.
    pub version: Option<Moment>,
    pub published: When,
    pub title: Text,
    pub summary: Option<Text>,
    pub body: Text,
    pub district: DistrictRef,
    pub themes: Vec<String>,
    pub policies: Vec<String>,
    pub author: Option<String>,
    pub credit: Option<String>,
    /// Photos: the address and its caption (the bundle's `alt`, in Thai).
    pub images: Vec<(String, String)>,
    pub source_url: Option<String>,
    pub sample: bool,
}

impl Draft {
    /// The item as the bundle holds it, keys in the order the default bundle writes them.
    pub fn to_json(&self) -> Json {
        let mut fields = vec![
            ("id".to_owned(), Json::text(&self.id)),
            ("title".to_owned(), text(&self.title)),
            (
                "published".to_owned(),
                Json::text(self.published.to_bundle()),
            ),
        ];
        let mut add = |key: &str, value: Json| fields.push((key.to_owned(), value));
        if let Some(summary) = &self.summary {
            add("summary", text(summary));
        }
        add("body", text(&self.body));
        add("district", Json::text(&self.district.code));
        add("group", Json::text(&self.district.group));
        if !self.themes.is_empty() {
            add("themes", strings(&self.themes));
        }
        if !self.policies.is_empty() {
            add("policies", strings(&self.policies));
        }
        if let Some(author) = &self.author {
            add("author", Json::text(author));
        }
        if let Some(credit) = &self.credit {
            add("credit", Json::text(credit));
        }
        if !self.images.is_empty() {
            let images = self.images.iter().map(|(src, alt)| {
                Json::Object(vec![
                    ("src".to_owned(), Json::text(src)),
                    ("alt".to_owned(), text(&Text::thai(alt.clone()))),
                ])
            });
            add("images", Json::Array(images.collect()));
        }
        if let Some(url) = &self.source_url {
            add("source_url", Json::text(url));
        }
        if self.sample {
            add("sample", Json::Bool(true));
        }
        Json::Object(fields)
    }
}

fn text(text: &Text) -> Json {
    let mut fields = vec![("th".to_owned(), Json::text(&text.th))];
    if let Some(en) = &text.en {
        fields.push(("en".to_owned(), Json::text(en)));
    }
    Json::Object(fields)
}

fn strings(list: &[String]) -> Json {
    Json::Array(list.iter().map(Json::text).collect())
}

/// The id of a CSV row without one: district, day and a hash of the Thai title, such as
/// `d1001-2019-10-10-3f2a9c1b`.
pub fn row_id(district: &str, published: When, title: &str) -> String {
    let day = published.date().to_string();
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let hash = mix(fnv1a(&[district, &day, &title]));
    format!("d{district}-{day}-{:08x}", hash >> 32)
}

/// The id of a feed entry: district and a hash of its guid (or, without one, its link),
/// such as `d1001-5e0c1d2a9b7f`. Twelve hex digits, so that ten thousand entries of one
/// district are very unlikely to share one (about one chance in five million).
pub fn entry_id(district: &str, kind: &str, key: &str) -> String {
    let hash = mix(fnv1a(&[district, kind, key.trim()]));
    format!("d{district}-{:012x}", hash >> 16)
}

/// 64-bit FNV-1a over the parts, with a separator no text holds. Written here because the
/// ids must stay the same across Rust versions, which `std`'s hashers do not promise.
fn fnv1a(parts: &[&str]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for (index, part) in parts.iter().enumerate() {
        let separator: &[u8] = if index == 0 { &[] } else { &[0x1F] };
        for byte in separator.iter().chain(part.as_bytes()) {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    hash
}

/// Spreads every input bit over the whole hash (the 64-bit finalizer of MurmurHash3):
/// FNV-1a alone leaves inputs that differ in their last byte with nearly equal high bits,
/// and the ids keep only the high bits.
fn mix(mut hash: u64) -> u64 {
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^ (hash >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;
    use city_comms::domain::date::Date;
    use city_comms::domain::validate::is_valid_id;

    #[test]
    fn derived_ids_are_stable_valid_and_differ_with_their_inputs() {
        let day = When::Day(Date::parse("2019-10-10").unwrap());
        let id = row_id("1001", day, "ลอกท่อ");
        assert!(
            id.starts_with("d1001-2019-10-10-") && id.len() == 25,
            "{id}"
        );
        assert!(is_valid_id(&id));
        assert_eq!(id, row_id("1001", day, "  ลอกท่อ "));
        assert_ne!(id, row_id("1002", day, "ลอกท่อ"));
        assert_ne!(id, row_id("1001", day, "ลอกท่อ ระบายน้ำ"));
        let entry = entry_id("1020", "guid", "https://example.org/news/1");
        assert!(
            entry.starts_with("d1020-") && entry.len() == 18 && is_valid_id(&entry),
            "{entry}"
        );
        assert_ne!(
            entry,
            entry_id("1020", "link", "https://example.org/news/1")
        );
    }

    #[test]
    fn guids_that_differ_in_one_character_get_ids_that_differ_throughout() {
        let a = entry_id("1030", "guid", "chatuchak-2026-0417");
        let b = entry_id("1030", "guid", "chatuchak-2026-0416");
        let same = a
            .chars()
            .zip(b.chars())
            .skip(6)
            .filter(|(x, y)| x == y)
            .count();
        assert!(same < 6, "{a} {b}");
    }

    #[test]
    fn the_hash_is_fnv1a_as_published() {
        // The reference values of 64-bit FNV-1a for "" and "a".
        assert_eq!(fnv1a(&[""]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(&["a"]), 0xaf63_dc4c_8601_ec8c);
    }
}
