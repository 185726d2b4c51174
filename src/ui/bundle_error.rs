//! What a citizen sees when the bundle cannot be used.

use crate::domain::i18n::Msg;
use crate::domain::load::LoadError;
use crate::state::bundle::BundleContext;
use crate::state::lang::use_lang;
use leptos::prelude::*;

/// How many problems are listed before the rest are folded away.
const SHOWN: usize = 5;

/// The problem in plain words, the first few details for the web team, and a way to retry.
#[component]
pub fn BundleError(error: LoadError) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let details = error.details(lang);
    let more = details.len().saturating_sub(SHOWN);
    let shown: Vec<String> = details.iter().take(SHOWN).cloned().collect();
    let folded: Vec<String> = details.into_iter().skip(SHOWN).collect();
    let retry = move |_| BundleContext::get().load();
    view! {
        <section class="bundle-error" data-testid="bundle-error" role="alert">
            <h1 class="bundle-error__title">{Msg::BundleErrorTitle.text(lang)}</h1>
            <p class="bundle-error__summary">{error.summary(lang)}</p>
            {(!shown.is_empty()).then(|| view! {
                <ul class="bundle-error__details">
                    {shown.into_iter().map(|line| view! { <li><code>{line}</code></li> }).collect_view()}
                </ul>
            })}
            {(more > 0).then(|| view! {
                <details class="bundle-error__more">
                    <summary>{format!("{} (+{more})", Msg::BundleErrorDetails.text(lang))}</summary>
                    <ul>
                        {folded.into_iter().map(|line| view! { <li><code>{line}</code></li> }).collect_view()}
                    </ul>
                </details>
            })}
            <p>{Msg::BundleErrorHelp.text(lang)}</p>
            <button type="button" class="button" on:click=retry>{Msg::TryAgain.text(lang)}</button>
        </section>
    }
}
