//! The figures of `/plan/coverage` below its grid: the gaps, the policies month by month (a
//! chart drawn here in SVG, and the same figures as a table), the districts and the views.

use super::coverage::{column_name, standing_symbol, standing_words};
use crate::domain::coverage::span::month_label;
use crate::domain::coverage::{Coverage, Standing};
use crate::domain::i18n::{pick, views, Lang};
use crate::domain::validate::Loaded;
use leptos::prelude::*;
use std::sync::Arc;

/// Where the city is silent: cells below target, districts without news, topics without an
/// item, and the share of news with neither a theme nor a policy.
#[component]
pub fn Gaps(loaded: Arc<Loaded>, figures: Arc<Coverage>, lang: Lang) -> impl IntoView {
    let bundle = &loaded.bundle;
    let shortfalls = figures.shortfalls();
    let below = shortfalls
        .iter()
        .filter(|&&(r, _)| figures.rows[r].topic.is_none())
        .count();
    let silent: Vec<String> = figures
        .districts
        .iter()
        .filter(|d| d.silent)
        .map(|d| bundle.districts[d.district].name.get(lang).to_owned())
        .collect();
    let quiet_topics: Vec<String> = figures
        .rows
        .iter()
        .filter(|row| row.total == 0)
        .filter_map(|row| {
            let topic = row.topic?;
            Some(
                bundle.plan.themes[row.theme].priority_topics[topic]
                    .title
                    .get(lang)
                    .to_owned(),
            )
        })
        .collect();
    let share = if figures.items == 0 {
        0.0
    } else {
        f64::from(figures.unclassified) * 100.0 / f64::from(figures.items)
    };
    let days = bundle.plan.monitoring.silence_days;
    let list = |names: Vec<String>| {
        let items = names
            .into_iter()
            .map(|name| view! { <li>{name}</li> })
            .collect_view();
        view! { <ul class="coverage-gaps__names">{items}</ul> }
    };
    let (silent_count, topic_count) = (silent.len(), quiet_topics.len());
    view! {
        <section class="coverage-gaps" aria-labelledby="coverage-gaps-title">
            <h2 id="coverage-gaps-title">{pick(lang, "ช่องว่างของการสื่อสาร", "Where the city is silent")}</h2>
            <dl class="coverage-gaps__list">
                <dt>{pick(lang, "ช่องที่ต่ำกว่าเป้าหมาย (ขอบข่าย × กลุ่มเขต)", "Cells below target (theme × group)")}</dt>
                <dd data-testid="gap-below">{below}</dd>
                <dt>{match lang {
                    Lang::Th => format!("เขตที่ไม่มีข่าวใน {days} วัน (นับถึง {})", figures.as_of.display(lang)),
                    Lang::En => format!("Districts with no news in {days} days (to {})", figures.as_of.display(lang)),
                }}</dt>
                <dd data-testid="gap-silent-districts">{silent_count} {list(silent)}</dd>
                <dt>{pick(lang, "ประเด็นเน้นหนักที่ไม่มีข่าวเลยในช่วงนี้", "Priority topics with no news in the period")}</dt>
                <dd data-testid="gap-quiet-topics">{topic_count} {list(quiet_topics)}</dd>
                <dt>{pick(lang, "ข่าวที่ไม่ระบุขอบข่ายเนื้อหาหรือนโยบาย", "News with no theme or policy")}</dt>
                <dd data-testid="gap-unclassified">{format!("{} / {} ({share:.0}%)", figures.unclassified, figures.items)}</dd>
            </dl>
        </section>
    }
}

/// Bar height in the chart's units, and the chart's size.
const BAR_AREA: f64 = 60.0;
const BAR_WIDTH: f64 = 10.0;
const BAR_GAP: f64 = 4.0;

