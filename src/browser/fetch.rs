//! Fetching text over HTTP.

use crate::domain::load::LoadError;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The body of `url` as text, or why it could not be had.
pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let window = web_sys::window().ok_or(LoadError::Network)?;
    // The default request, so that the response `index.html` preloads is the one used.
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| LoadError::Network)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| LoadError::Network)?;
    if !response.ok() {
        return Err(LoadError::Status(response.status()));
    }
    let text = response.text().map_err(|_| LoadError::Network)?;
    let text = JsFuture::from(text).await.map_err(|_| LoadError::Network)?;
    text.as_string().ok_or(LoadError::Network)
}
