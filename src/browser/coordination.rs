//! How the outbox's delivery loop waits, wakes and shares the work with other tabs.
//!
//! - One tab delivers at a time: it holds a Web Lock for as long as it lives; the browser
//!   releases the lock when the tab closes or crashes, and hands it to the next tab waiting.
//! - Tabs tell each other the outbox changed on a `BroadcastChannel`.
//! - The loop sleeps until the next story is due, or until something wakes it.

use std::cell::{Cell, RefCell};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::domain::names::{DELIVERY_LOCK as LOCK, OUTBOX_CHANNEL as CHANNEL};

thread_local! {
    static WAKE: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    static WOKEN: Cell<bool> = const { Cell::new(false) };
    static CHANNEL_HANDLE: RefCell<Option<web_sys::BroadcastChannel>> = const { RefCell::new(None) };
}

/// Resolves once this tab holds the delivery lock, which it then keeps until it closes, with
/// `true`. In a browser without Web Locks, or one that refuses them, it resolves at once with
/// `false` (each tab delivers; the receiver's idempotency keeps that safe).
pub async fn hold_delivery_lock() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let locks = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("locks"))
        .ok()
        .filter(|locks| locks.is_object());
    let request = locks.as_ref().and_then(|locks| {
        js_sys::Reflect::get(locks, &JsValue::from_str("request"))
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()
    });
    let (Some(locks), Some(request)) = (locks, request) else {
        return false;
    };
    let acquired = js_sys::Promise::new(&mut |resolve, _reject| {
        let refused = resolve.clone();
        let granted = Closure::once_into_js(move |_lock: JsValue| -> JsValue {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::TRUE);
            // Never settles: the lock is held until the tab goes away.
            js_sys::Promise::new(&mut |_, _| {}).into()
        });
        // A browser that refuses storage refuses the lock too: then deliver without it.
        match request.call2(&locks, &JsValue::from_str(LOCK), &granted) {
            Ok(answer) => {
                if let Ok(answer) = answer.dyn_into::<js_sys::Promise>() {
                    let deliver_anyway = Closure::<dyn FnMut(JsValue)>::new(move |_| {
                        let _ = refused.call1(&JsValue::NULL, &JsValue::FALSE);
                    });
                    let _ = answer.catch(&deliver_anyway);
                    deliver_anyway.forget();
                }
            }
            Err(_) => {
                let _ = refused.call1(&JsValue::NULL, &JsValue::FALSE);
            }
        }
    });
    JsFuture::from(acquired)
        .await
        .is_ok_and(|held| held.is_truthy())
}

/// Sleeps `millis` (or until woken, if `None`), returning early when [`wake`] is called,
/// including a wake that came while the loop was busy.
pub async fn sleep_unless_woken(millis: Option<i64>) {
    if WOKEN.with(|woken| woken.replace(false)) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(millis) = millis {
            let millis = i32::try_from(millis.clamp(0, 3_600_000)).unwrap_or(3_600_000);
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis);
        }
        WAKE.with(|wake| *wake.borrow_mut() = Some(resolve));
    });
    let _ = JsFuture::from(promise).await;
    WAKE.with(|wake| wake.borrow_mut().take());
    WOKEN.with(|woken| woken.set(false));
}

/// Ends the current sleep of the delivery loop, or the next one before it starts.
pub fn wake() {
    WOKEN.with(|woken| woken.set(true));
    if let Some(resolve) = WAKE.with(|wake| wake.borrow_mut().take()) {
        let _ = resolve.call0(&JsValue::NULL);
    }
}

/// Tells the other tabs that the outbox changed.
pub fn announce_change() {
    CHANNEL_HANDLE.with(|channel| {
        if let Some(channel) = channel.borrow().as_ref() {
            let _ = channel.post_message(&JsValue::from_str("changed"));
        }
    });
}

/// Calls `on_change` whenever another tab announces a change.
pub fn listen_for_changes(on_change: impl Fn() + 'static) {
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
        return;
    };
    let handler = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |_| on_change());
    channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    CHANNEL_HANDLE.with(|slot| *slot.borrow_mut() = Some(channel));
}

/// Calls `on_online` each time the device comes back online.
pub fn on_online(on_online: impl Fn() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let handler = Closure::<dyn Fn(web_sys::Event)>::new(move |_| on_online());
    let _ = window.add_event_listener_with_callback("online", handler.as_ref().unchecked_ref());
    handler.forget();
}

/// A fresh UUID v4 from the browser's cryptographic generator.
pub fn new_story_id() -> Option<String> {
    Some(web_sys::window()?.crypto().ok()?.random_uuid())
}

/// A number in `[0, 1)` for jitter.
pub fn random() -> f64 {
    js_sys::Math::random()
}
