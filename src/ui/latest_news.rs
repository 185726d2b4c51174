//! Cards of the newest news a filter finds, for pages that show a few (home, a theme):
//! at once from a bundle read whole, or once a dataset's files are here.

use super::news_card::{place_name, HeadingLevel, NewsCard};
use crate::domain::bundle::News;
use crate::domain::filter::NewsFilter;
use crate::domain::i18n::{Lang, Msg};
use crate::domain::load::LoadError;
use crate::domain::validate::Loaded;
use crate::state::bundle::Catalog;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// The newest `count` items `filter` finds, as cards; `none` is said when there are none.
#[component]
pub fn LatestNews(
    loaded: Arc<Loaded>,
    catalog: Catalog,
    filter: NewsFilter,
    count: usize,
    none: Msg,
    lang: Lang,
) -> impl IntoView {
    let now = catalog.results_now(&loaded, &filter).and_then(|results| {
        let items: Vec<usize> = results.items.iter().take(count).copied().collect();
        catalog.news_now(&loaded, &items)
    });
    let answer: RwSignal<Option<Result<Vec<News>, LoadError>>> = RwSignal::new(now.map(Ok));
    if answer.with_untracked(Option::is_none) {
        let (loaded, catalog) = (loaded.clone(), catalog.clone());
        spawn_local(async move {
            answer.set(Some(catalog.first(&loaded, &filter, count).await));
        });
    }
    move || match answer.get() {
        None => view! { <p class="loading" role="status">{Msg::Loading.text(lang)}</p> }.into_any(),
        Some(Err(problem)) => {
            view! { <p class="notice notice--error" role="alert">{problem.summary(lang)}</p> }
                .into_any()
        }
        Some(Ok(news)) if news.is_empty() => view! { <p>{none.text(lang)}</p> }.into_any(),
        Some(Ok(news)) => news
            .into_iter()
            .map(|item| {
                let place = place_name(&loaded.bundle, &item, lang);
                view! { <NewsCard item place lang heading=HeadingLevel::H3 /> }
            })
            .collect_view()
            .into_any(),
    }
}
