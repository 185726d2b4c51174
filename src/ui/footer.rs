//! The band at the foot of every page: how fresh the data is, and what was left out of it.

use super::link::Link;
use crate::domain::i18n::{items_left_out, Msg};
use crate::domain::mode::Mode;
use crate::state::bundle::{use_bundle, BundleState};
use crate::state::lang::use_lang;
use crate::state::mode::ModeContext;
use leptos::prelude::*;

/// The site footer.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let state = use_bundle();
    let lang = use_lang();
    let freshness = move || {
        let lang = lang.get();
        let BundleState::Ready(loaded, _) = state.get() else {
            return None;
        };
        let date = loaded.bundle.generated_at.bangkok_date();
        let as_of = view! {
            <p class="site-footer__as-of">
                {Msg::DataAsOf.text(lang)} " "
                <time datetime=date.to_string()>{date.display(lang)}</time>
            </p>
        };
        let left_out = (loaded.dropped > 0).then(|| {
            view! { <p class="site-footer__warning" role="status">{items_left_out(loaded.dropped, lang)}</p> }
        });
        Some(view! { {as_of} {left_out} })
    };
    // For city web teams; a kiosk has no use for it.
    let embed = (ModeContext::get().mode() == Mode::Default).then(|| {
        view! { <p><Link href="/embed">{move || Msg::NavEmbed.text(lang.get())}</Link></p> }
    });
    view! {
        <footer class="site-footer">
            <div class="site-footer__inner">
                {freshness}
                <p>{move || Msg::Footer.text(lang.get())}</p>
                {embed}
            </div>
        </footer>
    }
}
