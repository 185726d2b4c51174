//! The plan's monitoring, `/plan/coverage`: for a period and an area, how much news each
//! theme and priority topic has per district group (or district), against the plan's
//! targets, every count a link to the news behind it. The figures below the grid are in
//! `coverage_figures`.

use super::coverage_figures::{Districts, Gaps, PolicyMonths, Views};
use super::gate::{set_page_title, with_news_index};
use super::in_turn::InTurn;
use crate::browser::document;
use crate::domain::bundle::Bundle;
use crate::domain::coverage::span::{month_label, Span};
use crate::domain::coverage::{self, csv, Cell, Column, Coverage, Standing};
use crate::domain::date::Date;
use crate::domain::filter::NewsFilter;
use crate::domain::i18n::{pick, Lang};
use crate::domain::route::Page;
use crate::domain::validate::Loaded;
use crate::state::bundle::{Catalog, Fetched};
use crate::state::mode::href;
use crate::state::route::RouteContext;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeSet;
use std::sync::Arc;

/// The figures and what was read for them, or what stopped the count, in words.
type Counted = Result<(Arc<Coverage>, Fetched), String>;

/// The address parameters the page reads.
const PARAMS: [&str; 4] = ["from", "to", "group", "district"];

/// The dashboard page.
#[component]
pub fn CoveragePage() -> impl IntoView {
    let query = RouteContext::get().query(Page::Coverage);
    with_news_index(move |loaded, catalog, lang| {
        set_page_title(
            pick(lang, "ติดตามผลการสื่อสารตามแผน", "Coverage of the plan"),
            lang,
        );
        let filter = query.with(|params| {
            let pairs: Vec<(&str, String)> = PARAMS
                .iter()
                .flat_map(|key| {
                    let values = params.get_all(key).unwrap_or_default();
                    values.into_iter().map(move |value| (*key, value))
                })
                .collect();
            NewsFilter::from_params(&pairs, &loaded.bundle)
        });
        view! { <Dashboard loaded=loaded.clone() catalog=catalog.clone() filter lang /> }
    })
}

#[component]
fn Dashboard(
    loaded: Arc<Loaded>,
    catalog: Catalog,
    filter: NewsFilter,
    lang: Lang,
) -> impl IntoView {
    let bundle = &loaded.bundle;
    let data_day = bundle.generated_at.bangkok_date();
    let span = coverage::period(&filter, data_day);
    let first = coverage::first_day_needed(bundle, span, data_day);
    // What the figures are counted from: at hand for a bundle read whole, fetched for a dataset.
    let counted: RwSignal<Option<Counted>> = RwSignal::new(None);
    {
        let (loaded, filter) = (loaded.clone(), filter.clone());
        spawn_local(async move {
            let answer = match catalog.facet_rows(&loaded, first, span.to).await {
                Ok((rows, fetched)) => {
                    let figures = coverage::coverage(&loaded.bundle, &rows, &filter, data_day);
                    Ok((Arc::new(figures), fetched))
                }
                Err(error) => Err(error.summary(lang)),
            };
            counted.set(Some(answer));
        });
    }
    let area = area_nav(bundle, &filter, span, lang);
    let periods = period_nav(bundle, &filter, span, data_day, lang);
    let figures = {
        let loaded = loaded.clone();
        let filter = filter.clone();
        move || {
            match counted.get() {
            None => view! { <p class="loading" role="status">{pick(lang, "กำลังนับข่าว…", "Counting the news…")}</p> }.into_any(),
            Some(Err(message)) => view! { <p class="coverage__error" role="alert">{message}</p> }.into_any(),
            Some(Ok((figures, fetched))) => figures_view(&loaded, &figures, &filter, fetched, lang).into_any(),
        }
        }
    };
    view! {
        <div class="coverage">
            <h1>{pick(lang, "ติดตามผลการสื่อสารตามแผน", "Coverage of the plan")}</h1>
            <p class="coverage__intro">
                {pick(
                    lang,
                    "ข่าวของกรุงเทพมหานครและ 50 สำนักงานเขตครอบคลุมขอบข่ายเนื้อหา ประเด็นเน้นหนัก และนโยบายของแผนมากน้อยเพียงใด เทียบกับเป้าหมายของแผน และเรื่องใดยังเงียบอยู่ ตัวเลขทุกช่องเปิดดูข่าวที่นับได้",
                    "How much of the plan's themes, priority topics and policies the news of the city and its 50 district offices covers, against the plan's targets, and where it is silent. Every number opens the news it counts.",
                )}
            </p>
            <div class="coverage__choices">
                {periods}
                {area}
            </div>
            <div class="coverage__figures">{figures}</div>
        </div>
    }
}

