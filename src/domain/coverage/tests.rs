//! Coverage on generated news, each figure checked against a count made here from the news
//! items themselves (their ids and dates, not the filter columns).

use super::span::Span;
use super::*;
use crate::domain::bundle::{News, Per, Target, Text};
use crate::domain::dataset::facets::bundle_rows;
use crate::domain::date::Moment;
use crate::domain::validate::parse_bundle;

fn default_bundle() -> Bundle {
    let json = include_str!("../../../public/data/bundle.json");
    parse_bundle(json).expect("the default bundle").bundle
}

/// `count` items spread over two fiscal years by a fixed pseudo-random sequence.
fn generated(bundle: &Bundle, count: usize) -> Vec<News> {
    let mut seed = 0x2545_f491_u64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let start = Date::parse("2025-10-01").unwrap().days_since_epoch();
    (0..count)
        .map(|i| {
            let district = (next(5) > 0).then(|| bundle.districts[next(50)].clone());
            let theme = &bundle.plan.themes[next(bundle.plan.themes.len())];
            let topics = match next(3) {
                0 => Vec::new(),
                _ => vec![theme.priority_topics[next(theme.priority_topics.len())]
                    .id
                    .clone()],
            };
            let themes = if next(6) == 0 {
                Vec::new()
            } else {
                vec![theme.id.clone()]
            };
            let themes = if topics.is_empty() {
                themes
            } else {
                vec![theme.id.clone()]
            };
            let policies = if next(4) == 0 {
                Vec::new()
            } else {
                vec![bundle.policies[next(9)].id.clone()]
            };
            let day = Date::from_days_since_epoch(start + next(730) as i64);
            News {
                id: format!("n{i}"),
                title: Text::thai(format!("ข่าว {i}")),
                published: Moment::start_of(day),
                summary: None,
                body: Text::thai("เนื้อหา"),
                group: district.as_ref().map(|d| d.group.clone()),
                district: district.map(|d| d.code),
                themes,
                policies,
                topics,
                author: None,
                credit: None,
                views: Some(next(1000) as u64),
                images: Vec::new(),
                source_url: None,
                sample: true,
            }
        })
        .collect()
}

fn bundle_with_targets() -> Bundle {
    let mut bundle = default_bundle();
    bundle.news = generated(&bundle, 3000);
    // Only the targets this test sets, whatever the default bundle states.
    for theme in &mut bundle.plan.themes {
        theme.target = None;
        for topic in &mut theme.priority_topics {
            topic.target = None;
        }
    }
    for district in &mut bundle.districts {
        district.target = None;
    }
    bundle.plan.themes[0].target = Some(Target {
        items: 2,
        per: Per::Month,
    });
    bundle.plan.themes[1].priority_topics[0].target = Some(Target {
        items: 30,
        per: Per::Year,
    });
    bundle.districts[0].target = Some(Target {
        items: 3,
        per: Per::Quarter,
    });
    bundle.plan.monitoring.silence_days = 20;
    bundle
}

fn filter(params: &[(&str, &str)], bundle: &Bundle) -> NewsFilter {
    NewsFilter::from_params(params, bundle)
}

fn date_of(item: &News) -> Date {
    item.published.bangkok_date()
}

#[test]
fn every_cell_total_and_month_equals_a_count_of_the_items() {
    let bundle = bundle_with_targets();
    let rows = bundle_rows(&bundle);
    let data_day = Date::parse("2027-09-30").unwrap();
    let f = filter(&[("from", "2026-10-01"), ("to", "2027-09-30")], &bundle);
    let coverage = coverage(&bundle, &rows, &f, data_day);
    let span = Span::fiscal_year(2570);
    assert_eq!(coverage.span, span);
    let in_span: Vec<&News> = bundle
        .news
        .iter()
        .filter(|n| span.contains(date_of(n)))
        .collect();
    assert_eq!(coverage.items as usize, in_span.len());
    assert!(in_span.len() > 1000, "the test has items to count");
    let unclassified = in_span
        .iter()
        .filter(|n| n.themes.is_empty() && n.policies.is_empty())
        .count();
    assert_eq!(coverage.unclassified as usize, unclassified);

    assert_eq!(coverage.columns.len(), bundle.district_groups.len());
    let mut row = 0;
    for theme in &bundle.plan.themes {
        let check = |grid: &GridRow, has: &dyn Fn(&News) -> bool| {
            for (g, group) in bundle.district_groups.iter().enumerate() {
                let expected = in_span
                    .iter()
                    .filter(|n| has(n) && n.group.as_deref() == Some(&group.id))
                    .count();
                assert_eq!(
                    grid.cells[g].count as usize, expected,
                    "{} {}",
                    theme.id, group.id
                );
            }
            let total = in_span.iter().filter(|n| has(n)).count();
            assert_eq!(grid.total as usize, total);
        };
        check(&coverage.rows[row], &|n: &News| {
            n.themes.contains(&theme.id)
        });
        let views: u64 = in_span
            .iter()
            .filter(|n| n.themes.contains(&theme.id))
            .map(|n| n.views.unwrap_or(0))
            .sum();
        assert_eq!(coverage.rows[row].views, views);
        row += 1;
        for topic in &theme.priority_topics {
            assert!(coverage.rows[row].topic.is_some());
            check(&coverage.rows[row], &|n: &News| {
                n.topics.contains(&topic.id)
            });
            row += 1;
        }
    }
    assert_eq!(row, coverage.rows.len());

    assert_eq!(coverage.months.len(), 12);
    for (p, policy) in bundle.policies.iter().enumerate() {
        for (m, &(year, month)) in coverage.months.iter().enumerate() {
            let expected = in_span
                .iter()
                .filter(|n| {
                    let d = date_of(n);
                    n.policies.contains(&policy.id) && d.year() == year && d.month() == month
                })
                .count();
            assert_eq!(coverage.policy_months[p][m] as usize, expected);
        }
    }
}

