//! The app's start: whether its own page has taken the place of what the page came with, as
//! a signal, so that a part built only once the app is on screen (`ui::in_turn`) can wait
//! for that moment instead of looking for it.

use crate::browser::document;
use leptos::prelude::*;

/// Whether the app's page is on screen, shared by every component.
#[derive(Clone, Copy)]
pub struct StartContext {
    shown: RwSignal<bool>,
}

impl StartContext {
    pub fn provide() -> StartContext {
        let context = StartContext {
            shown: RwSignal::new(document::app_revealed()),
        };
        provide_context(context);
        context
    }

    /// The provided context; without one (a part mounted on its own, with no app to reveal
    /// it), a start long over, so that nothing waits for a moment that never comes.
    pub fn get() -> StartContext {
        use_context().unwrap_or_else(|| StartContext {
            shown: RwSignal::new(true),
        })
    }

    /// Puts the app's page in place of what the page came with (`document::reveal_app`).
    pub fn reveal(self) {
        document::reveal_app();
        self.shown.set(true);
    }

    pub fn shown(self) -> Signal<bool> {
        self.shown.into()
    }
}