/// Links to the fiscal years of the plan, the quarters and months of the chosen one. Plain
/// anchors (the router still follows them in the page): its `A` would mark every link to
/// this very path as the current page, whatever its period.
fn period_nav(
    bundle: &Bundle,
    filter: &NewsFilter,
    span: Span,
    data_day: Date,
    lang: Lang,
) -> impl IntoView {
    let href = |period: Span| {
        let mut next = filter.clone();
        (next.from, next.to) = (Some(period.from), Some(period.to));
        href(&format!("/plan/coverage?{}", next.to_query_string()))
    };
    let current = |period: Span| (period == span).then_some("page");
    let first_year = bundle
        .plan
        .period
        .from_be
        .min(Span::fiscal_year_of(data_day));
    let last_year = bundle.plan.period.to_be.max(Span::fiscal_year_of(data_day));
    let years = (first_year..=last_year)
        .map(|be| {
            let period = Span::fiscal_year(be);
            let label = match lang {
                Lang::Th => be.to_string(),
                Lang::En => (be - 543).to_string(),
            };
            view! { <li><a href=href(period) aria-current=current(period)>{label}</a></li> }
        })
        .collect_view();
    let year = Span::fiscal_year_of(span.from);
    let quarters = (1..=4)
        .map(|q| {
            let period = Span::fiscal_quarter(year, q);
            let label = match lang {
                Lang::Th => format!("ไตรมาส {q}"),
                Lang::En => format!("Q{q}"),
            };
            view! { <li><a href=href(period) aria-current=current(period)>{label}</a></li> }
        })
        .collect_view();
    let months = Span::fiscal_year(year)
        .calendar_months()
        .into_iter()
        .map(|(y, m)| {
            let period = Span::month(y, m);
            view! { <li><a href=href(period) aria-current=current(period)>{month_label(y, m, lang)}</a></li> }
        })
        .collect_view();
    view! {
        <nav class="coverage__periods" aria-label=pick(lang, "ช่วงเวลา", "Period")>
            <p class="coverage__choice-label">{pick(lang, "ปีงบประมาณ (ต.ค.–ก.ย.)", "Fiscal year (Oct–Sep)")}</p>
            <ul class="chips">{years}</ul>
            <p class="coverage__choice-label">{pick(lang, "ไตรมาสและเดือน", "Quarters and months")}</p>
            <ul class="chips">{quarters}</ul>
            <ul class="chips">{months}</ul>
        </nav>
    }
}

/// Links to the whole city, to each district group and, once a group or a district is
/// chosen, to each district of its group.
fn area_nav(bundle: &Bundle, filter: &NewsFilter, span: Span, lang: Lang) -> impl IntoView {
    let with_area = |groups: BTreeSet<String>, districts: BTreeSet<String>| {
        let next = NewsFilter {
            groups,
            districts,
            from: Some(span.from),
            to: Some(span.to),
            ..NewsFilter::default()
        };
        href(&format!("/plan/coverage?{}", next.to_query_string()))
    };
    let chip = |href: String, current: bool, name: String| {
        view! { <li><a href=href aria-current=current.then_some("page")>{name}</a></li> }
    };
    let whole = filter.groups.is_empty() && filter.districts.is_empty();
    let groups = bundle
        .district_groups
        .iter()
        .map(|group| {
            let chosen = filter.groups.len() == 1
                && filter.groups.contains(&group.id)
                && filter.districts.is_empty();
            let href = with_area(BTreeSet::from([group.id.clone()]), BTreeSet::new());
            chip(href, chosen, group.name.get(lang).to_owned())
        })
        .collect_view();
    // The group whose districts are offered: the one chosen, or the chosen district's.
    let group = filter.groups.iter().next().cloned().or_else(|| {
        let code = filter.districts.iter().next()?;
        bundle.district(code).map(|d| d.group.clone())
    });
    let districts = group.map(|group| {
        let chips = bundle
            .districts
            .iter()
            .filter(|d| d.group == group)
            .map(|d| {
                let chosen = filter.districts.len() == 1 && filter.districts.contains(&d.code);
                let href = with_area(BTreeSet::new(), BTreeSet::from([d.code.clone()]));
                chip(href, chosen, d.name.get(lang).to_owned())
            })
            .collect_view();
        view! {
            <p class="coverage__choice-label">{pick(lang, "เขต", "District")}</p>
            <ul class="chips">{chips}</ul>
        }
    });
    let everywhere = with_area(BTreeSet::new(), BTreeSet::new());
    view! {
        <nav class="coverage__areas" aria-label=pick(lang, "พื้นที่", "Area")>
            <p class="coverage__choice-label">{pick(lang, "กลุ่มเขต", "District group")}</p>
            <ul class="chips">
                {chip(everywhere, whole, pick(lang, "ทั้งกรุงเทพฯ", "All of Bangkok").to_owned())}
                {groups}
            </ul>
            {districts}
        </nav>
    }
}

