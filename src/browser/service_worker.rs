//! The service worker (built from `src/build/`): registering it, hearing what it says, telling
//! it what the app decided, and taking a new version when the citizen accepts it.

use super::document;
use crate::domain::names::{WorkerMessage, DATA_FILES_CACHE, SYNC_TAG};
use std::cell::RefCell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    static REGISTRATION: RefCell<Option<web_sys::ServiceWorkerRegistration>> = const { RefCell::new(None) };
}

fn worker_container() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Absent in insecure contexts and some embedded browsers.
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .ok()?
        .then(|| navigator.service_worker())
}

/// Registers the worker for the app's base URL. `on_update_ready` is called when a new
/// version is installed and waiting; `on_message` with the `type` of each message the worker
/// sends.
pub fn register(
    on_update_ready: impl Fn() + Clone + 'static,
    on_message: impl Fn(WorkerMessage) + 'static,
) {
    let Some(container) = worker_container() else {
        return;
    };
    let handler =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let kind = js_sys::Reflect::get(&event.data(), &JsValue::from_str("type"))
                .ok()
                .and_then(|kind| kind.as_string())
                .and_then(|kind| WorkerMessage::parse(&kind));
            if let Some(kind) = kind {
                on_message(kind);
            }
        });
    container.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    // Whatever the worker said before this page listened is lost: ask it again.
    tell(WorkerMessage::Hello);

    let options = web_sys::RegistrationOptions::new();
    options.set_scope(&document::resolve("./"));
    let registering = container.register_with_options(&document::resolve("sw.js"), &options);
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = JsFuture::from(registering).await else {
            return;
        };
        let Ok(registration) = registration.dyn_into::<web_sys::ServiceWorkerRegistration>() else {
            return;
        };
        let controlled = container.controller().is_some();
        if controlled && registration.waiting().is_some() {
            on_update_ready();
        }
        let watched = registration.clone();
        let on_found = Closure::<dyn Fn()>::new(move || {
            let Some(installing) = watched.installing() else {
                return;
            };
            let worker = installing.clone();
            let ready = on_update_ready.clone();
            let on_state = Closure::<dyn Fn()>::new(move || {
                let has_controller = worker_container().and_then(|c| c.controller()).is_some();
                if worker.state() == web_sys::ServiceWorkerState::Installed && has_controller {
                    ready();
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        on_found.forget();
        REGISTRATION.with(|slot| *slot.borrow_mut() = Some(registration));
    });
}

/// Asks the browser to look for a new version of the worker now.
pub fn check_for_update() {
    REGISTRATION.with(|slot| {
        if let Some(registration) = slot.borrow().as_ref() {
            // A failed check (offline) is simply tried again next time.
            if let Ok(promise) = registration.update() {
                quietly(promise);
            }
        }
    });
}

/// Lets the waiting version take over, and reloads the page once it has, so that every file
/// comes from the new version.
pub fn accept_update() {
    let waiting = REGISTRATION.with(|slot| slot.borrow().as_ref().and_then(|r| r.waiting()));
    let (Some(waiting), Some(container)) = (waiting, worker_container()) else {
        return;
    };
    let reload = Closure::once_into_js(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    container.set_oncontrollerchange(Some(reload.unchecked_ref()));
    let _ = waiting.post_message(&message(WorkerMessage::SkipWaiting));
}

/// Whether a service worker controls this page (and so keeps what it reads).
pub fn controls_page() -> bool {
    worker_container()
        .and_then(|container| container.controller())
        .is_some()
}

/// The addresses of the dataset's files the service worker keeps on this device
/// ([`DATA_FILES_CACHE`]); none where they cannot be read.
pub async fn kept_data_files() -> std::collections::HashSet<String> {
    let Some(caches) = web_sys::window().and_then(|window| window.caches().ok()) else {
        return Default::default();
    };
    let keys = async {
        let cache = JsFuture::from(caches.open(DATA_FILES_CACHE)).await.ok()?;
        let cache: web_sys::Cache = cache.dyn_into().ok()?;
        let keys = JsFuture::from(cache.keys()).await.ok()?;
        Some(js_sys::Array::from(&keys))
    };
    let Some(keys) = keys.await else {
        return Default::default();
    };
    keys.iter()
        .filter_map(|request| request.dyn_into::<web_sys::Request>().ok())
        .map(|request| request.url())
        .collect()
}

/// Sends `{ type }` to the worker that controls this page.
pub fn tell(kind: WorkerMessage) {
    if let Some(controller) = worker_container().and_then(|container| container.controller()) {
        let _ = controller.post_message(&message(kind));
    }
}

fn message(kind: WorkerMessage) -> JsValue {
    let object = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &object,
        &JsValue::from_str("type"),
        &JsValue::from_str(kind.as_str()),
    );
    object.into()
}

/// Asks the browser to wake the service worker when the device is online again, so that
/// queued stories go out even if no page of the app is open then (Background Sync, where the
/// browser has it).
pub fn request_background_sync() {
    REGISTRATION.with(|slot| {
        let Some(registration) = slot.borrow().clone() else {
            return;
        };
        let sync = js_sys::Reflect::get(&registration, &JsValue::from_str("sync"))
            .ok()
            .filter(JsValue::is_object);
        let register = sync.as_ref().and_then(|sync| {
            js_sys::Reflect::get(sync, &JsValue::from_str("register"))
                .ok()?
                .dyn_into::<js_sys::Function>()
                .ok()
        });
        if let (Some(sync), Some(register)) = (sync, register) {
            if let Ok(promise) = register.call1(&sync, &JsValue::from_str(SYNC_TAG)) {
                if let Ok(promise) = promise.dyn_into::<js_sys::Promise>() {
                    quietly(promise);
                }
            }
        }
    });
}

/// Whether the browser says it is online.
pub fn is_online() -> bool {
    web_sys::window().is_none_or(|window| window.navigator().on_line())
}

/// Calls `on_change(online)` whenever the browser goes offline or comes back.
pub fn on_connectivity(on_change: impl Fn(bool) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_change = std::rc::Rc::new(on_change);
    for (event, online) in [("online", true), ("offline", false)] {
        let on_change = on_change.clone();
        let handler = Closure::<dyn Fn()>::new(move || on_change(online));
        let _ = window.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
        handler.forget();
    }
}

/// Asks the browser to keep the app's storage (the outbox) even when space runs low.
pub fn ask_for_persistent_storage() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(promise) = window.navigator().storage().persist() {
        quietly(promise);
    }
}

/// Lets `promise` settle without anyone waiting for it or hearing of a rejection.
fn quietly(promise: js_sys::Promise) {
    wasm_bindgen_futures::spawn_local(async move {
        let _ = JsFuture::from(promise).await;
    });
}