/// Items per policy per month: a small bar chart per policy on one scale, each with a text
/// alternative, then the same figures in a table.
#[component]
pub fn PolicyMonths(loaded: Arc<Loaded>, figures: Arc<Coverage>, lang: Lang) -> impl IntoView {
    let bundle = &loaded.bundle;
    let most = figures
        .policy_months
        .iter()
        .flatten()
        .copied()
        .max()
        .unwrap_or(0)
        .max(1);
    let months = figures.months.clone();
    let charts = bundle
        .policies
        .iter()
        .zip(&figures.policy_months)
        .map(|(policy, counts)| {
            let name = policy.name.get(lang).to_owned();
            let total: u32 = counts.iter().sum();
            let busiest = counts
                .iter()
                .zip(&months)
                .max_by_key(|(count, _)| **count)
                .filter(|(count, _)| **count > 0)
                .map(|(count, &(y, m))| (month_label(y, m, lang), *count));
            let alternative = match (lang, busiest) {
                (Lang::Th, Some((month, count))) => format!("{name}: รวม {total} ข่าว มากที่สุดเดือน {month} ({count} ข่าว)"),
                (Lang::En, Some((month, count))) => format!("{name}: {total} news items in all, most in {month} ({count})"),
                (Lang::Th, None) => format!("{name}: ไม่มีข่าวในช่วงนี้"),
                (Lang::En, None) => format!("{name}: no news in the period"),
            };
            let width = counts.len() as f64 * (BAR_WIDTH + BAR_GAP);
            let bars = counts
                .iter()
                .enumerate()
                .map(|(i, &count)| {
                    let height = f64::from(count) / f64::from(most) * BAR_AREA;
                    let x = i as f64 * (BAR_WIDTH + BAR_GAP);
                    view! { <rect class="policy-chart__bar" x=x y=BAR_AREA - height width=BAR_WIDTH height=height /> }
                })
                .collect_view();
            view! {
                <figure class="policy-chart">
                    <svg role="img" aria-label=alternative.clone() viewBox=format!("0 0 {width} {}", BAR_AREA + 1.0) preserveAspectRatio="none">
                        <line class="policy-chart__base" x1="0" y1=BAR_AREA x2=width y2=BAR_AREA />
                        {bars}
                    </svg>
                    <figcaption>{alternative}</figcaption>
                </figure>
            }
        })
        .collect_view();
    let head = months
        .iter()
        .map(|&(y, m)| view! { <th scope="col">{month_label(y, m, lang)}</th> })
        .collect_view();
    let body = bundle
        .policies
        .iter()
        .zip(&figures.policy_months)
        .map(|(policy, counts)| {
            let cells = counts
                .iter()
                .map(|count| view! { <td>{*count}</td> })
                .collect_view();
            view! { <tr><th scope="row">{policy.name.get(lang).to_owned()}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <section class="coverage-policies" aria-labelledby="coverage-policies-title">
            <h2 id="coverage-policies-title">{pick(lang, "นโยบาย 9 ด้าน รายเดือน", "The nine policies, month by month")}</h2>
            <div class="policy-charts">{charts}</div>
            <div class="coverage-table__scroll" tabindex="0" role="region" aria-labelledby="coverage-policies-table">
                <table class="coverage-table">
                    <caption id="coverage-policies-table">{pick(lang, "จำนวนข่าวต่อนโยบายในแต่ละเดือน", "News per policy in each month")}</caption>
                    <thead><tr><th scope="col">{pick(lang, "นโยบาย", "Policy")}</th>{head}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
}

/// Each district of the area: its news in the period against its own target.
#[component]
pub fn Districts(loaded: Arc<Loaded>, figures: Arc<Coverage>, lang: Lang) -> impl IntoView {
    let bundle = &loaded.bundle;
    let rows = figures
        .districts
        .iter()
        .map(|figure| {
            let district = &bundle.districts[figure.district];
            let standing = figure.cell.standing();
            let target = figure
                .cell
                .need
                .map(|need| need.to_string())
                .unwrap_or_default();
            let words = if standing == Standing::Unjudged {
                String::new()
            } else {
                format!(
                    "{} {}",
                    standing_symbol(standing),
                    standing_words(standing, lang)
                )
            };
            let silent = figure.silent.then(|| pick(lang, "ไม่มีข่าว", "silent"));
            view! {
                <tr>
                    <th scope="row">{district.name.get(lang).to_owned()}</th>
                    <td>{figure.cell.count}</td>
                    <td>{target}</td>
                    <td>{words}</td>
                    <td>{silent}</td>
                </tr>
            }
        })
        .collect_view();
    let days = bundle.plan.monitoring.silence_days;
    view! {
        <section class="coverage-districts" aria-labelledby="coverage-districts-title">
            <h2 id="coverage-districts-title">{pick(lang, "รายเขต", "By district")}</h2>
            <div class="coverage-table__scroll" tabindex="0" role="region" aria-labelledby="coverage-districts-title">
                <table class="coverage-table">
                    <thead>
                        <tr>
                            <th scope="col">{pick(lang, "เขต", "District")}</th>
                            <th scope="col">{pick(lang, "ข่าว", "News")}</th>
                            <th scope="col">{pick(lang, "เป้าหมาย", "Target")}</th>
                            <th scope="col">{pick(lang, "ผล", "Standing")}</th>
                            <th scope="col">{match lang {
                                Lang::Th => format!("{days} วันล่าสุด"),
                                Lang::En => format!("Last {days} days"),
                            }}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// The views the items carry, per theme and per column, said to be what they are.
#[component]
pub fn Views(loaded: Arc<Loaded>, figures: Arc<Coverage>, lang: Lang) -> impl IntoView {
    let bundle = &loaded.bundle;
    let themes = figures
        .theme_rows()
        .map(|row| {
            let name = bundle.plan.themes[row.theme].name.get(lang).to_owned();
            view! { <tr><th scope="row">{name}</th><td>{views(row.views, lang)}</td></tr> }
        })
        .collect_view();
    let columns = figures
        .columns
        .iter()
        .zip(&figures.column_views)
        .map(|(&column, &count)| {
            let name = column_name(bundle, column, lang);
            view! { <tr><th scope="row">{name}</th><td>{views(count, lang)}</td></tr> }
        })
        .collect_view();
    view! {
        <section class="coverage-views" aria-labelledby="coverage-views-title">
            <h2 id="coverage-views-title">{pick(lang, "ยอดเข้าชม", "Views")}</h2>
            <p>
                {pick(
                    lang,
                    "ยอดเข้าชมที่หน้าข่าวบันทึกไว้ ณ วันที่เผยแพร่ข้อมูลชุดนี้ รวมตามข่าวในช่วงเวลา ไม่ใช่จำนวนผู้ที่ได้รับสาร",
                    "The view counts the news pages recorded when this data was published, added up over the period's news: not how many people the news reached.",
                )}
            </p>
            <div class="coverage-views__tables">
                <table class="coverage-table">
                    <caption>{pick(lang, "ยอดเข้าชมตามขอบข่ายเนื้อหา", "Views by theme")}</caption>
                    <tbody>{themes}</tbody>
                </table>
                <table class="coverage-table">
                    <caption>{pick(lang, "ยอดเข้าชมตามพื้นที่", "Views by area")}</caption>
                    <tbody>{columns}</tbody>
                </table>
            </div>
        </section>
    }
}