fn figures_view(
    loaded: &Arc<Loaded>,
    figures: &Arc<Coverage>,
    filter: &NewsFilter,
    fetched: Fetched,
    lang: Lang,
) -> impl IntoView {
    let summary = match lang {
        Lang::Th => format!(
            "{}: ข่าว {} รายการ นับถึง {}",
            figures.span.label(lang),
            figures.items,
            figures.as_of.display(lang)
        ),
        Lang::En => format!(
            "{}: {} news items, counted to {}",
            figures.span.label(lang),
            figures.items,
            figures.as_of.display(lang)
        ),
    };
    let read = (fetched.files > 0).then(|| {
        let kb = fetched.bytes.div_ceil(1024);
        match lang {
            Lang::Th => format!("อ่านข้อมูลสำหรับการนับ {} ไฟล์ ({kb} KB)", fetched.files),
            Lang::En if fetched.files == 1 => format!("Read 1 file ({kb} KB) to count them"),
            Lang::En => format!("Read {} files ({kb} KB) to count them", fetched.files),
        }
    });
    // Written when asked for, not at every drawing of the page.
    let download = {
        let (loaded, figures) = (loaded.clone(), figures.clone());
        move |_| {
            let text = csv::write(&loaded.bundle, &figures);
            document::download(&csv::file_name(&figures), "text/csv", &text);
        }
    };
    // The parts below the grid, each in a task of its own (see `InTurn`).
    let gaps = {
        let (loaded, figures) = (loaded.clone(), figures.clone());
        view! { <InTurn><Gaps loaded=loaded.clone() figures=figures.clone() lang /></InTurn> }
    };
    let months = {
        let (loaded, figures) = (loaded.clone(), figures.clone());
        view! { <InTurn><PolicyMonths loaded=loaded.clone() figures=figures.clone() lang /></InTurn> }
    };
    let districts = {
        let (loaded, figures) = (loaded.clone(), figures.clone());
        view! { <InTurn><Districts loaded=loaded.clone() figures=figures.clone() lang /></InTurn> }
    };
    let views = {
        let (loaded, figures) = (loaded.clone(), figures.clone());
        view! { <InTurn><Views loaded=loaded.clone() figures=figures.clone() lang /></InTurn> }
    };
    view! {
        <p class="coverage__summary" data-testid="coverage-summary">{summary}</p>
        {read.map(|text| view! { <p class="coverage__fetched">{text}</p> })}
        <p class="coverage__actions">
            <button type="button" class="button" on:click=download>
                {pick(lang, "ดาวน์โหลดตัวเลข (CSV)", "Download the figures (CSV)")}
            </button>
        </p>
        {grid(loaded, figures, filter, lang)}
        <Legend lang />
        {gaps}
        {months}
        {districts}
        {views}
    }
}

/// The news list of exactly what a cell counts.
pub fn news_href(
    filter: &NewsFilter,
    figures: &Coverage,
    set: impl FnOnce(&mut NewsFilter),
) -> String {
    let mut next = NewsFilter {
        groups: filter.groups.clone(),
        districts: filter.districts.clone(),
        from: Some(figures.span.from),
        to: Some(figures.span.to),
        ..NewsFilter::default()
    };
    set(&mut next);
    href(&format!("/news?{}", next.to_query_string()))
}

/// A column's name: its group's or district's.
pub fn column_name(bundle: &Bundle, column: Column, lang: Lang) -> String {
    match column {
        Column::Group(g) => bundle.district_groups[g].name.get(lang).to_owned(),
        Column::District(d) => bundle.districts[d].name.get(lang).to_owned(),
    }
}

/// The group a column is or is in.
fn column_group(bundle: &Bundle, column: Column) -> String {
    match column {
        Column::Group(g) => bundle.district_groups[g].id.clone(),
        Column::District(d) => bundle.districts[d].group.clone(),
    }
}

