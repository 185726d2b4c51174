//! The language the app speaks, chosen once at start and changed by the language switch.

use super::effect::effect;
use crate::browser::{document, storage};
use crate::domain::i18n::{Lang, Msg};
use leptos::prelude::*;

/// Also read by `src/build/before-paint.js`, before the app starts.
use crate::domain::names::LANG_KEY as STORAGE_KEY;

/// The language, shared by every component.
#[derive(Clone, Copy)]
pub struct LangContext {
    lang: RwSignal<Lang>,
}

impl LangContext {
    /// Chooses the language from the address, the saved choice and the browser, keeps
    /// `<html lang>` in step with it, and provides it to the tree below.
    pub fn provide() -> LangContext {
        let chosen = Lang::choose(
            document::query_param("lang").as_deref(),
            storage::get(STORAGE_KEY).as_deref(),
            document::browser_languages().iter().map(String::as_str),
        );
        let context = LangContext {
            lang: RwSignal::new(chosen),
        };
        effect(move || document::set_language(context.lang.get()));
        provide_context(context);
        context
    }

    /// The provided context (a fresh Thai one if none was provided).
    pub fn get() -> LangContext {
        use_context().unwrap_or_else(|| LangContext {
            lang: RwSignal::new(Lang::default()),
        })
    }

    /// The current language, for reading in views.
    pub fn lang(self) -> Signal<Lang> {
        self.lang.into()
    }

    /// Forgets the saved choice, so that the next person at a shared kiosk starts from the
    /// kiosk's own language.
    pub fn forget_choice() {
        storage::remove(STORAGE_KEY);
    }

    /// Switches to `lang` and remembers the choice on this device.
    pub fn set(self, lang: Lang) {
        self.lang.set(lang);
        storage::set(STORAGE_KEY, lang.as_str());
    }
}

/// The current language.
pub fn use_lang() -> Signal<Lang> {
    LangContext::get().lang()
}

/// A fixed message in the current language, as a reactive string for views.
pub fn t(msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || msg.text(lang.get())
}
