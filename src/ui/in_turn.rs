//! A part of a page built in a task of its own, after the one that built the rest.
//!
//! A slow phone runs the wasm four times slower than a laptop, and a page built in one task
//! holds it for a fifth of a second: a tap in that time waits. Built in turns, each part is a
//! short task and the browser gets its turn between them. Only while the app starts, out of
//! sight behind the page it came with: once it is on screen, a page the citizen asks for is
//! built whole, so that it never shows in parts or grows under the reader's eyes. A part out
//! of sight on this screen (`folded`) is the exception, at the start and after: it is built
//! once its page has been painted, since no one sees it grow, or at once when it unfolds.

use crate::browser::clock;
use crate::state::effect::effect;
use crate::state::start::StartContext;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Renders `children` one task later while the app starts, at once after. Until then it holds
/// a place marked `aria-busy`, which keeps the page hidden behind what it came with (see
/// `ui::app`) until every part is here.
/// `rows`: the children are a table's row group, so the place held is an empty `<tbody>`.
/// `folded`: while it says so, the part is out of sight on this screen (a panel a phone
/// folds away behind its toggle). Then it is not built as the page is, but once the page is
/// on screen and painted, or at once when it unfolds: the start does not build what it does
/// not show. Its place is marked `data-later` instead, which keeps no page waiting (the
/// prerender waits for it: src/build/prerender.mjs).
#[component]
pub fn InTurn(
    children: ChildrenFn,
    #[prop(optional)] rows: bool,
    #[prop(optional, into)] folded: Option<Signal<bool>>,
) -> impl IntoView {
    let shown = StartContext::get().shown();
    let later = folded.is_some_and(|folded| folded.get_untracked());
    let built = RwSignal::new(shown.get_untracked() && !later);
    match folded {
        Some(folded) if later => {
            // Built once: setting it again would build the part anew, and lose its focus.
            let build = move || {
                if built.try_get_untracked() == Some(false) {
                    built.set(true);
                }
            };
            // Once built, the effect reads no signal: it may run once more, then never again.
            effect(move || {
                if built.get_untracked() {
                    return;
                }
                if !folded.get() {
                    build();
                } else if shown.get() {
                    spawn_local(async move {
                        clock::after_paint().await;
                        build();
                    });
                }
            });
        }
        _ if !built.get_untracked() => {
            spawn_local(async move {
                clock::next_task().await;
                // The page may have gone meanwhile: then there is nothing to do.
                let _ = built.try_set(true);
            });
        }
        _ => {}
    }
    move || match (built.get(), rows, later) {
        (true, _, _) => children().into_any(),
        (false, _, true) => view! { <div class="in-turn" data-later=""></div> }.into_any(),
        (false, true, false) => {
            view! { <tbody class="in-turn" aria-busy="true"></tbody> }.into_any()
        }
        (false, false, false) => view! { <div class="in-turn" aria-busy="true"></div> }.into_any(),
    }
}
