//! The spreadsheet template (`public/templates/news-import.csv`): a header row naming each
//! column in Thai and English, then one news item a row.
//!
//! A header cell counts when its Thai or its English part names a column, ignoring case and
//! spaces, so `หัวข้อ (title)`, `หัวข้อ`, `Title` and `TITLE` are the same column. Columns may
//! come in any order; columns the template does not have are left out and named in the report.

use super::dates;
use super::draft::{row_id, Draft};
use super::findings::{Field, Finding, Note, Place, Why};
use super::lookup::{key, several};
use super::{Context, Parsed};
use crate::report::Failure;
use city_comms::domain::bundle::Text;
use city_comms::domain::validate::{is_safe_url, is_valid_id};
use std::collections::HashMap;

/// A column of the template.
struct Column {
    field: Field,
    required: bool,
    /// Other names people give it, Thai or English.
    aliases: &'static [&'static str],
}

/// The template's columns, in its order.
const COLUMNS: &[Column] = &[
    Column {
        field: Field::Id,
        required: false,
        aliases: &["news id"],
    },
    Column {
        field: Field::Date,
        required: true,
        aliases: &["published", "วันที่เผยแพร่"],
    },
    Column {
        field: Field::District,
        required: true,
        aliases: &["district code", "รหัสเขต"],
    },
    Column {
        field: Field::Title,
        required: true,
        aliases: &["title th", "หัวข้อข่าว"],
    },
    Column {
        field: Field::TitleEn,
        required: false,
        aliases: &["title en", "english title"],
    },
    Column {
        field: Field::Summary,
        required: false,
        aliases: &["summary th"],
    },
    Column {
        field: Field::SummaryEn,
        required: false,
        aliases: &["summary en", "english summary"],
    },
    Column {
        field: Field::Body,
        required: true,
        aliases: &["body th", "เนื้อหาข่าว"],
    },
    Column {
        field: Field::BodyEn,
        required: false,
        aliases: &["body en", "english body"],
    },
    Column {
        field: Field::Themes,
        required: false,
        aliases: &["theme"],
    },
    Column {
        field: Field::Policies,
        required: false,
        aliases: &["policy", "นโยบาย 9 ด้าน"],
    },
    Column {
        field: Field::Author,
        required: false,
        aliases: &["ผู้เขียน"],
    },
    Column {
        field: Field::Credit,
        required: false,
        aliases: &["เครดิต"],
    },
    Column {
        field: Field::SourceUrl,
        required: false,
        aliases: &["source url", "source", "url", "link"],
    },
    Column {
        field: Field::Images,
        required: false,
        aliases: &["image", "photos", "ภาพถ่าย"],
    },
    Column {
        field: Field::ImageCaptions,
        required: false,
        aliases: &["captions", "alt", "image alt"],
    },
    Column {
        field: Field::Sample,
        required: false,
        aliases: &["ตัวอย่าง"],
    },
];

/// The template's header row, as `public/templates/news-import.csv` has it.
#[cfg(test)]
fn template_header() -> Vec<String> {
    COLUMNS
        .iter()
        .map(|column| {
            let (th, en) = column.field.names();
            format!("{th} ({en})")
        })
        .collect()
}

/// A header cell's words for comparing: no case, spaces, `_` or `-`.
fn header_key(text: &str) -> String {
    key(text).replace(['_', '-'], "")
}

/// The column whose name (Thai, English or another) is `name`.
fn column_named(name: &str) -> Option<Field> {
    let wanted = header_key(name);
    if wanted.is_empty() {
        return None;
    }
    COLUMNS.iter().map(|column| column.field).find(|field| {
        let (th, en) = field.names();
        let aliases = COLUMNS
            .iter()
            .find(|column| column.field == *field)
            .map_or(&[][..], |column| column.aliases);
        [th, en]
            .iter()
            .chain(aliases)
            .any(|known| header_key(known) == wanted)
    })
}

/// The column a header cell names, `None` if none, or why the cell is ambiguous.
fn column_of(cell: &str) -> Result<Option<Field>, Why> {
    let cell = cell.trim().trim_start_matches('\u{FEFF}');
    if let Some(whole) = column_named(cell) {
        return Ok(Some(whole));
    }
    let Some((thai, rest)) = cell.rsplit_once('(') else {
        return Ok(None);
    };
    let english = rest.trim_end().strip_suffix(')').unwrap_or(rest);
    match (column_named(thai), column_named(english)) {
        (Some(a), Some(b)) if a != b => Err(Why::AmbiguousColumn(cell.to_owned())),
        (a, b) => Ok(b.or(a)),
    }
}

