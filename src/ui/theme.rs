//! One theme of the plan: its priority topics, their guidelines, and the news under it.

use super::gate::{set_page_title, with_news_index};
use super::latest_news::LatestNews;
use super::link::Link;
use super::not_found::missing;
use crate::domain::bundle::{Owner, Theme};
use crate::domain::filter::NewsFilter;
use crate::domain::i18n::{channel_name, Lang, Msg, PlanMsg};
use crate::domain::route::Page;
use crate::domain::validate::Loaded;
use crate::state::bundle::Catalog;
use crate::state::mode::link;
use crate::state::route::RouteContext;
use leptos::prelude::*;
use std::sync::Arc;

/// The theme page, `/plan/{theme-id}`.
#[component]
pub fn ThemePage() -> impl IntoView {
    let id = RouteContext::get().param(Page::Theme);
    with_news_index(move |loaded, catalog, lang| {
        let id = id.get();
        match loaded.bundle.theme(&id) {
            Some(theme) => {
                set_page_title(theme.name.get(lang), lang);
                theme_view(loaded, catalog, theme, lang).into_any()
            }
            None => missing(Msg::ThemeNotFound, None, ("/plan", Msg::BackToPlan), lang),
        }
    })
}

/// How many of a theme's news its page shows; the rest are a link away, on `/news`.
const RELATED: usize = 24;

fn theme_view(loaded: &Arc<Loaded>, catalog: &Catalog, theme: &Theme, lang: Lang) -> impl IntoView {
    let bundle = &loaded.bundle;
    let policies = theme
        .policies
        .iter()
        .filter_map(|id| bundle.policy(id))
        .map(|policy| view! { <li class="tag tag--policy">{policy.name.get(lang).to_owned()}</li> })
        .collect_view();
    let topics = theme
        .priority_topics
        .iter()
        .map(|topic| {
            let guidelines = topic
                .guidelines
                .iter()
                .map(|guideline| {
                    let channels = guideline
                        .channels
                        .iter()
                        .map(|channel| channel_name(channel, lang))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let owner = match guideline.owner {
                        Owner::Central => PlanMsg::OwnerCentral,
                        Owner::District => PlanMsg::OwnerDistrict,
                    };
                    view! {
                        <li class="guideline">
                            <p class="guideline__text">{guideline.text.get(lang).to_owned()}</p>
                            <p class="guideline__meta">
                                <span>{PlanMsg::Channels.text(lang)} ": " {channels}</span>
                                <span>{PlanMsg::ResponsibleOffice.text(lang)} ": " {owner.text(lang)}</span>
                            </p>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="topic">
                    <h3 class="topic__title">{topic.title.get(lang).to_owned()}</h3>
                    <h4 class="topic__label">{PlanMsg::Guidelines.text(lang)}</h4>
                    <ul class="guideline-list">{guidelines}</ul>
                </section>
            }
        })
        .collect_view();
    let mut filter = NewsFilter::default();
    filter.themes.insert(theme.id.clone());
    let related = view! {
        <LatestNews
            loaded=loaded.clone()
            catalog=catalog.clone()
            filter
            count=RELATED
            none=Msg::NoRelatedNews
            lang
        />
    };
    view! {
        <div class="theme">
            <p class="back-link"><Link href=link("/plan")>{Msg::BackToPlan.text(lang)}</Link></p>
            <h1>{theme.name.get(lang).to_owned()}</h1>
            <p class="theme__summary">{theme.summary.get(lang).to_owned()}</p>
            <ul class="tag-list" aria-label=Msg::Policies.text(lang)>{policies}</ul>
            <section aria-labelledby="topics">
                <h2 id="topics">{PlanMsg::PriorityTopics.text(lang)}</h2>
                {topics}
            </section>
            <section aria-labelledby="related">
                <h2 id="related">{PlanMsg::RelatedNews.text(lang)}</h2>
                <div class="news-grid">{related}</div>
            </section>
        </div>
    }
}
