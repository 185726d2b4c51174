//! Pages wait for the bundle: they say they are loading, show why it cannot be used, or
//! render from it.

use super::bundle_error::BundleError;
use crate::browser::document;
use crate::domain::i18n::{Lang, Msg};
use crate::domain::validate::Loaded;
use crate::state::bundle::{use_bundle, BundleState, Catalog};
use crate::state::lang::use_lang;
use leptos::prelude::*;
use std::sync::Arc;

/// Renders `page` from the bundle and the language once the bundle is here, and again
/// whenever either changes.
pub fn with_bundle<V: IntoView + 'static>(
    page: impl Fn(&Arc<Loaded>, Lang) -> V + Send + Sync + 'static,
) -> impl IntoView {
    with_news_index(move |loaded, _, lang| page(loaded, lang))
}

/// [`with_bundle`] for pages that also find news, in the bundle or its dataset.
pub fn with_news_index<V: IntoView + 'static>(
    page: impl Fn(&Arc<Loaded>, &Catalog, Lang) -> V + Send + Sync + 'static,
) -> impl IntoView {
    gate(Box::new(move |loaded, catalog, lang| {
        page(loaded, catalog, lang).into_any()
    }))
}

/// A page drawn from the bundle, as [`gate`] takes it.
type Page = Box<dyn Fn(&Arc<Loaded>, &Catalog, Lang) -> AnyView + Send + Sync>;

/// [`with_news_index`]'s work, built once for every page rather than once a page.
fn gate(page: Page) -> AnyView {
    let state = use_bundle();
    let lang = use_lang();
    (move || {
        let lang = lang.get();
        match state.get() {
            BundleState::Loading => view! {
                <p class="loading" role="status">{Msg::Loading.text(lang)}</p>
            }
            .into_any(),
            BundleState::Failed(error) => view! { <BundleError error /> }.into_any(),
            BundleState::Ready(loaded, catalog) => page(&loaded, &catalog, lang),
        }
    })
    .into_any()
}

/// Sets the document title to `page · app name`.
pub fn set_page_title(page: &str, lang: Lang) {
    let app = Msg::AppName.text(lang);
    if page.is_empty() {
        document::set_title(app);
    } else {
        document::set_title(&format!("{page} · {app}"));
    }
}