fn grid(
    loaded: &Arc<Loaded>,
    figures: &Arc<Coverage>,
    filter: &NewsFilter,
    lang: Lang,
) -> impl IntoView {
    let bundle = &loaded.bundle;
    let headers = figures
        .columns
        .iter()
        .map(|&column| view! { <th scope="col">{column_name(bundle, column, lang)}</th> })
        .collect_view();
    // A row group per theme (its row and its topics'); the first at once, each other in a
    // task of its own (see `InTurn`): the whole grid is over a thousand elements.
    let mut themes: Vec<usize> = figures.rows.iter().map(|row| row.theme).collect();
    themes.dedup();
    let bodies = themes
        .into_iter()
        .enumerate()
        .map(|(at, theme)| {
            if at == 0 {
                return theme_rows(bundle, figures, filter, theme, lang).into_any();
            }
            let (loaded, figures, filter) = (loaded.clone(), figures.clone(), filter.clone());
            view! {
                <InTurn rows=true>
                    {theme_rows(&loaded.bundle, &figures, &filter, theme, lang)}
                </InTurn>
            }
            .into_any()
        })
        .collect_view();
    let caption = match lang {
        Lang::Th => format!("จำนวนข่าวตามขอบข่ายเนื้อหา ({})", figures.span.label(lang)),
        Lang::En => format!("News by theme ({})", figures.span.label(lang)),
    };
    view! {
        <section aria-labelledby="coverage-grid-title">
            <h2 id="coverage-grid-title">{pick(lang, "ขอบข่ายเนื้อหาในแต่ละพื้นที่", "Themes by area")}</h2>
            <div class="coverage-grid__scroll" tabindex="0" role="region" aria-labelledby="coverage-grid-title">
                <table class="coverage-grid">
                    <caption>{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{pick(lang, "ขอบข่ายเนื้อหา / ประเด็นเน้นหนัก", "Theme / priority topic")}</th>
                            {headers}
                            <th scope="col">{pick(lang, "รวม", "Total")}</th>
                        </tr>
                    </thead>
                    {bodies}
                </table>
            </div>
        </section>
    }
}

/// One theme's rows of the grid: the theme, then its priority topics (shown when opened).
fn theme_rows(
    bundle: &Bundle,
    figures: &Coverage,
    filter: &NewsFilter,
    theme_at: usize,
    lang: Lang,
) -> impl IntoView {
    let mut rows = Vec::new();
    let mut open: Option<RwSignal<bool>> = None;
    // Plain links (`mode::href`): a router link per count costs the dashboard's first load
    // more than all its figures.
    for row in figures.rows.iter().filter(|row| row.theme == theme_at) {
        let theme = &bundle.plan.themes[row.theme];
        let topic = row.topic.map(|p| &theme.priority_topics[p]);
        let cells = row
            .cells
            .iter()
            .zip(&figures.columns)
            .map(|(&cell, &column)| {
                let (theme_id, topic_id) = (theme.id.clone(), topic.map(|t| t.id.clone()));
                let href = news_href(filter, figures, |next| {
                    match &topic_id {
                        Some(id) => next.topics.insert(id.clone()),
                        None => next.themes.insert(theme_id.clone()),
                    };
                    match column {
                        Column::Group(g) => {
                            next.groups = BTreeSet::from([bundle.district_groups[g].id.clone()])
                        }
                        Column::District(d) => {
                            next.districts = BTreeSet::from([bundle.districts[d].code.clone()])
                        }
                    }
                });
                let district = match column {
                    Column::District(d) => Some(bundle.districts[d].code.clone()),
                    Column::Group(_) => None,
                };
                count_cell(
                    cell,
                    href,
                    topic.is_some(),
                    theme.id.clone(),
                    topic.map(|t| t.id.clone()),
                    column_group(bundle, column),
                    district,
                    lang,
                )
            })
            .collect_view();
        let total_href = news_href(filter, figures, |next| {
            match topic {
                Some(t) => next.topics.insert(t.id.clone()),
                None => next.themes.insert(theme.id.clone()),
            };
        });
        let count = row.total;
        let total = view! { <td class="coverage-cell coverage-cell--total"><a href=total_href data-testid="coverage-total">{count}</a></td> };
        match topic {
            None => {
                let expanded = RwSignal::new(false);
                open = Some(expanded);
                let name = theme.name.get(lang).to_owned();
                let toggle = move |_| expanded.update(|open| *open = !*open);
                let label = match lang {
                    Lang::Th => format!("ประเด็นเน้นหนักของ {name}"),
                    Lang::En => format!("Priority topics of {name}"),
                };
                rows.push(view! {
                    <tr class="coverage-grid__theme">
                        <th scope="row">
                            <button type="button" class="coverage-grid__toggle" aria-expanded=move || expanded.get().to_string() aria-label=label on:click=toggle>
                                <span aria-hidden="true">{move || if expanded.get() { "▾" } else { "▸" }}</span>
                            </button>
                            " " {name.clone()}
                        </th>
                        {cells}
                        {total}
                    </tr>
                }.into_any());
            }
            Some(topic) => {
                let expanded = open.unwrap_or_else(|| RwSignal::new(false));
                rows.push(view! {
                    <tr class="coverage-grid__topic" class:coverage-grid__topic--shown=move || expanded.get()>
                        <th scope="row">{topic.title.get(lang).to_owned()}</th>
                        {cells}
                        {total}
                    </tr>
                }.into_any());
            }
        }
    }
    view! { <tbody>{rows}</tbody> }
}

/// One count: a link to its news, its target and a mark that says how it stands, in words
/// for screen readers and a symbol and a pattern for the eye (never colour alone).
#[allow(clippy::too_many_arguments)]
fn count_cell(
    cell: Cell,
    href: String,
    topic_row: bool,
    theme: String,
    topic: Option<String>,
    group: String,
    district: Option<String>,
    lang: Lang,
) -> impl IntoView {
    let standing = cell.standing();
    let count = cell.count;
    let class = format!("coverage-cell coverage-cell--{}", standing_class(standing));
    let testid = if topic_row {
        "coverage-topic-cell"
    } else {
        "coverage-cell"
    };
    let judged = cell.need.map(|need| {
        let words = standing_words(standing, lang);
        view! {
            <span class="coverage-cell__need">{format!("/{need}")}</span>
            <span class="coverage-cell__mark" aria-hidden="true">{standing_symbol(standing)}</span>
            <span class="visually-hidden">{format!(" {} {need} {words}", pick(lang, "เป้าหมาย", "target"))}</span>
        }
    });
    view! {
        <td class=class>
            <a href=href data-testid=testid data-theme=theme data-topic=topic data-group=group data-district=district>{count}</a>
            {judged}
        </td>
    }
}

fn standing_class(standing: Standing) -> &'static str {
    match standing {
        Standing::Unjudged => "unjudged",
        Standing::Met => "met",
        Standing::Below => "below",
        Standing::Silent => "none",
    }
}

