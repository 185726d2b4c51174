//! The app's effects, each built through one closure type.
//!
//! Leptos's `Effect::new` is generic over its closure, so every call compiled a copy of the
//! effect's set-up around its own closure: about 1 KB of wasm a call, fourteen calls in the
//! main module. [`effect`] boxes the closure first, so that the set-up is compiled once;
//! `clippy.toml` refuses a direct `Effect::new` anywhere else.

use leptos::prelude::Effect;

/// Runs `run` once the present update is over, and again whenever a signal it read changes,
/// for as long as the reactive owner it was made under lives (as `Effect::new` does).
pub fn effect(run: impl FnMut() + 'static) {
    erased(Box::new(run));
}

/// As [`effect`], until `run` says it is done: from then on it reads no signal and is never
/// run again (a step to take once, when what it waits for is there).
pub fn effect_until_done(mut run: impl FnMut() -> bool + 'static) {
    let mut done = false;
    effect(move || {
        if !done {
            done = run();
        }
    });
}

// Never inlined into `effect`: each caller's copy would then hold the set-up again.
#[inline(never)]
#[allow(clippy::disallowed_methods)] // The one call the lint leaves (clippy.toml).
fn erased(run: Box<dyn FnMut()>) {
    Effect::new(run);
}