/// The separator of the file: what its first line has most of, outside quotes, among `,`
/// (the template's), `;` (Excel in some countries) and tab.
fn delimiter(text: &str) -> u8 {
    let first_line = text.lines().next().unwrap_or_default();
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for byte in first_line.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (separator, count) in &mut counts {
                if byte == *separator {
                    *count += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(separator, count)| (*count, *separator == b','))
        .map_or(b',', |(separator, _)| *separator)
}

/// Reads a CSV made from the template.
pub fn read(text: &str, path: &str, context: &Context) -> Result<Parsed, Failure> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let bad_csv = |error: csv::Error| Failure::BadCsv {
        path: path.to_owned(),
        detail: error.to_string(),
    };
    let mut parsed = Parsed::default();
    let header = match records.next() {
        Some(record) => record.map_err(bad_csv)?,
        None => {
            return Err(Failure::Empty {
                path: path.to_owned(),
            })
        }
    };
    let lines = Lines::new(text);
    let header_line = lines.of(header.position());
    let mut columns: HashMap<Field, usize> = HashMap::new();
    let mut header_findings = Vec::new();
    let mut recognised = 0;
    for (index, cell) in header.iter().enumerate() {
        match column_of(cell) {
            Ok(Some(field)) => {
                recognised += 1;
                if columns.insert(field, index).is_some() {
                    header_findings.push(Finding {
                        place: Place::Line(header_line),
                        field,
                        why: Why::DuplicateColumn(cell.trim().to_owned()),
                    });
                }
            }
            Ok(None) if cell.trim().is_empty() => {}
            Ok(None) => parsed.notes.push(Note::IgnoredColumn {
                column: index + 1,
                name: cell.trim().to_owned(),
            }),
            Err(why) => header_findings.push(Finding {
                place: Place::Line(header_line),
                field: Field::Header,
                why,
            }),
        }
    }
    if recognised == 0 {
        return Err(Failure::Unrecognised {
            path: path.to_owned(),
        });
    }
    for column in COLUMNS.iter().filter(|column| column.required) {
        let supplied = column.field == Field::District && context.district.is_some();
        if !columns.contains_key(&column.field) && !supplied {
            header_findings.push(Finding {
                place: Place::Line(header_line),
                field: column.field,
                why: Why::MissingColumn,
            });
        }
    }
    if !header_findings.is_empty() {
        // Without its columns no row can be read: the header's problems are the report.
        parsed.findings = header_findings;
        return Ok(parsed);
    }
    for record in records {
        let record = record.map_err(bad_csv)?;
        let line = lines.of(record.position());
        let cell = |field: Field| -> String {
            columns
                .get(&field)
                .and_then(|index| record.get(*index))
                .unwrap_or_default()
                .replace("\r\n", "\n")
                .replace('\r', "\n")
                .trim()
                .to_owned()
        };
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        match row(&cell, Place::Line(line), context) {
            Ok(draft) => parsed.drafts.push(draft),
            Err(findings) => parsed.findings.extend(findings),
        }
    }
    if parsed.drafts.is_empty() && parsed.findings.is_empty() {
        parsed.notes.push(Note::NoRows);
    }
    Ok(parsed)
}

