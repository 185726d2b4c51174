//! The setting the app runs in (a citizen's own device, a shared kiosk or another site's
//! frame), read once from the address and kept in every address the app makes.

use crate::browser::{clock, document, embed};
use crate::domain::mode::{self, Mode, KIOSK_IDLE_DEFAULT_SECS};
use crate::domain::outbox::Millis;
use crate::state::bundle::{BundleContext, BundleState};
use crate::state::effect::effect_until_done;
use leptos::prelude::*;

/// The mode, shared by every component. It does not change while the page lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModeContext {
    mode: Mode,
    /// Seconds without a touch before a kiosk counts down to its reset.
    idle_secs: u32,
    /// When this page started; a kiosk starts a new page for each person.
    started_at: Millis,
}

impl ModeContext {
    /// Reads `mode=` and `idle=` from the address, marks the document for the style
    /// sheets, and provides the mode to the tree below.
    pub fn provide(bundle: BundleContext) -> ModeContext {
        let context = ModeContext {
            mode: Mode::parse(document::query_param("mode").as_deref()),
            idle_secs: mode::kiosk_idle_secs(document::query_param("idle").as_deref()),
            started_at: clock::millis(),
        };
        document::set_mode(context.mode.as_str());
        if context.mode == Mode::Embed {
            report_height_once_allowed(bundle);
        }
        provide_context(context);
        context
    }

    /// The provided context (the default mode if none was provided).
    pub fn get() -> ModeContext {
        use_context().unwrap_or(ModeContext {
            mode: Mode::Default,
            idle_secs: KIOSK_IDLE_DEFAULT_SECS,
            started_at: 0,
        })
    }

    pub fn mode(self) -> Mode {
        self.mode
    }

    pub fn idle_secs(self) -> u32 {
        self.idle_secs
    }

    /// The oldest story `/stories/mine` shows: on a kiosk, none from before this page
    /// started (the last person's); elsewhere, every one.
    pub fn own_stories_since(self) -> Millis {
        match self.mode {
            Mode::Kiosk => self.started_at,
            Mode::Default | Mode::Embed => Millis::MIN,
        }
    }

    /// Where a kiosk starts over: the home page in the same setting, idle time included.
    pub fn kiosk_home(self) -> String {
        let home = self.mode.keep_in("/");
        if self.idle_secs == KIOSK_IDLE_DEFAULT_SECS {
            home
        } else {
            format!("{home}&idle={}", self.idle_secs)
        }
    }
}

/// The app's route `path` with the current mode kept in it, for links and navigation.
pub fn link(path: &str) -> String {
    ModeContext::get().mode.keep_in(path)
}

/// The `href` of a plain `<a>` to the app's route `path`: the path the app is deployed under,
/// then the route with the mode kept. The router follows a plain link as it does its own
/// `Link`, which watches the address for `aria-current` at every navigation; lists of many
/// links (news cards, the dashboard's counts) use plain ones.
pub fn href(path: &str) -> String {
    deployed(&link(path))
}

/// `path`, an address of the app, under the path the app is deployed under.
pub fn deployed(path: &str) -> String {
    format!("{}{path}", document::base_path())
}

/// Once the bundle says which sites may embed the app, tells the framing page the app's
/// height whenever it changes, if that page is one of them.
fn report_height_once_allowed(bundle: BundleContext) {
    effect_until_done(move || {
        let BundleState::Ready(loaded, _) = bundle.state().get() else {
            return false;
        };
        let Some(parent) = embed::parent_origin() else {
            return true;
        };
        if !mode::may_tell_parent(
            &parent,
            &embed::own_origin(),
            &loaded.bundle.config.embed_origins,
        ) {
            return true;
        }
        embed::watch_height(move |height| {
            embed::tell_parent(
                &mode::height_message(height, &embed::current_path()),
                &parent,
            );
        });
        true
    });
}
