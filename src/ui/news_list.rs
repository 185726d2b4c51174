//! The news page: a search box, facets with counts, a date range, an order, and the
//! results in pages. The filter lives in the address bar: every change is written there,
//! so a view can be shared, reloaded, or undone with the back button.

use super::gate::{set_page_title, with_news_index};
use super::in_turn::InTurn;
use super::keep_archive::KeepArchive;
use super::news_card::{place_name, NewsCard};
use super::news_fetched::{Fetched, CARDS, COUNTS, RESULTS};
use super::news_filters::{dates_fieldset, facet_fieldset, sort_select, Apply};
use crate::browser::{clock, document};
use crate::domain::filter::{Facet, NewsFilter, NewsResults, Part};
use crate::domain::i18n::{news_unit, showing, Lang, Msg};
use crate::domain::search::Query;
use crate::domain::validate::Loaded;
use crate::state::bundle::Catalog;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use std::sync::Arc;

/// How many cards are added at a time, so that thousands of matches never become
/// thousands of cards.
const PAGE: usize = 20;

/// How many cards a screen shows at most (two on a phone, four on a wide screen): those
/// come first when a page's cards are in many files.
const SCREEN: usize = 4;

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
    let query_map = use_query_map();
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
        Effect::new(move |_| {
            let filter = filter.get();
            let (bundle, catalog) = (bundle.clone(), catalog.clone());
            fetched.forget(CARDS);
            fetched.forget(COUNTS);
            let (counted_bundle, counted_catalog, counted_filter) =
                (bundle.clone(), catalog.clone(), filter.clone());
            let (rest_bundle, rest_catalog) = (bundle.clone(), catalog.clone());
            fetched.ask(
                RESULTS,
                async move {
                    let (results, early) = match catalog.early_items(&filter).await? {
                        Some(early) => (
                            NewsResults {
                                items: early.items.into(),
                                counts: Default::default(),
                            },
                            Some(early.counts_soon),
                        ),
                        None => (catalog.results(&bundle, &filter).await?, None),
                    };
                    // Cards spread over many files: a screenful first, from the few files
                    // it needs; the page's other cards follow.
                    let page: Vec<usize> = results.items.iter().take(PAGE).copied().collect();
                    let first = &page[..catalog.drawn_first(&page, SCREEN)];
                    let news = catalog.news(&bundle, first).await?;
                    Ok((results, news, page, early, Query::parse(&filter.q)))
                },
                move |(mut results, news, page, early, listed_for)| {
                    let complete = news.len() >= page.len();
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
                    let count = move || {
                        if early.is_none() {
                            return;
                        }
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
    Effect::new(move |_| {
        filter.track();
        if shown.get_untracked() != PAGE {
            shown.set(PAGE);
        }
    });
    let apply = Apply::new();
    let panel_open = RwSignal::new(false);

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
    // A key's answer is on screen and its address not written yet.
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
                        class:filters__panel--open=move || panel_open.get()
                    >
                        {Facet::ALL
                            .into_iter()
                            .map(|facet| {
                                let (bundle, apply) = (bundle.clone(), apply.clone());
                                view! {
                                    <InTurn>
                                        {facet_fieldset(&bundle.bundle, facet, filter, results, counts_hidden, apply.clone(), lang)}
                                    </InTurn>
                                }
                            })
                            .collect_view()}
                        <InTurn>
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
    Effect::new(move |_| {
        let feed = filter.with(NewsFilter::feed);
        document::set_view_feed(feed.map(|stem| format!("{stem}.xml")).as_deref());
    });
    on_cleanup(|| document::set_view_feed(None));
    move || {
        filter.with(NewsFilter::feed).map(|stem| {
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

#[allow(clippy::too_many_arguments)] // the page's signals, handed down once
fn results_section(
    loaded: Arc<Loaded>,
    catalog: Catalog,
    fetched: Fetched,
    filter: Memo<NewsFilter>,
    results: Memo<NewsResults>,
    query: Memo<Query>,
    shown: RwSignal<usize>,
    typing: Signal<bool>,
    apply: Apply,
    lang: Lang,
) -> impl IntoView {
    // The items alone: the counts of a search arriving after its items change nothing here.
    // Shared, not copied, and compared by address first.
    let items = Memo::new(move |_| results.with(|r| r.items.clone()));
    let total = move || items.with(|i| i.len());
    // A typed key's own frame draws the cards a screen shows, and the rest of the page once
    // that frame is painted: rebuilding twenty cards was half of a key's own work on a slow
    // phone, for cards below the fold (tests/bench/README.md, "A screenful first"). Once
    // the list of `items` has been on screen for a frame, the whole page is drawn.
    let painted: RwSignal<Option<Arc<[usize]>>> = RwSignal::new(None);
    Effect::new(move |_| {
        let now = items.get();
        spawn_local(async move {
            clock::after_paint().await;
            if items.try_with_untracked(|items| Arc::ptr_eq(items, &now)) == Some(true) {
                painted.try_set(Some(now));
            }
        });
    });
    let drawn = move || {
        let on_screen = painted.with(|painted| {
            painted
                .as_ref()
                .is_some_and(|painted| items.with(|items| Arc::ptr_eq(painted, items)))
        });
        match typing.get() && !on_screen {
            true => SCREEN.min(shown.get()),
            false => shown.get(),
        }
    };
    // A dataset fetches more cards when more are asked for; a bundle has them all.
    if let Catalog::Dataset(_) = &catalog {
        let (for_cards, catalog_for_cards) = (loaded.clone(), catalog.clone());
        // The cards this last asked for: a file that cannot be read is asked for again when
        // more cards are wanted, not in a loop.
        let asked = StoredValue::new(Vec::new());
        Effect::new(move |_| {
            // Cards already asked for (the rest of a first page, say): this looks again
            // once they are here.
            if fetched.waiting[CARDS].get() {
                return;
            }
            let items: Vec<usize> = items.with(|i| i.iter().take(shown.get()).copied().collect());
            if items.len() <= fetched.news.with_untracked(Vec::len)
                || (fetched.failed(CARDS) && asked.with_value(|asked| *asked == items))
            {
                return;
            }
            asked.set_value(items.clone());
            let (loaded, catalog) = (for_cards.clone(), catalog_for_cards.clone());
            fetched.ask(
                CARDS,
                async move { catalog.news(&loaded, &items).await },
                move |news| fetched.news.set(news),
            );
        });
        let (loaded, catalog) = (loaded.clone(), catalog.clone());
        Effect::new(move |_| {
            if total() != 0 {
                return;
            }
            let filter = filter.get();
            let (loaded, catalog) = (loaded.clone(), catalog.clone());
            spawn_local(async move {
                fetched
                    .offers
                    .set(catalog.relaxations(&loaded, &filter).await);
            });
        });
    }
    // The cards to draw, and the search they mark: compared, so that the rest of a page
    // arriving while only a screenful is drawn rebuilds nothing.
    let page = {
        let (loaded, catalog) = (loaded.clone(), catalog.clone());
        let dataset = matches!(catalog, Catalog::Dataset(_));
        Memo::new(move |_| {
            let query = match dataset {
                true => fetched.listed_for.get(),
                false => query.get(),
            };
            let drawn = drawn();
            let news = items
                .with(|i| {
                    let first: Vec<usize> = i.iter().take(drawn).copied().collect();
                    catalog.news_now(&loaded, &first)
                })
                .unwrap_or_else(|| fetched.news.get());
            (news.into_iter().take(drawn).collect::<Vec<_>>(), query)
        })
    };
    let cards = {
        let loaded = loaded.clone();
        move || {
            page.with(|(news, query)| {
                news.iter()
                    .map(|item| {
                        let place = place_name(&loaded.bundle, item, lang);
                        view! { <NewsCard item=item.clone() place lang query=query.clone() /> }
                    })
                    .collect_view()
            })
        }
    };
    let problem = move || {
        fetched.problem().map(|problem| {
            view! {
                <p class="notice notice--error" role="alert">{problem.summary(lang)}</p>
            }
        })
    };
    // A dataset's first answer is not here yet: that is not "nothing found".
    let answered = {
        let whole = matches!(catalog, Catalog::Whole(_));
        move || whole || fetched.results.with(Option::is_some)
    };
    let empty = move || {
        (total() == 0 && answered()).then(|| {
            let filter = filter.get();
            let offers = catalog
                .relaxations_now(&loaded, &filter)
                .unwrap_or_else(|| fetched.offers.get())
                .into_iter()
                .map(|(part, count)| {
                    let apply = apply.clone();
                    let next = filter.without(part);
                    view! {
                        <li>
                            <button type="button" class="button button--secondary" on:click=move |_| apply.push(&next)>
                                {format!("{} ({count} {})", remove_label(part, lang), news_unit(count, lang))}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="empty-result">
                    <p class="empty-result__title">{Msg::NoResults.text(lang)}</p>
                    <p>{Msg::NoResultsHelp.text(lang)}</p>
                    <ul class="empty-result__offers">{offers}</ul>
                </div>
            }
        })
    };
    let more = move || {
        let (shown_now, total) = (shown.get(), total());
        (shown_now < total).then(|| {
            view! {
                <div class="more">
                    <p class="more__status">{showing(shown_now, total, lang)}</p>
                    <button type="button" class="button" on:click=move |_| shown.update(|n| *n += PAGE)>
                        {Msg::ShowMore.text(lang)}
                    </button>
                </div>
            }
        })
    };
    view! {
        <section
            class="results"
            aria-labelledby="results-count"
            aria-busy=move || (fetched.waiting[RESULTS].get() || fetched.waiting[CARDS].get()).to_string()
        >
            <p class="results__count" id="results-count" role="status">
                <span data-testid="result-count">{total}</span>
                " "
                {move || news_unit(total(), lang)}
            </p>
            {problem}
            {empty}
            <div class="news-list">{cards}</div>
            {more}
        </section>
    }
}

fn remove_label(part: Part, lang: Lang) -> String {
    match (part, lang) {
        (Part::Search, Lang::Th) => "เอาคำค้นออก".to_owned(),
        (Part::Search, Lang::En) => "Remove the search".to_owned(),
        (Part::Dates, Lang::Th) => "เอาช่วงวันที่ออก".to_owned(),
        (Part::Dates, Lang::En) => "Remove the date range".to_owned(),
        (Part::Facet(facet), Lang::Th) => format!("เอาตัวกรอง{}ออก", facet.label(lang)),
        (Part::Facet(facet), Lang::En) => {
            format!("Remove the {} filter", facet.label(lang).to_lowercase())
        }
    }
}