/// One row as a news item, or every problem it has.
fn row(
    cell: &dyn Fn(Field) -> String,
    place: Place,
    context: &Context,
) -> Result<Draft, Vec<Finding>> {
    let mut findings = Vec::new();
    let mut bad = |field: Field, why: Why| findings.push(Finding { place, field, why });

    let date_text = cell(Field::Date);
    let published = if date_text.is_empty() {
        bad(Field::Date, Why::Missing);
        None
    } else {
        let parsed = dates::parse(&date_text);
        if parsed.is_none() {
            bad(Field::Date, Why::BadDate(date_text.clone()));
        }
        parsed
    };

    let district_text = cell(Field::District);
    let district = if district_text.is_empty() {
        let given = context.district.cloned();
        if given.is_none() {
            bad(Field::District, Why::Missing);
        }
        given
    } else {
        let found = context.lookup.district(&district_text).cloned();
        if found.is_none() {
            bad(Field::District, Why::UnknownDistrict(district_text.clone()));
        }
        found
    };

    let title = one_line(&cell(Field::Title));
    if title.is_empty() {
        bad(Field::Title, Why::Missing);
    }
    let body = cell(Field::Body);
    if body.is_empty() {
        bad(Field::Body, Why::Missing);
    }
    let summary = cell(Field::Summary);
    let summary_en = cell(Field::SummaryEn);
    if summary.is_empty() && !summary_en.is_empty() {
        bad(Field::Summary, Why::Missing);
    }

    let lookup = context.lookup;
    let mut themes = Vec::new();
    let themes_text = cell(Field::Themes);
    for name in several(&themes_text, |name| lookup.theme(name).is_some()) {
        match lookup.theme(name) {
            Some(id) if !themes.iter().any(|known: &String| known == id) => {
                themes.push(id.to_owned())
            }
            Some(_) => {}
            None => bad(
                Field::Themes,
                Why::UnknownTheme {
                    found: name.to_owned(),
                    known: lookup.theme_ids.clone(),
                },
            ),
        }
    }
    let mut policies = Vec::new();
    let policies_text = cell(Field::Policies);
    for name in several(&policies_text, |name| lookup.policy(name).is_some()) {
        match lookup.policy(name) {
            Some(id) if !policies.iter().any(|known: &String| known == id) => {
                policies.push(id.to_owned())
            }
            Some(_) => {}
            None => bad(
                Field::Policies,
                Why::UnknownPolicy {
                    found: name.to_owned(),
                    known: lookup.policy_ids.clone(),
                },
            ),
        }
    }

    let source_url = Some(cell(Field::SourceUrl)).filter(|url| !url.is_empty());
    if let Some(url) = source_url.as_ref().filter(|url| !is_safe_url(url)) {
        bad(Field::SourceUrl, Why::BadUrl(url.clone()));
    }

    let images_text = cell(Field::Images);
    let captions_text = cell(Field::ImageCaptions);
    let images: Vec<&str> = split_lines_or_semicolons(&images_text);
    let captions: Vec<&str> = split_lines_or_semicolons(&captions_text);
    for image in images.iter().filter(|url| !is_safe_url(url)) {
        bad(Field::Images, Why::BadUrl((*image).to_owned()));
    }
    if images.len() != captions.len() {
        bad(
            Field::ImageCaptions,
            Why::CaptionsDoNotMatch {
                images: images.len(),
                captions: captions.len(),
            },
        );
    }

    let sample_text = cell(Field::Sample);
    let sample = yes_or_no(&sample_text);
    if sample.is_none() {
        bad(Field::Sample, Why::BadYesNo(sample_text.clone()));
    }

    let id_text = cell(Field::Id).to_lowercase();
    if !id_text.is_empty() && !is_valid_id(&id_text) {
        bad(Field::Id, Why::BadId(id_text.clone()));
    }

    let (Some(published), Some(district), true) = (published, district, findings.is_empty()) else {
        return Err(findings);
    };
    let id = if id_text.is_empty() {
        row_id(&district.code, published, &title)
    } else {
        id_text
    };
    Ok(Draft {
        id,
        file: context.file,
        place,
        version: None,
        published,
        title: text(title, one_line(&cell(Field::TitleEn))),
        summary: (!summary.is_empty()).then(|| text(summary, summary_en)),
        body: text(body, cell(Field::BodyEn)),
        district,
        themes,
        policies,
        author: Some(one_line(&cell(Field::Author))).filter(|s| !s.is_empty()),
        credit: Some(one_line(&cell(Field::Credit))).filter(|s| !s.is_empty()),
        images: images
            .iter()
            .zip(&captions)
            .map(|(src, alt)| ((*src).to_owned(), (*alt).to_owned()))
            .collect(),
        source_url,
        sample: sample.unwrap_or(false),
    })
}

