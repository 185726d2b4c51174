//! Handing a link to the citizen's other apps: the system share sheet where the browser has
//! one, and the clipboard.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

fn navigator() -> Option<web_sys::Navigator> {
    web_sys::window().map(|window| window.navigator())
}

/// Whether the browser offers its own share sheet (Web Share API).
pub fn can_share() -> bool {
    navigator().is_some_and(|navigator| {
        js_sys::Reflect::has(&navigator, &JsValue::from_str("share")).unwrap_or(false)
    })
}

/// Opens the share sheet for `url`; tells whether the citizen shared it (closing the sheet
/// is not an error worth showing).
pub async fn share(title: &str, url: &str) -> bool {
    let Some(navigator) = navigator().filter(|_| can_share()) else {
        return false;
    };
    let data = web_sys::ShareData::new();
    data.set_title(title);
    data.set_url(url);
    JsFuture::from(navigator.share_with_data(&data))
        .await
        .is_ok()
}

/// Copies `text` to the clipboard; tells whether it got there.
pub async fn copy(text: &str) -> bool {
    let Some(navigator) = navigator() else {
        return false;
    };
    let has_clipboard =
        js_sys::Reflect::has(&navigator, &JsValue::from_str("clipboard")).unwrap_or(false);
    if !has_clipboard {
        return false;
    }
    JsFuture::from(navigator.clipboard().write_text(text))
        .await
        .is_ok()
}
