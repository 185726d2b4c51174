//! The plan's monitoring (`/plan/coverage`, `city-comms-data coverage`): how much news each
//! theme and priority topic has per district group or district in a period, against the
//! plan's targets, with the policies month by month, the silences and the views.
//!
//! It counts from the filter columns ([`FacetRow`]), which a dataset carries and a bundle
//! read whole gives by [`facets::bundle_rows`], so the app and the command count alike.

pub mod csv;
pub mod span;

use super::bundle::{Bundle, Target};
use super::dataset::facets::{FacetRow, NONE};
use super::date::Date;
use super::filter::NewsFilter;
use span::Span;

/// A column of the grid: a district group, or a district once the view is narrowed to groups
/// or districts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The group at this position of `district_groups`.
    Group(usize),
    /// The district at this position of `districts`.
    District(usize),
}

/// How a count stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// No target applies: the count is shown and not judged.
    Unjudged,
    /// At or above the target.
    Met,
    /// Some news, fewer than the target.
    Below,
    /// No news where the target asks for some.
    Silent,
}

/// One count with what the plan expects of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    /// News items.
    pub count: u32,
    /// The fewest the target asks for over the period so far; `None` without a target.
    pub need: Option<u32>,
}

impl Cell {
    /// How the count stands.
    pub fn standing(self) -> Standing {
        match self.need {
            None | Some(0) => Standing::Unjudged,
            Some(need) if self.count >= need => Standing::Met,
            Some(_) if self.count == 0 => Standing::Silent,
            Some(_) => Standing::Below,
        }
    }
}

/// A row of the grid: a theme, or one of its priority topics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    /// The theme's position in the plan.
    pub theme: usize,
    /// The topic's position within its theme, for a topic's row.
    pub topic: Option<usize>,
    /// One cell per column.
    pub cells: Vec<Cell>,
    /// Items in the whole area, city-wide news included.
    pub total: u32,
    /// The views of those items.
    pub views: u64,
}

/// A district's news in the period, against its own target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DistrictFigure {
    /// Its position in `districts`.
    pub district: usize,
    /// Its news in the period, and its target.
    pub cell: Cell,
    /// Whether it published nothing in the `silence_days` up to the day counted to.
    pub silent: bool,
}

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    /// The period.
    pub span: Span,
    /// The last day counted: the period's end, or the data's date if that is earlier.
    /// Targets are prorated to it, and silences counted back from it.
    pub as_of: Date,
    /// The grid's columns.
    pub columns: Vec<Column>,
    /// Each theme followed by its priority topics.
    pub rows: Vec<GridRow>,
    /// The views of the items of each column.
    pub column_views: Vec<u64>,
    /// Items in the period and area.
    pub items: u32,
    /// Of those, items with neither a theme nor a policy.
    pub unclassified: u32,
    /// The calendar months of the period, oldest first.
    pub months: Vec<(i32, u8)>,
    /// Items per policy (plan order) per month.
    pub policy_months: Vec<Vec<u32>>,
    /// The districts of the area, in bundle order.
    pub districts: Vec<DistrictFigure>,
}

impl Coverage {
    /// The rows of themes only.
    pub fn theme_rows(&self) -> impl Iterator<Item = &GridRow> {
        self.rows.iter().filter(|row| row.topic.is_none())
    }

    /// The cells below their target, as (row, column) positions.
    pub fn shortfalls(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            for (c, cell) in row.cells.iter().enumerate() {
                if matches!(cell.standing(), Standing::Below | Standing::Silent) {
                    out.push((r, c));
                }
            }
        }
        out
    }
}

/// The period a filter asks for; without dates, the fiscal year the data's day falls in.
pub fn period(filter: &NewsFilter, data_day: Date) -> Span {
    let year = Span::fiscal_year(Span::fiscal_year_of(data_day));
    match (filter.from, filter.to) {
        (Some(from), Some(to)) => Span::new(from, to),
        (Some(from), None) => Span::new(from, from.max(data_day)),
        (None, Some(to)) => Span::new(year.from.min(to), to),
        (None, None) => year,
    }
}

/// The first day whose news [`coverage`] reads for this period: silences look back
/// `silence_days` from the day counted to.
pub fn first_day_needed(bundle: &Bundle, span: Span, data_day: Date) -> Date {
    let as_of = span.to.min(data_day).max(span.from);
    let back = i64::from(bundle.plan.monitoring.silence_days) - 1;
    span.from
        .min(Date::from_days_since_epoch(as_of.days_since_epoch() - back))
}

