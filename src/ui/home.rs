//! The home page: the latest news and the plan at a glance.

use super::gate::{set_page_title, with_news_index};
use super::latest_news::LatestNews;
use super::link::Link;
use crate::domain::filter::NewsFilter;
use crate::domain::i18n::{plan_period, Msg};
use crate::state::mode::link;
use leptos::prelude::*;

/// How many news items the home page shows.
const LATEST: usize = 6;

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    with_news_index(|loaded, catalog, lang| {
        set_page_title("", lang);
        let bundle = &loaded.bundle;
        let latest = view! {
            <LatestNews
                loaded=loaded.clone()
                catalog=catalog.clone()
                filter=NewsFilter::default()
                count=LATEST
                none=Msg::NoResults
                lang
            />
        };
        let plan = &bundle.plan;
        let themes = plan
            .themes
            .iter()
            .map(|theme| {
                let name = theme.name.get(lang).to_owned();
                view! {
                    <li class="theme-list__item">
                        <Link href=link(&format!("/plan/{}", theme.id)) attr:class="tag">
                            {name}
                        </Link>
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="home">
                <section class="hero">
                    <h1 class="hero__title">{Msg::AppName.text(lang)}</h1>
                    <p class="hero__lead">{Msg::HomeIntro.text(lang)}</p>
                </section>
                <section class="home__section" aria-labelledby="latest-news">
                    <h2 id="latest-news">{Msg::LatestNews.text(lang)}</h2>
                    <div class="news-grid">{latest}</div>
                    <p><Link href=link("/news") attr:class="button">{Msg::AllNews.text(lang)}</Link></p>
                </section>
                <section class="home__section home__invite" aria-labelledby="share-story">
                    <h2 id="share-story">{Msg::ShareAStory.text(lang)}</h2>
                    <p>{Msg::ShareInvitation.text(lang)}</p>
                    <p><Link href=link("/stories/new") attr:class="button">{Msg::ShareAStory.text(lang)}</Link></p>
                </section>
                <section class="home__section" aria-labelledby="plan-glance">
                    <h2 id="plan-glance">{Msg::PlanAtAGlance.text(lang)}</h2>
                    <p class="home__plan-title">
                        {plan.title.get(lang).to_owned()} " · "
                        {plan_period(plan.period.from_be, plan.period.to_be, lang)}
                    </p>
                    <ul class="theme-list">{themes}</ul>
                    <p><Link href=link("/plan") attr:class="button button--secondary">{Msg::ReadThePlan.text(lang)}</Link></p>
                </section>
            </div>
        }
    })
}
