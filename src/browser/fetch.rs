//! Fetching text and bytes over HTTP, and checking bytes against their SHA-256.

use crate::domain::load::LoadError;
use crate::domain::names;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A successful response to a plain GET of `url`, or why there is none.
async fn get(url: &str) -> Result<web_sys::Response, LoadError> {
    let window = web_sys::window().ok_or(LoadError::Network)?;
    // The default request, so that the response `index.html` preloads is the one used.
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| LoadError::Network)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| LoadError::Network)?;
    if !response.ok() {
        return Err(LoadError::Status(response.status()));
    }
    Ok(response)
}

/// Asks for `url` and leaves its body unread: for a request whose answer matters to the
/// service worker that sees it, not to the page.
pub async fn ask(url: &str) {
    let _ = get(url).await;
}

/// The body of `url` as text, or why it could not be had.
pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let response = get(url).await?;
    let text = response.text().map_err(|_| LoadError::Network)?;
    let text = JsFuture::from(text).await.map_err(|_| LoadError::Network)?;
    text.as_string().ok_or(LoadError::Network)
}

/// The bytes of `url`, or why they could not be had.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, LoadError> {
    Ok(fetch_bytes_noting(url).await?.0)
}

/// The bytes of `url`, and whether the device kept them: `false` when the service worker
/// that answered said it had no room for them ([`names::NOT_KEPT_HEADER`]).
pub async fn fetch_bytes_noting(url: &str) -> Result<(Vec<u8>, bool), LoadError> {
    let response = get(url).await?;
    let kept = !response
        .headers()
        .has(names::NOT_KEPT_HEADER)
        .unwrap_or(false);
    let buffer = response.array_buffer().map_err(|_| LoadError::Network)?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|_| LoadError::Network)?;
    Ok((js_sys::Uint8Array::new(&buffer).to_vec(), kept))
}

/// The SHA-256 of `bytes`, by the browser's Web Crypto; `None` where there is none (an
/// insecure origin other than localhost).
pub async fn sha256(bytes: &[u8]) -> Option<Vec<u8>> {
    let subtle = web_sys::window()?.crypto().ok()?.subtle();
    let data = js_sys::Uint8Array::from(bytes);
    let digest = subtle
        .digest_with_str_and_buffer_source("SHA-256", &data)
        .ok()?;
    let digest = JsFuture::from(digest).await.ok()?;
    Some(js_sys::Uint8Array::new(&digest).to_vec())
}
