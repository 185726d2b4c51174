//! The notices under the header that concern the whole app: offline (with how fresh the
//! data on screen is), a new version waiting, and refreshed data that had to be refused.

use crate::domain::i18n::Msg;
use crate::state::bundle::{use_bundle, BundleContext, BundleState};
use crate::state::lang::use_lang;
use crate::state::route::RouteContext;
use crate::state::status::StatusContext;
use leptos::prelude::*;

/// The app-wide notices.
#[component]
pub fn StatusBanners() -> impl IntoView {
    let status = StatusContext::get();
    let bundle = BundleContext::get();
    let state = use_bundle();
    let lang = use_lang();
    let path = RouteContext::get().path();
    // Each move to another page (not the first render) may look for a new version.
    let _watch = Effect::watch(
        move || path.get(),
        move |_, _, _| status.check_for_update(),
        false,
    );
    let offline = move || {
        status.offline().get().then(|| {
            let lang = lang.get();
            let as_of = match state.get() {
                BundleState::Ready(loaded, _) => {
                    let date = loaded.bundle.generated_at.bangkok_date();
                    Some(format!(" {} {}.", Msg::DataAsOf.text(lang), date.display(lang)))
                }
                _ => None,
            };
            view! {
                <div class="banner banner--offline" data-testid="offline-banner" role="status">
                    <p><strong>{Msg::OfflineTitle.text(lang)}</strong> " " {Msg::OfflineHelp.text(lang)} {as_of}</p>
                </div>
            }
        })
    };
    let update = move || {
        status.update_ready().get().then(|| {
            let lang = lang.get();
            view! {
                <div class="banner banner--update" data-testid="update-prompt" role="status">
                    <p>{Msg::UpdateReady.text(lang)}</p>
                    // Only the citizen's click reloads: never under someone typing a story.
                    <button type="button" class="button" on:click=move |_| status.accept_update()>
                        {Msg::ReloadToUpdate.text(lang)}
                    </button>
                </div>
            }
        })
    };
    let refused = move || {
        bundle.refused_update().get().map(|error| {
            let lang = lang.get();
            view! {
                <div class="banner banner--warning" data-testid="bundle-update-refused" role="status">
                    <p>{Msg::UpdateRefused.text(lang)}</p>
                    <details>
                        <summary>{Msg::BundleErrorDetails.text(lang)}</summary>
                        <p>{error.summary(lang)}</p>
                        <ul>{error.details(lang).into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                    </details>
                </div>
            }
        })
    };
    view! { <div class="status-banners">{offline}{update}{refused}</div> }
}
