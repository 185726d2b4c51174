//! Handing an address to the citizen's own phone: a button that opens a dialog with the
//! address as a QR code. A kiosk uses it instead of leaving the app.
//!
//! The code is drawn by a module of its own (`ui::on_demand`), which a kiosk fetches as it
//! starts; should it not have come, the dialog says so and the address is there to type.

use super::on_demand::{NotFetched, QrCodes};
use crate::browser::document;
use crate::domain::i18n::{Lang, Msg};
use crate::domain::mode::for_own_device;
use crate::domain::qr::QrDrawing;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The code drawn for the address on show: `None` while its module is on its way, then the
/// drawing (`None` for an address too long for any QR code) or why there is none.
type Drawn = Option<Result<Option<QrDrawing>, NotFetched>>;

/// A button showing a QR code of `url`, or of the current page when `url` is `None`.
#[component]
pub fn HandOff(url: Option<String>, label: Msg, lang: Lang) -> impl IntoView {
    let codes = use_context::<QrCodes>();
    let dialog = NodeRef::<html::Dialog>::new();
    let shown = RwSignal::new(None::<String>);
    let drawn = RwSignal::new(Drawn::None);
    let open = move |_| {
        let address = for_own_device(&url.clone().unwrap_or_else(document::current_href));
        shown.set(Some(address.clone()));
        drawn.set(None);
        if let Some(dialog) = dialog.get_untracked() {
            let _ = dialog.show_modal();
        }
        spawn_local(async move {
            let drawing = match codes {
                Some(QrCodes(draw)) => draw(address.clone()).await,
                None => Err(NotFetched::default()),
            };
            // Opened again for another address meanwhile: that one draws its own.
            if shown.try_get_untracked().flatten().as_deref() == Some(address.as_str()) {
                drawn.try_set(Some(drawing));
            }
        });
    };
    let close = move |_| {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
    };
    let code = move || {
        let address = shown.get()?;
        let figure = match drawn.get() {
            None => view! {
                <p class="hand-off__code hand-off__code--waiting" role="status">{Msg::Loading.text(lang)}</p>
            }
            .into_any(),
            Some(Ok(Some(drawing))) => {
                let view_box = format!("0 0 {0} {0}", drawing.side);
                let name = format!("{}: {address}", Msg::QrCodeFor.text(lang));
                view! {
                    <svg class="hand-off__code" viewBox=view_box role="img" aria-label=name shape-rendering="crispEdges">
                        <rect width="100%" height="100%" fill="#fff" />
                        <path d=drawing.path fill="#000" />
                    </svg>
                }
                .into_any()
            }
            Some(Ok(None)) => ().into_any(),
            Some(Err(NotFetched { .. })) => view! {
                <p class="hand-off__missing" role="status">{Msg::QrCodeNotLoaded.text(lang)}</p>
            }
            .into_any(),
        };
        Some(view! {
            {figure}
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