/// The mark shown beside a judged count.
pub fn standing_symbol(standing: Standing) -> &'static str {
    match standing {
        Standing::Unjudged => "",
        Standing::Met => "✓",
        Standing::Below => "▼",
        Standing::Silent => "✗",
    }
}

/// How a count stands, in words.
pub fn standing_words(standing: Standing, lang: Lang) -> &'static str {
    match standing {
        Standing::Unjudged => pick(lang, "ไม่มีเป้าหมาย", "no target"),
        Standing::Met => pick(lang, "ถึงเป้าหมาย", "target met"),
        Standing::Below => pick(lang, "ต่ำกว่าเป้าหมาย", "below target"),
        Standing::Silent => pick(lang, "ไม่มีข่าวเลย", "no news at all"),
    }
}

#[component]
fn Legend(lang: Lang) -> impl IntoView {
    let entry = |standing: Standing| {
        let class = format!(
            "coverage-legend__swatch coverage-cell--{}",
            standing_class(standing)
        );
        view! {
            <li>
                <span class=class aria-hidden="true">{standing_symbol(standing)}</span>
                " " {standing_words(standing, lang)}
            </li>
        }
    };
    view! {
        <div class="coverage-legend">
            <p>
                {pick(
                    lang,
                    "ตัวเลขคือจำนวนข่าว ตามด้วยเป้าหมายของแผนสำหรับแต่ละกลุ่มเขต (คิดตามสัดส่วนของช่วงเวลาที่ผ่านไปแล้ว)",
                    "Each number is the count of news, followed by the plan's target for each district group (prorated to the part of the period that has passed).",
                )}
            </p>
            <ul class="coverage-legend__list">
                {entry(Standing::Met)}
                {entry(Standing::Below)}
                {entry(Standing::Silent)}
            </ul>
        </div>
    }
}
