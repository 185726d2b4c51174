//! The news page: a search box, facets with counts, a date range, an order, and the
//! results in pages. The filter lives in the address bar: every change is written there,
//! so a view can be shared, reloaded, or undone with the back button.

use super::gate::{set_page_title, with_news_index};
use super::in_turn::InTurn;
use super::keep_archive::KeepArchive;
use super::news_fetched::{Fetched, CARDS, COUNTS, RESULTS};
use super::news_filters::{dates_fieldset, facet_fieldset, sort_select, Apply};
use super::news_results::results_section;
use crate::browser::{clock, document};
use crate::domain::filter::{Facet, NewsFilter, NewsResults};
use crate::domain::i18n::{Lang, Msg};
use crate::domain::route::Page;
use crate::domain::search::Query;
use crate::domain::validate::Loaded;
use crate::state::bundle::Catalog;
use crate::state::effect::effect;
use crate::state::route::RouteContext;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// How many cards are added at a time, so that thousands of matches never become
/// thousands of cards.
pub(super) const PAGE: usize = 20;

/// How many cards a screen shows at most (two on a phone, four on a wide screen): those
/// come first when a page's cards are in many files, and while a key is typed.
pub(super) const SCREEN: usize = 4;

/// The screens on which the filter panel folds away behind its toggle: the media query of
/// style/search.css, which a test holds to this one.
pub(super) const PANEL_FOLDS: &str = "(max-width: 59.99rem)";

/// The news page, `/news`.
#[component]
pub fn NewsListPage() -> impl IntoView {
    with_news_index(|loaded, catalog, lang| {
        set_page_title(Msg::NewsTitle.text(lang), lang);
        view! { <NewsFinder loaded=loaded.clone() catalog=catalog.clone() lang /> }
    })
}

