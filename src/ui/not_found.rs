//! The page for an address the app does not have.

use super::gate::set_page_title;
use super::link::Link;
use crate::domain::i18n::{Lang, Msg};
use crate::state::lang::use_lang;
use crate::state::mode;
use leptos::prelude::*;

/// The not-found page.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let lang = use_lang();
    move || {
        missing(
            Msg::PageNotFound,
            Some(Msg::PageNotFoundHelp),
            ("/", Msg::GoHome),
            lang.get(),
        )
    }
}

/// A page for something that is not there: its title, an explanation, and a way back.
/// Also sets the document title.
pub fn missing(title: Msg, help: Option<Msg>, back: (&'static str, Msg), lang: Lang) -> AnyView {
    let help = help.map(|help| view! { <p>{help.text(lang)}</p> });
    in_place_of(title, help.into_any(), back, lang)
}

/// A page for something that is there but could not be read: its title, what went wrong
/// (announced), and a way back. Also sets the document title.
pub fn unreadable(title: Msg, problem: String, back: (&'static str, Msg), lang: Lang) -> AnyView {
    let problem = view! { <p class="notice notice--error" role="alert">{problem}</p> };
    in_place_of(title, problem.into_any(), back, lang)
}

fn in_place_of(title: Msg, said: AnyView, back: (&'static str, Msg), lang: Lang) -> AnyView {
    set_page_title(title.text(lang), lang);
    let (href, label) = back;
    view! {
        <div class="not-found">
            <h1>{title.text(lang)}</h1>
            {said}
            <p><Link href=mode::link(href)>{label.text(lang)}</Link></p>
        </div>
    }
    .into_any()
}
