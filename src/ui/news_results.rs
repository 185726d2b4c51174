//! The news page's results: their count, a page of cards (a screenful first while a key
//! is typed), what to drop when nothing is found, and more cards when asked for.

use super::news_card::{place_name, NewsCard};
use super::news_fetched::{Fetched, CARDS, COUNTS, RESULTS};
use super::news_filters::Apply;
use super::news_list::{PAGE, SCREEN};
use crate::domain::filter::{NewsFilter, NewsResults, Part};
use crate::domain::i18n::{news_unit, showing, Lang, Msg};
use crate::domain::search::Query;
use crate::domain::validate::Loaded;
use crate::state::bundle::Catalog;
use crate::state::effect::effect;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// The results of `filter`: `shown` cards of them (fetched as needed from a dataset), or
/// the parts of the filter whose removal would find some.
#[allow(clippy::too_many_arguments)] // the page's signals, handed down once
pub(super) fn results_section(
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
    // While only the first pages of a list are here, the whole answer's count.
    let total = move || {
        items.with(|listed| {
            fetched.total.with(|total| match total {
                Some((first, total)) if Arc::ptr_eq(first, listed) => *total,
                _ => listed.len(),
            })
        })
    };
    // A typed key's own frame draws the cards a screen shows, and the rest of the page once
    // that frame is painted (when the key's address is written and `typing` ends):
    // rebuilding twenty cards was half of a key's own work on a slow phone, for cards below
    // the fold (tests/bench/README.md, "A screenful first").
    let drawn = move || match typing.get() {
        true => SCREEN.min(shown.get()),
        false => shown.get(),
    };
    // A dataset fetches more cards when more are asked for; a bundle has them all.
    if let Catalog::Dataset(_) = &catalog {
        let (for_cards, catalog_for_cards) = (loaded.clone(), catalog.clone());
        // The cards this last asked for: a file that cannot be read is asked for again when
        // more cards are wanted, not in a loop. The same for the rest of a list.
        let asked = StoredValue::new(Vec::new());
        let asked_rest = StoredValue::new(0);
        let (loaded_for_rest, catalog_for_rest) = (loaded.clone(), catalog.clone());
        effect(move || {
            // Cards already asked for (the rest of a first page, say): this looks again
            // once they are here.
            if fetched.waiting[CARDS].get() {
                return;
            }
            // More cards than the first pages listed (the most viewed, or the head of a
            // search by views, before every item's views are here): the rest of the list
            // first, unless the counts, which bring it, are on their way.
            let (listed, wanted) = (items.with(|i| i.len()), shown.get());
            if wanted > listed && total() > listed {
                let again = fetched.failed(RESULTS) && asked_rest.get_value() == wanted;
                let coming = fetched.waiting[RESULTS].get() || fetched.waiting[COUNTS].get();
                if !coming && !again {
                    asked_rest.set_value(wanted);
                    let (loaded, catalog) = (loaded_for_rest.clone(), catalog_for_rest.clone());
                    let filter = filter.get_untracked();
                    fetched.ask(
                        RESULTS,
                        async move { catalog.results(&loaded, &filter).await },
                        move |results| fetched.results.set(Some(results)),
                    );
                }
                if listed <= fetched.news.with_untracked(Vec::len) {
                    return;
                }
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
        effect(move || {
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
        // Not more than are listed, while the rest of the list is on its way.
        let listed = items.with(|i| i.len());
        let (shown_now, total) = (shown.get().min(listed), total());
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
