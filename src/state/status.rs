//! What the app knows about its own situation: whether it is online, whether a new version
//! is waiting, and whether a refreshed bundle had to be refused. The service worker and the
//! browser's connectivity events feed it; the status banners read it. It also decides when
//! to look for a new version of the app and of the news.

use crate::browser::{clock, coordination, document, service_worker};
use crate::domain::names::{WorkerMessage, UPDATE_CHECK_MS};
use crate::state::bundle::BundleContext;
use leptos::prelude::*;

/// The app's situation, shared by every page.
#[derive(Clone, Copy)]
pub struct StatusContext {
    /// The browser says it is online.
    online: RwSignal<bool>,
    /// The service worker could not reach the server the last time it tried.
    unreachable: RwSignal<bool>,
    /// A new version of the app is installed and waiting.
    update_ready: RwSignal<bool>,
    /// When the app last asked for a new version (milliseconds since the epoch).
    last_check: StoredValue<i64>,
    /// The news, whose source is asked again with the app.
    bundle: Option<BundleContext>,
}

impl StatusContext {
    /// Provides the status to the tree below and follows the browser's connectivity and the
    /// page's coming back into view. The service worker is registered later, by
    /// [`StatusContext::register_worker`].
    pub fn provide(bundle: BundleContext) -> StatusContext {
        let status = StatusContext {
            bundle: Some(bundle),
            ..StatusContext::with_online(service_worker::is_online())
        };
        provide_context(status);
        service_worker::on_connectivity(move |online| {
            status.online.set(online);
            if online {
                status.unreachable.set(false);
                service_worker::check_for_update();
                bundle.look_for_fresh_news();
            }
        });
        document::on_shown(move || status.check_for_update());
        status
    }

    /// Registers the service worker and listens to it. The app calls this once its page is
    /// on screen: installing the worker downloads the whole app again to keep it, which on a
    /// slow connection would otherwise compete with the bundle the first page is waiting for.
    /// (What the worker said before is asked again: `service_worker::register`.)
    pub fn register_worker(self, bundle: BundleContext) {
        service_worker::register(
            move || self.update_ready.set(true),
            move |kind| match kind {
                WorkerMessage::BundleCandidate => bundle.consider_candidate(),
                WorkerMessage::NetworkFailed => self.unreachable.set(true),
                WorkerMessage::NetworkOk => self.unreachable.set(false),
                WorkerMessage::OutboxSync => coordination::wake(),
                _ => {}
            },
        );
        service_worker::ask_for_persistent_storage();
    }

    fn with_online(online: bool) -> StatusContext {
        StatusContext {
            online: RwSignal::new(online),
            unreachable: RwSignal::new(false),
            update_ready: RwSignal::new(false),
            last_check: StoredValue::new(0),
            bundle: None,
        }
    }

    /// The provided context (one that says all is well if none was provided).
    pub fn get() -> StatusContext {
        use_context().unwrap_or_else(|| StatusContext::with_online(true))
    }

    /// Whether the app should say it is offline: the device is, or the server cannot be
    /// reached.
    pub fn offline(self) -> Signal<bool> {
        Signal::derive(move || !self.online.get() || self.unreachable.get())
    }

    /// Whether a new version waits for the citizen's "reload to update".
    pub fn update_ready(self) -> Signal<bool> {
        self.update_ready.into()
    }

    /// Looks for a new version of the app and of the news, at most every [`UPDATE_CHECK_MS`]
    /// (called as the citizen moves from page to page and comes back to the app, since a
    /// single-page app never navigates for the browser to check).
    pub fn check_for_update(self) {
        let now = clock::millis();
        if now - self.last_check.get_value() >= i64::from(UPDATE_CHECK_MS) {
            self.last_check.set_value(now);
            service_worker::check_for_update();
            if let Some(bundle) = self.bundle {
                bundle.look_for_fresh_news();
            }
        }
    }

    /// The citizen accepted the new version.
    pub fn accept_update(self) {
        service_worker::accept_update();
    }
}
