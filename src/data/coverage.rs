//! `city-comms-data coverage`: the plan's monitoring for a weekly report, without a
//! browser. It counts with `domain::coverage`, as `/plan/coverage` does, prints the grid as
//! a table and writes the same CSV the page downloads.

use crate::compile::{read_source, write_each};
use crate::report::Failure;
use city_comms::domain::bundle::Bundle;
use city_comms::domain::coverage::{self, csv, Coverage, Standing};
use city_comms::domain::dataset::facets::bundle_rows;
use city_comms::domain::date::Date;
use city_comms::domain::filter::NewsFilter;
use city_comms::domain::i18n::Lang;
use std::path::{Path, PathBuf};

/// What the command was asked for.
#[derive(Debug, Default)]
pub struct Options {
    pub source: PathBuf,
    /// `from`, `to`, `group`, `district`, as on `/plan/coverage`.
    pub params: Vec<(String, String)>,
    /// Where the CSV goes; by default its own name in the current directory.
    pub csv: Option<PathBuf>,
    /// The day counted to when the period runs past it; the bundle's date by default.
    pub as_of: Option<Date>,
    pub lang: Option<Lang>,
}

/// What was printed and written.
pub struct Report {
    pub table: String,
    pub csv_path: PathBuf,
}

/// Counts, writes the CSV and returns the table.
pub fn run(options: &Options) -> Result<Report, Failure> {
    let (_, loaded) = read_source(&options.source)?;
    let bundle = &loaded.bundle;
    let filter = NewsFilter::from_params(&options.params, bundle);
    let data_day = options
        .as_of
        .unwrap_or_else(|| bundle.generated_at.bangkok_date());
    let coverage = coverage::coverage(bundle, &bundle_rows(bundle), &filter, data_day);
    let csv_path = options
        .csv
        .clone()
        .unwrap_or_else(|| PathBuf::from(csv::file_name(&coverage)));
    let text = csv::write(bundle, &coverage);
    let (root, name) = match (csv_path.parent(), csv_path.file_name()) {
        (Some(parent), Some(name)) => (parent.to_path_buf(), PathBuf::from(name)),
        _ => (PathBuf::from("."), csv_path.clone()),
    };
    write_each(
        if root.as_os_str().is_empty() {
            Path::new(".")
        } else {
            &root
        },
        &[(name.to_string_lossy().into_owned(), text.into_bytes())],
    )?;
    Ok(Report {
        table: table(bundle, &coverage, options.lang.unwrap_or(Lang::Th)),
        csv_path,
    })
}

/// The grid as text: a line per theme and (indented) per priority topic, a column per
/// district group or district, each cell its count and, where a target applies, the target
/// and a mark: `✓` met, `▼` below, `✗` none.
pub fn table(bundle: &Bundle, coverage: &Coverage, lang: Lang) -> String {
    let mut lines: Vec<Vec<String>> = Vec::new();
    let mut header = vec![coverage.span.label(lang)];
    header.extend(coverage.columns.iter().map(|column| match *column {
        coverage::Column::Group(g) => bundle.district_groups[g].id.clone(),
        coverage::Column::District(d) => bundle.districts[d].code.clone(),
    }));
    header.push(match lang {
        Lang::Th => "รวม".to_owned(),
        Lang::En => "total".to_owned(),
    });
    lines.push(header);
    for row in &coverage.rows {
        let theme = &bundle.plan.themes[row.theme];
        let name = match row.topic {
            Some(p) => format!("  {}", theme.priority_topics[p].title.get(lang)),
            None => theme.name.get(lang).to_owned(),
        };
        let mut line = vec![name];
        line.extend(row.cells.iter().map(|cell| {
            let mark = match cell.standing() {
                Standing::Unjudged => return cell.count.to_string(),
                Standing::Met => "✓",
                Standing::Below => "▼",
                Standing::Silent => "✗",
            };
            format!("{}/{}{mark}", cell.count, cell.need.unwrap_or(0))
        }));
        line.push(row.total.to_string());
        lines.push(line);
    }
    let widths: Vec<usize> = (0..lines[0].len())
        .map(|c| lines.iter().map(|l| width(&l[c])).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for line in &lines {
        for (c, field) in line.iter().enumerate() {
            let pad = widths[c] - width(field);
            if c == 0 {
                out.push_str(field);
                out.push_str(&" ".repeat(pad));
            } else {
                out.push_str("  ");
                out.push_str(&" ".repeat(pad));
                out.push_str(field);
            }
        }
        out.push('\n');
    }
    let silent = coverage.districts.iter().filter(|d| d.silent).count();
    let days = bundle.plan.monitoring.silence_days;
    out.push_str(&match lang {
        Lang::Th => format!(
            "ข่าว {} รายการ ไม่ระบุขอบข่ายหรือนโยบาย {} รายการ เขตที่ไม่มีข่าวใน {days} วัน {silent} เขต (นับถึง {})\n",
            coverage.items,
            coverage.unclassified,
            coverage.as_of.display(lang)
        ),
        Lang::En => format!(
            "{} news items, {} with no theme or policy; {silent} districts with no news in {days} days (counted to {})\n",
            coverage.items,
            coverage.unclassified,
            coverage.as_of
        ),
    });
    out
}

/// How many columns a text takes in a terminal: Thai vowel and tone marks written above or
/// below take none.
fn width(text: &str) -> usize {
    text.chars()
        .filter(|c| !matches!(*c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}'))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_marks_above_and_below_take_no_column() {
        assert_eq!(width("บริการ"), 5);
        assert_eq!(width("group"), 5);
    }
}