/// Physical line numbers from byte offsets. The csv crate's own line count is one short
/// after a CRLF (as Excel writes), where its record starts at the `\n`.
struct Lines<'a> {
    text: &'a str,
    breaks: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        let breaks = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(at, _)| at)
            .collect();
        Lines { text, breaks }
    }

    /// The line (from 1) on which the record at `position` starts, past the line breaks
    /// (and blank lines) before it.
    fn of(&self, position: Option<&csv::Position>) -> u64 {
        let byte = position.map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        let start = self.text.get(byte..).map_or(byte, |rest| {
            byte + (rest.len() - rest.trim_start_matches(['\r', '\n']).len())
        });
        (self.breaks.partition_point(|at| *at < start) + 1) as u64
    }
}

fn text(th: String, en: String) -> Text {
    Text {
        th,
        en: Some(en).filter(|en| !en.is_empty()),
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Photo addresses and captions: between `;` and line breaks (a caption may hold a comma).
fn split_lines_or_semicolons(text: &str) -> Vec<&str> {
    text.split([';', '\n'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect()
}

/// `ใช่`/`yes`/`1`/`x` or `ไม่`/`no`/`0`/empty.
fn yes_or_no(text: &str) -> Option<bool> {
    match key(text).as_str() {
        "ใช่" | "yes" | "y" | "true" | "1" | "x" | "✓" | "✔" | "จริง" | "ใช่(yes)" => {
            Some(true)
        }
        "" | "ไม่" | "ไม่ใช่" | "no" | "n" | "false" | "0" | "-" | "ไม่ใช่(no)" => {
            Some(false)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_cell_counts_when_its_thai_or_english_part_names_a_column() {
        let cases = [
            ("หัวข้อ (title)", Ok(Some(Field::Title))),
            ("หัวข้อ", Ok(Some(Field::Title))),
            ("Title", Ok(Some(Field::Title))),
            ("  TITLE ", Ok(Some(Field::Title))),
            ("หัวข้อข่าว (Headline)", Ok(Some(Field::Title))),
            ("ชื่อเรื่อง (title)", Ok(Some(Field::Title))),
            ("หัวข้อภาษาอังกฤษ (title in English)", Ok(Some(Field::TitleEn))),
            ("Title_EN", Ok(Some(Field::TitleEn))),
            ("ลิงก์ต้นฉบับ (source_url)", Ok(Some(Field::SourceUrl))),
            ("Source URL", Ok(Some(Field::SourceUrl))),
            ("\u{FEFF}รหัสข่าว (id)", Ok(Some(Field::Id))),
            ("วัน เวลา (date)", Ok(Some(Field::Date))),
            ("หมายเหตุ (notes)", Ok(None)),
            ("", Ok(None)),
            (
                "หัวข้อ (body)",
                Err(Why::AmbiguousColumn("หัวข้อ (body)".into())),
            ),
        ];
        for (cell, expected) in cases {
            assert_eq!(column_of(cell), expected, "{cell}");
        }
    }

    #[test]
    fn the_shipped_template_has_every_column_in_the_template_order() {
        let template = include_str!("../../../public/templates/news-import.csv");
        assert!(
            template.starts_with('\u{FEFF}'),
            "Excel opens Thai CSV right only with a BOM"
        );
        let header = template
            .trim_start_matches('\u{FEFF}')
            .lines()
            .next()
            .unwrap();
        assert_eq!(header, template_header().join(","));
    }

    #[test]
    fn every_template_column_reads_back_as_itself() {
        for (cell, column) in template_header().iter().zip(COLUMNS) {
            assert_eq!(column_of(cell), Ok(Some(column.field)), "{cell}");
        }
    }

    #[test]
    fn the_separator_is_what_the_header_uses_most() {
        let cases = [
            ("a,b,c\n1;2", b','),
            ("a;b;c\n", b';'),
            ("a\tb\tc", b'\t'),
            ("\"a;b\",c", b','),
            ("a", b','),
        ];
        for (text, separator) in cases {
            assert_eq!(delimiter(text), separator, "{text}");
        }
    }

    #[test]
    fn sample_takes_yes_or_no_in_either_language() {
        let cases = [
            ("ใช่", Some(true)),
            ("Yes", Some(true)),
            ("x", Some(true)),
            ("", Some(false)),
            ("ไม่ใช่", Some(false)),
            ("no", Some(false)),
            ("maybe", None),
        ];
        for (text, expected) in cases {
            assert_eq!(yes_or_no(text), expected, "{text}");
        }
    }
}