#[component]
fn NewsFinder(loaded: Arc<Loaded>, catalog: Catalog, lang: Lang) -> impl IntoView {
    let query_map = RouteContext::get().query(Page::News);
    // Shared, never copied: a large bundle is tens of megabytes.
    let bundle = loaded;
    // What was typed into the search box and is not in the address yet: the filter follows
    // the box at once, and the address is written after the frame that shows the results
    // (a history entry costs several milliseconds of a slow phone's keystroke).
    let typed: RwSignal<Option<String>> = RwSignal::new(None);
    let filter = {
        let bundle = bundle.clone();
        Memo::new(move |_| {
            let typed = typed.get();
            query_map.with(|params| {
                let mut pairs: Vec<(&str, String)> = NewsFilter::PARAMS
                    .iter()
                    .flat_map(|key| {
                        params
                            .get_all(key)
                            .unwrap_or_default()
                            .into_iter()
                            .map(move |v| (*key, v))
                    })
                    .collect();
                if let Some(q) = typed {
                    pairs.retain(|(key, _)| *key != NewsFilter::SEARCH);
                    pairs.push((NewsFilter::SEARCH, q));
                }
                NewsFilter::from_params(&pairs, &bundle.bundle)
            })
        })
    };
    let fetched = Fetched::new(matches!(catalog, Catalog::Dataset(_)));
    let panel_open = RwSignal::new(false);
    // A phone folds the panel away behind its toggle: its boxes (a hundred and more) are then
    // built after the page is on screen, or when the panel opens, not before the first card.
    let folds = document::matches_media(PANEL_FOLDS);
    let folded = Signal::derive(move || folds && !panel_open.get());
    // Counts that a folded panel would not show, and that need a download, wait until it
    // opens: a first search counts from every item's filter row, which at 100,000 items is
    // 227 KB for a phone. The number of results comes from the index, and shows at once.
    let count_later: StoredValue<Option<Box<dyn FnOnce()>>, LocalStorage> =
        StoredValue::new_local(None);
    effect(move || {
        if !folded.get() {
            if let Some(count) = count_later.try_update_value(Option::take).flatten() {
                count();
            }
        }
    });
    let results = {
        let (bundle, catalog) = (bundle.clone(), catalog.clone());
        Memo::new(move |_| {
            filter
                .with(|f| catalog.results_now(&bundle, f))
                .or_else(|| fetched.results.get())
                .unwrap_or_default()
        })
    };
    // A dataset answers each new filter, with its first page of cards, when the files it
    // needs are here. A search alone lists its items from the index first, and counts them
    // by filter once every item's filter row is here (the first search reads them all).
    if let Catalog::Dataset(_) = &catalog {
        let (bundle, catalog) = (bundle.clone(), catalog.clone());
        effect(move || {
            let filter = filter.get();
            let (bundle, catalog) = (bundle.clone(), catalog.clone());
            fetched.forget(CARDS);
            fetched.forget(COUNTS);
            count_later.set_value(None);
            let (counted_bundle, counted_catalog, counted_filter) =
                (bundle.clone(), catalog.clone(), filter.clone());
            let (rest_bundle, rest_catalog) = (bundle.clone(), catalog.clone());
            fetched.ask(
                RESULTS,
                async move {
                    let (results, early, total) =
                        match catalog.early_items(&bundle, &filter).await? {
                            // Counted already: nothing is left to count.
                            Some(early) => (
                                NewsResults {
                                    items: early.items.into(),
                                    counts: early.counts.clone().unwrap_or_default(),
                                },
                                early.counts.is_none().then_some(early.counts_soon),
                                early.total,
                            ),
                            None => {
                                let results = catalog.results(&bundle, &filter).await?;
                                let total = results.items.len();
                                (results, None, total)
                            }
                        };
                    // Cards spread over many files: a screenful first, from the few files
                    // it needs; the page's other cards follow.
                    let page: Vec<usize> = results.items.iter().take(PAGE).copied().collect();
                    let first = &page[..catalog.drawn_first(&page, SCREEN)];
                    let news = catalog.news(&bundle, first).await?;
                    Ok((results, news, page, early, total, Query::parse(&filter.q)))
                },
                move |(mut results, news, page, early, total, listed_for)| {
                    let complete = news.len() >= page.len();
                    let partial = total > results.items.len();
                    fetched
                        .total
                        .set(partial.then(|| (results.items.clone(), total)));
                    fetched.news.set(news);
                    fetched.listed_for.set(listed_for);
                    // Counts a moment away: the last ones stay in sight meanwhile, marked
                    // busy, rather than the numbers blinking out at every keystroke.
                    let kept = match early {
                        Some(true) => fetched
                            .results
                            .with_untracked(|last| last.as_ref().map(|last| last.counts.clone())),
                        _ => None,
                    };
                    fetched.counts_hidden.set(early.is_some() && kept.is_none());
                    if let Some(counts) = kept {
                        results.counts = counts;
                    }
                    fetched.results.set(Some(results));
                    let count_now = move || {
                        fetched.ask(
                            COUNTS,
                            async move {
                                // The list on screen first, then the tally (a download
                                // away, the counts come after the paint anyway).
                                if early == Some(true) {
                                    clock::after_paint().await;
                                }
                                counted_catalog
                                    .results(&counted_bundle, &counted_filter)
                                    .await
                            },
                            move |results| {
                                fetched.counts_hidden.set(false);
                                fetched.results.set(Some(results));
                            },
                        );
                    };
                    // Only counts a download away wait for the panel: a list by views
                    // that shows only its most viewed items gets the rest with its counts.
                    let may_wait = early == Some(false) && !partial;
                    let count = move || {
                        if early.is_none() {
                            return;
                        }
                        if may_wait && folded.get_untracked() {
                            count_later.set_value(Some(Box::new(count_now)));
                        } else {
                            count_now();
                        }
                    };
                    // The rest of the page before the tally, whose filter columns (at a
                    // first search, every item's) would share the line with them.
                    fetched.forget(CARDS);
                    if complete {
                        count();
                    } else {
                        // The counts come even if a card file cannot be read: they need
                        // none, and the list says what is missing.
                        fetched.settle(
                            CARDS,
                            async move { rest_catalog.news(&rest_bundle, &page).await },
                            move |news| {
                                if let Some(news) = news {
                                    fetched.news.set(news);
                                }
                                count();
                            },
                        );
                    }
                },
            );
        });
    }
    let query = Memo::new(move |_| filter.with(|f| Query::parse(&f.q)));
    let shown = RwSignal::new(PAGE);
    // A new filter starts again from the first page. Setting a signal notifies even when
    // the value is the same, which would render the cards a second time per keystroke.
    effect(move || {
        filter.track();
        if shown.get_untracked() != PAGE {
            shown.set(PAGE);
        }
    });
    let apply = Apply::new();

    // The latest keystroke's turn to write the address: one written after a later key
    // would be that key's work, so only the last of a quick run of keys writes it.
    let keystrokes = StoredValue::new(0_u64);
    let on_input = {
        let apply = apply.clone();
        move |event| {
            typed.set(Some(event_target_value(&event)));
            keystrokes.update_value(|n| *n += 1);
            let mine = keystrokes.get_value();
            let apply = apply.clone();
            spawn_local(async move {
                clock::after_paint().await;
                if keystrokes.try_get_value() != Some(mine) {
                    return;
                }
                // A search that goes on replaces its history entry; one that begins or
                // ends is a new one, so that Back returns to the list without it.
                let next = filter.get_untracked();
                let in_address = query_map.with_untracked(|params| {
                    params
                        .get(NewsFilter::SEARCH)
                        .is_some_and(|q| !q.trim().is_empty())
                });
                if in_address && !next.q.trim().is_empty() {
                    apply.replace(&next);
                } else {
                    apply.push(&next);
                }
                // The address now says what the box does (the router reads it at once).
                typed.set(None);
            });
        }
    };
    // A key was typed and the frame that shows its answer is not painted yet: the address
    // is written, and `typed` cleared, in the task after that frame.
    let typing = Signal::derive(move || typed.with(Option::is_some));
    let active = move || filter.with(|f| f.active_parts().len());
    // The search's items are listed and its counts are not here yet: the filters are busy,
    // and no count is shown while they are a download away.
    let counting: Signal<bool> = fetched.waiting[COUNTS].into();
    let counts_hidden: Signal<bool> = fetched.counts_hidden.into();
    let (apply_dates, apply_results) = (apply.clone(), apply.clone());
    let bundle_results = bundle.clone();
    let keep_archive = match &catalog {
        Catalog::Dataset(reader) => Some(view! { <KeepArchive reader=reader.clone() lang /> }),
        Catalog::Whole(_) => None,
    };

    view! {
        <div class="news-page">
            <h1>{Msg::NewsTitle.text(lang)}</h1>
            <p class="news-page__intro">{Msg::NewsIntro.text(lang)}</p>
            <form class="search" role="search" on:submit=|event| event.prevent_default()>
                <label class="search__label" for="news-q">{Msg::Search.text(lang)}</label>
                <input
                    id="news-q"
                    class="search__input"
                    type="search"
                    autocomplete="off"
                    aria-describedby="news-q-hint"
                    prop:value=move || filter.with(|f| f.q.clone())
                    on:input=on_input
                />
                <p id="news-q-hint" class="search__hint">{Msg::SearchHint.text(lang)}</p>
            </form>
            <div class="news-page__layout">
                <div class="filters">
                    <button
                        type="button"
                        class="filters__toggle button button--secondary"
                        aria-controls="news-filters"
                        aria-expanded=move || panel_open.get().to_string()
                        on:click=move |_| panel_open.update(|open| *open = !*open)
                    >
                        {move || match active() {
                            0 => Msg::Filters.text(lang).to_owned(),
                            n => format!("{} ({n})", Msg::Filters.text(lang)),
                        }}
                    </button>
                    <div
                        id="news-filters"
                        class="filters__panel"
                        aria-busy=move || counting.get().to_string()
                        // Counts on their way show busy here, and keep no first page hidden
                        // (`document::app_page_waiting`): the cards come first.
                        data-shown-busy=""
                        class:filters__panel--open=move || panel_open.get()
                    >
                        {Facet::ALL
                            .into_iter()
                            .map(|facet| {
                                let (bundle, apply) = (bundle.clone(), apply.clone());
                                view! {
                                    <InTurn folded>
                                        {facet_fieldset(&bundle.bundle, facet, filter, results, counts_hidden, apply.clone(), lang)}
                                    </InTurn>
                                }
                            })
                            .collect_view()}
                        <InTurn folded>
                            {dates_fieldset(filter, apply_dates.clone(), lang)}
                            {sort_select(filter, apply_dates.clone(), lang)}
                            <button
                                type="button"
                                class="button button--secondary filters__clear"
                                disabled=move || active() == 0
                                on:click={
                                    let apply = apply_dates.clone();
                                    move |_| apply.push(&filter.get_untracked().cleared())
                                }
                            >
                                {Msg::ClearAll.text(lang)}
                            </button>
                        </InTurn>
                    </div>
                </div>
                <InTurn>
                    {results_section(bundle_results.clone(), catalog.clone(), fetched, filter, results, query, shown, typing, apply_results.clone(), lang)}
                </InTurn>
            </div>
            <InTurn>{feed_links(filter, lang)}</InTurn>
            {keep_archive}
        </div>
    }
}

