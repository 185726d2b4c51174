//! A part of a page built in a task of its own, after the one that built the rest.
//!
//! A slow phone runs the wasm four times slower than a laptop, and a page built in one task
//! holds it for a fifth of a second: a tap in that time waits. Built in turns, each part is a
//! short task and the browser gets its turn between them. Only while the app starts, out of
//! sight behind the page it came with: once it is on screen, a page the citizen asks for is
//! built whole, so that it never shows in parts or grows under the reader's eyes.

use crate::browser::{clock, document};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Renders `children` one task later while the app starts, at once after. Until then it holds
/// a place marked `aria-busy`, which keeps the page hidden behind what it came with (see
/// `ui::app`) until every part is here.
/// `rows`: the children are a table's row group, so the place held is an empty `<tbody>`.
#[component]
pub fn InTurn(children: ChildrenFn, #[prop(optional)] rows: bool) -> impl IntoView {
    let built = RwSignal::new(document::app_revealed());
    if !built.get_untracked() {
        spawn_local(async move {
            clock::next_task().await;
            // The page may have gone meanwhile: then there is nothing to do.
            let _ = built.try_set(true);
        });
    }
    move || match (built.get(), rows) {
        (true, _) => children().into_any(),
        (false, true) => view! { <tbody class="in-turn" aria-busy="true"></tbody> }.into_any(),
        (false, false) => view! { <div class="in-turn" aria-busy="true"></div> }.into_any(),
    }
}
