//! Handing an address to the citizen's own phone: a button that opens a dialog with the
//! address as a QR code. A kiosk uses it instead of leaving the app.

use crate::browser::document;
use crate::domain::i18n::{Lang, Msg};
use crate::domain::mode::for_own_device;
use crate::domain::qr;
use leptos::html;
use leptos::prelude::*;

/// A button showing a QR code of `url`, or of the current page when `url` is `None`.
#[component]
pub fn HandOff(url: Option<String>, label: Msg, lang: Lang) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let shown = RwSignal::new(None::<String>);
    let open = move |_| {
        let address = url.clone().unwrap_or_else(document::current_href);
        shown.set(Some(for_own_device(&address)));
        if let Some(dialog) = dialog.get_untracked() {
            let _ = dialog.show_modal();
        }
    };
    let close = move |_| {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
    };
    let code = move || {
        let address = shown.get()?;
        let drawing = qr::draw(&address)?;
        let view_box = format!("0 0 {0} {0}", drawing.side);
        let name = format!("{}: {address}", Msg::QrCodeFor.text(lang));
        Some(view! {
            <svg class="hand-off__code" viewBox=view_box role="img" aria-label=name shape-rendering="crispEdges">
                <rect width="100%" height="100%" fill="#fff" />
                <path d=drawing.path fill="#000" />
            </svg>
            <p class="hand-off__address">{address}</p>
        })
    };
    view! {
        <button type="button" class="button button--secondary hand-off__open" on:click=open>
            <span class="hand-off__icon" aria-hidden="true">"▦"</span>
            {label.text(lang)}
        </button>
        <dialog class="hand-off" node_ref=dialog aria-label=Msg::ContinueOnPhone.text(lang)>
            <h2 class="hand-off__title">{Msg::ContinueOnPhone.text(lang)}</h2>
            <p>{Msg::ScanWithPhone.text(lang)}</p>
            {code}
            <button type="button" class="button" autofocus on:click=close>{Msg::Close.text(lang)}</button>
        </dialog>
    }
}
