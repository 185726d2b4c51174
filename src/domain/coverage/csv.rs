//! The figures of a [`Coverage`] as one CSV table (UTF-8 with a byte-order mark, so that
//! Excel reads Thai), a row per figure: what the dashboard shows, and what
//! `city-comms-data coverage` writes, byte for byte.
//!
//! Written by hand rather than with the `csv` crate, which the dataset tools use: quoting is
//! a few lines, and the app would otherwise carry the crate in its WebAssembly.

use super::{Cell, Column, Coverage, Standing};
use crate::domain::bundle::{Bundle, Text};
use crate::domain::coverage::span::month_key;

/// The columns, in order.
pub const HEADER: [&str; 12] = [
    "figure",
    "from",
    "to",
    "row_kind",
    "row_id",
    "row_th",
    "row_en",
    "column_kind",
    "column_id",
    "column_th",
    "column_en",
    "value",
];

/// The columns after [`HEADER`]: the target where one applies, and how the value stands.
pub const JUDGED: [&str; 2] = ["target", "standing"];

/// The file's name for a period: `coverage-2026-10-01-2027-09-30.csv`.
pub fn file_name(coverage: &Coverage) -> String {
    format!("coverage-{}-{}.csv", coverage.span.from, coverage.span.to)
}

/// The table.
pub fn write(bundle: &Bundle, coverage: &Coverage) -> String {
    let mut out = String::from("\u{FEFF}");
    line(
        &mut out,
        HEADER.iter().chain(&JUDGED).map(|s| (*s).to_owned()),
    );
    let from = coverage.span.from.to_string();
    let to = coverage.span.to.to_string();
    let mut figure =
        |name: &str, row: Labelled, column: Labelled, value: u64, cell: Option<Cell>| {
            let (target, standing) = match cell
                .and_then(|c| c.need.map(|need| (need, c.standing())))
            {
                Some((need, standing)) => (need.to_string(), standing_name(standing).to_owned()),
                None => (String::new(), String::new()),
            };
            let fields = [
                name.to_owned(),
                from.clone(),
                to.clone(),
                row.kind.to_owned(),
                row.id,
                row.th,
                row.en,
                column.kind.to_owned(),
                column.id,
                column.th,
                column.en,
                value.to_string(),
                target,
                standing,
            ];
            line(&mut out, fields.into_iter());
        };
    let all = || Labelled::plain("all", "all", "ทั้งหมด", "All");
    figure("items", all(), all(), u64::from(coverage.items), None);
    let unclassified = Labelled::plain(
        "unclassified",
        "unclassified",
        "ไม่ระบุขอบข่ายหรือนโยบาย",
        "No theme or policy",
    );
    figure(
        "items",
        unclassified,
        all(),
        u64::from(coverage.unclassified),
        None,
    );
    for row in &coverage.rows {
        let row_label = Labelled::row(bundle, row.theme, row.topic);
        for (cell, column) in row.cells.iter().zip(&coverage.columns) {
            let value = u64::from(cell.count);
            figure(
                "news",
                row_label.clone(),
                Labelled::column(bundle, *column),
                value,
                Some(*cell),
            );
        }
        figure("news", row_label.clone(), all(), u64::from(row.total), None);
        if row.topic.is_none() {
            figure("views", row_label, all(), row.views, None);
        }
    }
    for (column, views) in coverage.columns.iter().zip(&coverage.column_views) {
        figure(
            "views",
            all(),
            Labelled::column(bundle, *column),
            *views,
            None,
        );
    }
    for (policy, per_month) in bundle.policies.iter().zip(&coverage.policy_months) {
        for (&(year, month), count) in coverage.months.iter().zip(per_month) {
            let row = Labelled::text("policy", &policy.id, &policy.name);
            let key = month_key(year, month);
            let column = Labelled::plain("month", &key, &key, &key);
            figure("policy_month", row, column, u64::from(*count), None);
        }
    }
    for figure_of in &coverage.districts {
        let district = &bundle.districts[figure_of.district];
        let row = Labelled::text("district", &district.code, &district.name);
        let count = u64::from(figure_of.cell.count);
        figure("district", row.clone(), all(), count, Some(figure_of.cell));
        if figure_of.silent {
            let days = bundle.plan.monitoring.silence_days.to_string();
            let column = Labelled::plain("days", &days, &days, &days);
            figure("silent_district", row, column, 0, None);
        }
    }
    out
}

fn standing_name(standing: Standing) -> &'static str {
    match standing {
        Standing::Unjudged => "",
        Standing::Met => "met",
        Standing::Below => "below",
        Standing::Silent => "none",
    }
}

/// A row's or column's kind, id and names.
#[derive(Clone)]
struct Labelled {
    kind: &'static str,
    id: String,
    th: String,
    en: String,
}

impl Labelled {
    fn plain(kind: &'static str, id: &str, th: &str, en: &str) -> Labelled {
        Labelled {
            kind,
            id: id.to_owned(),
            th: th.to_owned(),
            en: en.to_owned(),
        }
    }

    fn text(kind: &'static str, id: &str, name: &Text) -> Labelled {
        Labelled {
            kind,
            id: id.to_owned(),
            th: name.th.clone(),
            en: name.en.clone().unwrap_or_default(),
        }
    }

    fn row(bundle: &Bundle, theme: usize, topic: Option<usize>) -> Labelled {
        let theme = &bundle.plan.themes[theme];
        match topic.map(|p| &theme.priority_topics[p]) {
            Some(topic) => Labelled::text("topic", &topic.id, &topic.title),
            None => Labelled::text("theme", &theme.id, &theme.name),
        }
    }

    fn column(bundle: &Bundle, column: Column) -> Labelled {
        match column {
            Column::Group(g) => {
                let group = &bundle.district_groups[g];
                Labelled::text("group", &group.id, &group.name)
            }
            Column::District(d) => {
                let district = &bundle.districts[d];
                Labelled::text("district", &district.code, &district.name)
            }
        }
    }
}

/// `text` as a spreadsheet cell that is never run as a formula: one that starts like one
/// gets `'` before it. The open data's CSV follows the same rule.
pub fn defused(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

/// Writes one line: fields quoted where they hold a comma, a quote or a line break, and a
/// text that a spreadsheet would run as a formula prefixed with `'`.
pub(super) fn line(out: &mut String, fields: impl Iterator<Item = String>) {
    let mut first = true;
    for field in fields {
        if !first {
            out.push(',');
        }
        first = false;
        let field = defused(field);
        if field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}
