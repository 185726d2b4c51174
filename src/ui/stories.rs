//! `/stories`: citizens' stories the city has published, and the way to share one.

use super::gate::{set_page_title, with_bundle};
use super::link::Link;
use super::share::ShareButtons;
use crate::domain::i18n::{Msg, StoriesMsg};
use crate::domain::order::{self, Key};
use crate::state::mode::link;
use leptos::prelude::*;

/// The published stories.
#[component]
pub fn StoriesPage() -> impl IntoView {
    with_bundle(|loaded, lang| {
        set_page_title(Msg::NavStories.text(lang), lang);
        let bundle = &loaded.bundle;
        let mut stories: Vec<_> = bundle.stories.iter().collect();
        order::by_key(&mut stories, |story| {
            Key::of(&order::newest_first(story.published))
        });
        let cards = stories
            .into_iter()
            .map(|story| {
                let district = bundle
                    .district(&story.district)
                    .map(|d| d.name.get(lang).to_owned())
                    .unwrap_or_default();
                let sample = story
                    .sample
                    .then(|| view! { <span class="badge badge--sample">{Msg::Sample.text(lang)}</span> });
                let author = story.author.clone().map(|author| {
                    view! { <p class="story-card__author">{StoriesMsg::WrittenBy.text(lang)} " " {author}</p> }
                });
                view! {
                    <article class="story-card" id=format!("story-{}", story.id) data-testid="story-card">
                        <h2 class="story-card__title">{story.title.clone()}</h2>
                        <p class="story-card__meta">
                            {sample} {district} " · " {story.published.bangkok_date().display(lang)}
                        </p>
                        <p class="story-card__text">{story.text.clone()}</p>
                        {author}
                        <ShareButtons path=format!("/stories#story-{}", story.id) title=story.title.clone() lang />
                    </article>
                }
            })
            .collect_view();
        let empty = bundle
            .stories
            .is_empty()
            .then(|| view! { <p>{StoriesMsg::NoStoriesYet.text(lang)}</p> });
        view! {
            <div class="stories-page">
                <h1>{StoriesMsg::StoriesTitle.text(lang)}</h1>
                <p class="lead">{StoriesMsg::StoriesIntro.text(lang)}</p>
                <p class="button-row">
                    <Link href=link("/stories/new") attr:class="button">{Msg::ShareAStory.text(lang)}</Link>
                    <Link href=link("/stories/mine") attr:class="button button--secondary">{Msg::MyStories.text(lang)}</Link>
                </p>
                {empty}
                <div class="story-grid">{cards}</div>
            </div>
        }
    })
}