/// The coverage of the news in `rows` (any order, any days) for the period and area of
/// `filter` (`from`, `to`, `group`, `district`; the rest is ignored), `data_day` being the
/// day the data was published.
pub fn coverage(
    bundle: &Bundle,
    rows: &[FacetRow],
    filter: &NewsFilter,
    data_day: Date,
) -> Coverage {
    let span = period(filter, data_day);
    let as_of = span.to.min(data_day).max(span.from);
    let months_so_far = Span::new(span.from, as_of).months_spanned();
    let area = Area::new(bundle, filter);
    let columns = area.columns(bundle);
    let mut grid_rows = Vec::new();
    let mut topic_bit = 0usize;
    for (t, theme) in bundle.plan.themes.iter().enumerate() {
        grid_rows.push((t, None, Bits::Theme(t), theme.target));
        for (p, topic) in theme.priority_topics.iter().enumerate() {
            grid_rows.push((t, Some(p), Bits::Topic(topic_bit), topic.target));
            topic_bit += 1;
        }
    }

    let in_span: Vec<&FacetRow> = rows
        .iter()
        .filter(|row| span.contains(day(row)) && area.admits(row))
        .collect();
    let column_of = |row: &FacetRow| {
        columns.iter().position(|column| match *column {
            Column::Group(g) => usize::from(row.group) == g,
            Column::District(d) => usize::from(row.district) == d,
        })
    };
    let mut counts = vec![vec![0u32; columns.len()]; grid_rows.len()];
    let mut totals = vec![(0u32, 0u64); grid_rows.len()];
    let mut column_views = vec![0u64; columns.len()];
    let months = span.calendar_months();
    let mut policy_months = vec![vec![0u32; months.len()]; bundle.policies.len()];
    let mut unclassified = 0;
    for row in &in_span {
        let column = column_of(row);
        if let Some(c) = column {
            column_views[c] += u64::from(row.views);
        }
        for (r, (_, _, bits, _)) in grid_rows.iter().enumerate() {
            if bits.holds(row) {
                totals[r].0 += 1;
                totals[r].1 += u64::from(row.views);
                if let Some(c) = column {
                    counts[r][c] += 1;
                }
            }
        }
        if row.themes == 0 && row.policies == 0 {
            unclassified += 1;
        }
        let date = day(row);
        let month = months
            .iter()
            .position(|&(y, m)| y == date.year() && m == date.month());
        for (p, per_month) in policy_months.iter_mut().enumerate().take(32) {
            if row.policies & (1 << p) != 0 {
                if let Some(m) = month {
                    per_month[m] += 1;
                }
            }
        }
    }

    let judged = |target: Option<Target>, column: Column| match column {
        Column::Group(_) => target.map(|t| need(t, months_so_far)),
        Column::District(_) => None,
    };
    let rows_out = grid_rows
        .iter()
        .zip(counts)
        .zip(totals)
        .map(
            |(((theme, topic, _, target), counts), (total, views))| GridRow {
                theme: *theme,
                topic: *topic,
                cells: counts
                    .into_iter()
                    .zip(&columns)
                    .map(|(count, column)| Cell {
                        count,
                        need: judged(*target, *column),
                    })
                    .collect(),
                total,
                views,
            },
        )
        .collect();

    let quiet_from = Date::from_days_since_epoch(
        as_of.days_since_epoch() - i64::from(bundle.plan.monitoring.silence_days) + 1,
    );
    let districts = area
        .districts(bundle)
        .into_iter()
        .map(|d| {
            let count = in_span
                .iter()
                .filter(|row| usize::from(row.district) == d)
                .count() as u32;
            let heard = rows.iter().any(|row| {
                usize::from(row.district) == d && (quiet_from..=as_of).contains(&day(row))
            });
            DistrictFigure {
                district: d,
                cell: Cell {
                    count,
                    need: bundle.districts[d].target.map(|t| need(t, months_so_far)),
                },
                silent: !heard,
            }
        })
        .collect();

    Coverage {
        span,
        as_of,
        columns,
        rows: rows_out,
        column_views,
        items: in_span.len() as u32,
        unclassified,
        months,
        policy_months,
        districts,
    }
}

/// The fewest items a target asks for over `months`, rounded up: 2 a month over a quarter
/// is 6; over half a month, 1.
pub fn need(target: Target, months: f64) -> u32 {
    let exact = f64::from(target.items) * months / f64::from(target.per.months());
    // A hair under a whole number is that number: 30 days of 31 are not a 31st of a month short.
    (exact - 1e-9).ceil().max(0.0) as u32
}

fn day(row: &FacetRow) -> Date {
    Date::from_days_since_epoch(i64::from(row.day))
}

/// Which bit of a row a grid row counts.
#[derive(Debug, Clone, Copy)]
enum Bits {
    Theme(usize),
    Topic(usize),
}

impl Bits {
    fn holds(self, row: &FacetRow) -> bool {
        let (bits, i) = match self {
            Bits::Theme(i) => (row.themes, i),
            Bits::Topic(i) => (row.topics, i),
        };
        i < 32 && bits & (1 << i) != 0
    }
}

/// The groups and districts a view is narrowed to, as positions; empty for all.
struct Area {
    groups: Vec<usize>,
    districts: Vec<usize>,
}

impl Area {
    fn new(bundle: &Bundle, filter: &NewsFilter) -> Area {
        let groups = bundle
            .district_groups
            .iter()
            .enumerate()
            .filter(|(_, g)| filter.groups.contains(&g.id))
            .map(|(i, _)| i)
            .collect();
        let districts = bundle
            .districts
            .iter()
            .enumerate()
            .filter(|(_, d)| filter.districts.contains(&d.code))
            .map(|(i, _)| i)
            .collect();
        Area { groups, districts }
    }

    fn admits(&self, row: &FacetRow) -> bool {
        let within = |chosen: &[usize], value: u8| {
            chosen.is_empty() || (value != NONE && chosen.contains(&usize::from(value)))
        };
        within(&self.groups, row.group) && within(&self.districts, row.district)
    }

    /// The districts of the area, in bundle order.
    fn districts(&self, bundle: &Bundle) -> Vec<usize> {
        (0..bundle.districts.len())
            .filter(|&d| self.districts.is_empty() || self.districts.contains(&d))
            .filter(|&d| {
                let group = bundle
                    .district_groups
                    .iter()
                    .position(|g| g.id == bundle.districts[d].group);
                self.groups.is_empty() || group.is_some_and(|g| self.groups.contains(&g))
            })
            .collect()
    }

    fn columns(&self, bundle: &Bundle) -> Vec<Column> {
        if self.groups.is_empty() && self.districts.is_empty() {
            (0..bundle.district_groups.len())
                .map(Column::Group)
                .collect()
        } else {
            self.districts(bundle)
                .into_iter()
                .map(Column::District)
                .collect()
        }
    }
}

#[cfg(test)]
mod tests;
