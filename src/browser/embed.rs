//! The page around an embedded app: who embeds it, and telling them how tall it is.

use crate::domain::mode::HEIGHT_MESSAGE_TYPE;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The origin of the page this app is framed in, or `None` when it is not framed (or the
/// browser will not say who framed it).
pub fn parent_origin() -> Option<String> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    if js_sys::Object::is(&parent, &window) {
        return None;
    }
    // Chromium and Safari list the framing origins (`location.ancestorOrigins`, which
    // web-sys does not bind); elsewhere the referrer names the framing page.
    let listed = js_sys::Reflect::get(&window.location(), &JsValue::from_str("ancestorOrigins"))
        .ok()
        .filter(|origins| !origins.is_undefined())
        .and_then(|origins| js_sys::Reflect::get(&origins, &JsValue::from(0)).ok())
        .and_then(|first| first.as_string());
    listed.or_else(|| {
        let referrer = window.document()?.referrer();
        web_sys::Url::new(&referrer).ok().map(|url| url.origin())
    })
}

/// This page's own origin.
pub fn own_origin() -> String {
    web_sys::window()
        .and_then(|window| window.location().origin().ok())
        .unwrap_or_default()
}

/// The path and query of the current address, as the parent may want to show or keep it.
pub fn current_path() -> String {
    web_sys::window()
        .map(|window| {
            let location = window.location();
            format!(
                "{}{}",
                location.pathname().unwrap_or_default(),
                location.search().unwrap_or_default()
            )
        })
        .unwrap_or_default()
}

/// Calls `changed` with the height of the page's content now and whenever it changes, for as
/// long as the page lives.
pub fn watch_height(changed: impl Fn(f64) + 'static) {
    let Some(body) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.body())
    else {
        return;
    };
    let measured = body.clone();
    let callback = Closure::<dyn Fn()>::new(move || {
        changed(measured.get_bounding_client_rect().height());
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&body);
        // The observer and its callback live as long as the page.
        callback.forget();
    }
}

/// Posts `message` (JSON) to the parent window, delivered only if the parent's origin is
/// `origin`.
pub fn tell_parent(message: &str, origin: &str) {
    let Some(parent) = web_sys::window().and_then(|window| window.parent().ok().flatten()) else {
        return;
    };
    let value = js_sys::JSON::parse(message).unwrap_or_else(|_| JsValue::from_str(message));
    let _ = parent.post_message(&value, origin);
}

/// The height an app embedded in `frame` (on this page's own origin) reports in `event`, if
/// the event is such a report.
pub fn height_from_frame(
    event: &web_sys::MessageEvent,
    frame: &web_sys::HtmlIFrameElement,
) -> Option<f64> {
    if event.origin() != own_origin() {
        return None;
    }
    // The frame's window belongs to another realm, so compare identities, not types.
    let from_frame = frame
        .content_window()
        .zip(event.source())
        .is_some_and(|(window, source)| js_sys::Object::is(&window, &source));
    let data = event.data();
    let field = |name: &str| js_sys::Reflect::get(&data, &JsValue::from_str(name)).ok();
    let kind = field("type").and_then(|kind| kind.as_string());
    (from_frame && kind.as_deref() == Some(HEIGHT_MESSAGE_TYPE))
        .then(|| field("height").and_then(|height| height.as_f64()))
        .flatten()
}
