//! The language switch: one button that names the other language in that language.

use crate::state::lang::LangContext;
use leptos::prelude::*;

/// Switches between Thai and English and remembers the choice.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let context = LangContext::get();
    let other = move || context.lang().get().other();
    view! {
        <button
            type="button"
            class="lang-switch"
            data-testid="lang-switch"
            lang=move || other().as_str()
            on:click=move |_| context.set(other())
        >
            {move || other().endonym()}
        </button>
    }
}
