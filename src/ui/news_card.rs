//! One news item in a list: headline linked to the article, date, place and summary.

use super::highlight::highlighted;
use crate::domain::bundle::{Bundle, News};
use crate::domain::i18n::{Lang, Msg};
use crate::domain::names;
use crate::domain::search::Query;
use crate::state::mode;
use leptos::prelude::*;

/// The level of a card's heading, which depends on the page around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HeadingLevel {
    /// Cards directly under the page's `h1`.
    #[default]
    H2,
    /// Cards inside a section with its own `h2`.
    H3,
}

/// A news card.
#[component]
pub fn NewsCard(
    item: News,
    /// Where it happened, from [`place_name`].
    place: String,
    lang: Lang,
    #[prop(optional)] heading: HeadingLevel,
    /// A search whose matches are marked in the title and summary.
    #[prop(optional)]
    query: Query,
) -> impl IntoView {
    // A plain link (`mode::href`): a list re-renders its cards at every keystroke of a search.
    let href = mode::href(&format!("/news/{}", item.id));
    let title = highlighted(item.title.get(lang), &query);
    let title_lang = item.title.lang_of(lang).as_str();
    // The link is an inline block, so its text is painted as its own: the paint mark is here.
    // (`elementtiming` is no attribute of `<a>` to the view macro: it is added by name.)
    let link = view! { <a href=href class="news-card__link">{title}</a> }
        .attr("elementtiming", names::CARD_PAINT_MARK);
    let heading = match heading {
        HeadingLevel::H2 => {
            view! { <h2 class="news-card__title" lang=title_lang>{link}</h2> }.into_any()
        }
        HeadingLevel::H3 => {
            view! { <h3 class="news-card__title" lang=title_lang>{link}</h3> }.into_any()
        }
    };
    let date = item.published.bangkok_date();
    let summary = item.summary.as_ref().map(|summary| {
        let text = highlighted(summary.get(lang), &query);
        view! { <p class="news-card__summary" lang=summary.lang_of(lang).as_str()>{text}</p> }
    });
    let sample = item
        .sample
        .then(|| view! { <span class="badge badge--sample">{Msg::Sample.text(lang)}</span> });
    view! {
        <article class="news-card" data-testid="news-card">
            {heading}
            <p class="news-card__meta">
                <time datetime=date.to_string()>{date.display(lang)}</time>
                <span class="news-card__place">{place}</span>
                {sample}
            </p>
            {summary}
        </article>
    }
}

/// "เขตบางกอกน้อย", "Bangkok Noi", or city-wide when the item names no district.
pub fn place_name(bundle: &Bundle, item: &News, lang: Lang) -> String {
    match item
        .district
        .as_deref()
        .and_then(|code| bundle.district(code))
    {
        Some(district) => match lang {
            Lang::Th => format!("{}{}", Msg::District.text(lang), district.name.get(lang)),
            Lang::En => district.name.get(lang).to_owned(),
        },
        None => match item.group.as_deref().and_then(|id| bundle.group(id)) {
            Some(group) => group.name.get(lang).to_owned(),
            None => Msg::CityWide.text(lang).to_owned(),
        },
    }
}