#[test]
fn targets_are_prorated_to_the_day_counted_to_and_judge_only_group_cells() {
    let bundle = bundle_with_targets();
    let rows = bundle_rows(&bundle);
    // Half of November 2026 has passed when the data was published.
    let data_day = Date::parse("2026-11-15").unwrap();
    let f = filter(&[("from", "2026-10-01"), ("to", "2027-09-30")], &bundle);
    let coverage = coverage(&bundle, &rows, &f, data_day);
    assert_eq!(coverage.as_of, data_day);
    // 2 a month over 1.5 months: 3.
    assert!(coverage.rows[0].cells.iter().all(|c| c.need == Some(3)));
    // 30 a year over 1.5 months: 3.75, so 4.
    let topic_row = coverage
        .rows
        .iter()
        .find(|r| r.theme == 1 && r.topic == Some(0))
        .unwrap();
    assert!(topic_row.cells.iter().all(|c| c.need == Some(4)));
    assert!(coverage.rows[1].cells.iter().all(|c| c.need.is_none()));
    for (r, c) in coverage.shortfalls() {
        let cell = coverage.rows[r].cells[c];
        assert!(cell.count < cell.need.unwrap());
    }
    // The first district: 3 a quarter over 1.5 months.
    assert_eq!(coverage.districts[0].cell.need, Some(2));

    // Narrowed to a group, the columns are its districts, and they are not judged.
    let group = bundle.district_groups[1].id.clone();
    let narrowed = coverage_for(&bundle, &rows, &[("group", group.as_str())], data_day);
    let expected: Vec<usize> = (0..bundle.districts.len())
        .filter(|&d| bundle.districts[d].group == group)
        .collect();
    assert_eq!(
        narrowed.columns,
        expected
            .iter()
            .map(|&d| Column::District(d))
            .collect::<Vec<_>>()
    );
    assert!(narrowed.rows[0].cells.iter().all(|c| c.need.is_none()));
    assert_eq!(narrowed.districts.len(), expected.len());
}

fn coverage_for(
    bundle: &Bundle,
    rows: &[FacetRow],
    params: &[(&str, &str)],
    data_day: Date,
) -> Coverage {
    coverage(bundle, rows, &filter(params, bundle), data_day)
}

#[test]
fn a_district_is_silent_when_it_has_no_news_in_the_days_before_the_day_counted_to() {
    let bundle = bundle_with_targets();
    let rows = bundle_rows(&bundle);
    let data_day = Date::parse("2026-06-30").unwrap();
    let coverage = coverage_for(&bundle, &rows, &[], data_day);
    // No dates: the fiscal year of the data's day, counted to that day.
    assert_eq!(coverage.span, Span::fiscal_year(2569));
    assert_eq!(coverage.as_of, data_day);
    let quiet_from = Date::parse("2026-06-11").unwrap();
    assert_eq!(coverage.districts.len(), 50);
    let mut silent = 0;
    for figure in &coverage.districts {
        let code = &bundle.districts[figure.district].code;
        let heard = bundle.news.iter().any(|n| {
            n.district.as_deref() == Some(code.as_str())
                && (quiet_from..=data_day).contains(&date_of(n))
        });
        assert_eq!(figure.silent, !heard, "{code}");
        silent += usize::from(figure.silent);
    }
    assert!(
        silent > 0 && silent < 50,
        "some districts are silent: {silent}"
    );
    assert_eq!(
        first_day_needed(&bundle, Span::month(2026, 6), data_day),
        Date::parse("2026-06-01").unwrap()
    );
    assert_eq!(
        first_day_needed(&bundle, Span::new(quiet_from, data_day), data_day),
        quiet_from
    );
}

#[test]
fn the_csv_has_a_line_per_figure_and_quotes_what_needs_it() {
    let bundle = bundle_with_targets();
    let rows = bundle_rows(&bundle);
    let data_day = Date::parse("2026-11-15").unwrap();
    let coverage = coverage_for(
        &bundle,
        &rows,
        &[("from", "2026-10-01"), ("to", "2026-12-31")],
        data_day,
    );
    let text = csv::write(&bundle, &coverage);
    assert!(text.starts_with("\u{FEFF}figure,from,to,"));
    let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
    let grid = coverage.rows.len() * (coverage.columns.len() + 1);
    let views = coverage.theme_rows().count() + coverage.columns.len();
    let policy = bundle.policies.len() * coverage.months.len();
    let silent = coverage.districts.iter().filter(|d| d.silent).count();
    assert_eq!(
        lines.len(),
        1 + 2 + grid + views + policy + coverage.districts.len() + silent
    );
    let first_cell = lines
        .iter()
        .find(|l| l.starts_with("news,") && l.contains(",group,"))
        .unwrap();
    let cell = coverage.rows[0].cells[0];
    assert!(first_cell.ends_with(&format!(
        ",{},{},{}",
        cell.count,
        cell.need.unwrap(),
        match cell.standing() {
            Standing::Met => "met",
            Standing::Below => "below",
            Standing::Silent => "none",
            Standing::Unjudged => "",
        }
    )));
    assert_eq!(
        csv::file_name(&coverage),
        "coverage-2026-10-01-2026-12-31.csv"
    );

    let mut quoted = String::new();
    let fields = ["a,b", "say \"hi\"", "=SUM(A1)", "plain"];
    super::csv::line(&mut quoted, fields.into_iter().map(String::from));
    assert_eq!(quoted, "\"a,b\",\"say \"\"hi\"\"\",'=SUM(A1),plain\r\n");
}