/// Links to the feeds that carry this view's news, when one does (`NewsFilter::feed`), on
/// the page and in the head. `rel="external"`: a feed is a file beside the app, not one of
/// its routes.
fn feed_links(filter: Memo<NewsFilter>, lang: Lang) -> impl IntoView {
    effect(move || {
        let feed = filter.with(|filter| filter.feed(lang));
        document::set_view_feed(feed.map(|stem| format!("{stem}.xml")).as_deref());
    });
    on_cleanup(|| document::set_view_feed(None));
    move || {
        filter.with(|filter| filter.feed(lang)).map(|stem| {
            view! {
                <p class="news-page__feeds">
                    {Msg::FollowFeed.text(lang)}
                    " "
                    <a href=format!("{stem}.xml") rel="external" type="application/rss+xml">"RSS"</a>
                    " · "
                    <a href=format!("{stem}.json") rel="external" type="application/feed+json">"JSON Feed"</a>
                </p>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::PANEL_FOLDS;

    #[test]
    fn the_panel_is_folded_on_the_screens_the_style_sheet_folds_it() {
        let css = include_str!("../../style/search.css");
        let block = css
            .split(&format!("@media {PANEL_FOLDS} {{"))
            .nth(1)
            .and_then(|rest| rest.split("\n}").next())
            .unwrap_or_else(|| panic!("style/search.css has no @media {PANEL_FOLDS}"));
        assert!(
            block.contains(".filters__panel:not(.filters__panel--open)"),
            "style/search.css folds the panel elsewhere than on {PANEL_FOLDS}"
        );
    }
}
