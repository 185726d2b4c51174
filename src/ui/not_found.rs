//! The page for an address the app does not have.

use super::gate::set_page_title;
use crate::domain::i18n::Msg;
use crate::state::lang::use_lang;
use leptos::prelude::*;
use leptos_router::components::A;

/// The not-found page.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let lang = use_lang();
    move || {
        let lang = lang.get();
        set_page_title(Msg::PageNotFound.text(lang), lang);
        view! {
            <div class="not-found">
                <h1>{Msg::PageNotFound.text(lang)}</h1>
                <p>{Msg::PageNotFoundHelp.text(lang)}</p>
                <p><A href="/">{Msg::GoHome.text(lang)}</A></p>
            </div>
        }
    }
}
