//! The address bar and the session history: where the page is, a move to another address
//! of the same document, and the two ways a reader moves without the app's help (a click
//! on a link, and the back and forward buttons).

use crate::domain::route::{percent_decode, Address};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Where the page is now (empty when there is no window).
pub fn current() -> Address {
    let Some(location) = web_sys::window().map(|window| window.location()) else {
        return Address::default();
    };
    Address {
        path: location.pathname().unwrap_or_default(),
        search: location.search().unwrap_or_default(),
        hash: location.hash().unwrap_or_default(),
    }
}

/// Moves the address bar to `address` (a path of this origin) with a new history entry, or
/// in place of the current one if `replace`. Nothing is loaded.
pub fn go(address: &str, replace: bool) {
    let Some(history) = web_sys::window().and_then(|window| window.history().ok()) else {
        return;
    };
    let _ = match replace {
        true => history.replace_state_with_url(&JsValue::NULL, "", Some(address)),
        false => history.push_state_with_url(&JsValue::NULL, "", Some(address)),
    };
}

/// Scrolls to the element the fragment `hash` (with its `#`) names, if there is one;
/// otherwise to the top if `top`.
pub fn scroll_to(hash: &str, top: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let id = hash.strip_prefix('#').map(|id| percent_decode(id, false));
    let target = id
        .filter(|id| !id.is_empty())
        .and_then(|id| window.document()?.get_element_by_id(&id));
    match target {
        Some(element) => element.scroll_into_view(),
        None if top => window.scroll_to_with_x_and_y(0.0, 0.0),
        None => {}
    }
}

/// A plain click on a link that stays on this origin and in this tab: where it leads, and
/// whether it asked not to scroll (`data-noscroll`).
pub struct LinkClick {
    pub to: Address,
    pub keep_scroll: bool,
}

/// Calls `follow` for each plain click on a link that a browser would follow in this tab to
/// another address of this origin; when `follow` returns `true`, the browser does not. Not
/// given: clicks with a modifier key or another button, links with a `target`, `download`
/// or `rel="external"`, and links to another origin.
pub fn on_link_click(follow: impl Fn(LinkClick) -> bool + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let handler = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |event: web_sys::MouseEvent| {
        if let Some(click) = link_click(&event) {
            if follow(click) {
                event.prevent_default();
            }
        }
    });
    let _ = window.add_event_listener_with_callback("click", handler.as_ref().unchecked_ref());
    // For the app's lifetime, like the app itself.
    handler.forget();
}

fn link_click(event: &web_sys::MouseEvent) -> Option<LinkClick> {
    let plain = !(event.default_prevented()
        || event.button() != 0
        || event.meta_key()
        || event.alt_key()
        || event.ctrl_key()
        || event.shift_key());
    if !plain {
        return None;
    }
    let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    let link = target.closest("a[href]").ok()??;
    let attribute = |name: &str| link.get_attribute(name).unwrap_or_default();
    let external = attribute("rel")
        .split_ascii_whitespace()
        .any(|r| r == "external");
    if !attribute("target").is_empty() || link.has_attribute("download") || external {
        return None;
    }
    // Resolved as the browser would: against the document's base (`<base href>`).
    let url = web_sys::Url::new_with_base(&attribute("href"), &link.base_uri().ok()??).ok()?;
    if url.origin() != web_sys::window()?.location().origin().ok()? {
        return None;
    }
    Some(LinkClick {
        to: Address {
            path: url.pathname(),
            search: url.search(),
            hash: url.hash(),
        },
        keep_scroll: link.has_attribute("data-noscroll"),
    })
}

/// Calls `moved` each time the reader moves through the history (back, forward).
pub fn on_history_move(moved: impl Fn() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let handler = Closure::<dyn Fn()>::new(moved);
    let _ = window.add_event_listener_with_callback("popstate", handler.as_ref().unchecked_ref());
    handler.forget();
}
