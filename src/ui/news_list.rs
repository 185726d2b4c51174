//! The news list, newest first.

use super::gate::{set_page_title, with_bundle};
use super::news_card::{place_name, NewsCard};
use crate::domain::i18n::{news_unit, Msg};
use leptos::prelude::*;

/// The news page.
#[component]
pub fn NewsListPage() -> impl IntoView {
    with_bundle(|loaded, lang| {
        set_page_title(Msg::NewsTitle.text(lang), lang);
        let bundle = &loaded.bundle;
        let news = bundle.news_newest_first();
        let count = news.len();
        let cards = news
            .into_iter()
            .map(|item| {
                let place = place_name(bundle, item, lang);
                view! { <NewsCard item=item.clone() place lang /> }
            })
            .collect_view();
        view! {
            <div class="news-page">
                <h1>{Msg::NewsTitle.text(lang)}</h1>
                <p class="news-page__count">
                    <span data-testid="result-count">{count}</span>
                    " " {news_unit(count, lang)} " · " {Msg::NewsIntro.text(lang)}
                </p>
                <div class="news-list">{cards}</div>
            </div>
        }
    })
}
