//! One news article, with its album and a link to the original.

use super::gate::{set_page_title, with_news_index};
use super::link::Link;
use super::news_card::place_name;
use super::not_found::{missing, unreadable};
use super::share::{ExternalLink, ShareButtons};
use crate::domain::bundle::{paragraphs, Bundle, News};
use crate::domain::i18n::{views, Lang, Msg};
use crate::domain::load::LoadError;
use crate::domain::names;
use crate::domain::route::Page;
use crate::state::bundle::Catalog;
use crate::state::mode::link;
use crate::state::route::RouteContext;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The article page, `/news/{id}`.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let id = RouteContext::get().param(Page::Article);
    with_news_index(move |loaded, catalog, lang| {
        let id = id.get();
        if let Catalog::Dataset(_) = catalog {
            return fetched_article(loaded.clone(), catalog.clone(), id, lang).into_any();
        }
        match loaded.bundle.news_item(&id) {
            Some(item) => {
                set_page_title(item.title.get(lang), lang);
                article(&loaded.bundle, item, lang).into_any()
            }
            None => not_found(lang),
        }
    })
}

fn not_found(lang: Lang) -> AnyView {
    missing(
        Msg::NewsNotFound,
        Some(Msg::NewsNotFoundHelp),
        ("/news", Msg::BackToNews),
        lang,
    )
}

/// The article from a dataset, once its files are here.
fn fetched_article(
    loaded: std::sync::Arc<crate::domain::validate::Loaded>,
    catalog: Catalog,
    id: String,
    lang: Lang,
) -> impl IntoView {
    let answer: RwSignal<Option<Result<Option<News>, LoadError>>> = RwSignal::new(None);
    {
        let loaded = loaded.clone();
        spawn_local(async move {
            answer.set(Some(catalog.article(&loaded, &id).await));
        });
    }
    move || match answer.get() {
        None => view! { <p class="loading" role="status">{Msg::Loading.text(lang)}</p> }.into_any(),
        Some(Err(problem)) => unreadable(
            Msg::NewsUnavailable,
            problem.summary(lang),
            ("/news", Msg::BackToNews),
            lang,
        ),
        Some(Ok(None)) => not_found(lang),
        Some(Ok(Some(item))) => {
            set_page_title(item.title.get(lang), lang);
            article(&loaded.bundle, &item, lang).into_any()
        }
    }
}

fn article(bundle: &Bundle, item: &News, lang: Lang) -> impl IntoView {
    let date = item.published.bangkok_date();
    let body_lang = item.body.lang_of(lang).as_str();
    let body = paragraphs(item.body.get(lang))
        .into_iter()
        .map(|paragraph| view! { <p>{paragraph}</p> })
        .collect_view();
    let group = item.group.as_deref().and_then(|id| bundle.group(id));
    let meta_row = |label: Msg, value: String| {
        view! {
            <div class="article__meta-row">
                <dt>{label.text(lang)}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    let author = item
        .author
        .clone()
        .map(|author| meta_row(Msg::PublishedBy, author));
    let credit = item
        .credit
        .clone()
        .map(|credit| meta_row(Msg::Credit, credit));
    let group_row =
        group.map(|group| meta_row(Msg::DistrictGroup, group.name.get(lang).to_owned()));
    let count = item
        .views
        .map(|count| view! { <p class="article__views">{views(count, lang)}</p> });
    let sample = item.sample.then(|| {
        view! { <p class="notice notice--sample"><span class="badge badge--sample">{Msg::Sample.text(lang)}</span> " " {Msg::SampleNotice.text(lang)}</p> }
    });
    let themes = item
        .themes
        .iter()
        .filter_map(|id| bundle.theme(id))
        .map(|theme| {
            let name = theme.name.get(lang).to_owned();
            view! { <li><Link href=link(&format!("/plan/{}", theme.id)) attr:class="tag">{name}</Link></li> }
        })
        .collect_view();
    let policies = item
        .policies
        .iter()
        .filter_map(|id| bundle.policy(id))
        .map(|policy| view! { <li class="tag tag--policy">{policy.name.get(lang).to_owned()}</li> })
        .collect_view();
    let album = (!item.images.is_empty()).then(|| {
        let photos = item
            .images
            .iter()
            .map(|image| {
                let alt = image.alt.get(lang).to_owned();
                view! {
                    <li class="album__item">
                        <figure class="album__figure">
                            <img class="album__image" src=image.src.clone() alt=alt.clone() loading="lazy" decoding="async" />
                            <figcaption lang=image.alt.lang_of(lang).as_str()>{alt}</figcaption>
                        </figure>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="album" aria-labelledby="album-title">
                <h2 id="album-title">{Msg::Album.text(lang)}</h2>
                <ul class="album__list">{photos}</ul>
            </section>
        }
    });
    let source = item.source_url.clone().map(|url| {
        view! { <p class="article__source"><ExternalLink href=url label=Msg::ReadTheOriginal lang /></p> }
    });
    // (`elementtiming` is no attribute of `<h1>` to the view macro: it is added by name.)
    let title = view! {
        <h1 class="article__title" lang=item.title.lang_of(lang).as_str()>{item.title.get(lang).to_owned()}</h1>
    }
    .attr("elementtiming", names::ARTICLE_PAINT_MARK);
    view! {
        <article class="article">
            <p class="back-link"><Link href=link("/news")>{Msg::BackToNews.text(lang)}</Link></p>
            {title}
            {sample}
            <dl class="article__meta">
                <div class="article__meta-row">
                    <dt>{Msg::PublishedOn.text(lang)}</dt>
                    <dd><time datetime=date.to_string()>{date.display(lang)}</time></dd>
                </div>
                {meta_row(Msg::District, place_name(bundle, item, lang))}
                {group_row}
                {author}
                {credit}
            </dl>
            {count}
            <div class="article__body" lang=body_lang>{body}</div>
            {album}
            <ul class="tag-list" aria-label=Msg::Themes.text(lang)>{themes}</ul>
            <ul class="tag-list" aria-label=Msg::Policies.text(lang)>{policies}</ul>
            {source}
            <ShareButtons path=format!("/news/{}", item.id) title=item.title.get(lang).to_owned() lang />
        </article>
    }
}
