//! Links out of the app, and sharing a page, as each mode needs them: a kiosk hands them to
//! the citizen's phone as a QR code, an embedded app opens them outside its frame, and a
//! phone uses its own share sheet when it has one.

use super::hand_off::HandOff;
use crate::browser::{document, share};
use crate::domain::filter::percent_encode;
use crate::domain::i18n::{Lang, Msg};
use crate::domain::mode::{for_own_device, Mode};
use crate::state::mode::ModeContext;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A link to another site: an ordinary link that opens in a new window, or on a kiosk, a
/// button that shows it as a QR code.
#[component]
pub fn ExternalLink(href: String, label: Msg, lang: Lang) -> impl IntoView {
    if ModeContext::get().mode() == Mode::Kiosk {
        return view! { <HandOff url=Some(href) label lang /> }.into_any();
    }
    view! {
        <a href=href rel="noopener noreferrer external" target="_blank">
            {label.text(lang)}
            <span class="visually-hidden">" " {Msg::OpensElsewhere.text(lang)}</span>
        </a>
    }
    .into_any()
}

/// Ways to share the app's page `path` (a route, with any query or fragment).
#[component]
pub fn ShareButtons(path: String, title: String, lang: Lang) -> impl IntoView {
    let address = for_own_device(&document::resolve_route(&path));
    if ModeContext::get().mode() == Mode::Kiosk {
        return view! {
            <div class="share">
                <HandOff url=Some(address) label=Msg::OpenOnPhone lang />
            </div>
        }
        .into_any();
    }
    if share::can_share() {
        let open_sheet = move |_| {
            let (title, address) = (title.clone(), address.clone());
            spawn_local(async move {
                share::share(&title, &address).await;
            });
        };
        return view! {
            <div class="share">
                <button type="button" class="button button--secondary" on:click=open_sheet>
                    {Msg::Share.text(lang)}
                </button>
            </div>
        }
        .into_any();
    }
    let encoded = percent_encode(&address);
    let line = format!("https://social-plugins.line.me/lineit/share?url={encoded}");
    let facebook = format!("https://www.facebook.com/sharer/sharer.php?u={encoded}");
    view! {
        <div class="share" role="group" aria-label=Msg::ShareThis.text(lang)>
            <a class="button button--secondary share__line" href=line target="_blank" rel="noopener noreferrer external">
                {Msg::ShareOnLine.text(lang)}
                <span class="visually-hidden">" " {Msg::OpensElsewhere.text(lang)}</span>
            </a>
            <a class="button button--secondary share__facebook" href=facebook target="_blank" rel="noopener noreferrer external">
                {Msg::ShareOnFacebook.text(lang)}
                <span class="visually-hidden">" " {Msg::OpensElsewhere.text(lang)}</span>
            </a>
            <CopyButton text=move || address.clone() label=Msg::CopyLink done=Msg::LinkCopied lang />
        </div>
    }
    .into_any()
}

/// A button that copies `text()` to the clipboard, and says `done` when it has, or how to
/// copy by hand when the browser would not.
#[component]
pub fn CopyButton<F>(text: F, label: Msg, done: Msg, lang: Lang) -> impl IntoView
where
    F: Fn() -> String + Send + Sync + 'static,
{
    let status = RwSignal::new(None::<Msg>);
    let copy = move |_| {
        let text = text();
        spawn_local(async move {
            let copied = share::copy(&text).await;
            status.try_set(Some(if copied { done } else { Msg::CopyFailed }));
        });
    };
    view! {
        <button type="button" class="button button--secondary" on:click=copy>{label.text(lang)}</button>
        <span class="copy-status" role="status">{move || status.get().map(|msg| msg.text(lang))}</span>
    }
}
