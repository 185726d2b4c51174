//! The filter panel of the news page: a group of checkboxes a facet, with the count each
//! would give, the date range with its quick choices, and the order; and [`Apply`], which
//! writes a chosen filter into the address bar.

use crate::browser::clock;
use crate::domain::bundle::Bundle;
use crate::domain::date::Date;
use crate::domain::filter::{Facet, NewsFilter, NewsResults, QuickRange, Sort};
use crate::domain::i18n::{Lang, Msg};
use crate::state::mode::ModeContext;
use crate::state::route::{Go, RouteContext};
use leptos::prelude::*;
use std::sync::Arc;

/// Changes the address to show `next`: pushed as a new history entry, or replacing the
/// current one while the citizen keeps typing a search.
#[derive(Clone)]
pub(super) struct Apply(Arc<Navigate>);

/// Goes to the address of a filter; `true` replaces the current history entry.
type Navigate = dyn Fn(&NewsFilter, bool) + Send + Sync;

impl Apply {
    pub(super) fn new() -> Apply {
        let route = RouteContext::get();
        let mode = ModeContext::get().mode();
        Apply(Arc::new(move |next: &NewsFilter, replace: bool| {
            let query = next.to_query_string();
            let path = if query.is_empty() {
                "/news".to_owned()
            } else {
                format!("/news?{query}")
            };
            let how = Go {
                replace,
                scroll: false,
            };
            route.go(&mode.keep_in(&path), how);
        }))
    }

    pub(super) fn push(&self, next: &NewsFilter) {
        (self.0)(next, false);
    }

    pub(super) fn replace(&self, next: &NewsFilter) {
        (self.0)(next, true);
    }
}

/// One facet as a group of checkboxes, each with the count it would give. The boxes are
/// built once and only their state and counts change, so focus stays where it is.
pub(super) fn facet_fieldset(
    bundle: &Bundle,
    facet: Facet,
    filter: Memo<NewsFilter>,
    results: Memo<NewsResults>,
    counts_hidden: Signal<bool>,
    apply: Apply,
    lang: Lang,
) -> impl IntoView {
    let options: Vec<(usize, String, String, Option<String>)> = facet
        .options(bundle)
        .into_iter()
        .enumerate()
        .map(|(at, id)| {
            let group = match facet {
                Facet::District => bundle.district(id).map(|d| d.group.clone()),
                _ => None,
            };
            (
                at,
                id.to_owned(),
                facet.option_label(bundle, id, lang),
                group,
            )
        })
        .collect();
    // A keystroke in the search box changes the filter but not what is chosen, and often
    // not the counts: the boxes follow these alone, so that typing leaves them be.
    let chosen = Memo::new(move |_| filter.with(|f| f.selected(facet).clone()));
    let groups = Memo::new(move |_| filter.with(|f| f.groups.clone()));
    let counts = Memo::new(move |_| results.with(|r| r.counts.of(facet).to_vec()));
    let items = options
        .into_iter()
        .map(|(at, id, label, group)| {
            let input_id = format!("f-{}-{id}", facet.param());
            let checked = {
                let id = id.clone();
                move || chosen.with(|chosen| chosen.contains(&id))
            };
            // Choosing groups narrows the districts offered to theirs (a chosen one stays).
            let hidden = {
                let id = id.clone();
                move || {
                    let outside = groups.with(|groups| group.as_ref().is_some_and(|g| !groups.is_empty() && !groups.contains(g)));
                    outside && !chosen.with(|chosen| chosen.contains(&id))
                }
            };
            let toggle = {
                let (apply, id) = (apply.clone(), id.clone());
                move |_| apply.push(&filter.get_untracked().toggled(facet, &id))
            };
            view! {
                <li class="facet__option" class:facet__option--hidden=hidden>
                    <input type="checkbox" id=input_id.clone() prop:checked=checked on:change=toggle />
                    <label for=input_id>
                        {label}
                        " "
                        <span class="facet__count">{move || (!counts_hidden.get()).then(|| format!("({})", counts.with(|counts| counts.get(at).copied().unwrap_or(0))))}</span>
                    </label>
                </li>
            }
        })
        .collect_view();
    view! {
        <fieldset class=format!("facet facet--{}", facet.param())>
            <legend class="facet__legend">{facet.label(lang)}</legend>
            <ul class="facet__options">{items}</ul>
        </fieldset>
    }
}

pub(super) fn dates_fieldset(filter: Memo<NewsFilter>, apply: Apply, lang: Lang) -> impl IntoView {
    let today = clock::today();
    // The dates alone, so that a keystroke in the search box leaves these be.
    let dates = Memo::new(move |_| filter.with(|f| (f.from, f.to)));
    let quick = QuickRange::ALL
        .into_iter()
        .map(|range| {
            let apply = apply.clone();
            let (from, to) = range.range(today);
            let pressed = move || (dates.get() == (Some(from), Some(to))).to_string();
            let choose = move |_| {
                let mut next = filter.get_untracked();
                (next.from, next.to) = (Some(from), Some(to));
                apply.push(&next);
            };
            view! {
                <button type="button" class="chip" aria-pressed=pressed on:click=choose>
                    {range.label(today, lang)}
                </button>
            }
        })
        .collect_view();
    let on_date = move |end: fn(&mut NewsFilter) -> &mut Option<Date>| {
        let apply = apply.clone();
        move |event| {
            let mut next = filter.get_untracked();
            *end(&mut next) = Date::parse(&event_target_value(&event));
            apply.push(&next);
        }
    };
    let shown = |date: Option<Date>| date.map(|d| d.to_string()).unwrap_or_default();
    view! {
        <fieldset class="facet facet--dates">
            <legend class="facet__legend">{Msg::DateRange.text(lang)}</legend>
            <div class="chips">{quick}</div>
            <label class="field">
                <span class="field__label">{Msg::DateFrom.text(lang)}</span>
                <input type="date" prop:value=move || shown(dates.get().0) on:change=on_date(|f| &mut f.from) />
            </label>
            <label class="field">
                <span class="field__label">{Msg::DateTo.text(lang)}</span>
                <input type="date" prop:value=move || shown(dates.get().1) on:change=on_date(|f| &mut f.to) />
            </label>
        </fieldset>
    }
}

pub(super) fn sort_select(filter: Memo<NewsFilter>, apply: Apply, lang: Lang) -> impl IntoView {
    let chosen = Memo::new(move |_| filter.with(|f| f.sort));
    let options = Sort::ALL
        .into_iter()
        .map(|sort| {
            view! {
                <option value=sort.as_str() selected=move || chosen.get() == sort>
                    {sort.label(lang)}
                </option>
            }
        })
        .collect_view();
    let change = move |event| {
        let mut next = filter.get_untracked();
        next.sort = Sort::parse(&event_target_value(&event));
        apply.push(&next);
    };
    view! {
        <label class="field">
            <span class="field__label">{Msg::SortBy.text(lang)}</span>
            <select class="field__select" on:change=change>{options}</select>
        </label>
    }
}
